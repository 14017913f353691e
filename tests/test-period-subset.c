/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Some customers of a period read through the keys
 * (strata-period-data-subset.h) against the full load of the same period
 * on the 600-customer demo: the same rows, values, labels and overrides,
 * so the same receipt, word for word; and one customer's results of an
 * open and of a closed period against the whole period's. */
#include "config.h"

#include <math.h>

#include "strata-demo.h"
#include "strata-engine.h"
#include "strata-override.h"
#include "strata-period-close.h"
#include "strata-period-data-subset.h"
#include "strata-period-results.h"
#include "strata-ruleset-store.h"
#include "workspace-test-util.h"

typedef struct
{
  TestWorkspace t;
  gint64        period_id;     /* the latest */
  gint64        first_period;
  StrataRules  *rules;         /* the latest published */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_workspace_setup_dir (&f->t, "strata-subset", "demo.strata");
  g_assert_true (strata_demo_write (f->t.path, 600, 2026, 4, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  f->t.ws = strata_workspace_open (f->t.path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_period_find (f->t.ws, NULL, &f->period_id, NULL, &error));
  f->first_period = test_query_int (f->t.ws, "SELECT id FROM periods ORDER BY position, id LIMIT 1");
  f->rules = strata_ruleset_store_load_version (f->t.ws, strata_ruleset_store_get_latest_version (f->t.ws),
                                                &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->rules, strata_rules_free);
  test_workspace_teardown (&f->t);
}

static char *
receipt_text (const StrataRules      *rules,
              const StrataPeriodData *data,
              guint                   row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataReceipt) receipt = strata_engine_explain (rules, data, row, &error);

  g_assert_no_error (error);
  return strata_receipt_to_text (receipt);
}

/* Row `row` of sub is row `full_row` of full in every respect. */
static void
assert_same_row (const StrataPeriodData *full,
                 guint                   full_row,
                 const StrataPeriodData *sub,
                 guint                   row)
{
  const StrataPeriodOverride *a = strata_period_data_get_override (full, full_row);
  const StrataPeriodOverride *b = strata_period_data_get_override (sub, row);

  g_assert_cmpint (sub->ids[row], ==, full->ids[full_row]);
  g_assert_cmpstr (strata_period_data_get_ext_id (sub, row), ==, strata_period_data_get_ext_id (full, full_row));
  g_assert_cmpstr (strata_period_data_get_name (sub, row), ==, strata_period_data_get_name (full, full_row));
  for (guint m = 0; m < full->n_metrics; m++)
    {
      double x = full->columns[m][full_row], y = sub->columns[m][row];

      g_assert_true ((isnan (x) && isnan (y)) || x == y);
    }
  g_assert_true ((a == NULL) == (b == NULL));
  if (a != NULL)
    {
      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpstr (a->tier, ==, b->tier);
      g_assert_cmpstr (a->reason, ==, b->reason);
      g_assert_cmpstr (a->author, ==, b->author);
      g_assert_cmpstr (a->created_at, ==, b->created_at);
    }
}

static void
test_receipts (Fixture       *f,
               gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodData) full = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT customer_id FROM period_customers WHERE period_id = %"
                                          G_GINT64_FORMAT " ORDER BY customer_id LIMIT 1 OFFSET 41",
                                          f->period_id);
  gint64 overridden = test_query_int (f->t.ws, sql);
  g_autofree char *gone = g_strdup_printf ("SELECT count(*) FROM customers WHERE id NOT IN (SELECT customer_id "
                                           "FROM period_customers WHERE period_id = %" G_GINT64_FORMAT ")",
                                           f->period_id);
  gboolean saw_override = FALSE;
  guint picks[5];

  g_assert_true (strata_override_set (f->t.ws, f->period_id, overridden, "A", "Strategic account", &error));
  g_assert_no_error (error);
  full = strata_period_data_load (f->t.ws, f->period_id, &error);
  g_assert_no_error (error);
  /* The demo's latest quarter lost some of the 600 customers. */
  g_assert_cmpuint (full->n, >, 500);
  g_assert_cmpint (test_query_int (f->t.ws, gone), >, 0);
  picks[0] = 0;
  picks[1] = 1;
  picks[2] = 41;
  picks[3] = full->n / 2;
  picks[4] = full->n - 1;
  g_assert_cmpint (full->ids[41], ==, overridden);

  for (guint i = 0; i < G_N_ELEMENTS (picks); i++)
    {
      const char *ext_ids[] = { strata_period_data_get_ext_id (full, picks[i]), NULL };
      g_autoptr(StrataPeriodData) sub = strata_period_data_load_customers (f->t.ws, f->period_id,
                                                                           ext_ids, &error);
      g_autofree char *expected = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (sub->n, ==, 1);
      g_assert_cmpint (sub->period_id, ==, full->period_id);
      g_assert_cmpstr (sub->period_name, ==, full->period_name);
      g_assert_cmpuint (sub->n_metrics, ==, full->n_metrics);
      for (guint m = 0; m < full->n_metrics; m++)
        {
          g_assert_cmpstr (sub->metric_keys[m], ==, full->metric_keys[m]);
          g_assert_cmpstr (sub->metric_labels[m], ==, full->metric_labels[m]);
        }
      assert_same_row (full, picks[i], sub, 0);

      expected = receipt_text (f->rules, full, picks[i]);
      text = receipt_text (f->rules, sub, 0);
      g_assert_cmpstr (text, ==, expected);
      if (strata_period_data_get_override (sub, 0) != NULL)
        {
          saw_override = TRUE;
          g_assert_nonnull (strstr (text, "Strategic account"));
        }
    }
  g_assert_true (saw_override);

  /* A customer of the workspace but not of this period: no row, as the
   * full load has none. */
  {
    g_autofree char *not_here = g_strdup_printf ("SELECT id FROM customers WHERE id NOT IN (SELECT customer_id "
                                                 "FROM period_customers WHERE period_id = %" G_GINT64_FORMAT
                                                 ") LIMIT 1", f->period_id);
    gint64 id = test_query_int (f->t.ws, not_here);
    g_autoptr(StrataPeriodData) sub = strata_period_data_load_customer_ids (f->t.ws, f->period_id, &id, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpint (strata_period_data_find_id (full, id), ==, -1);
    g_assert_cmpuint (sub->n, ==, 0);
  }
}

