/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-context-private.h"
#include "strata-rules-private.h"
#include "strata-ruleset-store.h"
#include "strata-workspace-task.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

struct _StrataContext
{
  GObject           parent_instance;

  StrataWorkspace  *workspace;
  StrataPeriodList *periods;
  StrataScoring    *scoring;
  GError           *scoring_error;
  GCancellable     *scoring_load;   /* the period data being read, NULL when none */
  gint64            scoring_load_period;
  char             *period;
  gint64            period_id;
  gint64            selected_customer;
};

G_DEFINE_FINAL_TYPE (StrataContext, strata_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WORKSPACE,
  PROP_PERIODS,
  PROP_PERIOD,
  PROP_PERIOD_ID,
  PROP_SELECTED_CUSTOMER,
  PROP_SCORING_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
lookup_period_id (StrataContext *self,
                  const char    *name)
{
  StrataPeriod *period;

  if (name == NULL)
    return 0;
  period = strata_period_list_lookup_name (self->periods, name);
  return period != NULL ? strata_period_get_id (period) : 0;
}

/* The period data (a second or so at a million customers) is read on a
 * worker with its own connection and scored there (both rule sets and the
 * what-if, a few hundred milliseconds at a million); the data is immutable,
 * so the scoring takes the lot over on the main thread. The task keeps no
 * reference to the context: one that is closed meanwhile cancels it. */
typedef struct
{
  GWeakRef      context;
  GCancellable *load;
} ScoringLoad;

typedef struct
{
  gint64 period_id;
  guint  generation;
} ScoringTask;

static void
scoring_load_free (ScoringLoad *l)
{
  g_weak_ref_clear (&l->context);
  g_object_unref (l->load);
  g_free (l);
}

/* The metrics the window reads of the period: the draft's and the
 * published rules' (their scores, receipts and quadrant axes) and those the
 * pages show of every customer (the Customers page's columns, revenue in the
 * Tiers and Quadrant pages). Every other column is read when something asks
 * for it (strata_period_data_ensure_metrics): at a million customers each
 * costs 8 MB. */
static const char * const page_metrics[] = {
  "order_amount", "referrals", "monthly_inquiries", NULL
};

static GPtrArray *
window_metrics (StrataWorkspace  *workspace,
                GError          **error)
{
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StrataRules) draft = strata_ruleset_store_get_draft (workspace, error);
  guint version = strata_ruleset_store_get_latest_version (workspace);
  g_autoptr(StrataRules) published = NULL;
  const StrataRules *sets[2];

  if (draft == NULL)
    return NULL;
  if (version > 0 &&
      (published = strata_ruleset_store_load_version (workspace, version, error)) == NULL)
    return NULL;
  sets[0] = draft;
  sets[1] = published;
  for (guint i = 0; page_metrics[i] != NULL; i++)
    g_ptr_array_add (metrics, g_strdup (page_metrics[i]));
  for (guint r = 0; r < G_N_ELEMENTS (sets); r++)
    {
      g_autoptr(GPtrArray) used = sets[r] != NULL ? strata_rules_get_metrics (sets[r]) : NULL;

      for (guint i = 0; used != NULL && i < used->len; i++)
        if (!g_ptr_array_find_with_equal_func (metrics, used->pdata[i], g_str_equal, NULL))
          g_ptr_array_add (metrics, g_strdup (used->pdata[i]));
    }
  g_ptr_array_add (metrics, NULL);
  return g_steal_pointer (&metrics);
}

static GMutex   hold_lock;
static GCond    hold_cond;
static gboolean hold_loads;

void
strata_context_hold_scoring_loads (gboolean hold)
{
  g_mutex_lock (&hold_lock);
  hold_loads = hold;
  g_cond_broadcast (&hold_cond);
  g_mutex_unlock (&hold_lock);
}

/* The test hook's wait; a cancelled load stops waiting (looked at every
 * 10 ms: the cancellable cannot wake the condition). */
