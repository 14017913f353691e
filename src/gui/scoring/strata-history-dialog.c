/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-format.h"
#include "strata-history-dialog.h"
#include "strata-rules-diff.h"
#include "strata-rules-private.h"
#include "strata-ruleset-store.h"
#include "strata-scoring-page-private.h"
#include "strata-whatif-view.h"

/* A published version's row: its number, note, author and date, and a
 * Restore button (the dialog's history.restore action, with the version). */
#define STRATA_TYPE_VERSION_ROW (strata_version_row_get_type ())
G_DECLARE_FINAL_TYPE (StrataVersionRow, strata_version_row, STRATA, VERSION_ROW, AdwActionRow)

struct _StrataVersionRow
{
  AdwActionRow  parent_instance;
  GtkButton    *restore;
};

G_DEFINE_FINAL_TYPE (StrataVersionRow, strata_version_row, ADW_TYPE_ACTION_ROW)

static void
strata_version_row_class_init (StrataVersionRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-version-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataVersionRow, restore);
}

static void
strata_version_row_init (StrataVersionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static GtkWidget *
strata_version_row_new (const StrataRulesetVersion *v)
{
  StrataVersionRow *row = g_object_new (STRATA_TYPE_VERSION_ROW, NULL);
  g_autofree char *title = g_strdup_printf (_("Version %u"), v->version);
  g_autofree char *note = g_markup_escape_text (*v->note ? v->note : _("(no note)"), -1);
  g_autofree char *who = g_markup_escape_text (v->author ? v->author : "", -1);
  g_autofree char *when = strata_format_timestamp (NULL, v->published_at);
  /* Translators: who published a version, and when. */
  g_autofree char *byline = g_strdup_printf (_("%s · %s"), who, when);
  g_autofree char *subtitle = g_strconcat (note, "\n", byline, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row->restore), "u", v->version);
  return GTK_WIDGET (row);
}

struct _StrataHistoryDialog
{
  AdwWindow         parent_instance;
  StrataWorkspace  *workspace;
  StrataPeriodData *data;
  GPtrArray        *versions;     /* StrataRulesetVersion*, newest first */
  GtkListBox       *version_list;
  GtkWidget        *none;
  GtkWidget        *compare_row;
  GtkDropDown      *from_choice;
  GtkDropDown      *to_choice;
  GtkLabel         *comparison;
};

G_DEFINE_FINAL_TYPE (StrataHistoryDialog, strata_history_dialog, ADW_TYPE_WINDOW)

enum {
  RESTORE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
strata_history_dialog_compare (StrataHistoryDialog *self,
                               guint                a,
                               guint                b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataRules) rules_a = NULL;
  g_autoptr(StrataRules) rules_b = NULL;
  g_autoptr(StrataResult) result_a = NULL;
  g_autoptr(StrataResult) result_b = NULL;
  g_autoptr(StrataWhatifView) view = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree int *before = NULL;
  g_autofree int *after = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GHashTable) labels = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  g_return_val_if_fail (STRATA_IS_HISTORY_DIALOG (self), NULL);

  if (self->data == NULL || self->data->n == 0)
    return g_strdup (_("The period has no customers to compare on."));
  rules_a = strata_ruleset_store_load_version (self->workspace, a, &error);
  if (rules_a != NULL)
    rules_b = strata_ruleset_store_load_version (self->workspace, b, &error);
  /* The window's period may lack a column an older version reads. */
  if (rules_b != NULL)
    {
      g_autoptr(GPtrArray) metrics = strata_rules_get_metrics (rules_a);
      g_autoptr(GPtrArray) metrics_b = strata_rules_get_metrics (rules_b);

      g_ptr_array_extend_and_steal (metrics, g_steal_pointer (&metrics_b));
      g_ptr_array_add (metrics, NULL);
      if (!strata_period_data_ensure_metrics (self->data, self->workspace,
                                              (const char * const *) metrics->pdata, &error))
        g_clear_pointer (&rules_b, strata_rules_free);
    }
  if (rules_b != NULL)
    result_a = strata_engine_score (rules_a, self->data, &error);
  if (result_a != NULL)
    result_b = strata_engine_score (rules_b, self->data, &error);
  if (result_b == NULL)
    return g_strdup (error->message);

  /* Transitions are read in the tiers of the newer side (b). */
  before = strata_scoring_page_map_tiers (rules_a, result_a, rules_b);
  after = strata_scoring_page_map_tiers (rules_b, result_b, rules_b);
  for (guint t = 0; t < rules_b->tiers->len; t++)
    g_ptr_array_add (ids, ((StrataTier *) rules_b->tiers->pdata[t])->id);
  view = strata_whatif_view_new (rules_b->tiers->len, (const char * const *) ids->pdata,
                                 self->data->n, before, after, result_a->score, result_b->score);
  summary = strata_whatif_view_format_summary (view);
  g_string_append_printf (text, _("From version %u to version %u on %s: %s"), a, b,
                          self->data->period_name, summary);
  for (guint i = 0; i < strata_whatif_view_get_n_transitions (view); i++)
    {
      g_autofree char *line = strata_whatif_view_format_transition (view, i);

      g_string_append_printf (text, "\n%s", line);
    }

  /* Which rules changed, not only who moves: the lines of the review's
   * "Rule changes" slide, metrics named by their labels. */
  labels = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint m = 0; m < self->data->n_metrics; m++)
    g_hash_table_insert (labels, self->data->metric_keys[m], self->data->metric_labels[m]);
  changes = strata_rules_diff (rules_a, rules_b, labels);
  g_string_append_printf (text, "\n%s", changes->len > 0 ? _("Rules changed:") : _("No rule changed."));
  for (guint i = 0; i < changes->len; i++)
    g_string_append_printf (text, "\n• %s", ((StrataRuleChange *) changes->pdata[i])->text);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
