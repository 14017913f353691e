/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by strata-window.c (pages, state) and strata-window-files.c
 * (choosing, opening and remembering workspaces). */
#pragma once

#include "strata-context.h"
#include "strata-window.h"

G_BEGIN_DECLS

struct _StrataWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  StrataWorkspace      *workspace;
  StrataContext        *context;
  GtkWidget           **pages;        /* one per entry of the page table */
  GtkFileChooserNative *chooser;
  gboolean              periods_changing;
  gboolean              writing_demo;
  /* A file being opened on a worker, which checks it after an unclean
   * shutdown (strata-window-files.c); the open workspace stays meanwhile. */
  GCancellable         *opening;
  char                 *opening_path;
  AdwStatusPage        *checking_page;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkDropDown          *period_dropdown;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  GtkInfoBar           *read_only_bar;
  GtkInfoBar           *file_gone_bar;
  GtkLabel             *file_gone_label;
};

/* strata-window.c: shows a banner when the open workspace's file was
 * deleted or replaced, and reloads when another program wrote it (run when
 * the window gets focus). */
void strata_window_check_file          (StrataWindow    *self);

/* strata-window.c: makes workspace the open one (NULL closes it). */
void strata_window_set_workspace       (StrataWindow    *self,
                                        StrataWorkspace *workspace);

/* strata-window.c: the title, header bar and main stack follow the open
 * workspace, or the file being checked before it opens (opening_path). */
void strata_window_update_chrome       (StrataWindow    *self);

/* strata-window-files.c */
void strata_window_files_init          (StrataWindow    *self);
/* Abandons the open being checked on a worker, if any: the window goes
 * back to what it showed before, without a word about that file. */
void strata_window_cancel_open         (StrataWindow    *self);
void strata_window_show_error          (StrataWindow    *self,
                                        const char      *heading,
                                        const GError    *error);
void strata_window_remember            (StrataWindow    *self,
                                        const char      *path);
void strata_window_reload_recent       (StrataWindow    *self);

G_END_DECLS
