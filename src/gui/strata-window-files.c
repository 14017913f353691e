/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Choosing, opening and remembering workspaces: file choosers, the demo,
 * the recent list of the welcome page, drag and drop. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "strata-demo.h"
#include "strata-task.h"
/* area: import */
#include "strata-import-dialog.h"
#include "strata-seed.h"
#include "strata-window-private.h"

#define MIME_TYPE  "application/x-strata-workspace"
#define MAX_RECENT 8
#define SHOW_RECENT 5

void
strata_window_show_error (StrataWindow *self,
                          const char   *heading,
                          const GError *error)
{
  GtkWidget *dialog;

  g_assert (STRATA_IS_WINDOW (self));

  /* The GError already names the file and the problem. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
display_dir (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  gsize len = strlen (home);

  if (len > 1 && g_str_has_prefix (dir, home) && (dir[len] == '/' || dir[len] == '\0'))
    return g_strconcat ("~", dir + len, NULL);
  return g_steal_pointer (&dir);
}

void
strata_window_reload_recent (StrataWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent[i] != NULL && shown < SHOW_RECENT; i++)
    {
      g_autofree char *basename = NULL;
      g_autofree char *dir = NULL;
      GtkWidget *row, *icon;

      /* A file that was moved or deleted is not offered. */
      if (!g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        continue;
      basename = g_path_get_basename (recent[i]);
      dir = display_dir (recent[i]);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), basename);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-recent");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                              g_variant_new_string (recent[i]));
      icon = gtk_image_new_from_icon_name ("go-next-symbolic");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }
  gtk_widget_set_visible (self->recent_box, shown > 0);
}

/* Puts path first in the recent list, makes it the workspace to reopen at
 * start, and tells the desktop's recent files. */
void
strata_window_remember (StrataWindow *self,
                        const char   *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (recent[i], path) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-workspaces", (const char * const *) updated);
  g_settings_set_string (self->settings, "last-workspace", path);

  if (uri != NULL)
    {
      GtkRecentData data = {
        .mime_type = (char *) MIME_TYPE,
        .app_name = (char *) "Strata",
        .app_exec = (char *) "strata %f",
      };

      gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
    }
}

/* The full check runs on a connection of its own in a thread that runs
 * only on a core nothing else wants (seconds at a million customers: it
 * ran beside the names' order and the user's sorts); opening checked
 * only what is cheap. */
static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(StrataWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  workspace = strata_workspace_open (task_data, cancellable, &error);
  if (workspace != NULL)
    {
      /* Closing never checkpoints (the window's connection does): the
       * idle thread then never holds the file's exclusive lock. */
      sqlite3_db_config (strata_workspace_get_db (workspace), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      strata_task_idle_from_now ();
      strata_workspace_check (workspace, &error);
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_damage_details (AdwToast     *toast,
                   StrataWindow *self)
{
  const GError *error = g_object_get_data (G_OBJECT (toast), "error");

  strata_window_show_error (self, _("Workspace Is Damaged"), error);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  StrataWindow *self = STRATA_WINDOW (source);
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    return;
  /* Only about the workspace still open, and only real damage: a file
   * replaced or removed meanwhile is reported when it is next used. */
  if (self->workspace == NULL ||
      g_strcmp0 (strata_workspace_get_path (self->workspace), path) != 0 ||
      !g_error_matches (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_CORRUPT))
    return;
  toast = adw_toast_new (_("This workspace is damaged: some of its data cannot be read"));
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("_Details"));
  g_object_set_data_full (G_OBJECT (toast), "error", g_steal_pointer (&error),
                          (GDestroyNotify) g_error_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_damage_details), self, 0);
  strata_window_add_toast (self, toast);
}

static void
start_check (StrataWindow *self,
             const char   *path)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, checked_cb, NULL);

  g_task_set_source_tag (task, start_check);
  g_task_set_task_data (task, g_strdup (path), g_free);
  strata_task_run_when_idle (task, check_thread);
}