chosen_version (StrataHistoryDialog *self,
                GtkDropDown         *choice)
{
  guint i = gtk_drop_down_get_selected (choice);

  if (i == GTK_INVALID_LIST_POSITION || i >= self->versions->len)
    return 0;
  return ((StrataRulesetVersion *) self->versions->pdata[i])->version;
}

static void
compare_clicked (StrataHistoryDialog *self)
{
  g_autofree char *text = strata_history_dialog_compare (self, chosen_version (self, self->from_choice),
                                                         chosen_version (self, self->to_choice));

  gtk_label_set_text (self->comparison, text);
}

static void
restore_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_signal_emit (widget, signals[RESTORE], 0, g_variant_get_uint32 (parameter));
}

static void
strata_history_dialog_finalize (GObject *object)
{
  StrataHistoryDialog *self = STRATA_HISTORY_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_pointer (&self->data, strata_period_data_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  G_OBJECT_CLASS (strata_history_dialog_parent_class)->finalize (object);
}

static void
strata_history_dialog_class_init (StrataHistoryDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = strata_history_dialog_finalize;
  /* ::restore (version): copy that version into the draft. */
  signals[RESTORE] = g_signal_new ("restore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "history.restore", "u", restore_activated);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-history-dialog.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "versions", FALSE,
                                             G_STRUCT_OFFSET (StrataHistoryDialog, version_list));
  gtk_widget_class_bind_template_child (widget_class, StrataHistoryDialog, none);
  gtk_widget_class_bind_template_child (widget_class, StrataHistoryDialog, compare_row);
  gtk_widget_class_bind_template_child (widget_class, StrataHistoryDialog, from_choice);
  gtk_widget_class_bind_template_child (widget_class, StrataHistoryDialog, to_choice);
  gtk_widget_class_bind_template_child (widget_class, StrataHistoryDialog, comparison);
  gtk_widget_class_bind_template_callback (widget_class, compare_clicked);
}

static void
strata_history_dialog_init (StrataHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
strata_history_dialog_new (StrataWorkspace  *workspace,
                           StrataPeriodData *data)
{
  StrataHistoryDialog *self = g_object_new (STRATA_TYPE_HISTORY_DIALOG, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->workspace = g_object_ref (workspace);
  self->data = data ? strata_period_data_ref (data) : NULL;
  self->versions = strata_ruleset_store_list_versions (workspace, &error);
  if (self->versions == NULL)
    {
      g_warning ("Cannot list the rule set versions: %s", error->message);
      self->versions = g_ptr_array_new ();
    }

  for (guint i = 0; i < self->versions->len; i++)
    {
      StrataRulesetVersion *v = self->versions->pdata[i];
      g_autofree char *title = g_strdup_printf (_("Version %u"), v->version);

      gtk_list_box_append (self->version_list, strata_version_row_new (v));
      gtk_string_list_append (names, title);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->version_list), self->versions->len > 0);
  gtk_widget_set_visible (self->none, self->versions->len == 0);

  gtk_drop_down_set_model (self->from_choice, G_LIST_MODEL (names));
  gtk_drop_down_set_model (self->to_choice, G_LIST_MODEL (names));
  /* The newest against the one before it, by default. */
  if (self->versions->len > 1)
    gtk_drop_down_set_selected (self->from_choice, 1);
  gtk_widget_set_sensitive (self->compare_row, self->versions->len > 0);
  return GTK_WIDGET (self);
}
