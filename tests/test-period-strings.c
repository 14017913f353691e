/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The customers' ext ids and names of a period are one buffer with an
 * offset per row (strata_period_data_get_ext_id/_name): every one reads
 * back exactly, Chinese, empty and very long ones too, from each loader
 * and from views; and every data set shares the one all-NaN column. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-demo.h"
#include "strata-period-data-private.h"
#include "strata-period-data-subset.h"
#include "workspace-test-util.h"

typedef struct
{
  TestWorkspace t;
  gint64        period_id;     /* the latest */
  gint64        first_period;
  char         *long_name;     /* 100,000 bytes of Chinese */
  char         *long_ext_id;   /* 5,000 bytes */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) ext_id = g_string_new ("X");
  g_autofree char *sql = NULL;

  test_workspace_setup_dir (&f->t, "strata-strings", "demo.strata");
  g_assert_true (strata_demo_write (f->t.path, 600, 2026, 4, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  f->t.ws = strata_workspace_open (f->t.path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_period_find (f->t.ws, NULL, &f->period_id, NULL, &error));
  f->first_period = test_query_int (f->t.ws, "SELECT id FROM periods ORDER BY position, id LIMIT 1");

  while (name->len < 100000)
    g_string_append (name, "北京星辰科技有限公司 ");
  while (ext_id->len < 5000)
    g_string_append (ext_id, "0123456789");
  f->long_name = g_string_free (g_steal_pointer (&name), FALSE);
  f->long_ext_id = g_string_free (g_steal_pointer (&ext_id), FALSE);
  /* Rows 0, 1, 2 and 5 and the last customer of the latest period. */
  sql = g_strdup_printf ("CREATE TEMP TABLE odd AS SELECT customer_id AS id FROM period_customers "
                         "  WHERE period_id = %" G_GINT64_FORMAT " ORDER BY customer_id;"
                         "UPDATE customers SET name = '天津滨海国际贸易' WHERE id = (SELECT id FROM odd ORDER BY id LIMIT 1 OFFSET 0);"
                         "UPDATE customers SET name = '' WHERE id = (SELECT id FROM odd ORDER BY id LIMIT 1 OFFSET 1);"
                         "UPDATE customers SET name = '%s', ext_id = '%s' "
                         "  WHERE id = (SELECT id FROM odd ORDER BY id LIMIT 1 OFFSET 2);"
                         "UPDATE customers SET name = 'Ä ö ü, \"quoted\"', ext_id = '客户-五' "
                         "  WHERE id = (SELECT id FROM odd ORDER BY id LIMIT 1 OFFSET 5);"
                         "UPDATE customers SET ext_id = 'Z' WHERE id = (SELECT max(id) FROM odd);"
                         "DROP TABLE odd",
                         f->period_id, f->long_name, f->long_ext_id);
  test_workspace_exec (f->t.ws, sql);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->long_name);
  g_free (f->long_ext_id);
  test_workspace_teardown (&f->t);
}

/* Every row of data reads what the customers table says of its id. */
static void
assert_strings (StrataWorkspace        *ws,
                const StrataPeriodData *data)
{
  g_assert_cmpuint (data->n, >, 0);
  for (guint i = 0; i < data->n; i++)
    {
      g_autofree char *ext_sql = g_strdup_printf ("SELECT ext_id FROM customers WHERE id = %" G_GINT64_FORMAT,
                                                  data->ids[i]);
      g_autofree char *name_sql = g_strdup_printf ("SELECT name FROM customers WHERE id = %" G_GINT64_FORMAT,
                                                   data->ids[i]);
      g_autofree char *ext_id = test_query_text (ws, ext_sql);
      g_autofree char *name = test_query_text (ws, name_sql);

      g_assert_cmpstr (strata_period_data_get_ext_id (data, i), ==, ext_id);
      g_assert_cmpstr (strata_period_data_get_name (data, i), ==, name);
    }
}

