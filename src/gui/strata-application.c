/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-application.h"
/* area: import */
#include "strata-import-dialog.h"
/* area: report */
#include "strata-report-export.h"
/* area: review */
#include "strata-review-page.h"
#include "strata-tooltip-fix.h"
#include "strata-window.h"

struct _StrataApplication
{
  AdwApplication parent_instance;

  gboolean       open_demo;   /* --demo given to this (primary) instance */
};

G_DEFINE_FINAL_TYPE (StrataApplication, strata_application, ADW_TYPE_APPLICATION)

/* Export, Print and Present need a workspace: without one, or while a file
 * is checked before it opens (they would act on the one behind the
 * checking page), they are disabled, in the menu and for their shortcuts.
 * The window sets its title whenever either changes. */
static void
update_workspace_actions (StrataApplication *self,
                          GParamSpec        *pspec,
                          StrataWindow      *window)
{
  static const char *const names[] = { "export-report", "print", "present" };
  gboolean open = window != NULL && strata_window_get_context (window) != NULL &&
                  !strata_window_get_checking (window);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), names[i]);

      if (G_IS_SIMPLE_ACTION (action))
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), open);
    }
}

static StrataWindow *
get_window (StrataApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (strata_window_new (ADW_APPLICATION (self)));
      g_signal_connect_object (window, "notify::title", G_CALLBACK (update_workspace_actions),
                               self, G_CONNECT_SWAPPED);
      update_workspace_actions (self, NULL, STRATA_WINDOW (window));
    }
  return STRATA_WINDOW (window);
}

/* At start, the last workspace comes back when it still opens; when it
 * does not (moved, damaged), the welcome page is the right place to be,
 * without an error about something the user did not ask for now. */
static void
reopen_last (StrataApplication *self,
             StrataWindow      *window)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last = g_settings_get_string (settings, "last-workspace");
  g_autoptr(GError) error = NULL;

  if (last[0] == '\0' || !g_file_test (last, G_FILE_TEST_IS_REGULAR))
    return;
  if (!strata_window_open_path (window, last, &error))
    g_message ("Not reopening the last workspace: %s", error->message);
}

static void
strata_application_activate (GApplication *app)
{
  StrataApplication *self = STRATA_APPLICATION (app);
  gboolean is_new = gtk_application_get_active_window (GTK_APPLICATION (app)) == NULL;
  StrataWindow *window = get_window (self);

  gtk_window_present (GTK_WINDOW (window));
  if (self->open_demo)
    {
      self->open_demo = FALSE;
      strata_window_open_demo (window);
    }
  else if (is_new)
    reopen_last (self, window);
}

static void
strata_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  StrataWindow *window = get_window (STRATA_APPLICATION (app));

  /* The window first, so that an error dialog shows above it. One window,
   * one workspace: the first file given is the one opened. */
  gtk_window_present (GTK_WINDOW (window));
  /* area: import. `strata table.csv` imports it into the open workspace. */
  if (n_files > 0 && strata_import_is_table_file (files[0]))
    strata_import_dialog_run_for_window (GTK_WINDOW (window), strata_window_get_context (window),
                                         files[0]);
  else if (n_files > 0)
    strata_window_open (window, files[0]);
}

static int
strata_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  StrataApplication *self = STRATA_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("strata %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (!g_variant_dict_contains (options, "demo"))
    return -1;

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* A running Strata opens the demo itself; this one then exits. */
  if (g_application_get_is_remote (app))
    {
      g_action_group_activate_action (G_ACTION_GROUP (app), "open-demo", NULL);
      return 0;
    }
  self->open_demo = TRUE;
  return -1;
}

static void
show_page_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  StrataApplication *self = user_data;
  StrataWindow *window = get_window (self);
  const char *name = g_variant_get_string (parameter, NULL);

  if (!strata_window_show_page (window, name))
    g_warning ("No page called “%s”", name);
  gtk_window_present (GTK_WINDOW (window));
}

