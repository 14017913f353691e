/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "strata-page.h"

typedef struct
{
  StrataContext   *context;
  StrataWorkspace *workspace;     /* the context's, for ::changed */
  gboolean         pending;       /* a reload waits for the page to be mapped */
  GCancellable    *load;          /* the load_async that runs, NULL when none */
  GtkWidget       *spinner;       /* over the page while it loads */
  GtkFileChooserNative *chooser;  /* strata_page_choose_file's, NULL when none */
  StrataPageFileChosen  chosen;
  gboolean         read_only;     /* the context's workspace is read-only */
  guint            reloads;       /* how often the reload vfunc ran */
  StrataPageBuildStep build_step; /* the build in steps that runs, NULL when none */
  guint            build_id;      /* its idle */
  guint            build_turns;   /* the turns it took so far */
} StrataPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (StrataPage, strata_page, GTK_TYPE_WIDGET)

static gint64 build_budget_us = STRATA_PAGE_BUILD_BUDGET_US;

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char        *name;
  StrataPageChanges  kind;
} change_kinds[] = {
  { "rules", STRATA_PAGE_CHANGES_RULES },
  { "customers", STRATA_PAGE_CHANGES_CUSTOMERS },
  { "periods", STRATA_PAGE_CHANGES_PERIODS },
  { "entitlements", STRATA_PAGE_CHANGES_ENTITLEMENTS },
  { "overrides", STRATA_PAGE_CHANGES_OVERRIDES },
  { "metrics", STRATA_PAGE_CHANGES_METRICS },
  { "all", STRATA_PAGE_CHANGES_ALL },
  /* A draft save: the draft is shown through the shared scoring (SCORES),
   * and the published rules, which the other kinds' pages show, stay. */
  { "draft", STRATA_PAGE_CHANGES_NONE },
};

static void
set_loading (StrataPage *self,
             gboolean    loading)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  if (loading)
    {
      if (priv->spinner == NULL)
        {
          priv->spinner = g_object_ref_sink (gtk_spinner_new ());
          gtk_widget_set_halign (priv->spinner, GTK_ALIGN_CENTER);
          gtk_widget_set_valign (priv->spinner, GTK_ALIGN_CENTER);
          gtk_widget_set_size_request (priv->spinner, 32, 32);
          gtk_widget_set_name (priv->spinner, "page-loading");
        }
      /* Last child: drawn over the page's own. */
      if (gtk_widget_get_parent (priv->spinner) == NULL)
        gtk_widget_insert_before (priv->spinner, GTK_WIDGET (self), NULL);
      gtk_spinner_start (GTK_SPINNER (priv->spinner));
    }
  else if (priv->spinner != NULL && gtk_widget_get_parent (priv->spinner) != NULL)
    {
      gtk_spinner_stop (GTK_SPINNER (priv->spinner));
      gtk_widget_unparent (priv->spinner);
    }
}

/* TRUE while the context's shared scoring, which the page shows, is not
 * there yet: its reload waits. */
static gboolean
waits_for_scoring (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  return (STRATA_PAGE_GET_CLASS (self)->changes & STRATA_PAGE_CHANGES_SCORES) &&
         priv->context != NULL && strata_context_get_scoring_loading (priv->context);
}

static void
update_spinner (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  set_loading (self, priv->load != NULL || waits_for_scoring (self));
}

static void
cancel_load (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  if (priv->load != NULL)
    {
      g_cancellable_cancel (priv->load);
      g_clear_object (&priv->load);
    }
  update_spinner (self);
}

/* A load's temporaries are freed on its worker, whose glibc arena keeps
 * the freed small chunks resident; a second after the last page's load,
 * they go back to the system (bench-window --pages prints the RSS with and
 * without: 4-16 MB after the first visits at 100,000 to 1,000,000
 * customers). */
static guint trim_id;
static guint heap_trims;

static gboolean
trim_heap (gpointer data)
{
  trim_id = 0;
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  heap_trims++;
  return G_SOURCE_REMOVE;
}

static void
schedule_heap_trim (void)
{
  if (trim_id != 0)
    g_source_remove (trim_id);
  trim_id = g_timeout_add_full (G_PRIORITY_LOW, 1000, trim_heap, NULL, NULL);
}