static void
test_loaded (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriodData) full = strata_period_data_load (f->t.ws, f->period_id, &error);
  g_autoptr(StrataPeriodData) json = NULL;
  g_autoptr(StrataPeriodData) view = NULL;
  g_autoptr(StrataPeriodData) with = NULL;
  g_autoptr(StrataPeriodData) some = NULL;
  static const char * const funnel[] = { "order_amount", NULL };
  const char *ext_ids[] = { NULL, "客户-五", "Z", NULL };
  g_autofree char *drop = g_strdup_printf ("SAVEPOINT t; DELETE FROM period_columns WHERE period_id = %"
                                           G_GINT64_FORMAT, f->period_id);
  int long_row;

  g_assert_no_error (error);
  assert_strings (f->t.ws, full);
  long_row = strata_period_data_find_ext_id (full, f->long_ext_id);
  g_assert_cmpint (long_row, ==, 2);
  g_assert_cmpstr (strata_period_data_get_name (full, long_row), ==, f->long_name);
  g_assert_cmpstr (strata_period_data_get_name (full, 0), ==, "天津滨海国际贸易");
  g_assert_cmpstr (strata_period_data_get_name (full, 1), ==, "");
  g_assert_cmpstr (strata_period_data_get_name (full, 5), ==, "Ä ö ü, \"quoted\"");
  g_assert_cmpstr (strata_period_data_get_ext_id (full, 5), ==, "客户-五");
  g_assert_cmpstr (strata_period_data_get_ext_id (full, full->n - 1), ==, "Z");
  /* One buffer, trimmed to what it holds. */
  g_assert_cmpuint (full->text_cap, ==, full->text_len);

  /* Views share the buffer and read the same. */
  view = strata_period_data_reload_overrides (full, f->t.ws, &error);
  g_assert_no_error (error);
  g_assert_true (view->text == full->text);
  assert_strings (f->t.ws, view);
  with = strata_period_data_with_metrics (full, f->t.ws, funnel, &error);
  g_assert_no_error (error);
  assert_strings (f->t.ws, with);

  /* A few customers by ext id, and the period without its columnar form. */
  ext_ids[0] = f->long_ext_id;
  some = strata_period_data_load_customers (f->t.ws, f->period_id, ext_ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (some->n, ==, 3);
  assert_strings (f->t.ws, some);
  g_assert_cmpstr (strata_period_data_get_name (some, 0), ==, f->long_name);
  test_workspace_exec (f->t.ws, drop);
  json = strata_period_data_load_metrics (f->t.ws, f->period_id, funnel, &error);
  test_workspace_exec (f->t.ws, "ROLLBACK TO t; RELEASE t");
  g_assert_no_error (error);
  g_assert_cmpuint (json->n, ==, full->n);
  assert_strings (f->t.ws, json);
}

/* Built by hand: an empty ext id too, and "" for NULL. */
static void
test_built (void)
{
  static const char *ext_ids[] = { "", "C-1", "客户", "" };
  static const char *names[] = { "北京", "", "Zenith, \"Z\" Co", "x" };
  g_autoptr(StrataPeriodData) data = strata_period_data_new_customers (ext_ids, names, 4);
  g_autoptr(StrataPeriodData) more = strata_period_data_new (NULL, 1);

  g_assert_cmpuint (data->n, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpstr (strata_period_data_get_ext_id (data, i), ==, ext_ids[i]);
      g_assert_cmpstr (strata_period_data_get_name (data, i), ==, names[i]);
    }
  g_assert_cmpint (strata_period_data_find_ext_id (data, "客户"), ==, 2);
  /* Growing past its first capacity keeps earlier rows. */
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("C%05u", i);
      g_autofree char *name = g_strdup_printf ("名字 %u", i * 7);

      strata_period_data_add_row (more, i + 1, id, i % 3 == 0 ? NULL : name);
    }
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("C%05u", i);
      g_autofree char *name = g_strdup_printf ("名字 %u", i * 7);

      g_assert_cmpstr (strata_period_data_get_ext_id (more, i), ==, id);
      g_assert_cmpstr (strata_period_data_get_name (more, i), ==, i % 3 == 0 ? "" : name);
    }
}

/* Data sets loaded without the strings read "" (no offsets at all), and
 * every column left out or without values is one shared array of NaN. */
