/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Scoring page's state: the period's data, the draft and published
 * rules and their results. Every edit validates the draft, rescores it
 * (at once for a small period, else on the scoring's worker while the
 * impact panel shows the last figures dimmed), shows the impact (counted
 * on a worker for a large period: strata-scoring-impact.c), saves the
 * draft and then records an undo step, so an edit the user sees in the
 * undo history is on disk. When the draft has problems, the cells say
 * where, and the last valid result stays on screen. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-engine-private.h"
#include "strata-format.h"
#include "strata-scoring-page-private.h"
#include "strata-whatif-view.h"
#include "strata-window.h"
#include "strata-write-error.h"

#define SAVE_DELAY_MS 300

G_DEFINE_FINAL_TYPE (StrataScoringPage, strata_scoring_page, STRATA_TYPE_PAGE)

static gpointer
copy_rules (gpointer rules)
{
  return strata_rules_copy (rules);
}

static void
free_rules (gpointer rules)
{
  strata_rules_free (rules);
}

void
strata_scoring_page_toast (StrataScoringPage *self,
                           AdwToast          *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (STRATA_IS_WINDOW (root))
    strata_window_add_toast (STRATA_WINDOW (root), toast);
  else
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
strata_scoring_page_show_error (StrataScoringPage *self,
                                const char        *heading,
                                const GError      *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error ? error->message : NULL);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

int *
strata_scoring_page_tier_map (const StrataRules *rules,
                              const StrataRules *target)
{
  int *map = g_new (int, MAX (rules->tiers->len, 1));

  for (guint t = 0; t < rules->tiers->len; t++)
    map[t] = strata_rules_find_tier (target, ((StrataTier *) rules->tiers->pdata[t])->id);
  return map;
}

int *
strata_scoring_page_map_tiers (const StrataRules  *rules,
                               const StrataResult *result,
                               const StrataRules  *target)
{
  g_autofree int *map = strata_scoring_page_tier_map (rules, target);
  int *tiers = g_new (int, MAX (result->n, 1));

  for (guint i = 0; i < result->n; i++)
    tiers[i] = result->final_tier[i] < rules->tiers->len ? map[result->final_tier[i]] : -1;
  return tiers;
}

static void
update_header (StrataScoringPage *self)
{
  g_autofree char *text = NULL;
  const StrataRules *published = self->scoring ? strata_scoring_get_published (self->scoring) : NULL;
  guint changes = 0;
  gboolean valid = self->problems && strata_rules_problems_is_valid (self->problems);

  if (self->draft != NULL && published != NULL)
    changes = strata_rules_count_changes (published, self->draft);
  else if (self->draft != NULL)
    changes = 1;

  if (self->problems && !valid)
    {
      guint n = strata_rules_problems_get_count (self->problems);

      /* Translators: page header while the draft has problems. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Draft · %u problem to fix",
                                           "Draft · %u problems to fix", n), n);
    }
  else if (changes == 0 && self->scoring != NULL)
    text = g_strdup_printf (_("Published version %u"),
                            strata_scoring_get_published_version (self->scoring));
  else if (changes > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Draft · %u change",
                                         "Draft · %u changes", changes), changes);
  gtk_label_set_text (self->draft_label, text ? text : "");

  strata_page_set_edit_action_enabled (STRATA_PAGE (self), "page.publish",
                                       self->draft != NULL && valid && changes > 0);
  strata_page_set_edit_action_enabled (STRATA_PAGE (self), "page.undo",
                                       self->undo && strata_undo_stack_can_undo (self->undo));
  strata_page_set_edit_action_enabled (STRATA_PAGE (self), "page.redo",
                                       self->undo && strata_undo_stack_can_redo (self->undo));
}

static void update_fit_banner (StrataScoringPage *self);

/* The draft on screen: its problems at the cells, the header, the
 * evidence (counted on a worker). */
static void
show_draft (StrataScoringPage *self)
{
  g_clear_pointer (&self->problems, strata_rules_problems_free);
  if (self->draft != NULL && self->scoring != NULL)
    self->problems = strata_rules_problems_new (self->draft,
                                                (const char * const *) strata_scoring_get_data (self->scoring)->metric_keys);
  strata_rules_editor_set_problems (self->editor, self->problems);
  update_header (self);
  if (self->problems != NULL && !self->evidence_waits)
    strata_scoring_page_update_evidence (self);
}

/* The scoring's result: the impact of the draft (or of the last valid
 * one), the fit banner. */
static void
show_scores (StrataScoringPage *self)
{
  StrataResult *result;

  self->awaiting_scores = FALSE;
  if (self->problems == NULL)
    return;
  result = strata_scoring_get_draft_result (self->scoring);
  if (result != NULL && strata_rules_problems_is_valid (self->problems))
    {
      g_clear_pointer (&self->valid_draft, strata_rules_free);
      self->valid_draft = strata_rules_copy (strata_scoring_get_draft (self->scoring));
      g_clear_pointer (&self->valid_result, strata_result_unref);
      self->valid_result = strata_result_ref (result);
      g_free (self->valid_counts);
      self->valid_counts = g_memdup2 (strata_scoring_get_draft_tier_counts (self->scoring),
                                      MAX (result->n_tiers, 1) * sizeof (guint));
      strata_impact_panel_set_stale (self->impact, NULL);
    }
  else
    strata_impact_panel_set_stale (self->impact,
                                   _("The draft has problems (marked in red). The impact shown is that of the last valid draft."));
  strata_scoring_page_update_impact (self);
  /* Shown at once (or not at all): the evidence may count now. */
  if (self->impact_cancel == NULL)
    strata_scoring_page_evidence_after_impact (self);
  update_header (self);
  update_fit_banner (self);
}

/* Shows the scoring state: the draft and its result. */
static void
refresh (StrataScoringPage *self)
{
  self->evidence_waits = FALSE;
  show_draft (self);
  show_scores (self);
}

/* A valid draft of a large period is being scored on the scoring's
 * worker: its cells and header now, the impact dimmed until
 * ::scores-changed brings the result (scores_changed()). */
static void
await_scores (StrataScoringPage *self)
{
  /* Counting the evidence meanwhile would take one of two cores from the
   * scoring and the impact, which come first. */
  self->evidence_waits = TRUE;
  show_draft (self);
  self->awaiting_scores = TRUE;
  strata_impact_panel_set_stale (self->impact, NULL);
  strata_scoring_page_cancel_impact (self);
  strata_impact_panel_set_updating (self->impact, TRUE);
}

/* After an import that leaves 90% or more of the customers in one tier,
 * the rules do not fit the data: offer Fit to Data…. The counts are the
 * scoring's, made with the result (on its worker for a large period). */
static void
update_fit_banner (StrataScoringPage *self)
{
  const StrataResult *r = self->valid_result;
  const guint *counts = self->valid_counts;
  guint top = 0;

  if (r == NULL || r->n == 0 || r->n_tiers == 0 || self->valid_draft == NULL || counts == NULL)
    {
      gtk_revealer_set_reveal_child (self->fit_banner, FALSE);
      return;
    }
  for (guint t = 1; t < r->n_tiers; t++)
    if (counts[t] > counts[top])
      top = t;
  if (counts[top] * 10 >= r->n * 9 && top < self->valid_draft->tiers->len)
    {
      const StrataTier *tier = self->valid_draft->tiers->pdata[top];
      g_autofree char *share = strata_format_percent (strata_number_format_get_default (),
                                                      (double) counts[top] / r->n, 0);
      g_autofree char *text = g_strdup_printf (_("%s of the customers are in tier %s: the rules do not fit this data."),
                                               share, tier->id);

      gtk_label_set_text (self->fit_banner_label, text);
      gtk_revealer_set_reveal_child (self->fit_banner, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->fit_banner, FALSE);
}

/* Hands the draft to the scoring state, which re-scores at once. */
static void
push_draft (StrataScoringPage *self)
{
  if (self->scoring == NULL || self->draft == NULL)
    return;
  self->pushing = TRUE;
  strata_scoring_set_draft (self->scoring, self->draft);
  self->pushing = FALSE;
  if (strata_scoring_get_draft_pending (self->scoring))
    await_scores (self);
  else
    refresh (self);
}

/* Saving ------------------------------------------------------------------ */

gboolean
strata_scoring_page_flush_draft (StrataScoringPage *self,
                                 GError           **error)
{
  gboolean pending = self->save_pending;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_pending = FALSE;
  if (!pending || self->scoring == NULL)
    return TRUE;
  return strata_scoring_save_draft (self->scoring, error);
}

static gboolean save_draft_now (StrataScoringPage *self);

static void
save_error_response (AdwMessageDialog  *dialog,
                     const char        *response,
                     StrataScoringPage *self)
{
  if (g_str_equal (response, "retry"))
    (void) save_draft_now (self);
  else if (g_str_equal (response, "copy"))
    strata_scoring_page_choose_copy (self);
}

/* A failed save (another program writing the file, a full disk) keeps the
 * draft on screen and in the scoring: the user can try again. */
static gboolean
save_draft_now (StrataScoringPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (self->scoring == NULL || strata_scoring_save_draft (self->scoring, &error))
    {
      self->save_failed = FALSE;
      return TRUE;
    }
  self->save_failed = TRUE;
  dialog = strata_write_error_dialog_new (GTK_WIDGET (self), _("The draft could not be saved"), error);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_error_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/* The burst is over: save what its later edits changed. */
static gboolean
save_timeout (gpointer data)
{
  StrataScoringPage *self = data;

  self->save_source = 0;
  if (self->save_pending)
    {
      self->save_pending = FALSE;
      (void) save_draft_now (self);
    }
  return G_SOURCE_REMOVE;
}

/* Saves the draft the scoring holds now, before the edit's undo entry
 * appears: an edit in the undo history is on disk. The one exception is a
 * burst of edits of one value (a held spin button, many a second, merged
 * into one undo step by their merge key): its first edit saves at once,
 * the later ones are saved together SAVE_DELAY_MS after the last. */
static void
save_edit (StrataScoringPage *self,
           const char        *merge_key)
{
  if (merge_key != NULL && self->save_source != 0 && g_strcmp0 (merge_key, self->burst_key) == 0)
    {
      self->save_pending = TRUE;
      g_source_remove (self->save_source);
      self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
      return;
    }
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_pending = FALSE;
  (void) save_draft_now (self);
  g_free (self->burst_key);
  self->burst_key = g_strdup (merge_key);
  if (merge_key != NULL)
    self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

/* Editing ----------------------------------------------------------------- */

static void
editor_edited (StrataScoringPage *self,
               const char        *label,
               const char        *merge_key,
               gboolean           removal)
{
  push_draft (self);
  save_edit (self, merge_key);
  strata_undo_stack_push (self->undo, label, merge_key, g_get_monotonic_time (), self->draft);
  update_header (self);  /* Undo, now that there is a step */

  if (removal)
    {
      AdwToast *toast = adw_toast_new (label);

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "page.undo");
      strata_scoring_page_toast (self, toast);
    }
}

static void
set_draft (StrataScoringPage *self,
           const StrataRules *rules)
{
  /* The editor borrows the draft: give it the new one before freeing. */
  StrataRules *old = self->draft;

  self->draft = rules ? strata_rules_copy (rules) : NULL;
  strata_rules_editor_set_rules (self->editor, self->draft);
  g_clear_pointer (&old, strata_rules_free);
}

void
strata_scoring_page_replace_draft (StrataScoringPage *self,
                                   const StrataRules *rules,
                                   const char        *undo_label)
{
  set_draft (self, rules);
  push_draft (self);
  save_edit (self, NULL);
  strata_undo_stack_push (self->undo, undo_label, NULL, g_get_monotonic_time (), self->draft);
  update_header (self);
}

/* Puts a state of the undo stack back as the draft. */
static void
restore (StrataScoringPage *self,
         gconstpointer      state)
{
  if (state == NULL)
    return;
  set_draft (self, state);
  push_draft (self);
  save_edit (self, NULL);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  StrataScoringPage *self = STRATA_SCORING_PAGE (widget);

  if (self->draft != NULL)
    restore (self, strata_undo_stack_undo (self->undo));
}

static void
redo_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  StrataScoringPage *self = STRATA_SCORING_PAGE (widget);

  if (self->draft != NULL)
    restore (self, strata_undo_stack_redo (self->undo));
}

static void
mover_selected (StrataScoringPage *self,
                guint              row)
{
  g_autoptr(StrataReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  const StrataPeriodData *data = self->scoring ? strata_scoring_get_data (self->scoring) : NULL;

  if (data == NULL || self->valid_draft == NULL || row >= data->n)
    return;
  receipt = strata_engine_explain (self->valid_draft, data, row, &error);
  if (receipt == NULL)
    g_warning ("Cannot explain row %u: %s", row, error->message);
  strata_receipt_view_set_receipt (strata_impact_panel_get_receipt_view (self->impact), receipt);
  if (strata_page_get_context (STRATA_PAGE (self)) != NULL)
    strata_context_set_selected_customer (strata_page_get_context (STRATA_PAGE (self)), data->ids[row]);
}

/* Loading ----------------------------------------------------------------- */

/* The scoring state changed by itself: new data (period, import,
 * overrides), rules changed elsewhere (the CLI, a restore), or our draft
 * scored on its worker. */
static void
scores_changed (StrataScoringPage *self)
{
  const StrataRules *theirs;

  if (self->pushing || self->scoring == NULL)
    return;
  /* The draft it scores, when a reload comes first. */
  theirs = strata_scoring_get_latest_draft (self->scoring);
  if (self->draft != NULL && theirs != NULL && !strata_rules_equal (theirs, self->draft))
    {
      if (self->save_pending)
        {
          /* A reload read the draft before our pending save: ours wins. */
          push_draft (self);
          return;
        }
      set_draft (self, theirs);
      strata_undo_stack_push (self->undo, _("Reload rules"), NULL, g_get_monotonic_time (),
                              self->draft);
    }
  if (strata_scoring_get_draft_pending (self->scoring))
    await_scores (self);
  /* Our own edit's result on the same data: its cells and evidence were
   * shown at the edit. */
  else if (self->awaiting_scores && self->problems != NULL && self->evidence_data != NULL &&
           strata_scoring_get_data (self->scoring) == self->evidence_data)
    show_scores (self);
  else
    refresh (self);
}

static void
metrics_changed (StrataScoringPage *self)
{
  strata_rules_editor_set_metrics (self->editor, G_LIST_MODEL (self->metrics));
}

static void
strata_scoring_page_reload (StrataPage *page)
{
  scores_changed (STRATA_SCORING_PAGE (page));
}

static gboolean
build_step (StrataPage *page)
{
  return strata_rules_editor_build_step (STRATA_SCORING_PAGE (page)->editor);
}

/* The context's scoring holds the draft we edit: a pending save goes to
 * the scoring it was made on before we follow the new one. */
static void
strata_scoring_page_context_changed (StrataPage *page)
{
  StrataScoringPage *self = STRATA_SCORING_PAGE (page);
  StrataContext *context = strata_page_get_context (page);
  StrataScoring *scoring = strata_page_get_scoring (page);

  strata_scoring_page_flush_draft (self, NULL);
  strata_scoring_page_cancel_impact (self);
  if (self->metrics != NULL)
    g_signal_handlers_disconnect_by_data (self->metrics, self);
  g_set_object (&self->scoring, scoring);
  g_clear_object (&self->metrics);
  g_clear_pointer (&self->valid_draft, strata_rules_free);
  g_clear_pointer (&self->valid_result, strata_result_unref);
  g_clear_pointer (&self->valid_counts, g_free);
  self->awaiting_scores = FALSE;

  if (context != NULL)
    self->metrics = strata_metric_list_new (strata_context_get_workspace (context));
  if (scoring != NULL)
    {
      /* The editor's cards (100-200 ms in one turn) in steps, over several
       * frames: the draft now, its cards by build_step(). */
      StrataRules *old = self->draft;

      self->draft = strata_rules_copy (strata_scoring_get_draft (scoring));
      strata_rules_editor_set_rules_in_steps (self->editor, self->draft);
      g_clear_pointer (&old, strata_rules_free);
    }
  strata_rules_editor_set_metrics (self->editor, G_LIST_MODEL (self->metrics));
  strata_receipt_view_set_metrics (strata_impact_panel_get_receipt_view (self->impact), self->metrics);

  if (scoring != NULL)
    {
      g_signal_connect_object (self->metrics, "items-changed", G_CALLBACK (metrics_changed), self,
                               G_CONNECT_SWAPPED);
      strata_undo_stack_reset (self->undo, self->draft);
      refresh (self);
      gtk_stack_set_visible_child_name (self->stack, "editor");
      strata_page_build_in_steps (page, build_step);
    }
  else
    {
      const GError *error = context ? strata_context_get_scoring_error (context) : NULL;

      set_draft (self, NULL);
      if (error != NULL)
        {
          adw_status_page_set_title (self->empty_page, _("The Rules Cannot Be Read"));
          adw_status_page_set_description (self->empty_page, error->message);
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_header (self);
    }
}

/* GObject ----------------------------------------------------------------- */

static void
publish_activated (GtkWidget  *widget,
                   const char *action,
                   GVariant   *param)
{
  strata_scoring_page_publish (STRATA_SCORING_PAGE (widget));
}

static void
fit_to_data_activated (GtkWidget  *widget,
                       const char *action,
                       GVariant   *param)
{
  strata_scoring_page_fit_to_data (STRATA_SCORING_PAGE (widget));
}

static void
history_activated (GtkWidget  *widget,
                   const char *action,
                   GVariant   *param)
{
  strata_scoring_page_history (STRATA_SCORING_PAGE (widget));
}

static void
import_rules_activated (GtkWidget  *widget,
                        const char *action,
                        GVariant   *param)
{
  strata_scoring_page_import_rules (STRATA_SCORING_PAGE (widget));
}

static void
export_rules_activated (GtkWidget  *widget,
                        const char *action,
                        GVariant   *param)
{
  strata_scoring_page_export_rules (STRATA_SCORING_PAGE (widget));
}

/* The evidence's outcomes hold the next period's adjustment columns (40 MB
 * at a million customers) and a reference to the data they were read for:
 * only while the page is shown. So does the spare result the next draft
 * is scored into (strata_result_hold_spare (), 29 MB at a million). */
static void
strata_scoring_page_map (GtkWidget *widget)
{
  StrataScoringPage *self = STRATA_SCORING_PAGE (widget);
  const StrataPeriodData *data = self->scoring ? strata_scoring_get_data (self->scoring) : NULL;

  GTK_WIDGET_CLASS (strata_scoring_page_parent_class)->map (widget);
  if (self->outcomes == NULL && self->evidence_cancel == NULL && self->draft != NULL)
    strata_scoring_page_update_evidence (self);
  strata_result_hold_spare (data != NULL ? data->n : 0);
}

static void
strata_scoring_page_unmap (GtkWidget *widget)
{
  strata_result_hold_spare (0);
  strata_scoring_page_clear_evidence (STRATA_SCORING_PAGE (widget));
  GTK_WIDGET_CLASS (strata_scoring_page_parent_class)->unmap (widget);
}

static void
strata_scoring_page_dispose (GObject *object)
{
  StrataScoringPage *self = STRATA_SCORING_PAGE (object);

  strata_page_set_context (STRATA_PAGE (self), NULL);
  strata_scoring_page_clear_evidence (self);
  strata_scoring_page_cancel_impact (self);
  g_clear_object (&self->scoring);
  g_clear_handle_id (&self->toggle_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_SCORING_PAGE);
  G_OBJECT_CLASS (strata_scoring_page_parent_class)->dispose (object);
}

static void
strata_scoring_page_finalize (GObject *object)
{
  StrataScoringPage *self = STRATA_SCORING_PAGE (object);

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_free (self->burst_key);
  g_clear_pointer (&self->draft, strata_rules_free);
  g_clear_pointer (&self->valid_draft, strata_rules_free);
  g_clear_pointer (&self->valid_result, strata_result_unref);
  g_clear_pointer (&self->valid_counts, g_free);
  g_clear_pointer (&self->problems, strata_rules_problems_free);
  g_clear_object (&self->undo);
  G_OBJECT_CLASS (strata_scoring_page_parent_class)->finalize (object);
}

/* Disabled on a read-only workspace; the history and exports stay. */
static const char * const edit_actions[] = {
  "page.undo", "page.redo", "page.publish", "page.fit-to-data", "page.import-rules", NULL
};

static void
strata_scoring_page_class_init (StrataScoringPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StrataPageClass *page_class = STRATA_PAGE_CLASS (klass);

  object_class->dispose = strata_scoring_page_dispose;
  object_class->finalize = strata_scoring_page_finalize;
  widget_class->map = strata_scoring_page_map;
  widget_class->unmap = strata_scoring_page_unmap;
  /* The shared scoring follows the period and the rules written elsewhere. */
  page_class->changes = STRATA_PAGE_CHANGES_SCORES;
  page_class->edit_actions = edit_actions;
  page_class->context_changed = strata_scoring_page_context_changed;
  page_class->reload = strata_scoring_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-scoring-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataScoringPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StrataScoringPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StrataScoringPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, StrataScoringPage, draft_label);
  gtk_widget_class_bind_template_child (widget_class, StrataScoringPage, editor);
  gtk_widget_class_bind_template_child (widget_class, StrataScoringPage, impact_flap);
  gtk_widget_class_bind_template_child (widget_class, StrataScoringPage, impact_toggle);
  gtk_widget_class_bind_template_child (widget_class, StrataScoringPage, impact_stack);
  gtk_widget_class_bind_template_child (widget_class, StrataScoringPage, impact);
  gtk_widget_class_bind_template_child (widget_class, StrataScoringPage, fit_banner);
  gtk_widget_class_bind_template_child (widget_class, StrataScoringPage, fit_banner_label);
  gtk_widget_class_bind_template_callback (widget_class, editor_edited);
  gtk_widget_class_bind_template_callback (widget_class, mover_selected);

  gtk_widget_class_install_action (widget_class, "page.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "page.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "page.publish", NULL, publish_activated);
  gtk_widget_class_install_action (widget_class, "page.history", NULL, history_activated);
  gtk_widget_class_install_action (widget_class, "page.fit-to-data", NULL, fit_to_data_activated);
  gtk_widget_class_install_action (widget_class, "page.import-rules", NULL, import_rules_activated);
  gtk_widget_class_install_action (widget_class, "page.export-rules", NULL, export_rules_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "page.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.redo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scoring-page");
}

static gboolean
sync_impact_toggle (gpointer data)
{
  StrataScoringPage *self = data;

  self->toggle_source = 0;
  gtk_widget_set_visible (self->impact_toggle, adw_flap_get_folded (self->impact_flap));
  return G_SOURCE_REMOVE;
}

/* The flap folds while it is being allocated: showing the toggle then
 * would resize the header after its allocation, so it waits for an idle. */
static void
impact_folded_changed (StrataScoringPage *self)
{
  if (self->toggle_source == 0)
    self->toggle_source = g_idle_add (sync_impact_toggle, self);
}

static void
strata_scoring_page_init (StrataScoringPage *self)
{
  g_type_ensure (STRATA_TYPE_RULES_EDITOR);
  g_type_ensure (STRATA_TYPE_IMPACT_PANEL);
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    /* The cards get their natural height: a card's wide table scrolls
     * sideways inside it and would otherwise be given only its minimum. */
    GtkWidget *viewport = gtk_widget_get_parent (GTK_WIDGET (self->editor));
    if (GTK_IS_VIEWPORT (viewport))
      gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (viewport), GTK_SCROLL_NATURAL);
  }

  gtk_widget_set_visible (self->impact_toggle, adw_flap_get_folded (self->impact_flap));
  g_signal_connect_swapped (self->impact_flap, "notify::folded", G_CALLBACK (impact_folded_changed), self);

  self->undo = strata_undo_stack_new (copy_rules, free_rules);
  self->impact_async_rows = strata_scoring_page_default_impact_async_rows ();
  /* A read-only workspace shows its rules but takes no edits. */
  g_object_bind_property (self, "editable", self->editor, "sensitive", G_BINDING_SYNC_CREATE);
  g_signal_connect (self, "notify::editable", G_CALLBACK (update_header), NULL);
  update_header (self);
}

GtkWidget *
strata_scoring_page_new (void)
{
  return g_object_new (STRATA_TYPE_SCORING_PAGE, NULL);
}