static void
wait_while_held (GCancellable *cancellable)
{
  g_mutex_lock (&hold_lock);
  while (hold_loads && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait_until (&hold_cond, &hold_lock, g_get_monotonic_time () + 10 * G_TIME_SPAN_MILLISECOND);
  g_mutex_unlock (&hold_lock);
}

static gpointer
load_period_data (StrataWorkspace  *workspace,
                  gpointer          task_data,
                  GCancellable     *cancellable,
                  GError          **error)
{
  ScoringTask *task = task_data;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autoptr(StrataPeriodData) data = NULL;

  wait_while_held (cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  metrics = window_metrics (workspace, error);
  if (metrics == NULL)
    return NULL;
  data = strata_period_data_load_metrics (workspace, task->period_id,
                                          (const char * const *) metrics->pdata, error);
  if (data == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return strata_scoring_prepare (workspace, task->period_id, data, task->generation, error);
}

static void
set_scoring_loading (StrataContext *self,
                     GCancellable  *load)
{
  gboolean was = self->scoring_load != NULL;

  if (self->scoring_load != NULL)
    g_cancellable_cancel (self->scoring_load);
  g_set_object (&self->scoring_load, load);
  if (was != (load != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORING_LOADING]);
}

static void
period_data_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ScoringLoad *l = user_data;
  g_autoptr(StrataContext) self = g_weak_ref_get (&l->context);
  StrataScoringPrepared *prepared = NULL;
  g_autoptr(GError) error = NULL;

  prepared = strata_workspace_task_finish (result, &error);
  if (self == NULL || g_cancellable_is_cancelled (l->load) || self->scoring_load != l->load)
    {
      strata_scoring_prepared_free (prepared);
      scoring_load_free (l);
      return;
    }
  scoring_load_free (l);
  /* Not loading any more: the pages that ::scores-changed reloads show it. */
  g_clear_object (&self->scoring_load);
  if (prepared == NULL || !strata_scoring_take_prepared (self->scoring, prepared, &error))
    g_warning ("Cannot score the period: %s", error->message);
#ifdef __GLIBC__
  /* The worker's arena keeps what reading the period freed (its text, the
   * last period's columns): a hundred megabytes or more at a million. */
  malloc_trim (0);
#endif
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORING_LOADING]);
}

/* Moves the scoring to period_id (again when the data may have changed). */
static void
load_scoring (StrataContext *self,
              gint64         period_id)
{
  g_autoptr(GCancellable) load = NULL;
  ScoringLoad *l;
  ScoringTask *task;

  if (self->scoring == NULL)
    return;
  if (period_id <= 0)
    {
      g_autoptr(GError) error = NULL;

      set_scoring_loading (self, NULL);
      if (!strata_scoring_set_period_data (self->scoring, 0, NULL, &error))
        g_warning ("Cannot score the period: %s", error->message);
      return;
    }
  load = g_cancellable_new ();
  set_scoring_loading (self, load);
  self->scoring_load_period = period_id;
  l = g_new0 (ScoringLoad, 1);
  g_weak_ref_init (&l->context, self);
  l->load = g_object_ref (load);
  task = g_new0 (ScoringTask, 1);
  task->period_id = period_id;
  task->generation = strata_scoring_get_generation (self->scoring);
  strata_workspace_task_run (NULL, strata_workspace_get_path (self->workspace), load_period_data,
                             task, g_free,
                             (GDestroyNotify) strata_scoring_prepared_free,
                             load, period_data_loaded, l);
}

static void
set_period_internal (StrataContext *self,
                     const char    *period)
{
  gint64 id = lookup_period_id (self, period);
  gint64 scored = self->scoring_load != NULL ? self->scoring_load_period
                  : self->scoring != NULL ? strata_scoring_get_period_id (self->scoring) : 0;

  /* The scoring's load first, so that whoever follows the period knows the
   * scoring is not there yet; both notifications once the name and the id
   * agree. */
  if (self->scoring != NULL && id > 0 && id != scored)
    load_scoring (self, id);
  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->period, period) != 0)
    {
      g_free (self->period);
      self->period = g_strdup (period);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
    }
  if (self->period_id != id)
    {
      self->period_id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD_ID]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Any change but those the scoring follows by itself (rules, the draft,
 * overrides) and those it does not show (entitlements) may change the
 * period's data. */
