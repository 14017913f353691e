/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-edit-script.h"
#include "strata-window-private.h"
/* area: customers and scoring pages */
#include "strata-customers-page.h"
#include "strata-scoring-page.h"
/* area: entitlements page */
#include "strata-entitlements-page.h"
/* area: review page */
#include "strata-review-page.h"
/* area: tiers page */
#include "strata-tiers-page.h"
/* area: products page */
#include "strata-products-page.h"
/* area: quadrant page */
#include "strata-quadrant-page.h"

G_DEFINE_FINAL_TYPE (StrataWindow, strata_window, ADW_TYPE_APPLICATION_WINDOW)

/* The pages of the window, in the order of the view switcher. A page is a
 * StrataPage subclass; the window sets its "context" (StrataContext *) when
 * a workspace opens and clears it when it closes. Until a
 * page's widget exists (get_type NULL), the window shows an empty state that
 * says what the page is for. See HACKING.md, "Pages". */
typedef struct
{
  const char *name;
  const char *title;
  const char *icon;
  GType     (*get_type) (void);
  const char *description;
} StrataPageInfo;

static const StrataPageInfo page_table[] = {
  /* area: customers page */
  { "customers", N_("Customers"), "system-users-symbolic", strata_customers_page_get_type,
    N_("Every customer of the workspace with their metrics, score and tier.") },
  /* area: scoring page */
  { "scoring", N_("Scoring"), "view-list-symbolic", strata_scoring_page_get_type,
    N_("The scoring model: base indicators, adjustments, tier thresholds and their impact.") },
  /* area: quadrant page */
  { "quadrant", N_("Quadrant"), "view-grid-symbolic", strata_quadrant_page_get_type,
    N_("Platform merchants placed by result and effort.") },
  /* area: tiers page */
  { "tiers", N_("Tiers"), "view-sort-descending-symbolic", strata_tiers_page_get_type,
    N_("How many customers each tier holds and how that changed.") },
  /* area: products page */
  { "products", N_("Products"), "package-x-generic-symbolic", strata_products_page_get_type,
    N_("Which products each tier buys, and who to move off costly ones.") },
  /* area: entitlements page */
  { "entitlements", N_("Entitlements"), "emblem-default-symbolic", strata_entitlements_page_get_type,
    N_("What each tier receives across the funnel.") },
  /* area: review page */
  { "review", N_("Review"), "x-office-presentation-symbolic", strata_review_page_get_type,
    N_("The quarterly review: who moved between tiers, and why.") },
};

static GtkWidget *
create_page (const StrataPageInfo *info)
{
  GtkWidget *status;

  if (info->get_type != NULL)
    {
      GtkWidget *page = g_object_new (info->get_type (), NULL);

      g_assert (STRATA_IS_PAGE (page));
      return page;
    }

  status = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _(info->title));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), _(info->description));
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), info->icon);
  return status;
}

static int
page_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    if (g_strcmp0 (page_table[i].name, name) == 0)
      return (int) i;
  return -1;
}

/* The bottom switcher only makes sense when a workspace is open and the
 * header bar is too narrow for the switcher in the title. */
static void
update_switcher_bar (StrataWindow *self)
{
  gboolean narrow = adw_view_switcher_title_get_title_visible (self->switcher_title);

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    narrow && self->context != NULL && self->opening_path == NULL);
}

/* Importing writes the workspace: app.import follows the active window's
 * (without a workspace it offers to open one, so it stays enabled), and is
 * off while a file is checked (it would import into the one behind). */
static void
update_app_actions (StrataWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GAction *import = app ? g_action_map_lookup_action (G_ACTION_MAP (app), "import") : NULL;
  gboolean read_only = self->workspace != NULL && strata_workspace_get_read_only (self->workspace);

  if (G_IS_SIMPLE_ACTION (import))
    g_simple_action_set_enabled (G_SIMPLE_ACTION (import), !read_only && self->opening_path == NULL);
}

gboolean
strata_window_get_checking (StrataWindow *self)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), FALSE);

  return self->opening_path != NULL;
}