static void
scoring_loaded_cb (StrataContext *context,
                   GParamSpec    *pspec,
                   StrataWindow  *self)
{
  if (strata_context_get_scoring_loading (context))
    return;
  g_signal_handlers_disconnect_by_func (context, scoring_loaded_cb, self);
  start_check (self, strata_workspace_get_path (strata_context_get_workspace (context)));
}

/* The check reads the whole file (seconds at a million customers): it
 * starts once the scoring's period is read, so that the two do not share
 * the disk and the cores while the window waits for its data. A context
 * closed before that checks nothing; the next open checks its own file. */
static void
check_in_background (StrataWindow *self,
                     const char   *path)
{
  if (self->context != NULL && strata_context_get_scoring_loading (self->context))
    g_signal_connect_object (self->context, "notify::scoring-loading",
                             G_CALLBACK (scoring_loaded_cb), self, 0);
  else
    start_check (self, path);
}

/* Makes workspace, opened from canonical, the window's. */
static void
show_opened (StrataWindow    *self,
             StrataWorkspace *workspace,
             const char      *canonical)
{
  strata_window_set_workspace (self, workspace);
  strata_window_remember (self, canonical);
  check_in_background (self, canonical);
}

/* After an unclean shutdown the open reads the whole file (quick_check:
 * seconds at a million customers). On a worker, so that the window keeps
 * drawing; the connection is handed to the main thread once open (a
 * connection belongs to one thread at a time, HACKING "Connections"). */
static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(StrataWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  workspace = strata_workspace_open (task_data, cancellable, &error);
  /* Abandoned meanwhile: closed here rather than on the main thread
   * (closing folds the -wal back into the file). */
  if (workspace != NULL && g_cancellable_set_error_if_cancelled (cancellable, &error))
    g_clear_object (&workspace);
  if (workspace == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&workspace), g_object_unref);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GWeakRef, weak_ref_free)

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GWeakRef) ref = user_data;
  g_autoptr(StrataWindow) self = g_weak_ref_get (ref);
  GTask *task = G_TASK (result);
  g_autofree char *path = g_strdup (g_task_get_task_data (task));
  g_autoptr(StrataWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;

  workspace = g_task_propagate_pointer (task, &error);
  /* Abandoned (another open, Cancel, the window closed): not a word. */
  if (self == NULL || self->pages == NULL || self->opening == NULL ||
      g_task_get_cancellable (task) != self->opening)
    return;
  g_clear_object (&self->opening);
  g_clear_pointer (&self->opening_path, g_free);
  if (workspace == NULL)
    {
      /* Damaged (or gone meanwhile): what was open stays. */
      strata_window_update_chrome (self);
      strata_window_show_error (self, _("Could Not Open Workspace"), error);
      return;
    }
  show_opened (self, workspace, path);
}

void
strata_window_cancel_open (StrataWindow *self)
{
  g_return_if_fail (STRATA_IS_WINDOW (self));

  if (self->opening == NULL)
    return;
  g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  g_clear_pointer (&self->opening_path, g_free);
  strata_window_update_chrome (self);
}

/* Nothing is read from, shown of or written to the file before it passed
 * its check: the window shows the check, and what was open stays open
 * behind it (back with Cancel or on damage). */
static void
open_in_background (StrataWindow *self,
                    const char   *canonical,
                    gboolean      upgrade)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *basename = g_path_get_basename (canonical);
  g_autofree char *description = NULL;
  GWeakRef *ref;

  self->opening = g_cancellable_new ();
  self->opening_path = g_strdup (canonical);
  if (upgrade)
    /* Translators: %s is a workspace file name, written by an older version. */
    description = g_strdup_printf (_("Bringing “%s” up to date for this version of Strata…"), basename);
  else
    /* Translators: %s is a workspace file name. */
    description = g_strdup_printf (_("Checking “%s” after an unexpected shutdown…"), basename);
  adw_status_page_set_title (self->checking_page, upgrade ? _("Updating Workspace") : _("Checking Workspace"));
  adw_status_page_set_description (self->checking_page, description);
  strata_window_update_chrome (self);

  /* Not holding the window: closing it disposes it, which abandons this. */
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  task = g_task_new (NULL, self->opening, opened_cb, ref);
  g_task_set_source_tag (task, open_in_background);
  g_task_set_task_data (task, g_strdup (canonical), g_free);
  strata_task_run_in_background (task, open_thread);
}