static void
workspace_changed_cb (StrataContext *self,
                      const char    *what)
{
  if (g_strcmp0 (what, "rules") == 0 || g_strcmp0 (what, "draft") == 0 ||
      g_strcmp0 (what, "overrides") == 0 || g_strcmp0 (what, "entitlements") == 0)
    return;
  load_scoring (self, self->period_id);
}

/* Keeps the current period when it is still there (under its new name if
 * it was renamed); otherwise shows the latest one, which is what a user
 * works on. Connected after every other items-changed handler, so a period
 * selector over the list has already caught up when the period changes. */
static void
periods_changed_cb (StrataContext *self)
{
  StrataPeriod *period = NULL;

  if (self->period_id != 0)
    period = strata_period_list_lookup_id (self->periods, self->period_id);
  if (period == NULL)
    period = strata_period_list_get_latest (self->periods);
  set_period_internal (self, period != NULL ? strata_period_get_name (period) : NULL);
}

static void
strata_context_constructed (GObject *object)
{
  StrataContext *self = STRATA_CONTEXT (object);

  G_OBJECT_CLASS (strata_context_parent_class)->constructed (object);

  g_assert (STRATA_IS_WORKSPACE (self->workspace));
  /* Reloads itself on the workspace's ::changed; set_period_internal keeps
   * it on the current period. When it fails, the pages say why. */
  self->scoring = strata_scoring_new_deferred (self->workspace, &self->scoring_error);
  /* Before the period list's handler: a period that went is then replaced
   * by set_period_internal, which cancels this load. */
  g_signal_connect_object (self->workspace, "changed", G_CALLBACK (workspace_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* The list reloads itself on the workspace's changed::periods. */
  self->periods = strata_period_list_new (self->workspace);
  g_signal_connect_object (self->periods, "items-changed",
                           G_CALLBACK (periods_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  periods_changed_cb (self);
}

static void
strata_context_finalize (GObject *object)
{
  StrataContext *self = STRATA_CONTEXT (object);

  if (self->scoring_load != NULL)
    g_cancellable_cancel (self->scoring_load);
  g_clear_object (&self->scoring_load);
  g_clear_object (&self->workspace);
  g_clear_object (&self->periods);
  g_clear_object (&self->scoring);
  g_clear_error (&self->scoring_error);
  g_clear_pointer (&self->period, g_free);

  G_OBJECT_CLASS (strata_context_parent_class)->finalize (object);
}

static void
strata_context_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StrataContext *self = STRATA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      g_value_set_object (value, self->workspace);
      break;
    case PROP_PERIODS:
      g_value_set_object (value, self->periods);
      break;
    case PROP_PERIOD:
      g_value_set_string (value, self->period);
      break;
    case PROP_PERIOD_ID:
      g_value_set_int64 (value, self->period_id);
      break;
    case PROP_SELECTED_CUSTOMER:
      g_value_set_int64 (value, self->selected_customer);
      break;
    case PROP_SCORING_LOADING:
      g_value_set_boolean (value, self->scoring_load != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_context_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  StrataContext *self = STRATA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE:
      self->workspace = g_value_dup_object (value);
      break;
    case PROP_PERIOD:
      strata_context_set_period (self, g_value_get_string (value));
      break;
    case PROP_SELECTED_CUSTOMER:
      strata_context_set_selected_customer (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_context_class_init (StrataContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = strata_context_constructed;
  object_class->finalize = strata_context_finalize;
  object_class->get_property = strata_context_get_property;
  object_class->set_property = strata_context_set_property;

  properties[PROP_WORKSPACE] =
    g_param_spec_object ("workspace", NULL, NULL, STRATA_TYPE_WORKSPACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIODS] =
    g_param_spec_object ("periods", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIOD] =
    g_param_spec_string ("period", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIOD_ID] =
    g_param_spec_int64 ("period-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_CUSTOMER] =
    g_param_spec_int64 ("selected-customer", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCORING_LOADING] =
    g_param_spec_boolean ("scoring-loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
strata_context_init (StrataContext *self)
{
}

StrataContext *
strata_context_new (StrataWorkspace *workspace)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  return g_object_new (STRATA_TYPE_CONTEXT, "workspace", workspace, NULL);
}

StrataWorkspace *
strata_context_get_workspace (StrataContext *self)
{
  g_return_val_if_fail (STRATA_IS_CONTEXT (self), NULL);
  return self->workspace;
}

GListModel *
strata_context_get_periods (StrataContext *self)
{
  g_return_val_if_fail (STRATA_IS_CONTEXT (self), NULL);
  return G_LIST_MODEL (self->periods);
}

const char *
strata_context_get_period (StrataContext *self)
{
  g_return_val_if_fail (STRATA_IS_CONTEXT (self), NULL);
  return self->period;
}

void
strata_context_set_period (StrataContext *self,
                           const char    *period)
{
  g_return_if_fail (STRATA_IS_CONTEXT (self));

  if (g_strcmp0 (self->period, period) == 0)
    return;
  if (period == NULL || lookup_period_id (self, period) == 0)
    {
      g_warning ("“%s” is not a period of %s", period ? period : "(null)",
                 strata_workspace_get_path (self->workspace));
      return;
    }
  set_period_internal (self, period);
}

gint64
strata_context_get_period_id (StrataContext *self)
{
  g_return_val_if_fail (STRATA_IS_CONTEXT (self), 0);
  return self->period_id;
}

StrataScoring *
strata_context_get_scoring (StrataContext *self)
{
  g_return_val_if_fail (STRATA_IS_CONTEXT (self), NULL);
  return self->scoring;
}

gboolean
strata_context_get_scoring_loading (StrataContext *self)
{
  g_return_val_if_fail (STRATA_IS_CONTEXT (self), FALSE);
  return self->scoring_load != NULL;
}

void
strata_context_finish_scoring (StrataContext *self)
{
  g_return_if_fail (STRATA_IS_CONTEXT (self));

  g_object_ref (self);
  while (self->scoring_load != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_object_unref (self);
}

StrataSharedPeriod *
strata_context_share_period (StrataContext *self,
                             gint64         period_id)
{
  StrataSharedPeriod *shared;
  StrataResult *result;

  g_return_val_if_fail (STRATA_IS_CONTEXT (self), NULL);

  shared = g_new0 (StrataSharedPeriod, 1);
  shared->period_id = period_id;
  if (self->scoring == NULL || self->scoring_load != NULL || period_id <= 0 ||
      strata_scoring_get_period_id (self->scoring) != period_id)
    return shared;
  shared->data = strata_period_data_ref ((StrataPeriodData *) strata_scoring_get_data (self->scoring));
  result = strata_scoring_get_published_result (self->scoring);
  shared->published_result = result != NULL ? strata_result_ref (result) : NULL;
  shared->published_version = strata_scoring_get_published_version (self->scoring);
  return shared;
}

StrataPeriodResults *
strata_shared_period_load (StrataSharedPeriod *shared,
                           StrataWorkspace    *workspace,
                           const char * const *metrics,
                           GError            **error)
{
  g_return_val_if_fail (shared != NULL, NULL);
  return strata_period_results_load_shared (workspace, shared->period_id, shared->data,
                                            shared->published_result, shared->published_version,
                                            metrics, error);
}

void
strata_shared_period_free (StrataSharedPeriod *shared)
{
  if (shared == NULL)
    return;
  g_clear_pointer (&shared->data, strata_period_data_unref);
  g_clear_pointer (&shared->published_result, strata_result_unref);
  g_free (shared);
}

const GError *
strata_context_get_scoring_error (StrataContext *self)
{
  g_return_val_if_fail (STRATA_IS_CONTEXT (self), NULL);
  return self->scoring_error;
}

gint64
strata_context_get_selected_customer (StrataContext *self)
{
  g_return_val_if_fail (STRATA_IS_CONTEXT (self), 0);
  return self->selected_customer;
}

void
strata_context_set_selected_customer (StrataContext *self,
                                      gint64         customer_id)
{
  g_return_if_fail (STRATA_IS_CONTEXT (self));
  g_return_if_fail (customer_id >= 0);

  if (self->selected_customer == customer_id)
    return;
  self->selected_customer = customer_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CUSTOMER]);
}