static void
new_workspace_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  StrataWindow *window = get_window (user_data);

  gtk_window_present (GTK_WINDOW (window));
  strata_window_choose_new (window);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  StrataWindow *window = get_window (user_data);

  gtk_window_present (GTK_WINDOW (window));
  strata_window_choose_open (window);
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  StrataWindow *window = get_window (user_data);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  gtk_window_present (GTK_WINDOW (window));
  strata_window_open (window, file);
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  StrataWindow *window = get_window (user_data);

  gtk_window_present (GTK_WINDOW (window));
  strata_window_open_demo (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Strata developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Strata"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Strata developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/strata-app/strata",
                        "issue-url", "https://github.com/strata-app/strata/issues",
                        "comments", _("Tier your customers: score them, sort them into tiers "
                                      "and give each tier what it deserves."),
                        "copyright", "© 2026 The Strata developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing through close-request keeps the window size in GSettings. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (STRATA_IS_WINDOW (l->data))
      gtk_window_close (l->data);
  g_application_quit (app);
}

/* area: import. Ctrl+I: the import assistant, into the open workspace. */
static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  StrataWindow *window = get_window (user_data);

  gtk_window_present (GTK_WINDOW (window));
  strata_import_dialog_run_for_window (GTK_WINDOW (window), strata_window_get_context (window),
                                       NULL);
}

/* area: review. F5: the Review page's presentation, with the slides chosen
 * in its Present popover. */
static void
present_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  StrataWindow *window = get_window (user_data);
  GtkWidget *page = strata_window_get_page (window, "review");

  gtk_window_present (GTK_WINDOW (window));
  if (STRATA_IS_REVIEW_PAGE (page))
    {
      strata_window_show_page (window, "review");
      strata_review_page_present (STRATA_REVIEW_PAGE (page));
    }
}

/* area: report. Ctrl+E: the PDF report of the window's period. */
static void
export_report_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  StrataWindow *window = get_window (user_data);

  gtk_window_present (GTK_WINDOW (window));
  strata_report_export_run (GTK_WINDOW (window), strata_window_get_context (window));
}

/* area: report. Ctrl+P: the same pages printed. */
static void
print_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  StrataWindow *window = get_window (user_data);

  gtk_window_present (GTK_WINDOW (window));
  strata_report_print_run (GTK_WINDOW (window), strata_window_get_context (window));
}

static const GActionEntry app_actions[] = {
  /* area: report */
  { "export-report", export_report_action },
  { "print", print_action },
  /* area: import */
  { "import", import_action },
  /* area: review */
  { "present", present_action },
  { "show-page", show_page_action, "s" },
  { "new-workspace", new_workspace_action },
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "open-demo", open_demo_action },
  { "about", about_action },
  { "quit", quit_action },
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.new-workspace", { "<Control>n", NULL } },
  { "app.open", { "<Control>o", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "app.export-report", { "<Control>e", NULL } },
  /* area: report */
  { "app.print", { "<Control>p", NULL } },
  /* area: import */
  { "app.import", { "<Control>i", NULL } },
  { "app.show-page::customers", { "<Alt>1", NULL } },
  { "app.show-page::scoring", { "<Alt>2", NULL } },
  { "app.show-page::quadrant", { "<Alt>3", NULL } },
  { "app.show-page::tiers", { "<Alt>4", NULL } },
  { "app.show-page::entitlements", { "<Alt>5", NULL } },
  { "app.show-page::review", { "<Alt>6", NULL } },
  /* area: review */
  { "app.present", { "F5", NULL } },
};

static void
strata_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (strata_application_parent_class)->startup (app);
  strata_tooltip_fix_install ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), app_accels[i].action,
                                           app_accels[i].accels);
  update_workspace_actions (STRATA_APPLICATION (app), NULL, NULL);
}

static void
strata_application_class_init (StrataApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = strata_application_activate;
  app_class->open = strata_application_open;
  app_class->startup = strata_application_startup;
  app_class->handle_local_options = strata_application_handle_local_options;
}

static void
strata_application_init (StrataApplication *self)
{
  static const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the demo workspace, creating it when needed"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

StrataApplication *
strata_application_new (void)
{
  return g_object_new (STRATA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/strata/Strata",
                       NULL);
}
