/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataPeriodData: one period of a workspace as columns, the input of the
 * scoring engine. The customers of a period are the rows of
 * period_customers, ordered by customer id; a metric value that has no row
 * in metric_values is NaN (missing). Loading runs one query per metric and
 * allocates nothing per customer beyond the string storage.
 *
 * Once shared (loaded, referenced, or a view) the data is immutable: the
 * builders below refuse to touch it, and fresh overrides come as a new view
 * that shares the columns (strata_period_data_reload_overrides), so holders
 * of the old data, and pointers into it, are never changed under them. The
 * one exception is a column a subset load left out, which
 * strata_period_data_ensure_metrics() may fill in later. The
 * reference count is atomic: a worker thread may load and hand it over. */
#pragma once

#include <string.h>

#include "strata-workspace.h"

G_BEGIN_DECLS

/* An active manual override of the period (sparse: most rows have none). */
typedef struct
{
  guint   row;          /* index into the data's rows */
  gint64  id;           /* overrides.id */
  char   *tier;         /* tier id, e.g. "A" */
  char   *reason;
  char   *author;
  char   *created_at;   /* ISO 8601 UTC */
} StrataPeriodOverride;

typedef struct
{
  gint64         period_id;
  char          *period_name;
  guint          n;            /* number of customers (rows) */
  gint64        *ids;          /* customers.id, ascending */
  /* customers.ext_id "\0" customers.name "\0" of every row, from
   * text + text_at[row] (4 bytes a row, not two 8-byte pointers); text_at
   * NULL: every one is "". Read them with strata_period_data_get_ext_id()
   * and strata_period_data_get_name(). */
  char          *text;
  guint32       *text_at;
  guint          n_metrics;
  char         **metric_keys;  /* n_metrics keys, NULL-terminated */
  char         **metric_labels; /* their labels in the user's language
                                 * (the key when unknown), NULL-terminated */
  double       **columns;      /* n_metrics columns of n values, NaN missing */
  GArray        *overrides;    /* of StrataPeriodOverride, by row */
  /* private */
  GHashTable    *metric_index; /* key -> index + 1 */
  guint          capacity;
  gsize          text_len;     /* bytes of text in use, and allocated */
  gsize          text_cap;
  gboolean       frozen;       /* shared (loaded, cached): the builders refuse it */
  gpointer       parent;       /* the data a view shares its columns with */
  double        *none;         /* all NaN, shared by every data set of the process
                                * (never freed): the column of every metric without values */
  gint          *left_out;     /* n_metrics flags (atomic): a subset load did not read
                                * the metric (strata_period_data_ensure_metrics) */
  double       **owned;        /* a view's own columns (strata_period_data_with_metrics),
                                * n_metrics, NULL where it shares its root's */
} StrataPeriodData;

#define STRATA_TYPE_PERIOD_DATA (strata_period_data_get_type ())
GType             strata_period_data_get_type  (void) G_GNUC_CONST;

/* Finds a period by name, or the latest one (highest position, then id)
 * when name is NULL. Fails with STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM. */
gboolean          strata_period_find           (StrataWorkspace   *workspace,
                                                const char        *name,
                                                gint64            *period_id,
                                                char             **period_name,
                                                GError           **error);

/* Loads a period (all metrics of the workspace) and its active overrides. */
StrataPeriodData *strata_period_data_load      (StrataWorkspace   *workspace,
                                                gint64             period_id,
                                                GError           **error);
/* The same, but only the columns of metrics (NULL-terminated keys) hold
 * values; every other metric reads as no value. Not cached: for a command
 * that scores once and exits (strata-cli score loads the rules' metrics,
 * a third less memory at a million customers). */
StrataPeriodData *strata_period_data_load_metrics (StrataWorkspace     *workspace,
                                                   gint64               period_id,
                                                   const char * const  *metrics,
                                                   GError             **error);
/* The same again (metrics NULL: all of them) without the customers' ext
 * ids and names (every one is "" when the period has its columnar form):
 * for scoring or counting a period without showing its customers (the
 * previous period's tiers, the outcomes of retention). Not cached. */
StrataPeriodData *strata_period_data_load_for_scoring (StrataWorkspace     *workspace,
                                                       gint64               period_id,
                                                       const char * const  *metrics,
                                                       GError             **error);
