/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "strata-period.h"
#include "strata-period-close.h"
#include "strata-period-data.h"
#include "strata-period-dialog.h"
#include "strata-presentation.h"
#include "strata-quadrant-chart-private.h"
#include "strata-review-arrows.h"
#include "strata-review-chart.h"
#include "strata-review-charts.h"
#include "strata-format.h"
#include "strata-review-page-private.h"
#include "strata-window.h"

G_DEFINE_FINAL_TYPE (StrataReviewPage, strata_review_page, STRATA_TYPE_PAGE)

/* The context's periods, NULL without a workspace. */
static GListModel *
periods_of (StrataReviewPage *self)
{
  StrataContext *context = strata_page_get_context (STRATA_PAGE (self));

  return context != NULL ? strata_context_get_periods (context) : NULL;
}

static gboolean
has_two_periods (StrataReviewPage *self)
{
  GListModel *periods = periods_of (self);

  return periods != NULL && g_list_model_get_n_items (periods) >= 2;
}

void
strata_review_page_toast (StrataReviewPage *self,
                          const char       *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (STRATA_IS_WINDOW (root))
    strata_window_add_toast (STRATA_WINDOW (root), adw_toast_new (text));
  else
    g_message ("%s", text);
}

const char *
strata_review_selected_name (GtkDropDown *drop)
{
  GObject *item = gtk_drop_down_get_selected_item (drop);

  return STRATA_IS_PERIOD (item) ? strata_period_get_name (STRATA_PERIOD (item)) : NULL;
}

