/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Scoring page's commands: Publish (with a note), History, and rules
 * files in and out. A rules file that cannot be read changes nothing; its
 * error names the file and the place of the problem. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "strata-fit-dialog.h"
#include "strata-history-dialog.h"
#include "strata-rules-json.h"
#include "strata-ruleset-store.h"
#include "strata-scoring-page-private.h"
#include "strata-workspace-copy.h"
#include "strata-write-error.h"

static GtkWindow *
parent_window (StrataScoringPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Publish ----------------------------------------------------------------- */

static void
publish_response (AdwMessageDialog  *dialog,
                  const char        *response,
                  StrataScoringPage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "note");
  g_autofree char *note = NULL;

  if (!g_str_equal (response, "publish"))
    return;
  note = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  strata_scoring_page_publish_note (self, note);
}

typedef struct
{
  StrataScoringPage *self;   /* owns the record: see strata-write-error.h */
  char              *note;
} PublishEdit;

static void
publish_edit_free (PublishEdit *e)
{
  g_free (e->note);
  g_free (e);
}

static void
publish_retry (gpointer data)
{
  PublishEdit *e = data;

  strata_scoring_page_publish_note (e->self, e->note);
}

/* The copy gets the draft on screen, published there with the note. */
static gboolean
publish_copy (StrataWorkspace *copy,
              gpointer         data,
              GError         **error)
{
  PublishEdit *e = data;

  if (e->self->draft == NULL)
    {
      g_set_error_literal (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                           _("There is no edit to save"));
      return FALSE;
    }
  return strata_ruleset_store_publish (copy, e->self->draft, e->note, NULL, error);
}

gboolean
strata_scoring_page_publish_note (StrataScoringPage *self,
                                  const char        *note)
{
  g_autoptr(GError) error = NULL;
  guint version = 0;

  if (self->scoring == NULL || self->draft == NULL)
    return FALSE;
  /* The scoring state holds the draft on screen: publish exactly that
   * (publishing writes it as the draft too). */
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_pending = FALSE;
  if (!strata_scoring_publish (self->scoring, note, &version, &error))
    {
      /* In use or a full disk: the draft stays on screen, to try again or
       * to publish in a copy elsewhere. */
      if (strata_write_error_is_retryable (error))
        {
          PublishEdit *e = g_new0 (PublishEdit, 1);

          e->self = self;
          e->note = g_strdup (note);
          strata_write_error_show (STRATA_PAGE (self), _("The rule set could not be published"),
                                   error, publish_retry, publish_copy, e,
                                   (GDestroyNotify) publish_edit_free);
        }
      else
        strata_scoring_page_show_error (self, _("The rule set could not be published"), error);
      return FALSE;
    }
  strata_scoring_page_toast (self, adw_toast_new (_("Rule set published")));
  return TRUE;
}

static void
note_changed (GtkEditable      *entry,
              AdwMessageDialog *dialog)
{
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  /* A version without a note cannot be told apart later. */
  adw_message_dialog_set_response_enabled (dialog, "publish", *note != '\0');
}

void
strata_scoring_page_publish (StrataScoringPage *self)
{
  GtkWidget *dialog;
  GtkWidget *entry;
  g_autofree char *body = NULL;
  const StrataRules *published;
  guint changes;

  if (self->draft == NULL || self->scoring == NULL)
    return;
  published = strata_scoring_get_published (self->scoring);
  changes = published ? strata_rules_count_changes (published, self->draft) : 0;
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The draft, with %u change, becomes version %u. Describe what changed and why.",
                                       "The draft, with %u changes, becomes version %u. Describe what changed and why.",
                                       changes),
                          changes, strata_scoring_get_published_version (self->scoring) + 1);
  dialog = adw_message_dialog_new (parent_window (self), _("Publish Rule Set?"), body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Note, e.g. “Raise the weight of referrals”"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "note", entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "publish", _("_Publish"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "publish",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "publish");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "publish", FALSE);
  g_signal_connect (entry, "changed", G_CALLBACK (note_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (publish_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* History ----------------------------------------------------------------- */

static void
history_restore (StrataScoringPage *self,
                 guint              version,
                 StrataHistoryDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataRules) rules = strata_ruleset_store_load_version (strata_page_get_workspace (STRATA_PAGE (self)), version, &error);
  g_autofree char *label = NULL;
  g_autofree char *toast = NULL;

  if (rules == NULL)
    {
      strata_scoring_page_show_error (self, _("The version could not be restored"), error);
      return;
    }
  /* Restoring is an edit of the draft like any other: it can be undone. */
  label = g_strdup_printf (_("Restore version %u"), version);
  strata_scoring_page_replace_draft (self, rules, label);
  toast = g_strdup_printf (_("Version %u restored into the draft"), version);
  {
    AdwToast *t = adw_toast_new (toast);

    adw_toast_set_button_label (t, _("_Undo"));
    adw_toast_set_action_name (t, "page.undo");
    strata_scoring_page_toast (self, t);
  }
  gtk_window_close (GTK_WINDOW (dialog));
}

void
strata_scoring_page_history (StrataScoringPage *self)
{
  GtkWidget *dialog;

  if (strata_page_get_workspace (STRATA_PAGE (self)) == NULL || self->scoring == NULL)
    return;
  dialog = strata_history_dialog_new (strata_page_get_workspace (STRATA_PAGE (self)),
                                      (StrataPeriodData *) strata_scoring_get_data (self->scoring));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  g_signal_connect_object (dialog, "restore", G_CALLBACK (history_restore), self,
                           G_CONNECT_SWAPPED);
  /* Restoring a version writes the draft: not on a read-only workspace. */
  gtk_widget_action_set_enabled (dialog, "history.restore",
                                 strata_page_get_editable (STRATA_PAGE (self)));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Rules files ------------------------------------------------------------- */

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Rules files (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  return filter;
}

static void
import_chosen (StrataPage *page,
               GFile      *file)
{
  StrataScoringPage *self = STRATA_SCORING_PAGE (page);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataRules) rules = NULL;

  if (path == NULL)
    return;

  rules = strata_rules_load_file (path, &error);
  if (rules == NULL)
    {
      strata_scoring_page_show_error (self, _("The rules file could not be imported"), error);
      return;
    }
  /* A file with problems still becomes the draft (one undo away), and the
   * cells show what to fix: nothing is lost, nothing is published. */
  strata_scoring_page_replace_draft (self, rules, _("Import rules"));
  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *text = g_strdup_printf (_("Rules imported from “%s”"), base);
    AdwToast *toast = adw_toast_new (text);

    adw_toast_set_button_label (toast, _("_Undo"));
    adw_toast_set_action_name (toast, "page.undo");
    strata_scoring_page_toast (self, toast);
  }
}

static void
export_chosen (StrataPage *page,
               GFile      *file)
{
  StrataScoringPage *self = STRATA_SCORING_PAGE (page);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (path == NULL || self->draft == NULL)
    return;

  if (!strata_rules_save_file (self->draft, path, &error))
    strata_scoring_page_show_error (self, _("The rules could not be exported"), error);
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *text = g_strdup_printf (_("Rules exported to “%s”"), base);

      strata_scoring_page_toast (self, adw_toast_new (text));
    }
}

static void
open_chooser (StrataScoringPage    *self,
              GtkFileChooserAction  action)
{
  gboolean saving = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GtkFileFilter) filter = json_filter ();

  strata_page_choose_file (STRATA_PAGE (self), action,
                           saving ? _("Export Rules") : _("Import Rules"),
                           saving ? _("_Export") : _("_Import"), filter,
                           saving ? _("rules.json") : NULL,
                           saving ? export_chosen : import_chosen);
}