static void
sync_dropdown_from_context (StrataWindow *self)
{
  StrataPeriodList *periods;
  int position;

  if (self->context == NULL)
    return;
  periods = STRATA_PERIOD_LIST (strata_context_get_periods (self->context));
  /* A workspace without periods has nothing to choose ("(None)" would be
   * all the selector could say). */
  gtk_widget_set_visible (GTK_WIDGET (self->period_dropdown),
                          g_list_model_get_n_items (G_LIST_MODEL (periods)) > 0);
  position = strata_period_list_find (periods, strata_context_get_period_id (self->context));
  if (position >= 0 && gtk_drop_down_get_selected (self->period_dropdown) != (guint) position)
    gtk_drop_down_set_selected (self->period_dropdown, position);
}

/* While the period list changes, the selector moves its selection by
 * itself; only a choice of the user may set the period. These two run
 * before and after the selector's own items-changed handler. */
static void
periods_changing_cb (StrataWindow *self)
{
  self->periods_changing = TRUE;
}

static void
periods_changed_cb (StrataWindow *self)
{
  self->periods_changing = FALSE;
  sync_dropdown_from_context (self);
}

static void
dropdown_selected_cb (StrataWindow *self)
{
  StrataPeriod *item;

  if (self->context == NULL || self->periods_changing)
    return;
  item = gtk_drop_down_get_selected_item (self->period_dropdown);
  if (item != NULL)
    strata_context_set_period (self->context, strata_period_get_name (item));
}

/* PRAGMA data_version of the window's connection: it changes when another
 * connection (a second window, strata-cli) commits, never for our own. */
static gint64
data_version (StrataWorkspace *workspace)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (workspace, "PRAGMA data_version", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

#define DATA_VERSION_KEY "strata-window-data-version"

static void
remember_data_version (StrataWorkspace *workspace)
{
  gint64 *version = g_new (gint64, 1);

  *version = data_version (workspace);
  g_object_set_data_full (G_OBJECT (workspace), DATA_VERSION_KEY, version, g_free);
}

/* Gives page i the window's context unless it has it already. */
static void
give_context (StrataWindow *self,
              guint         i)
{
  if (page_table[i].get_type != NULL &&
      strata_page_get_context (STRATA_PAGE (self->pages[i])) != self->context)
    g_object_set (self->pages[i], "context", self->context, NULL);
}

/* A page builds what it shows of a workspace when it gets the context (the
 * rules editor, the entitlements matrix: up to a hundred milliseconds
 * each), so on opening only the page shown gets it; another gets it when
 * it is shown or asked for (strata_window_get_page), so that the window
 * paints its page at once and never freezes for pages nobody looks at. */
static void
visible_page_changed (StrataWindow *self)
{
  int i;

  if (self->pages == NULL)   /* disposed */
    return;
  i = page_index (adw_view_stack_get_visible_child_name (self->view_stack));
  if (i >= 0)
    give_context (self, (guint) i);
}

void
strata_window_set_workspace (StrataWindow    *self,
                             StrataWorkspace *workspace)
{
  g_autoptr(StrataContext) old_context = NULL;

  g_assert (STRATA_IS_WINDOW (self));

  if (self->workspace == workspace)
    return;

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->context, self);
      g_signal_handlers_disconnect_by_data (strata_context_get_periods (self->context), self);
    }
  old_context = g_steal_pointer (&self->context);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    {
      remember_data_version (workspace);
      self->context = strata_context_new (workspace);
    }

  if (self->context != NULL)
    {
      GListModel *periods = strata_context_get_periods (self->context);

      g_signal_connect_object (periods, "items-changed",
                               G_CALLBACK (periods_changing_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (periods, "items-changed", G_CALLBACK (periods_changed_cb),
                               self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }
  /* A new model resets the selection to the first item; the context's
   * period (the latest) must win, so the selector is synced from it. */
  g_signal_handlers_block_by_func (self->period_dropdown, dropdown_selected_cb, self);
  gtk_drop_down_set_model (self->period_dropdown,
                           self->context ? strata_context_get_periods (self->context) : NULL);
  g_signal_handlers_unblock_by_func (self->period_dropdown, dropdown_selected_cb, self);
  if (self->context == NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->period_dropdown), FALSE);
  if (self->context != NULL)
    {
      g_signal_connect_object (self->context, "notify::period-id",
                               G_CALLBACK (sync_dropdown_from_context), self, G_CONNECT_SWAPPED);
      sync_dropdown_from_context (self);
    }

  /* Every page lets go of the last workspace at once; the page shown gets
   * the new one, the others when they are shown. */
  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    if (page_table[i].get_type != NULL && self->pages[i] != adw_view_stack_get_visible_child (self->view_stack))
      g_object_set (self->pages[i], "context", NULL, NULL);
  visible_page_changed (self);

  gtk_info_bar_set_revealed (self->file_gone_bar, FALSE);
  strata_window_update_chrome (self);
}

void
strata_window_update_chrome (StrataWindow *self)
{
  StrataWorkspace *workspace = self->workspace;
  gboolean checking = self->opening_path != NULL;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;

  if (checking)
    basename = g_path_get_basename (self->opening_path);
  else if (workspace != NULL)
    basename = g_path_get_basename (strata_workspace_get_path (workspace));
  adw_view_switcher_title_set_subtitle (self->switcher_title, basename);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     workspace != NULL && !checking);
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_dropdown), !checking);
  /* Translators: the window title, %s is a workspace file name. */
  title = basename ? g_strdup_printf (_("%s – Strata"), basename) : g_strdup (_("Strata"));
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_stack_set_visible_child_name (self->main_stack,
                                    checking ? "checking" : workspace ? "workspace" : "welcome");
  /* Edits in a read-only workspace fail with a message each; this says so
   * before anyone tries. */
  gtk_info_bar_set_revealed (self->read_only_bar, workspace != NULL && !checking &&
                             strata_workspace_get_read_only (workspace));
  update_switcher_bar (self);
  update_app_actions (self);
}