static guint
find_name (GListModel *model,
           const char *name)
{
  for (guint i = 0; model && name && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      if (STRATA_IS_PERIOD (item) &&
          g_strcmp0 (strata_period_get_name (STRATA_PERIOD (item)), name) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static gpointer
unref_deck (gpointer deck)
{
  g_object_unref (deck);
  return NULL;
}

/* A deck of a million customers holds hundreds of thousands of movers, each
 * with its reasons: freeing them takes long enough to be felt, so the last
 * reference goes on a thread of its own (the deck is plain data, made by a
 * worker). */
void
strata_review_release_deck (StrataReviewDeck *deck)
{
  if (deck == NULL)
    return;
  if (g_atomic_int_get (&G_OBJECT (deck)->ref_count) > 1)
    g_object_unref (deck);
  else
    g_thread_unref (g_thread_new ("strata-free-deck", unref_deck, deck));
}

static void
show_deck (StrataReviewPage    *self,
           StrataQuadrantChart *built,
           guint                built_arrows,
           guint                built_drawn)
{
  StrataMovement *movement = strata_review_deck_get_movement (self->deck);
  guint up = strata_movement_get_movers (movement, STRATA_MOVE_UP)->len;
  guint down = strata_movement_get_movers (movement, STRATA_MOVE_DOWN)->len;
  guint added = strata_movement_get_movers (movement, STRATA_MOVE_NEW)->len;
  guint lost = strata_movement_get_movers (movement, STRATA_MOVE_LOST)->len;
  g_autofree char *moved = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *split = strata_review_deck_describe_split (self->deck);
  g_autoptr(StrataMovementChart) chart = strata_review_movement_chart (strata_review_deck_get_movement (self->deck));
  const char *to_name = strata_movement_get_to_name (movement);
  g_autofree char *close_label = NULL;
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  g_autofree char *n_moved = strata_format_integer (fmt, up + down);
  g_autofree char *n_up = strata_format_integer (fmt, up);
  g_autofree char *n_down = strata_format_integer (fmt, down);
  g_autofree char *n_added = strata_format_integer (fmt, added);
  g_autofree char *n_lost = strata_format_integer (fmt, lost);
  gboolean restate_useful;

  moved = g_strdup_printf (g_dngettext (NULL, "%s customer changed tier",
                                        "%s customers changed tier", up + down), n_moved);
  /* Translators: "17 customers changed tier: 9 up, 8 down; 12 new, 5 lost" */
  summary = g_strdup_printf (_("%s: %s up, %s down; %s new, %s lost"), moved, n_up, n_down,
                             n_added, n_lost);
  gtk_label_set_label (self->summary_label, summary);
  gtk_label_set_label (self->split_label, split ? split : "");
  gtk_widget_set_visible (GTK_WIDGET (self->split_label), split != NULL);
  /* Restating re-scores the earlier period with the later one's rules:
   * while both were scored with the same rules (no period closed under
   * rules that changed since) it would change nothing, so say so. */
  restate_useful = strata_movement_get_rules_differ (movement);
  gtk_widget_set_sensitive (GTK_WIDGET (self->restate_check),
                            restate_useful || gtk_check_button_get_active (self->restate_check));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->restate_check),
                               restate_useful
                               ? _("Score the earlier period again with the rules of the later one, so that only what the customers did shows as movement")
                               : _("Both periods are scored with the same rules, so restating would change nothing. It applies once the earlier period is closed under rules that have changed since."));
  strata_review_chart_set_chart (self->heat_map, STRATA_CHART (chart));
  strata_review_page_fill_quadrants (self);
  if (built != NULL)
    strata_review_page_show_chart_built (self, built, built_arrows, built_drawn);
  else
    strata_review_page_show_chart (self);
  strata_review_page_show_retention (self);

  strata_review_page_fill_lists (self);

  if (strata_review_deck_get_to_closed (self->deck))
    /* Translators: the button that reopens a closed period, e.g. "Reopen 2026-Q3…" */
    close_label = g_strdup_printf (_("_Reopen %s…"), to_name);
  else
    /* Translators: the button that closes a period, e.g. "Close 2026-Q3…" */
    close_label = g_strdup_printf (_("_Close %s…"), to_name);
  adw_split_button_set_label (self->close_button, close_label);
}

typedef struct
{
  char     *from;
  char     *to;
  gboolean  restate;
  StrataReviewArrows mode;
  gint64    customer;
  StrataSharedPeriod *shared;  /* the window's period, when loaded */
} LoadData;

/* The deck and its quadrant chart (the slowest part to draw up: a point
 * and maybe an arrow per customer) for the arrows shown when it started. */
typedef struct
{
  StrataReviewDeck    *deck;
  StrataQuadrantChart *chart;
  StrataQuadrantChart *movers_chart;  /* chart itself when mode is the movers' */
  StrataReviewArrows   mode;
  gint64               customer;
  guint                n_arrows;
  guint                n_drawn;
} ReviewLoad;

static void
review_load_free (gpointer data)
{
  ReviewLoad *l = data;

  g_clear_object (&l->deck);
  g_clear_object (&l->chart);
  g_clear_object (&l->movers_chart);
  g_free (l);
}

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_free (d->from);
  g_free (d->to);
  g_clear_pointer (&d->shared, strata_shared_period_free);
  g_free (d);
}

/* On a worker thread, with its own connection (never the window's): both
 * periods scored (the earlier one again when restated) and compared. */
static gpointer
load_review (StrataWorkspace  *ws,
             gpointer          task_data,
             GCancellable     *cancellable,
             GError          **error)
{
  LoadData *d = task_data;
  StrataReviewDeck *deck = NULL;
  g_autoptr(StrataPeriodResults) to = NULL;
  ReviewLoad *load;
  gint64 from_id = 0, to_id = 0;

  if (!strata_period_find (ws, d->from, &from_id, NULL, error) ||
      !strata_period_find (ws, d->to, &to_id, NULL, error))
    return NULL;
  /* The later period is most often the window's: its data is shared, not
   * read again (a hundred megabytes at a million customers). */
  if (d->shared != NULL && d->shared->data != NULL && d->shared->period_id == to_id)
    {
      static const char *const revenue[] = { "order_amount", NULL };

      if (!(to = strata_shared_period_load (d->shared, ws, revenue, error)))
        return NULL;
    }
  if (!(deck = strata_review_deck_load_sharing (ws, from_id, to_id, d->restate, to, error)))
    return NULL;
  load = g_new0 (ReviewLoad, 1);
  load->deck = deck;
  load->mode = d->mode;
  load->customer = d->customer;
  load->chart = strata_review_build_quadrant_chart (deck, d->mode, d->customer, &load->n_arrows, &load->n_drawn);
  if (d->mode == STRATA_REVIEW_ARROWS_MOVERS)
    load->movers_chart = g_object_ref (load->chart);
  else
    load->movers_chart = strata_review_build_quadrant_chart (deck, STRATA_REVIEW_ARROWS_MOVERS, 0, NULL, NULL);
  return load;
}