gboolean
strata_window_open_path (StrataWindow  *self,
                         const char    *path,
                         GError       **error)
{
  g_autoptr(StrataWorkspace) workspace = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (STRATA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  canonical = g_canonicalize_filename (path, NULL);
  if (g_strcmp0 (self->opening_path, canonical) == 0)
    return TRUE;
  /* Any other open abandons the one being checked. */
  strata_window_cancel_open (self);
  if (self->workspace != NULL
      && g_strcmp0 (strata_workspace_get_path (self->workspace), canonical) == 0)
    return TRUE;

  workspace = strata_workspace_open_no_wait (canonical, &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK) ||
      g_error_matches (local_error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_OLDER_FORMAT))
    {
      open_in_background (self, canonical, local_error->domain == STRATA_WORKSPACE_ERROR);
      return TRUE;
    }
  if (workspace == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_opened (self, workspace, canonical);
  return TRUE;
}

gboolean
strata_window_open (StrataWindow *self,
                    GFile        *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (STRATA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot open “%s”: only files on this computer can be opened"), uri);
    }
  if (error == NULL && strata_window_open_path (self, path, &error))
    return TRUE;
  strata_window_show_error (self, _("Could Not Open Workspace"), error);
  return FALSE;
}

char *
strata_window_get_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "strata", "demo.strata", NULL);
}

/* A demo without customers was written by an older Strata (before the
 * demo generator existed) or emptied: it is written again. */
static gboolean
demo_is_empty (const char *path)
{
  g_autoptr(StrataWorkspace) workspace = strata_workspace_open_no_wait (path, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* A demo that does not open, or is to be checked first, is reported or
   * checked by opening it. */
  if (workspace == NULL)
    return FALSE;
  stmt = strata_workspace_prepare (workspace, "SELECT EXISTS (SELECT 1 FROM customers)", NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
}

static void
write_demo_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *dir = g_path_get_dirname (path);
  GError *error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return;
    }
  /* The generator writes a temporary file and moves it into place when it
   * is complete, so a failure leaves no half-written demo behind. */
  if (!strata_demo_write (path, STRATA_DEMO_DEFAULT_CUSTOMERS, STRATA_DEMO_DEFAULT_SEED,
                          STRATA_DEMO_DEFAULT_PERIODS, STRATA_DEMO_OVERWRITE,
                          NULL, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
demo_written_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  StrataWindow *self = STRATA_WINDOW (source);
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->writing_demo = FALSE;
  if (self->pages == NULL)   /* the window was closed meanwhile */
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error)
      || !strata_window_open_path (self, path, &error))
    strata_window_show_error (self, _("Could Not Open the Demo Workspace"), error);
}

void
strata_window_open_demo (StrataWindow *self)
{
  g_autofree char *path = strata_window_get_demo_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STRATA_IS_WINDOW (self));

  if (self->writing_demo || g_strcmp0 (self->opening_path, path) == 0)
    return;
  if (self->workspace != NULL
      && g_strcmp0 (strata_workspace_get_path (self->workspace), path) == 0)
    return;
  if (g_file_test (path, G_FILE_TEST_EXISTS) && !demo_is_empty (path))
    {
      if (!strata_window_open_path (self, path, &error))
        strata_window_show_error (self, _("Could Not Open the Demo Workspace"), error);
      return;
    }

  /* Writing 600 customers over four quarters takes a moment: in a thread,
   * so that the window keeps drawing. */
  self->writing_demo = TRUE;
  task = g_task_new (self, NULL, demo_written_cb, NULL);
  g_task_set_source_tag (task, strata_window_open_demo);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  strata_task_run_in_background (task, write_demo_thread);
}

/* Creates a new workspace at path. The file chooser already asked whether
 * to replace an existing file; the new one is written beside it and moved
 * over it only once complete, and the open workspace is never replaced. */
