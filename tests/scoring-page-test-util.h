/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Scoring page's tests' set-up (test-scoring-page, test-scoring-evidence,
 * test-fit-dialog): a workspace each test fills, a context on it and the
 * page shown in a window, waited for until every card is built. */
#pragma once

#include <adwaita.h>

#include "gui-test-util.h"
#include "strata-context.h"
#include "strata-page.h"
#include "strata-scoring-page.h"
#include "strata-scoring-page-private.h"
#include "workspace-test-util.h"

typedef struct
{
  TestWorkspace      t;
  StrataContext     *context;
  GtkWindow         *window;
  StrataScoringPage *page;
} ScoringPageTestFixture;

/* Shows the Scoring page of f->context (when NULL, a context made on
 * f->t.ws with its scoring loaded) in a window of width x height, once the
 * page has its draft and its result and has built its editor's cards
 * (built in steps). */
static inline void
scoring_page_test_show (ScoringPageTestFixture *f,
                        int                     width,
                        int                     height)
{
  if (f->context == NULL)
    {
      f->context = strata_context_new (f->t.ws);
      strata_context_finish_scoring (f->context);
    }
  f->page = STRATA_SCORING_PAGE (strata_scoring_page_new ());
  g_object_set (f->page, "context", f->context, NULL);
  f->window = gui_test_show (GTK_WIDGET (f->page), width, height);
  gui_test_wait (f->page->draft != NULL && f->page->valid_result != NULL);
  strata_page_finish_load (STRATA_PAGE (f->page));
}

static inline void
scoring_page_test_teardown (ScoringPageTestFixture *f,
                            gconstpointer           data)
{
  gui_test_destroy (f->window);
  g_clear_object (&f->context);
  test_workspace_teardown (&f->t);
}