static void
strata_review_page_load_async (StrataPage          *page,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  StrataReviewPage *self = STRATA_REVIEW_PAGE (page);
  LoadData *d = g_new0 (LoadData, 1);

  d->from = g_strdup (strata_review_selected_name (self->from_drop));
  d->to = g_strdup (strata_review_selected_name (self->to_drop));
  d->restate = gtk_check_button_get_active (self->restate_check);
  d->mode = strata_review_page_arrows_mode (self);
  d->customer = strata_review_page_selected_customer (self);
  if (strata_page_get_context (page) != NULL)
    d->shared = strata_context_share_period (strata_page_get_context (page),
                                             strata_context_get_period_id (strata_page_get_context (page)));
  strata_page_run_worker (page, load_review, d, load_data_free, review_load_free,
                          cancellable, callback, user_data);
}

static gboolean
strata_review_page_load_finish (StrataPage    *page,
                                GAsyncResult  *result,
                                GError       **error)
{
  StrataReviewPage *self = STRATA_REVIEW_PAGE (page);
  g_autoptr(GError) local_error = NULL;
  StrataReviewDeck *old;
  ReviewLoad *load;
  gboolean same;

  load = strata_page_worker_finish (page, result, &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  old = g_steal_pointer (&self->deck);
  g_clear_object (&self->movers_chart);
  if (load == NULL)
    {
      strata_review_page_toast (self, local_error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      strata_review_release_deck (old);
      return TRUE;
    }
  self->deck = g_steal_pointer (&load->deck);
  self->movers_chart = g_steal_pointer (&load->movers_chart);
  /* The worker's chart, unless the arrows asked for changed meanwhile. */
  same = load->mode == strata_review_page_arrows_mode (self) && load->customer == strata_review_page_selected_customer (self);
  show_deck (self, same ? load->chart : NULL, load->n_arrows, load->n_drawn);
  review_load_free (load);
  gtk_stack_set_visible_child_name (self->stack, "review");
  /* After show_deck: its list held the old deck too. */
  strata_review_release_deck (old);
  return TRUE;
}

/* Runs when the page is shown; the comparison of the two periods goes to
 * a worker thread (StrataPage's load_async). */
static void
strata_review_page_reload (StrataPage *page)
{
  StrataReviewPage *self = STRATA_REVIEW_PAGE (page);
  GListModel *periods;

  /* One already waits for the idle (the periods are being chosen). */
  if (self->reload_id != 0)
    return;
  /* A deck stays until the load replaces it: it is what is on screen. */
  periods = periods_of (self);
  if (periods == NULL || g_list_model_get_n_items (periods) < 2 ||
      strata_review_selected_name (self->from_drop) == NULL || strata_review_selected_name (self->to_drop) == NULL)
    {
      strata_review_release_deck (g_steal_pointer (&self->deck));
      g_clear_object (&self->movers_chart);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  /* Without a deck yet, say it is coming rather than that it cannot. */
  if (self->deck == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  STRATA_PAGE_CLASS (strata_review_page_parent_class)->reload (page);
}

/* Compares the chosen periods now and waits for it, for a caller that needs
 * the deck at once. */
static void
reload_now (StrataReviewPage *self)
{
  g_clear_handle_id (&self->reload_id, g_source_remove);
  strata_page_queue_reload (STRATA_PAGE (self));
  strata_page_finish_load (STRATA_PAGE (self));
}

static gboolean
reload_idle (gpointer data)
{
  StrataReviewPage *self = data;

  self->reload_id = 0;
  /* Each reload compares two whole periods: once shown (StrataPage). */
  strata_page_queue_reload (STRATA_PAGE (self));
  return G_SOURCE_REMOVE;
}

void
strata_review_page_queue_load (StrataReviewPage *self)
{
  /* Hidden, it only waits for the page to be shown (StrataPage). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      strata_page_queue_reload (STRATA_PAGE (self));
      return;
    }
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle, self, NULL);
}

/* The later period follows the window's period selector; the earlier one is
 * the period before it. */
static void
select_default_periods (StrataReviewPage *self)
{
  GListModel *periods = periods_of (self);
  guint n = periods ? g_list_model_get_n_items (periods) : 0;
  guint to;

  self->syncing = TRUE;
  if (gtk_drop_down_get_model (self->from_drop) != periods)
    gtk_drop_down_set_model (self->from_drop, periods);
  if (gtk_drop_down_get_model (self->to_drop) != periods)
    gtk_drop_down_set_model (self->to_drop, periods);
  if (n >= 2)
    {
      to = find_name (periods, strata_context_get_period (strata_page_get_context (STRATA_PAGE (self))));
      if (to == GTK_INVALID_LIST_POSITION || to == 0)
        to = n - 1;
      gtk_drop_down_set_selected (self->to_drop, to);
      gtk_drop_down_set_selected (self->from_drop, to - 1);
    }
  self->syncing = FALSE;
  strata_review_page_queue_load (self);
}

static gboolean
defaults_idle (gpointer data)
{
  StrataReviewPage *self = data;

  self->defaults_id = 0;
  select_default_periods (self);
  return G_SOURCE_REMOVE;
}

/* The period list changes while its items-changed is being emitted to the
 * drop-downs too: choose the periods once that is over. */
static void
queue_defaults (StrataReviewPage *self)
{
  if (self->defaults_id == 0)
    self->defaults_id = g_idle_add (defaults_idle, self);
}

static void
drop_changed (StrataReviewPage *self)
{
  if (!self->syncing)
    strata_review_page_queue_load (self);
}

static void
workspace_changed (StrataReviewPage *self,
                   const char       *what)
{
  /* Periods reload through the context's list model (items-changed). */
  if (g_strcmp0 (what, "entitlements") == 0 || g_strcmp0 (what, "rules") == 0 ||
      g_strcmp0 (what, "customers") == 0 || g_strcmp0 (what, "overrides") == 0 ||
      g_strcmp0 (what, "metrics") == 0 || g_strcmp0 (what, "periods") == 0 ||
      g_strcmp0 (what, "all") == 0)
    strata_review_page_queue_load (self);
}

/* Presenting ----------------------------------------------------------------- */

static void
slide_toggled (GtkCheckButton   *check,
               StrataReviewPage *self)
{
  guint kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "slide"));

  self->slide_enabled[kind] = gtk_check_button_get_active (check);
}

static void
presentation_destroyed (StrataReviewPage *self)
{
  self->presentation = NULL;
}

GtkWindow *
strata_review_page_present (StrataReviewPage *self)
{
  GtkRoot *root;

  g_return_val_if_fail (STRATA_IS_REVIEW_PAGE (self), NULL);

  /* The presentation needs the finished comparison: wait for it. */
  if (self->reload_id != 0)
    reload_now (self);
  else
    strata_page_finish_load (STRATA_PAGE (self));
  if (self->deck == NULL)
    {
      strata_review_page_toast (self, _("The presentation needs two periods to compare"));
      return NULL;
    }
  if (self->presentation != NULL)
    {
      gtk_window_present (self->presentation);
      return self->presentation;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->presentation = GTK_WINDOW (strata_presentation_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                                 : NULL,
                                                            self->deck, self->slide_enabled,
                                                            self->movers_chart));
  g_signal_connect_object (self->presentation, "destroy", G_CALLBACK (presentation_destroyed),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (self->presentation);
  return self->presentation;
}

void
strata_review_page_set_slide_enabled (StrataReviewPage *self,
                                      StrataSlideKind   kind,
                                      gboolean          enabled)
{
  g_return_if_fail (STRATA_IS_REVIEW_PAGE (self));
  g_return_if_fail (kind < STRATA_N_SLIDES);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->slides_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child) &&
        GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "slide")) == kind)
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child), enabled);
}