static gboolean
create_workspace (StrataWindow  *self,
                  const char    *path,
                  GError       **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr(StrataWorkspace) workspace = NULL;

  /* Not the file being checked underneath the check. */
  if (g_strcmp0 (self->opening_path, path) == 0)
    strata_window_cancel_open (self);
  if (self->workspace != NULL
      && g_strcmp0 (strata_workspace_get_path (self->workspace), path) == 0)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_EXISTS,
                   _("Cannot replace “%s”: it is the workspace that is open"), path);
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      workspace = strata_seed_create_workspace (path, error);
      return workspace != NULL;
    }

  tmp = g_strconcat (path, ".new", NULL);
  g_unlink (tmp);
  workspace = strata_seed_create_workspace (tmp, error);
  if (workspace == NULL)
    return FALSE;
  g_clear_object (&workspace);
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

static GtkFileFilter *
workspace_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Strata Workspaces"));
  gtk_file_filter_add_pattern (filter, "*.strata");
  gtk_file_filter_add_mime_type (filter, MIME_TYPE);
  return filter;
}

static void
chooser_response_cb (StrataWindow         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean save;

  save = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (!save)
    {
      strata_window_open (self, file);
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot create “%s”: only files on this computer can be used"), uri);
    }
  else if (!g_str_has_suffix (path, ".strata"))
    {
      char *with_suffix = g_strconcat (path, ".strata", NULL);

      g_free (path);
      path = with_suffix;
    }
  if (error == NULL && create_workspace (self, path, &error)
      && strata_window_open_path (self, path, &error))
    return;
  strata_window_show_error (self, _("Could Not Create Workspace"), error);
}

/* Where workspaces are likely to be: beside the open one, else Documents. */
static GFile *
chooser_folder (StrataWindow *self)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (self->workspace != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (strata_workspace_get_path (self->workspace));

      return g_file_get_parent (file);
    }
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

static void
run_chooser (StrataWindow         *self,
             GtkFileChooserAction  action)
{
  g_autoptr(GtkFileFilter) filter = workspace_filter ();
  g_autoptr(GFile) folder = NULL;
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (save ? _("New Workspace") : _("Open Workspace"),
                                               GTK_WINDOW (self), action,
                                               save ? _("_Create") : _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  folder = chooser_folder (self);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  if (save)
    /* Translators: the suggested file name of a new workspace; keep .strata */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("Customers.strata"));
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
strata_window_choose_new (StrataWindow *self)
{
  g_return_if_fail (STRATA_IS_WINDOW (self));
  run_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE);
}

void
strata_window_choose_open (StrataWindow *self)
{
  g_return_if_fail (STRATA_IS_WINDOW (self));
  run_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN);
}

static gboolean
drop_cb (StrataWindow  *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GdkFileList *list;
  g_autoptr(GSList) files = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  files = gdk_file_list_get_files (list);
  if (files == NULL)
    return FALSE;
  /* area: import. A table dropped opens the import assistant with it; not
   * while a file is checked (it would go into the workspace behind). */
  if (strata_import_is_table_file (files->data))
    {
      if (self->opening_path != NULL)
        return FALSE;
      strata_import_dialog_run_for_window (GTK_WINDOW (self), self->context, files->data);
      return TRUE;
    }
  /* One window shows one workspace: the first file dropped is opened. */
  strata_window_open (self, files->data);
  return TRUE;
}

/* What the window shows while a file is checked after an unclean
 * shutdown: its spinner only turns while shown. */
static void
checking_page_init (StrataWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  gtk_widget_set_name (spinner, "checking-spinner");
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_name (cancel, "checking-cancel");
  gtk_widget_set_halign (cancel, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (cancel, "pill");
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (strata_window_cancel_open),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), cancel);

  self->checking_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_title (self->checking_page, _("Checking Workspace"));
  adw_status_page_set_child (self->checking_page, box);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->checking_page), "checking");
}

void
strata_window_files_init (StrataWindow *self)
{
  GtkDropTarget *target;

  checking_page_init (self);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  g_signal_connect_object (self->settings, "changed::recent-workspaces",
                           G_CALLBACK (strata_window_reload_recent), self, G_CONNECT_SWAPPED);
  strata_window_reload_recent (self);
}