guint
strata_page_get_heap_trims (void)
{
  return heap_trims;
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  StrataPage *self = STRATA_PAGE (object);
  StrataPagePrivate *priv = strata_page_get_instance_private (self);
  g_autoptr(GCancellable) load = user_data;
  g_autoptr(GError) error = NULL;

  /* A newer load (or none: the context went) replaced this one. */
  if (g_cancellable_is_cancelled (load) || priv->load != load)
    return;
  g_clear_object (&priv->load);
  update_spinner (self);
  if (!STRATA_PAGE_GET_CLASS (self)->load_finish (self, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot load the page: %s", error ? error->message : "?");
  schedule_heap_trim ();
}

static void
strata_page_real_reload (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);
  StrataPageClass *klass = STRATA_PAGE_GET_CLASS (self);

  if (klass->load_async == NULL)
    return;
  cancel_load (self);
  priv->load = g_cancellable_new ();
  set_loading (self, TRUE);
  klass->load_async (self, priv->load, load_done, g_object_ref (priv->load));
}

static void
run_reload (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  /* ::scores-changed reloads the page once the scoring is there. */
  if (waits_for_scoring (self))
    {
      priv->pending = TRUE;
      update_spinner (self);
      return;
    }
  priv->pending = FALSE;
  priv->reloads++;
  STRATA_PAGE_GET_CLASS (self)->reload (self);
}

static void
scoring_loading_changed (StrataPage *self)
{
  update_spinner (self);
  if (!waits_for_scoring (self) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    strata_page_reload_if_pending (self);
}

void
strata_page_queue_reload (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_if_fail (STRATA_IS_PAGE (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    run_reload (self);
  else
    priv->pending = TRUE;
}

void
strata_page_reload_if_pending (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_if_fail (STRATA_IS_PAGE (self));

  if (priv->pending)
    run_reload (self);
}

/* Building in steps --------------------------------------------------------- */

/* One turn: steps until the budget is spent or the build is done. */
static gboolean
build_turn (gpointer data)
{
  StrataPage *self = data;
  StrataPagePrivate *priv = strata_page_get_instance_private (self);
  gint64 start = g_get_monotonic_time ();

  priv->build_turns++;
  do
    if (!priv->build_step (self))
      priv->build_step = NULL;
  while (priv->build_step != NULL && g_get_monotonic_time () - start < build_budget_us);
  if (priv->build_step != NULL)
    return G_SOURCE_CONTINUE;
  /* Done, or a step cancelled it (a rebuild all at once). */
  priv->build_id = 0;
  return G_SOURCE_REMOVE;
}

void
strata_page_cancel_build (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_if_fail (STRATA_IS_PAGE (self));
  g_clear_handle_id (&priv->build_id, g_source_remove);
  priv->build_step = NULL;
}

void
strata_page_build_in_steps (StrataPage          *self,
                            StrataPageBuildStep  step)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_if_fail (STRATA_IS_PAGE (self));
  g_return_if_fail (step != NULL);

  strata_page_cancel_build (self);
  priv->build_step = step;
  priv->build_turns = 0;
  /* The first turn now, so that the frame that shows the page shows its
   * start; the rest after the frame clock's layout and paint (their idle
   * has a higher priority). */
  if (build_turn (self) == G_SOURCE_CONTINUE)
    priv->build_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, build_turn, self, NULL);
}

gboolean
strata_page_get_building (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_val_if_fail (STRATA_IS_PAGE (self), FALSE);
  return priv->build_step != NULL;
}

guint
strata_page_get_build_turns (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_val_if_fail (STRATA_IS_PAGE (self), 0);
  return priv->build_turns;
}

void
strata_page_set_build_budget (gint64 budget_us)
{
  build_budget_us = budget_us > 0 ? budget_us : STRATA_PAGE_BUILD_BUDGET_US;
}

void
strata_page_finish_load (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_if_fail (STRATA_IS_PAGE (self));

  g_object_ref (self);
  if (priv->context != NULL && (STRATA_PAGE_GET_CLASS (self)->changes & STRATA_PAGE_CHANGES_SCORES))
    strata_context_finish_scoring (priv->context);
  strata_page_reload_if_pending (self);
  while (priv->load != NULL || priv->build_step != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_object_unref (self);
}

guint
strata_page_get_reloads (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_val_if_fail (STRATA_IS_PAGE (self), 0);
  return priv->reloads;
}

gboolean
strata_page_get_loading (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_val_if_fail (STRATA_IS_PAGE (self), FALSE);
  return priv->load != NULL || waits_for_scoring (self) || priv->build_step != NULL;
}

void
strata_page_run_worker (StrataPage              *self,
                        StrataWorkspaceTaskFunc  func,
                        gpointer                 task_data,
                        GDestroyNotify           task_data_free,
                        GDestroyNotify           result_free,
                        GCancellable            *cancellable,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_if_fail (STRATA_IS_PAGE (self));
  g_return_if_fail (priv->workspace != NULL);

  strata_workspace_task_run (self, strata_workspace_get_path (priv->workspace), func,
                             task_data, task_data_free, result_free,
                             cancellable, callback, user_data);
}

gpointer
strata_page_worker_finish (StrataPage    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (STRATA_IS_PAGE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return strata_workspace_task_finish (result, error);
}

static void
close_chooser (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  if (priv->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (priv->chooser));
  g_clear_object (&priv->chooser);
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  StrataPage      *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);
  g_autoptr(GFile) file = NULL;
  StrataPageFileChosen chosen = priv->chosen;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  close_chooser (self);
  if (file != NULL)
    chosen (self, file);
}

void
strata_page_choose_file (StrataPage           *self,
                         GtkFileChooserAction  action,
                         const char           *title,
                         const char           *accept_label,
                         GtkFileFilter        *filter,
                         const char           *current_name,
                         StrataPageFileChosen  chosen)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);
  GtkRoot *root;

  g_return_if_fail (STRATA_IS_PAGE (self));
  g_return_if_fail (chosen != NULL);

  close_chooser (self);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  priv->chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               action, accept_label, _("_Cancel"));
  priv->chosen = chosen;
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (priv->chooser), filter);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (priv->chooser), current_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (priv->chooser), TRUE);
  g_signal_connect_object (priv->chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (priv->chooser));
}