void
strata_window_check_file (StrataWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 *seen;

  g_return_if_fail (STRATA_IS_WINDOW (self));

  if (self->workspace == NULL)
    return;
  if (!strata_workspace_check_file (self->workspace, &error))
    {
      gtk_label_set_text (self->file_gone_label, error->message);
      gtk_info_bar_set_revealed (self->file_gone_bar, TRUE);
      return;
    }
  /* Another program wrote the file since we last looked: every model
   * reads it again, so the window shows the other's edits. */
  seen = g_object_get_data (G_OBJECT (self->workspace), DATA_VERSION_KEY);
  if (seen != NULL && *seen != data_version (self->workspace))
    {
      remember_data_version (self->workspace);
      strata_workspace_emit_changed (self->workspace, "all");
    }
}

static void
is_active_cb (StrataWindow *self,
              GParamSpec   *pspec,
              gpointer      user_data)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    {
      strata_window_check_file (self);
      update_app_actions (self);
    }
}

static gboolean
strata_window_close_request (GtkWindow *window)
{
  StrataWindow *self = STRATA_WINDOW (window);
  int width, height;

  /* The default size follows the size while unmaximized, which is the one
   * to restore. */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (strata_window_parent_class)->close_request (window);
}

static void
strata_window_dispose (GObject *object)
{
  StrataWindow *self = STRATA_WINDOW (object);

  /* An open being checked is abandoned; pages let go of the context
   * before the widgets go. */
  if (self->pages != NULL)
    {
      strata_window_cancel_open (self);
      strata_window_set_workspace (self, NULL);
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->pages, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_WINDOW);

  G_OBJECT_CLASS (strata_window_parent_class)->dispose (object);
}

static void
strata_window_finalize (GObject *object)
{
  StrataWindow *self = STRATA_WINDOW (object);

  g_clear_object (&self->context);
  g_clear_object (&self->workspace);
  g_clear_object (&self->settings);
  g_clear_object (&self->opening);
  g_clear_pointer (&self->opening_path, g_free);

  G_OBJECT_CLASS (strata_window_parent_class)->finalize (object);
}