void
strata_scoring_page_import_rules (StrataScoringPage *self)
{
  open_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN);
}

void
strata_scoring_page_export_rules (StrataScoringPage *self)
{
  open_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE);
}

/* Fit to Data ------------------------------------------------------------- */

static void
fit_applied (StrataFitDialog   *dialog,
             StrataScoringPage *self)
{
  const StrataRules *rules = strata_fit_dialog_get_rules (dialog);

  if (rules != NULL)
    strata_scoring_page_replace_draft (self, rules, _("Fit to Data"));
}

void
strata_scoring_page_fit_to_data (StrataScoringPage *self)
{
  StrataFitDialog *dialog;
  const StrataPeriodData *data;
  StrataWorkspace *workspace = strata_page_get_workspace (STRATA_PAGE (self));

  if (self->scoring == NULL || self->draft == NULL || workspace == NULL ||
      (data = strata_scoring_get_data (self->scoring)) == NULL)
    return;
  /* The shared data is immutable but for the columns the window left out,
   * which the dialog's worker reads into it (every metric is offered). */
  dialog = strata_fit_dialog_new (parent_window (self), self->draft, (StrataPeriodData *) data,
                                  strata_workspace_get_path (workspace));
  g_signal_connect_object (dialog, "apply", G_CALLBACK (fit_applied), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Save a Copy ------------------------------------------------------------- */

gboolean
strata_scoring_page_save_copy (StrataScoringPage  *self,
                               const char         *path,
                               GError            **error)
{
  StrataWorkspace *workspace = strata_page_get_workspace (STRATA_PAGE (self));
  g_autoptr(StrataWorkspace) copy = NULL;

  g_return_val_if_fail (workspace != NULL && self->draft != NULL, FALSE);
  if (!strata_workspace_save_copy (workspace, path, error))
    return FALSE;
  copy = strata_workspace_open (path, NULL, error);
  return copy != NULL && strata_ruleset_store_save_draft (copy, self->draft, error);
}

static void
copy_chosen (StrataPage *page,
             GFile      *file)
{
  StrataScoringPage *self = STRATA_SCORING_PAGE (page);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (path == NULL || self->draft == NULL || strata_page_get_workspace (page) == NULL)
    return;
  if (!strata_scoring_page_save_copy (self, path, &error))
    strata_scoring_page_show_error (self, _("The copy could not be saved"), error);
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      /* Translators: %s is the file name of the copy. */
      g_autofree char *text = g_strdup_printf (_("A copy with the draft was saved as “%s”"), base);

      strata_scoring_page_toast (self, adw_toast_new (text));
    }
}

void
strata_scoring_page_choose_copy (StrataScoringPage *self)
{
  StrataWorkspace *workspace = strata_page_get_workspace (STRATA_PAGE (self));
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char *dot;

  if (workspace == NULL)
    return;
  base = g_path_get_basename (strata_workspace_get_path (workspace));
  dot = strrchr (base, '.');
  if (dot != NULL)
    *dot = '\0';
  /* Translators: the suggested name of a copy, %s is the workspace's name. */
  name = g_strdup_printf (_("%s (copy).strata"), base);
  strata_page_choose_file (STRATA_PAGE (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                           _("Save a Copy"), _("_Save"), NULL, name, copy_chosen);
}