static void
workspace_changed (StrataPage *self,
                   const char *what)
{
  StrataPageChanges changes = STRATA_PAGE_GET_CLASS (self)->changes & STRATA_PAGE_CHANGES_ALL;

  for (guint i = 0; i < G_N_ELEMENTS (change_kinds); i++)
    if (g_strcmp0 (what, change_kinds[i].name) == 0)
      {
        if (changes & change_kinds[i].kind)
          strata_page_queue_reload (self);
        return;
      }
  /* A kind this list does not know yet: reload to be safe. */
  if (changes != STRATA_PAGE_CHANGES_NONE)
    strata_page_queue_reload (self);
}

StrataContext *
strata_page_get_context (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_val_if_fail (STRATA_IS_PAGE (self), NULL);
  return priv->context;
}

StrataWorkspace *
strata_page_get_workspace (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_val_if_fail (STRATA_IS_PAGE (self), NULL);
  return priv->workspace;
}

StrataScoring *
strata_page_get_scoring (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_val_if_fail (STRATA_IS_PAGE (self), NULL);
  return priv->context != NULL ? strata_context_get_scoring (priv->context) : NULL;
}

gboolean
strata_page_get_editable (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  g_return_val_if_fail (STRATA_IS_PAGE (self), FALSE);
  return !priv->read_only;
}

void
strata_page_set_edit_action_enabled (StrataPage *self,
                                     const char *action_name,
                                     gboolean    enabled)
{
  g_return_if_fail (STRATA_IS_PAGE (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), action_name,
                                 enabled && strata_page_get_editable (self));
}

/* Disables the class's edit actions on a read-only workspace; back on a
 * writable one they are enabled, and the page narrows them again when it
 * follows notify::editable. */
static void
update_editable (StrataPage *self)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);
  const char * const *edit_actions = STRATA_PAGE_GET_CLASS (self)->edit_actions;
  StrataWorkspace *workspace = priv->workspace;
  gboolean read_only = workspace != NULL && strata_workspace_get_read_only (workspace);

  if (read_only == priv->read_only)
    return;
  priv->read_only = read_only;
  for (guint i = 0; edit_actions != NULL && edit_actions[i] != NULL; i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), edit_actions[i], !read_only);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