/* FALSE when a subset load (load_metrics, load_for_scoring) left the
 * metric's column out: it then reads as no value until
 * strata_period_data_ensure_metrics() reads it. Also FALSE for a key the
 * workspace does not have. */
gboolean          strata_period_data_has_metric (const StrataPeriodData *data,
                                                 const char             *metric);
/* Reads the columns of metrics (NULL-terminated keys; NULL: every metric)
 * that a subset load left out into data (and every view sharing its
 * columns), through workspace's connection: one packed column each from
 * the period's columnar form (tens of milliseconds at a million). Only
 * such a column changes, from no values to the metric's, so pointers into
 * the data stay valid; any thread may call it with its own connection.
 * Fails when the period's customers changed since data was loaded (the
 * holder reloads then) or the file cannot be read. */
gboolean          strata_period_data_ensure_metrics (const StrataPeriodData *data,
                                                     StrataWorkspace        *workspace,
                                                     const char * const     *metrics,
                                                     GError                **error);
/* A view of data whose columns of metrics (NULL-terminated keys) that data
 * left out are read into the view alone, freed with it; data stays as it
 * was, and every other column is shared. For a worker that reads a few
 * columns once (the Quadrant page's funnel) without keeping them in the
 * window's data for as long as it lives. A reference to data when it
 * lacks none of them. Fails like strata_period_data_ensure_metrics(). Keep
 * the view to the caller: strata_period_data_ensure_metrics() on it fills
 * its root, not the view. */
StrataPeriodData *strata_period_data_with_metrics (const StrataPeriodData *data,
                                                   StrataWorkspace        *workspace,
                                                   const char * const     *metrics,
                                                   GError                **error) G_GNUC_WARN_UNUSED_RESULT;
/* A view of data with the period's overrides read anew (after
 * strata_override_set/remove): it shares the columns and leaves data as it
 * was. Cheap: no column is copied. */
StrataPeriodData *strata_period_data_reload_overrides (const StrataPeriodData *data,
                                                       StrataWorkspace        *workspace,
                                                       GError                **error) G_GNUC_WARN_UNUSED_RESULT;

/* An empty data set with the given metric keys (filled by hand in tests:
 * strata-period-data-private.h). */
StrataPeriodData *strata_period_data_new       (const char * const *metric_keys,
                                                guint              capacity);

StrataPeriodData *strata_period_data_ref       (StrataPeriodData  *data);
void              strata_period_data_unref     (StrataPeriodData  *data);

/* The column of a metric, or NULL when the workspace has no such metric. */
const double     *strata_period_data_get_column (const StrataPeriodData *data,
                                                 const char             *metric);
/* TRUE when column (of data's) is the shared all-NaN column of metrics
 * without any value: known without reading it, which would map its pages. */
gboolean          strata_period_data_column_is_none (const StrataPeriodData *data,
                                                     const double           *column);
/* The metric's label in the user's language, or the key itself. */
const char       *strata_period_data_get_metric_label (const StrataPeriodData *data,
                                                       const char             *metric);
double            strata_period_data_get_value  (const StrataPeriodData *data,
                                                 guint                   row,
                                                 const char             *metric);
/* Row of a customer by ext id (linear: for the CLI and tests), or -1. */
int               strata_period_data_find_ext_id (const StrataPeriodData *data,
                                                  const char             *ext_id);
/* Row of a customer by workspace id (binary search), or -1. */
int               strata_period_data_find_id     (const StrataPeriodData *data,
                                                  gint64                  id);
/* The active override of a row, or NULL. */
const StrataPeriodOverride *strata_period_data_get_override (const StrataPeriodData *data,
                                                             guint                   row);

/* The customer's ext id and name of a row ("" when the data was loaded
 * without them); valid while the data lives. */
static inline const char *
strata_period_data_get_ext_id (const StrataPeriodData *data,
                               guint                   row)
{
  return data->text_at != NULL ? data->text + data->text_at[row] : "";
}

static inline const char *
strata_period_data_get_name (const StrataPeriodData *data,
                             guint                   row)
{
  const char *ext_id;

  if (data->text_at == NULL)
    return "";
  ext_id = data->text + data->text_at[row];
  return ext_id + strlen (ext_id) + 1;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataPeriodData, strata_period_data_unref)

G_END_DECLS
