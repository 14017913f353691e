/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataWorkspaceList: the base of the list models that mirror a table of
 * the workspace (periods, metrics). A subclass reads its rows and says when
 * two items are the same; the base keeps them in a GListStore, reloads on
 * the workspace's ::changed for the subclass's kind (and "all"), and splices
 * only the range that changed, so unchanged rows stay the same objects and
 * views keep their rows. */
#pragma once

#include <gio/gio.h>

#include "strata-workspace.h"

G_BEGIN_DECLS

#define STRATA_TYPE_WORKSPACE_LIST (strata_workspace_list_get_type ())
G_DECLARE_DERIVABLE_TYPE (StrataWorkspaceList, strata_workspace_list, STRATA, WORKSPACE_LIST,
                          GObject)

struct _StrataWorkspaceListClass
{
  GObjectClass parent_class;

  /* The ::changed kind that reloads the list ("periods"); "all" always does. */
  const char  *changed_kind;
  GType        item_type;

  /* Appends the workspace's rows, in list order, to fresh (owning refs). */
  gboolean   (*load)    (StrataWorkspaceList  *self,
                         GPtrArray            *fresh,
                         GError              **error);
  /* Whether two items are the same row with nothing visible changed. */
  gboolean   (*equal)   (gpointer              a,
                         gpointer              b);
  /* Optional: after a reload, with the list's items and the fresh ones
   * (same length, same rows), to copy what may change without making a
   * row different (a period's chronological rank). */
  void       (*refresh) (GListModel           *items,
                         GPtrArray            *fresh);

  gpointer     padding[4];
};

StrataWorkspace *strata_workspace_list_get_workspace (StrataWorkspaceList  *self);
/* Reads the rows again; FALSE (and the list unchanged) on a read error. */
gboolean         strata_workspace_list_reload        (StrataWorkspaceList  *self,
                                                      GError              **error);
/* Item at position, transfer none (the list holds it); NULL past the end. */
gpointer         strata_workspace_list_peek          (StrataWorkspaceList  *self,
                                                      guint                 position);

G_END_DECLS