static void
test_shared_none (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char * const first[] = { "order_amount", NULL };
  static const char * const second[] = { "referrals", NULL };
  g_autoptr(StrataPeriodData) a = strata_period_data_load_for_scoring (f->t.ws, f->period_id, first, &error);
  g_autoptr(StrataPeriodData) b = NULL;
  g_autoptr(StrataPeriodData) c = NULL;
  const double *none;

  g_assert_no_error (error);
  b = strata_period_data_load_for_scoring (f->t.ws, f->first_period, second, &error);
  g_assert_no_error (error);
  g_assert_null (a->text_at);
  g_assert_cmpstr (strata_period_data_get_ext_id (a, 0), ==, "");
  g_assert_cmpstr (strata_period_data_get_name (a, a->n - 1), ==, "");

  none = strata_period_data_get_column (a, "login_days");
  g_assert_nonnull (none);
  g_assert_true (none == a->none);
  g_assert_true (strata_period_data_get_column (a, "referrals") == none);
  g_assert_true (strata_period_data_get_column (b, "login_days") == none);
  g_assert_true (strata_period_data_get_column (b, "order_amount") == none);
  g_assert_false (strata_period_data_get_column (b, "referrals") == none);
  /* Known to hold nothing without reading it (the retention's check). */
  g_assert_true (strata_period_data_column_is_none (a, none));
  g_assert_true (strata_period_data_column_is_none (b, strata_period_data_get_column (b, "order_amount")));
  g_assert_false (strata_period_data_column_is_none (b, strata_period_data_get_column (b, "referrals")));
  g_assert_false (strata_period_data_column_is_none (b, NULL));
  for (guint i = 0; i < MAX (a->n, b->n); i++)
    g_assert_true (isnan (none[i]));

  /* Still shared once the first holder is gone, by a data set loaded later. */
  g_clear_pointer (&a, strata_period_data_unref);
  c = strata_period_data_load_for_scoring (f->t.ws, f->period_id, second, &error);
  g_assert_no_error (error);
  g_assert_true (strata_period_data_get_column (c, "login_days") == none);
  g_assert_true (isnan (strata_period_data_get_value (c, c->n - 1, "order_amount")));
}

/* The all-NaN column of a million customers holds no resident memory
 * until read (on Linux: one 64 KB page of NaN mapped again and again; once
 * read, RSS counts every mapping of it, the machine one page), reads as
 * NaN everywhere, and is shared and freed as before. */
static double
rss_anon_and_shmem_mb (void)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;
  double kb = 0;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "RssAnon:") || g_str_has_prefix (lines[i], "RssShmem:"))
      kb += g_ascii_strtod (strchr (lines[i], ':') + 1, NULL);
  return kb / 1024;
}

static void
test_none_resident (void)
{
  const gsize n = 1000000;
  double before, held, read;
  double *none, *again;
  gsize nans = 0;

  before = rss_anon_and_shmem_mb ();
  if (before < 0)
    {
      g_test_skip ("no /proc/self/status");
      return;
    }
  none = strata_period_none_acquire (n);
  held = rss_anon_and_shmem_mb ();
#ifdef __linux__
  /* 8 MB as an array. */
  g_assert_cmpfloat (held - before, <, 1);
#endif
  again = strata_period_none_acquire (n / 2);
  g_assert_true (again == none);
  for (gsize i = 0; i < n; i++)
    nans += isnan (none[i]);
  g_assert_cmpuint (nans, ==, n);
  read = rss_anon_and_shmem_mb ();
  g_test_message ("RssAnon+RssShmem: %.1f MB before, %.1f held, %.1f read", before, held, read);
  strata_period_none_release (again);
  strata_period_none_release (none);
  /* Freed with its last holder: a new one is made. */
  none = strata_period_none_acquire (10);
  for (gsize i = 0; i < 10; i++)
    g_assert_true (isnan (none[i]));
  strata_period_none_release (none);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/period-strings/loaded", Fixture, NULL, fixture_setup, test_loaded, fixture_teardown);
  g_test_add_func ("/period-strings/built", test_built);
  g_test_add ("/period-strings/shared-none", Fixture, NULL, fixture_setup, test_shared_none, fixture_teardown);
  g_test_add_func ("/period-strings/none-resident", test_none_resident);
  return g_test_run ();
}
