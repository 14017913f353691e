/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the Review page's files share: the page itself, its loading and
 * presenting (strata-review-page.c), its quadrant chart and the customer it
 * follows (strata-review-page-chart.c), its period actions
 * (strata-review-page-periods.c), its lists of movers (strata-review-movers.c,
 * models strata-mover-model.c, rows strata-mover-row.c), its retention chart (strata-review-retention.c)
 * and its export of the movement (strata-review-page-export.c). */
#pragma once

#include <adwaita.h>

#include "strata-review-chart.h"
#include "strata-review-page.h"

G_BEGIN_DECLS

struct _StrataReviewPage
{
  StrataPage         parent_instance;

  StrataReviewDeck  *deck;
  /* The deck's quadrant chart with the movers' arrows, built by the
   * worker with it, for the presentation's slide. */
  StrataQuadrantChart *movers_chart;
  GCancellable      *chart_cancellable;  /* the chart of other arrows on a worker */
  GtkWindow         *presentation;
  guint              reload_id;
  guint              lists_id;     /* gives the list of movers its model */
  guint              height_id;    /* sizes the list to the page's view */
  StrataMoveKind     movers_kind;  /* the movement the list shows */
  guint              defaults_id;
  gboolean           syncing;
  gboolean           slide_enabled[STRATA_N_SLIDES];

  GtkStack          *stack;
  GtkDropDown       *from_drop;
  GtkDropDown       *to_drop;
  GtkCheckButton    *restate_check;
  AdwSplitButton    *close_button;
  GtkMenuButton     *present_button;
  GtkBox            *slides_box;
  GtkLabel          *summary_label;
  GtkLabel          *split_label;
  StrataReviewChart *heat_map;
  GtkGrid           *quadrant_grid;
  GtkScrolledWindow *page_scrolled;
  GtkBox            *movers_card;
  GtkBox            *movers_switcher;
  GtkToggleButton   *movers_toggles[STRATA_N_MOVE_KINDS];
  GtkLabel          *movers_counts[STRATA_N_MOVE_KINDS];
  GtkStack          *movers_stack;
  GtkScrolledWindow *movers_scrolled;
  GtkGridView       *movers_view;
  AdwStatusPage     *movers_empty;
  StrataReviewChart *quadrant_chart;
  GtkToggleButton   *arrows_movers;
  GtkToggleButton   *arrows_selected;
  GtkToggleButton   *arrows_none;
  GtkLabel          *arrows_label;
  guint              n_arrows;
  StrataReviewChart *retention_chart;
  GtkLabel          *retention_label;
};

/* strata-review-page.c */
/* Drops a reference to deck; the last one frees it on a thread of its own
 * (hundreds of thousands of movers at a million customers). */
void        strata_review_release_deck              (StrataReviewDeck *deck);
void        strata_review_page_toast                (StrataReviewPage *self,
                                                     const char       *text);
const char *strata_review_selected_name             (GtkDropDown      *drop);
/* Compares the chosen periods again, on the next idle when shown. */
void        strata_review_page_queue_load           (StrataReviewPage *self);

/* strata-review-page-chart.c */
void        strata_review_page_init_chart           (StrataReviewPage *self);
void        strata_review_clear_grid                (GtkGrid          *grid);
/* The counts of customers per quadrant move, under the chart. */
void        strata_review_page_fill_quadrants       (StrataReviewPage *self);
StrataReviewArrows strata_review_page_arrows_mode   (StrataReviewPage *self);
gint64      strata_review_page_selected_customer    (StrataReviewPage *self);
/* The deck's quadrant chart with the arrows of mode (any thread). */
StrataQuadrantChart *strata_review_build_quadrant_chart (StrataReviewDeck   *deck,
                                                     StrataReviewArrows  mode,
                                                     gint64              customer,
                                                     guint              *n_arrows,
                                                     guint              *n_drawn);
/* Shows the chart the toggle asks for: built, when a worker already made it
 * for that mode, else made now or on a worker on a large deck. */
void        strata_review_page_show_chart_built     (StrataReviewPage    *self,
                                                     StrataQuadrantChart *built,
                                                     guint                built_arrows,
                                                     guint                built_drawn);
void        strata_review_page_show_chart           (StrataReviewPage *self);
void        strata_review_page_selected_customer_changed (StrataReviewPage *self);
/* Picking a mover's row: the context's selected customer and its arrow. */
void        strata_review_page_follow_customer      (StrataReviewPage *self,
                                                     gint64            customer_id);

/* strata-review-movers.c: the deck's movers in one list view that binds
 * only the rows on screen, under a switcher of the four movements (a count
 * each), as high as the page's view and scrolled only once it fills it.
 * init_movers builds the switcher and the view (once); fill_lists shows a
 * new deck's counts at once and gives the list its model on a later
 * main-loop turn while the page is shown; resume_lists goes on with it
 * when the page is shown again. */
void        strata_review_page_init_movers          (StrataReviewPage *self);
void        strata_review_page_fill_lists           (StrataReviewPage *self);
void        strata_review_page_resume_lists         (StrataReviewPage *self);
/* Shows the movers of kind in the list (a switcher's button does). */
void        strata_review_page_show_movers          (StrataReviewPage *self,
                                                     StrataMoveKind    kind);
/* The movers of kind as a list model of items made when asked (the list's,
 * for a benchmark's alternative). */
GListModel *strata_review_page_mover_model          (StrataReviewPage *self,
                                                     StrataMoveKind    kind);

/* strata-review-retention.c: the deck's retention chart and its caption. */
void        strata_review_page_show_retention       (StrataReviewPage *self);

/* strata-review-page-periods.c */
void        strata_review_page_close_clicked        (StrataReviewPage *self);
/* Closes (or reopens) the period called name, or renames old to name:
 * a toast says what was done or why not. */
gboolean    strata_review_page_close_period         (StrataReviewPage *self,
                                                     const char       *name,
                                                     gboolean          reopen);
gboolean    strata_review_page_rename_period        (StrataReviewPage *self,
                                                     const char       *old,
                                                     const char       *name);
void        strata_review_page_new_period_action    (GtkWidget        *widget,
                                                     const char       *action_name,
                                                     GVariant         *parameter);
void        strata_review_page_rename_period_action (GtkWidget        *widget,
                                                     const char       *action_name,
                                                     GVariant         *parameter);

/* strata-review-page-export.c: page.action-lists ("pdf", "pdf-per-owner",
 * "csv") and page.export-movement ("csv" or "xlsx"). */
void        strata_review_page_action_lists_action (GtkWidget        *widget,
                                                    const char       *action_name,
                                                    GVariant         *parameter);
void        strata_review_page_export_movement_action (GtkWidget      *widget,
                                                     const char       *action_name,
                                                     GVariant         *parameter);

G_END_DECLS