static void
test_several_and_unknown (Fixture       *f,
                          gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) full_error = NULL;
  g_autoptr(StrataPeriodData) full = strata_period_data_load (f->t.ws, f->first_period, &error);
  const char *ext_ids[5];
  const char *none[] = { "C999999", NULL };
  g_autoptr(StrataPeriodData) sub = NULL;
  g_autoptr(StrataPeriodData) empty = NULL;
  g_autoptr(StrataPeriodData) missing = NULL;

  g_assert_no_error (error);
  ext_ids[0] = strata_period_data_get_ext_id (full, 9);
  ext_ids[1] = "NOPE";
  ext_ids[2] = strata_period_data_get_ext_id (full, 4);
  ext_ids[3] = strata_period_data_get_ext_id (full, 9);
  ext_ids[4] = NULL;
  /* Customer order, each once, unknown ones left out. */
  sub = strata_period_data_load_customers (f->t.ws, f->first_period, ext_ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sub->n, ==, 2);
  assert_same_row (full, 4, sub, 0);
  assert_same_row (full, 9, sub, 1);
  g_assert_cmpint (strata_period_data_find_id (sub, sub->ids[1]), ==, 1);

  empty = strata_period_data_load_customers (f->t.ws, f->first_period, none, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->n, ==, 0);
  g_assert_cmpstr (empty->period_name, ==, full->period_name);
  g_assert_cmpint (strata_period_data_find_ext_id (empty, "C999999"), ==, -1);

  /* A period that is not there fails as the full load does. */
  missing = strata_period_data_load_customers (f->t.ws, 9999, none, &error);
  g_assert_null (missing);
  g_assert_null (strata_period_data_load (f->t.ws, 9999, &full_error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);
  g_assert_cmpstr (error->message, ==, full_error->message);
}

/* One customer's row of the period's results, open (scored with the
 * published rules) and closed (read back frozen), equals the whole
 * period's row. */
static void
test_results (Fixture       *f,
              gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT customer_id FROM period_customers WHERE period_id = %"
                                          G_GINT64_FORMAT " ORDER BY customer_id LIMIT 1 OFFSET 41",
                                          f->first_period);
  gint64 overridden = test_query_int (f->t.ws, sql);

  g_assert_true (strata_override_set (f->t.ws, f->first_period, overridden, "B", "Moved by hand", &error));
  g_assert_no_error (error);
  for (int closed = 0; closed < 2; closed++)
    {
      g_autoptr(StrataPeriodResults) all = NULL;
      guint picks[4];

      if (closed)
        {
          g_assert_true (strata_period_close (f->t.ws, f->first_period, &error));
          g_assert_no_error (error);
        }
      all = strata_period_results_load (f->t.ws, f->first_period, &error);
      g_assert_no_error (error);
      g_assert_cmpint (all->frozen, ==, closed);
      picks[0] = 2;
      picks[1] = 41;
      picks[2] = all->data->n / 2;
      picks[3] = all->data->n - 1;
      g_assert_cmpint (all->data->ids[41], ==, overridden);
      for (guint i = 0; i < G_N_ELEMENTS (picks); i++)
        {
          guint row = picks[i];
          gint64 id = all->data->ids[row];
          g_autoptr(StrataPeriodResults) one =
            strata_period_results_load_customer (f->t.ws, f->first_period, id, &error);

          g_assert_no_error (error);
          g_assert_cmpint (one->frozen, ==, closed);
          g_assert_cmpint (one->version, ==, all->version);
          g_assert_cmpuint (one->data->n, ==, 1);
          g_assert_cmpuint (one->result->n, ==, 1);
          g_assert_cmpint (one->data->ids[0], ==, id);
          g_assert_cmpfloat (one->result->score[0], ==, all->result->score[row]);
          g_assert_cmpfloat (one->result->base_points[0], ==, all->result->base_points[row]);
          g_assert_cmpuint (one->result->tier[0], ==, all->result->tier[row]);
          g_assert_cmpuint (one->result->quadrant[0], ==, all->result->quadrant[row]);
          g_assert_cmpstr (strata_period_results_get_tier_id (one, 0), ==,
                           strata_period_results_get_tier_id (all, row));
          if (id == overridden)
            g_assert_cmpstr (strata_period_results_get_tier_id (one, 0), ==, "B");
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/period-subset/receipts", Fixture, NULL, fixture_setup, test_receipts, fixture_teardown);
  g_test_add ("/period-subset/several-and-unknown", Fixture, NULL, fixture_setup,
              test_several_and_unknown, fixture_teardown);
  g_test_add ("/period-subset/results", Fixture, NULL, fixture_setup, test_results, fixture_teardown);
  return g_test_run ();
}