static void
strata_window_class_init (StrataWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = strata_window_dispose;
  object_class->finalize = strata_window_finalize;
  window_class->close_request = strata_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, file_gone_bar);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, file_gone_label);
}

/* STRATA_EXIT_AFTER_FIRST_FRAME=1 in the environment: the application
 * quits once the window's first frame is painted, and prints what it
 * showed, so that tests/bench-customers-page can time `strata FILE` from
 * start to the first page drawn (=loaded: to the first frame once the
 * scores are there). A file given on the command line is open
 * by then: the application opens it right after presenting the window. */
static void
first_frame_painted_cb (GdkFrameClock *clock,
                        StrataWindow  *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  gboolean loaded = g_strcmp0 (g_getenv ("STRATA_EXIT_AFTER_FIRST_FRAME"), "loaded") == 0;

  /* =loaded: the first frame with the scores shown, not the spinner nor
   * the check after an unclean shutdown. */
  if (loaded && (self->opening_path != NULL ||
                 (self->context != NULL && strata_context_get_scoring_loading (self->context))))
    return;
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, self);
  g_print ("strata: first frame drawn: %s%s\n",
           self->opening_path ? "checking"
           : self->context ? adw_view_stack_get_visible_child_name (self->view_stack) : "welcome",
           loaded ? " (loaded)" : "");
  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
}

static void
exit_after_first_frame_cb (GtkWidget *widget)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (first_frame_painted_cb), widget, 0);
}

static void
strata_window_init (StrataWindow *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->pages = g_new0 (GtkWidget *, G_N_ELEMENTS (page_table));
  for (guint i = 0; i < G_N_ELEMENTS (page_table); i++)
    {
      AdwViewStackPage *page;

      self->pages[i] = create_page (&page_table[i]);
      page = adw_view_stack_add_titled (self->view_stack, self->pages[i], page_table[i].name,
                                        _(page_table[i].title));
      adw_view_stack_page_set_icon_name (page, page_table[i].icon);
    }

  expression = gtk_property_expression_new (STRATA_TYPE_PERIOD, NULL, "name");
  gtk_drop_down_set_expression (self->period_dropdown, expression);
  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (dropdown_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (visible_page_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (update_switcher_bar), self, G_CONNECT_SWAPPED);
  /* Another program may have deleted or replaced the file meanwhile. */
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);

  strata_window_files_init (self);
  update_switcher_bar (self);
  if (g_getenv ("STRATA_EXIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect (self, "realize", G_CALLBACK (exit_after_first_frame_cb), NULL);
  strata_edit_script_start (self);
}

StrataWindow *
strata_window_new (AdwApplication *application)
{
  return g_object_new (STRATA_TYPE_WINDOW, "application", application, NULL);
}

gboolean
strata_window_show_page (StrataWindow *self,
                         const char   *name)
{
  int i;

  g_return_val_if_fail (STRATA_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  i = page_index (name);
  if (i < 0)
    return FALSE;
  /* Before it is mapped, so that it loads as it is shown. */
  give_context (self, (guint) i);
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  return TRUE;
}

const char *
strata_window_get_page_name (StrataWindow *self)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), NULL);

  if (self->context == NULL)
    return NULL;
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

GtkWidget *
strata_window_get_page (StrataWindow *self,
                        const char   *name)
{
  int i;

  g_return_val_if_fail (STRATA_IS_WINDOW (self), NULL);

  i = page_index (name);
  if (i < 0)
    return NULL;
  /* Whoever asks for a page gets it with the window's context. */
  if (self->context != NULL)
    give_context (self, (guint) i);
  return self->pages[i];
}

StrataContext *
strata_window_get_context (StrataWindow *self)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), NULL);
  return self->context;
}

void
strata_window_add_toast (StrataWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (STRATA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
strata_window_toast_from (GtkWidget *widget,
                          AdwToast  *toast)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  root = gtk_widget_get_root (widget);
  if (STRATA_IS_WINDOW (root))
    strata_window_add_toast (STRATA_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}