static void
start_clicked (StrataReviewPage *self)
{
  gtk_menu_button_popdown (self->present_button);
  strata_review_page_present (self);
}

static void
build_slide_choices (StrataReviewPage *self)
{
  GtkWidget *start;

  for (guint k = 0; k < STRATA_N_SLIDES; k++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (strata_slide_kind_get_title (k));

      self->slide_enabled[k] = TRUE;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_object_set_data (G_OBJECT (check), "slide", GUINT_TO_POINTER (k));
      g_signal_connect (check, "toggled", G_CALLBACK (slide_toggled), self);
      gtk_box_append (self->slides_box, check);
    }
  start = gtk_button_new_with_mnemonic (_("_Start Presentation"));
  gtk_widget_add_css_class (start, "suggested-action");
  gtk_widget_set_margin_top (start, 6);
  g_signal_connect_swapped (start, "clicked", G_CALLBACK (start_clicked), self);
  gtk_box_append (self->slides_box, start);
}

/* GObject ---------------------------------------------------------------- */

/* The period pair follows the period selector and the period list, and
 * reloads once per main loop turn (an idle), so StrataPage follows
 * neither the period nor ::changed for this page. */
static void
strata_review_page_context_changed (StrataPage *page)
{
  StrataReviewPage *self = STRATA_REVIEW_PAGE (page);
  StrataContext *context = strata_page_get_context (page);

  if (self->presentation != NULL)
    gtk_window_destroy (self->presentation);
  /* Nothing of the previous workspace may stay on screen; "Two Periods
   * Needed" only once it is known, not while a workspace with two loads. */
  strata_review_release_deck (g_steal_pointer (&self->deck));
  g_clear_object (&self->movers_chart);
  gtk_stack_set_visible_child_name (self->stack, has_two_periods (self) ? "loading" : "empty");
  if (context != NULL)
    {
      g_signal_connect_object (context, "notify::period", G_CALLBACK (queue_defaults),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::selected-customer",
                               G_CALLBACK (strata_review_page_selected_customer_changed), self, G_CONNECT_SWAPPED);
      /* StrataPage disconnects the context's and the workspace's handlers. */
      g_signal_connect_object (strata_context_get_periods (context), "items-changed",
                               G_CALLBACK (queue_defaults), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (strata_context_get_workspace (context), "changed",
                               G_CALLBACK (workspace_changed), self, G_CONNECT_SWAPPED);
    }
  select_default_periods (self);
}

gboolean
strata_review_page_set_periods (StrataReviewPage *self,
                                const char       *from,
                                const char       *to)
{
  GListModel *periods;
  guint f, t;

  g_return_val_if_fail (STRATA_IS_REVIEW_PAGE (self), FALSE);

  periods = periods_of (self);
  f = find_name (periods, from);
  t = find_name (periods, to);
  if (f == GTK_INVALID_LIST_POSITION || t == GTK_INVALID_LIST_POSITION)
    return FALSE;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->from_drop, f);
  gtk_drop_down_set_selected (self->to_drop, t);
  self->syncing = FALSE;
  reload_now (self);
  return TRUE;
}

