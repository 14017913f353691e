/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-history-dialog.h"
#include "strata-ruleset-store.h"
#include "strata-scoring-page-private.h"
#include "strata-whatif-view.h"

struct _StrataHistoryDialog
{
  AdwWindow         parent_instance;
  StrataWorkspace  *workspace;
  StrataPeriodData *data;
  GPtrArray        *versions;     /* StrataRulesetVersion*, newest first */
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

  g_return_val_if_fail (STRATA_IS_HISTORY_DIALOG (self), NULL);

  if (self->data == NULL || self->data->n == 0)
    return g_strdup (_("The period has no customers to compare on."));
  rules_a = strata_ruleset_store_load_version (self->workspace, a, &error);
  if (rules_a != NULL)
    rules_b = strata_ruleset_store_load_version (self->workspace, b, &error);
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
restore_clicked (GtkButton *button,
                 gpointer   data)
{
  StrataHistoryDialog *self = g_object_get_data (G_OBJECT (button), "dialog");

  g_signal_emit (self, signals[RESTORE], 0, GPOINTER_TO_UINT (data));
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
}

static void
strata_history_dialog_init (StrataHistoryDialog *self)
{
}

GtkWidget *
strata_history_dialog_new (StrataWorkspace  *workspace,
                           StrataPeriodData *data)
{
  StrataHistoryDialog *self = g_object_new (STRATA_TYPE_HISTORY_DIALOG,
                                            "modal", TRUE,
                                            "default-width", 640,
                                            "default-height", 560,
                                            "title", _("Rule Set History"),
                                            NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *box, *header, *scroller, *content, *list, *compare_row, *button;

  self->workspace = g_object_ref (workspace);
  self->data = data ? strata_period_data_ref (data) : NULL;
  self->versions = strata_ruleset_store_list_versions (workspace, &error);
  if (self->versions == NULL)
    {
      g_warning ("Cannot list the rule set versions: %s", error->message);
      self->versions = g_ptr_array_new ();
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);

  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "versions");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < self->versions->len; i++)
    {
      StrataRulesetVersion *v = self->versions->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("Version %u"), v->version);
      g_autofree char *note = g_markup_escape_text (*v->note ? v->note : _("(no note)"), -1);
      g_autofree char *subtitle = NULL;
      g_autofree char *who = g_markup_escape_text (v->author ? v->author : "", -1);

      /* Translators: who published a version, and when. */
      g_autofree char *byline = g_strdup_printf (_("%s · %s"), who,
                                                 v->published_at ? v->published_at : "");

      subtitle = g_strconcat (note, "\n", byline, NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      button = gtk_button_new_with_mnemonic (_("_Restore"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Copy this version into the draft"));
      g_object_set_data (G_OBJECT (button), "dialog", self);
      g_signal_connect (button, "clicked", G_CALLBACK (restore_clicked), GUINT_TO_POINTER (v->version));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      gtk_string_list_append (names, title);
    }
  if (self->versions->len == 0)
    {
      GtkWidget *none = adw_status_page_new ();

      adw_status_page_set_title (ADW_STATUS_PAGE (none), _("Nothing Published Yet"));
      adw_status_page_set_description (ADW_STATUS_PAGE (none),
                                       _("Publish the draft to create the first version."));
      gtk_box_append (GTK_BOX (content), none);
    }
  else
    gtk_box_append (GTK_BOX (content), list);

  compare_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (compare_row), gtk_label_new (_("Compare")));
  self->from_choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_box_append (GTK_BOX (compare_row), GTK_WIDGET (self->from_choice));
  gtk_box_append (GTK_BOX (compare_row), gtk_label_new (_("with")));
  self->to_choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_box_append (GTK_BOX (compare_row), GTK_WIDGET (self->to_choice));
  button = gtk_button_new_with_mnemonic (_("_Compare"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (compare_clicked), self);
  gtk_box_append (GTK_BOX (compare_row), button);
  /* The newest against the one before it, by default. */
  if (self->versions->len > 1)
    gtk_drop_down_set_selected (self->from_choice, 1);
  gtk_widget_set_sensitive (compare_row, self->versions->len > 0);
  gtk_box_append (GTK_BOX (content), compare_row);

  self->comparison = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->comparison, 0);
  gtk_label_set_wrap (self->comparison, TRUE);
  gtk_label_set_selectable (self->comparison, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->comparison), "numeric");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->comparison));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);
  return GTK_WIDGET (self);
}
