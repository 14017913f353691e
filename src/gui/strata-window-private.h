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

/* strata-window-files.c */
void strata_window_files_init          (StrataWindow    *self);
void strata_window_show_error          (StrataWindow    *self,
                                        const char      *heading,
                                        const GError    *error);
void strata_window_remember            (StrataWindow    *self,
                                        const char      *path);
void strata_window_reload_recent       (StrataWindow    *self);

G_END_DECLS
