/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the page and its dialogs (strata-entitlements-dialogs.c). */
#pragma once

#include <adwaita.h>

#include "strata-entitlements-page.h"
#include "strata-window.h"

G_BEGIN_DECLS

struct _StrataEntitlementsPage
{
  StrataPage          parent_instance;

  GtkStack           *stack;
  GtkLabel           *problems_label;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  GtkBox             *matrix_box;

  StrataEntitlements *model;

  GHashTable         *cells;        /* "id\x1ftier" -> Cell (owned by its editor) */
  GPtrArray          *size_groups;  /* 0: labels, 1..n: tiers, n+1: row menus */
  GPtrArray          *cost_labels;  /* GtkLabel, 5 rows x tiers */
  GtkWidget          *cost_note;
  char               *signature;
  guint               rebuild_id;
  guint               build_next;   /* the next stage card of a build in steps */
  /* Tier figures of the current period: read when the period, the data or
   * the rules change, not on every edit of the matrix. */
  guint              *customers;
  double             *revenue;
  guint               n_figures;
  gboolean            figures_known;
  gboolean            updating;     /* setting editors from the model */
  /* Below NARROW_WIDTH the cells leave out their units (the row's caption
   * says it) and the columns close up, so five tiers fit 800 pixels. */
  GPtrArray          *unit_labels;  /* GtkLabel of the number cells */
  gboolean            narrow;
  guint               narrow_id;
};

typedef struct
{
  StrataEntitlementsPage *page;
  gint64                  id;
  char                   *tier;
  StrataEntitlementKind   kind;
  GtkWidget              *box;
  GtkWidget              *editor;
  GtkWidget              *icon;
  char                   *input_error;  /* refused input, until the next edit */
} StrataEntitlementsCell;

/* The cell of e for tier: its box (editor, unit, warning icon), registered
 * in self->cells (strata-entitlements-cells.c). */
GtkWidget *strata_entitlements_cell_new       (StrataEntitlementsPage      *self,
                                               const StrataEntitlement     *e,
                                               const StrataEntitlementTier *tier);
/* Puts the stored value back into the editor (set self->updating around
 * it) and shows the cell's problem, if any. */
void       strata_entitlements_cell_refresh   (StrataEntitlementsCell      *cell);
/* Stores input as the value of entitlement id for tier, as a cell's edit
 * does: a refusal shows at the cell, and a write that may succeed later
 * offers Try Again and Save a Copy As…. */
gboolean   strata_entitlements_page_set_value (StrataEntitlementsPage      *self,
                                               gint64                       id,
                                               const char                  *tier,
                                               const char                  *input);

void strata_entitlements_page_add_toast       (StrataEntitlementsPage *self,
                                               AdwToast               *toast);
/* Installs the page.* actions and their shortcuts
 * (strata-entitlements-page-actions.c). */
void strata_entitlements_page_install_actions (GtkWidgetClass         *widget_class);

/* Shows message under the toolbar (and as the page's error) until the next
 * successful edit. */
void strata_entitlements_page_show_error      (StrataEntitlementsPage *self,
                                               const char             *message);
void strata_entitlements_page_clear_error     (StrataEntitlementsPage *self);

/* Asks for a name (stage names): calls apply with the text on "apply". */
typedef void (*StrataNameCallback) (StrataEntitlementsPage *self,
                                    const char             *text,
                                    gint64                  id);
void strata_entitlements_page_ask_name        (StrataEntitlementsPage *self,
                                               const char             *heading,
                                               const char             *initial,
                                               const char             *apply_label,
                                               gint64                  id,
                                               StrataNameCallback      apply);

/* Adds an entitlement to stage_id (entitlement_id 0) or edits one: name,
 * kind, unit, levels, direction and cost per customer. */
void strata_entitlements_page_edit_entitlement (StrataEntitlementsPage *self,
                                                gint64                  stage_id,
                                                gint64                  entitlement_id);

/* Asks which tier column to copy onto which. */
void strata_entitlements_page_ask_copy_tier   (StrataEntitlementsPage *self);

G_END_DECLS