StrataReviewDeck *
strata_review_page_get_deck (StrataReviewPage *self)
{
  g_return_val_if_fail (STRATA_IS_REVIEW_PAGE (self), NULL);
  return self->deck;
}

static void
strata_review_page_dispose (GObject *object)
{
  StrataReviewPage *self = STRATA_REVIEW_PAGE (object);

  strata_page_set_context (STRATA_PAGE (self), NULL);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->defaults_id, g_source_remove);
  g_clear_handle_id (&self->lists_id, g_source_remove);
  g_clear_handle_id (&self->height_id, g_source_remove);
  g_cancellable_cancel (self->chart_cancellable);
  g_clear_object (&self->chart_cancellable);
  strata_review_release_deck (g_steal_pointer (&self->deck));
  g_clear_object (&self->movers_chart);
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_REVIEW_PAGE);

  G_OBJECT_CLASS (strata_review_page_parent_class)->dispose (object);
}

/* Disabled on a read-only workspace (so is closing and reopening). */
static const char * const edit_actions[] = { "page.new-period", "page.rename-period", NULL };

static void
strata_review_page_class_init (StrataReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_review_page_dispose;
  STRATA_PAGE_CLASS (klass)->edit_actions = edit_actions;
  STRATA_PAGE_CLASS (klass)->context_changed = strata_review_page_context_changed;
  STRATA_PAGE_CLASS (klass)->reload = strata_review_page_reload;
  STRATA_PAGE_CLASS (klass)->load_async = strata_review_page_load_async;
  STRATA_PAGE_CLASS (klass)->load_finish = strata_review_page_load_finish;

  gtk_widget_class_install_action (widget_class, "page.new-period", NULL, strata_review_page_new_period_action);
  gtk_widget_class_install_action (widget_class, "page.rename-period", NULL, strata_review_page_rename_period_action);
  gtk_widget_class_install_action (widget_class, "page.action-lists", "s",
                                   strata_review_page_action_lists_action);
  gtk_widget_class_install_action (widget_class, "page.export-movement", "s",
                                   strata_review_page_export_movement_action);

  g_type_ensure (STRATA_TYPE_REVIEW_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, from_drop);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, to_drop);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, restate_check);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, close_button);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, present_button);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, slides_box);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, split_label);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, heat_map);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, quadrant_grid);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, page_scrolled);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, movers_card);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, movers_switcher);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, movers_stack);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, movers_scrolled);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, movers_empty);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, quadrant_chart);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, retention_chart);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, retention_label);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, arrows_movers);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, arrows_selected);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, arrows_none);
  gtk_widget_class_bind_template_child (widget_class, StrataReviewPage, arrows_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "review-page");
}

static void
strata_review_page_init (StrataReviewPage *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  expression = gtk_property_expression_new (STRATA_TYPE_PERIOD, NULL, "name");
  gtk_drop_down_set_expression (self->from_drop, expression);
  gtk_drop_down_set_expression (self->to_drop, expression);
  g_signal_connect_swapped (self->from_drop, "notify::selected", G_CALLBACK (drop_changed), self);
  g_signal_connect_swapped (self->to_drop, "notify::selected", G_CALLBACK (drop_changed), self);
  g_signal_connect_swapped (self->restate_check, "toggled", G_CALLBACK (drop_changed), self);
  g_signal_connect_swapped (self->close_button, "clicked", G_CALLBACK (strata_review_page_close_clicked), self);
  /* The split button's arrow has only a tooltip: name it for screen readers. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->close_button));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Periods"), -1);
  /* Closing, reopening and its menu of period edits write the workspace. */
  g_object_bind_property (self, "editable", self->close_button, "sensitive", G_BINDING_SYNC_CREATE);
  strata_review_page_init_chart (self);
  strata_review_page_init_movers (self);
  g_signal_connect (self, "map", G_CALLBACK (strata_review_page_resume_lists), NULL);
  build_slide_choices (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}
