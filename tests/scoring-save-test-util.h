/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Scoring page whose draft cannot be saved (test-scoring-busy: another
 * writer; test-scoring-disk-full: a full disk): a one-period workspace
 * shown in the page, the weight edited, the dialog that says the save
 * failed, and the copy the dialog offers. Each test makes its own failure
 * and checks its own message. */
#pragma once

#include <adwaita.h>

#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-ruleset-store.h"
#include "strata-scoring-page.h"
#include "strata-scoring-page-private.h"
#include "workspace-test-util.h"

typedef struct
{
  TestWorkspace      t;
  StrataContext     *context;
  StrataScoringPage *page;
  GtkWindow         *window;
  GtkWidget         *weight;   /* the first indicator's weight */
} ScoringSaveTest;

static inline double
scoring_save_test_weight_of (const StrataRules *rules)
{
  return ((StrataIndicator *) rules->indicators->pdata[0])->weight;
}

/* The first indicator's weight in the draft saved in workspace. */
static inline double
scoring_save_test_saved_weight (StrataWorkspace *workspace)
{
  g_autoptr(StrataRules) saved = strata_ruleset_store_get_draft (workspace, NULL);

  g_assert_nonnull (saved);
  return scoring_save_test_weight_of (saved);
}

/* A new workspace (tmp_prefix/file_name) with one period, in the Scoring
 * page of a window; its draft's first weight is 1. */
static inline void
scoring_save_test_setup (ScoringSaveTest *f,
                         const char      *tmp_prefix,
                         const char      *file_name)
{
  test_workspace_setup (&f->t, tmp_prefix, file_name);
  test_workspace_exec (f->t.ws, "INSERT INTO periods (id, name, position) VALUES (1, '2026-Q3', 1)");
  f->context = strata_context_new (f->t.ws);
  strata_context_finish_scoring (f->context);
  f->page = STRATA_SCORING_PAGE (strata_scoring_page_new ());
  g_object_set (f->page, "context", f->context, NULL);
  f->window = gui_test_show (GTK_WIDGET (f->page), 1400, 900);
  gui_test_wait (f->page->draft != NULL);
  g_assert_cmpfloat (scoring_save_test_saved_weight (f->t.ws), ==, 1);
  f->weight = gui_test_find_id (GTK_WIDGET (f->page), GTK_TYPE_SPIN_BUTTON, "weight", 0);
  g_assert_nonnull (f->weight);
}

/* Sets the weight to 1.4 as a user would and waits for the dialog that
 * says the draft could not be saved (returned): it offers Try Again,
 * nothing was written, and the edit is in the page's and the shared draft
 * and on screen. */
static inline AdwMessageDialog *
scoring_save_test_edit_fails (ScoringSaveTest *f)
{
  AdwMessageDialog *dialog = NULL;

  gui_test_spin_set (f->weight, 1.4);
  gui_test_wait (scoring_save_test_weight_of (f->page->draft) == 1.4);
  gui_test_wait ((dialog = gui_test_find_message_dialog ("The draft could not be saved")) != NULL);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
  g_assert_cmpfloat (scoring_save_test_saved_weight (f->t.ws), ==, 1);
  g_assert_cmpfloat (scoring_save_test_weight_of (f->page->draft), ==, 1.4);
  g_assert_cmpfloat (scoring_save_test_weight_of (strata_scoring_get_draft (
                       strata_context_get_scoring (f->context))), ==, 1.4);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (f->weight)), ==, 1.4);
  return dialog;
}

/* The dialog's Save a Copy As… writes the workspace with the draft to
 * copy_name beside it, twice (the second replaces the first); the
 * workspace itself keeps its old draft. */
static inline void
scoring_save_test_save_copy (ScoringSaveTest  *f,
                             AdwMessageDialog *dialog,
                             const char       *copy_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (f->t.dir, copy_name, NULL);
  g_autoptr(StrataWorkspace) copy = NULL;

  g_assert_true (adw_message_dialog_has_response (dialog, "copy"));
  g_assert_true (strata_scoring_page_save_copy (f->page, copy_path, &error));
  g_assert_no_error (error);
  copy = strata_workspace_open (copy_path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (scoring_save_test_saved_weight (copy), ==, 1.4);
  g_assert_cmpint (test_query_int (copy, "SELECT count(*) FROM periods"), ==, 1);
  g_assert_true (strata_workspace_check (copy, &error));
  g_assert_no_error (error);
  g_assert_true (strata_scoring_page_save_copy (f->page, copy_path, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (scoring_save_test_saved_weight (f->t.ws), ==, 1);
}

/* Try Again (once the failure is gone) saves the draft in the workspace;
 * closing the dialog brings no new one. */
static inline void
scoring_save_test_retry (ScoringSaveTest  *f,
                         AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "retry");
  g_assert_cmpfloat (scoring_save_test_saved_weight (f->t.ws), ==, 1.4);
  /* (A click closes the dialog; _response() alone does not.) */
  gtk_window_destroy (GTK_WINDOW (dialog));
  gui_test_wait (gui_test_find_message_dialog ("The draft could not be saved") == NULL);
}

static inline void
scoring_save_test_teardown (ScoringSaveTest *f)
{
  gui_test_destroy (f->window);
  g_clear_object (&f->context);
  test_workspace_teardown (&f->t);
}