void
strata_page_set_context (StrataPage    *self,
                         StrataContext *context)
{
  StrataPagePrivate *priv = strata_page_get_instance_private (self);
  StrataScoring *scoring;

  g_return_if_fail (STRATA_IS_PAGE (self));
  g_return_if_fail (context == NULL || STRATA_IS_CONTEXT (context));

  if (priv->context == context)
    return;

  cancel_load (self);
  strata_page_cancel_build (self);
  /* Every handler the page (base or subclass) connected with itself as
   * data: on the context, its workspace and its scoring. */
  if (priv->context != NULL)
    {
      scoring = strata_context_get_scoring (priv->context);
      g_signal_handlers_disconnect_by_data (priv->context, self);
      if (scoring != NULL)
        g_signal_handlers_disconnect_by_data (scoring, self);
    }
  if (priv->workspace != NULL)
    g_signal_handlers_disconnect_by_data (priv->workspace, self);
  g_clear_object (&priv->workspace);
  g_set_object (&priv->context, context);

  if (context != NULL)
    {
      StrataPageChanges changes = STRATA_PAGE_GET_CLASS (self)->changes;

      priv->workspace = g_object_ref (strata_context_get_workspace (context));
      scoring = strata_context_get_scoring (context);
      if (changes & STRATA_PAGE_CHANGES_PERIOD)
        g_signal_connect_object (context, "notify::period-id", G_CALLBACK (strata_page_queue_reload),
                                 self, G_CONNECT_SWAPPED);
      if ((changes & STRATA_PAGE_CHANGES_SCORES) && scoring != NULL)
        {
          g_signal_connect_object (scoring, "scores-changed", G_CALLBACK (strata_page_queue_reload),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (context, "notify::scoring-loading",
                                   G_CALLBACK (scoring_loading_changed), self, G_CONNECT_SWAPPED);
        }
      if (changes & STRATA_PAGE_CHANGES_ALL)
        g_signal_connect_object (priv->workspace, "changed", G_CALLBACK (workspace_changed),
                                 self, G_CONNECT_SWAPPED);
    }
  update_editable (self);
  if (STRATA_PAGE_GET_CLASS (self)->context_changed != NULL)
    STRATA_PAGE_GET_CLASS (self)->context_changed (self);
  update_spinner (self);
  strata_page_queue_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
strata_page_map (GtkWidget *widget)
{
  StrataPage *self = STRATA_PAGE (widget);

  GTK_WIDGET_CLASS (strata_page_parent_class)->map (widget);
  strata_page_reload_if_pending (self);
}

static void
strata_page_dispose (GObject *object)
{
  StrataPage *self = STRATA_PAGE (object);
  StrataPagePrivate *priv = strata_page_get_instance_private (self);

  /* No vfunc here: the subclass's widgets are gone. A subclass that keeps
   * something per context drops it in its own dispose first. */
  cancel_load (self);
  strata_page_cancel_build (self);
  set_loading (self, FALSE);
  close_chooser (self);
  g_clear_object (&priv->spinner);
  if (priv->context != NULL)
    {
      StrataScoring *scoring = strata_context_get_scoring (priv->context);

      g_signal_handlers_disconnect_by_data (priv->context, self);
      if (scoring != NULL)
        g_signal_handlers_disconnect_by_data (scoring, self);
    }
  if (priv->workspace != NULL)
    g_signal_handlers_disconnect_by_data (priv->workspace, self);
  g_clear_object (&priv->workspace);
  g_clear_object (&priv->context);
  G_OBJECT_CLASS (strata_page_parent_class)->dispose (object);
}

static void
strata_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, strata_page_get_context (STRATA_PAGE (object)));
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, strata_page_get_editable (STRATA_PAGE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CONTEXT:
      strata_page_set_context (STRATA_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_page_class_init (StrataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_page_dispose;
  object_class->get_property = strata_page_get_property;
  object_class->set_property = strata_page_set_property;
  widget_class->map = strata_page_map;
  klass->reload = strata_page_real_reload;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, STRATA_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* FALSE while the workspace is read-only: edit widgets bind to it. */
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
strata_page_init (StrataPage *self)
{
}
