/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The movers' reasons are kept as facts and formatted only when shown: on a
 * generated workspace (the demo, 1,500 customers, two quarters), every
 * mover's reasons, formatted once the movement is made and its periods'
 * results are gone, equal the lines the movement wrote out eagerly before
 * (tests/fixtures/movement-reasons-demo.txt, written by `strata-cli
 * movement --format json` of the build before, at d30bace), in the same
 * order, mover by mover; a restated movement too. An amount (a money
 * metric) in Chinese reads as the Customers page writes it (万), with the
 * digits that tell its two values apart; the exports keep every digit. */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "strata-demo.h"
#include "strata-format.h"
#include "strata-movement.h"
#include "strata-movement-export.h"
#include "strata-movement-private.h"
#include "strata-period-data-private.h"
#include "workspace-test-util.h"

#define N_CUSTOMERS 1500

static char *dir;
static char *path;

/* kind TAB ext id TAB reason TAB reason ..., one line per mover, in the
 * movement's order; a line "restated" between the plain and the restated
 * movement. */
static GString *
describe (StrataMovement *movement)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      GPtrArray *movers = strata_movement_get_movers (movement, k);

      for (guint i = 0; i < movers->len; i++)
        {
          const StrataMover *m = movers->pdata[i];
          g_autofree char *joined = strata_mover_describe_reasons (m, "\t");
          GString *again = g_string_new (NULL);

          g_string_append_printf (out, "%s\t%s", strata_move_kind_to_string (k), m->ext_id);
          for (guint r = 0; r < strata_mover_get_n_reasons (m); r++)
            {
              g_autofree char *text = strata_mover_format_reason (m, r);

              g_assert_cmpuint (strata_mover_get_reason (m, r)->kind, <=, STRATA_REASON_PRESENCE);
              g_string_append_printf (out, "\t%s", text);
              g_string_append_printf (again, "%s%s", r ? "\t" : "", text);
            }
          /* describe_reasons is the same lines joined. */
          g_assert_cmpstr (joined, ==, again->str);
          g_string_free (again, TRUE);
          g_string_append_c (out, '\n');
        }
    }
  return out;
}

static gint64
period_id (StrataWorkspace *ws,
           guint            index)
{
  g_autofree char *name = strata_demo_period_name (index, 2);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM periods WHERE name = '%s'", name);

  return test_query_int (ws, sql);
}

static void
test_lazy_equals_eager (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);
  g_autoptr(StrataMovement) plain = NULL;
  g_autoptr(StrataMovement) restated = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                    "movement-reasons-demo.txt", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GString) got = NULL;
  g_auto(GStrv) want_lines = NULL;
  g_auto(GStrv) got_lines = NULL;
  guint n_reasons = 0;

  g_assert_no_error (error);
  plain = strata_movement_compute (ws, period_id (ws, 0), period_id (ws, 1), FALSE, &error);
  g_assert_no_error (error);
  restated = strata_movement_compute (ws, period_id (ws, 0), period_id (ws, 1), TRUE, &error);
  g_assert_no_error (error);
  /* The periods are read, scored and freed inside compute: whatever the
   * lines need now is the movement's own. */
  got = describe (plain);
  g_string_append (got, "restated\n");
  {
    g_autoptr(GString) r = describe (restated);
    g_string_append (got, r->str);
  }

  g_assert_true (g_file_get_contents (fixture, &expected, NULL, &error));
  g_assert_no_error (error);
  want_lines = g_strsplit (expected, "\n", -1);
  got_lines = g_strsplit (got->str, "\n", -1);
  for (guint i = 0; want_lines[i] != NULL && got_lines[i] != NULL; i++)
    {
      g_assert_cmpstr (got_lines[i], ==, want_lines[i]);
      for (const char *c = got_lines[i]; *c; c++)
        n_reasons += *c == '\t';
    }
  g_assert_cmpuint (g_strv_length (got_lines), ==, g_strv_length (want_lines));
  /* Enough movers and reasons to mean something: hundreds of each. */
  g_assert_cmpuint (g_strv_length (got_lines), >, 200);
  g_assert_cmpuint (n_reasons, >, 1000);
}

/* One customer in two periods under the default rules: the order amount
 * from old_amount to new_amount, with three business lines (+5), and high
 * growth (+10) from grows_from to grows_to; the metrics as the workspace
 * has them (order_amount money, the rest counts and booleans). */
static StrataMovement *
one_mover (double   old_amount,
           double   new_amount,
           gboolean grows_from,
           gboolean grows_to)
{
  /* Every metric the default rules read. */
  static const char *keys[] = {
    "order_amount", "referrals", "business_lines", "high_growth", "listed_company",
    "overdue_invoices", "fault_tickets", "monthly_inquiries", "listed_products", "login_days",
    NULL
  };
  static const struct { const char *key; StrataMetricKind kind; } kinds[] = {
    { "order_amount", STRATA_METRIC_MONEY },
    { "business_lines", STRATA_METRIC_COUNT },
    { "high_growth", STRATA_METRIC_BOOLEAN },
  };
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(GHashTable) metrics = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  StrataPeriodResults *results[2];
  StrataMovement *movement;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      StrataReviewMetric *m = g_new0 (StrataReviewMetric, 1);

      m->key = (char *) kinds[i].key;
      m->label = (char *) kinds[i].key;
      m->kind = kinds[i].kind;
      g_hash_table_insert (metrics, m->key, m);
    }
  for (guint p = 0; p < 2; p++)
    {
      g_autoptr(StrataPeriodData) data = strata_period_data_new (keys, 1);
      g_autoptr(StrataResult) result = NULL;
      g_autoptr(GError) error = NULL;
      guint r;

      data->period_id = p + 1;
      data->period_name = g_strdup (p == 0 ? "2026-Q1" : "2026-Q2");
      r = strata_period_data_add_row (data, 1, "C001", "Alpha");
      strata_period_data_set_value (data, r, "order_amount", p == 0 ? old_amount : new_amount);
      strata_period_data_set_value (data, r, "business_lines", 3);
      strata_period_data_set_value (data, r, "high_growth", (p == 0 ? grows_from : grows_to) ? 1 : 0);
      result = strata_engine_score (rules, data, &error);
      g_assert_no_error (error);
      results[p] = strata_period_results_new (data, rules, result, FALSE, 1, 1);
    }
  movement = strata_movement_new_from_results (results[0], results[1], NULL, FALSE, metrics);
  strata_period_results_unref (results[0]);
  strata_period_results_unref (results[1]);
  return movement;
}

/* The line of the mover's reason on key, in full or as shown. */
static char *
metric_reason (StrataMovement *movement,
               const char     *key,
               gboolean        full)
{
  const StrataMover *m = strata_movement_find_mover (movement, 1);

  g_assert_nonnull (m);
  for (guint r = 0; r < strata_mover_get_n_reasons (m); r++)
    {
      const StrataReason *reason = strata_mover_get_reason (m, r);

      if (reason->kind == STRATA_REASON_METRIC && g_str_equal (reason->key, key))
        return full ? strata_mover_format_reason_full (m, r) : strata_mover_format_reason (m, r);
    }
  g_assert_not_reached ();
}

/* The values of a reason line, "A → B": what follows its label's colon
 * (":" or, translated, "："). */
static const char *
change_of (const char *line)
{
  const char *arrow = strstr (line, " → ");
  const char *start = arrow;

  g_assert_nonnull (arrow);
  while (start > line)
    {
      const char *prev = g_utf8_prev_char (start);
      gunichar c = g_utf8_get_char (prev);

      if (c == ' ' || c == ':' || c == 0xFF1A)
        break;
      start = prev;
    }
  return start;
}

static void
test_amount_chinese (void)
{
  g_autoptr(StrataMovement) movement = NULL;
  const StrataNumberFormat *fmt;
  g_autofree char *line = NULL;
  g_autofree char *full = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *want = NULL;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  fmt = strata_number_format_get_default ();
  g_assert_true (fmt->myriad);

  /* 25 -> 45 points: E -> C, the amount crossing 3M and high growth. */
  movement = one_mover (2805300, 3439000, FALSE, TRUE);
  line = metric_reason (movement, "order_amount", FALSE);
  /* The Customers page's order amount column: strata_format_compact when myriad. */
  a = strata_format_compact (fmt, 2805300);
  b = strata_format_compact (fmt, 3439000);
  want = g_strdup_printf ("%s → %s", a, b);
  g_assert_cmpstr (change_of (line), ==, want);
  g_assert_cmpstr (change_of (line), ==, "281万 → 344万");
  /* A boolean stays as it was. */
  {
    const StrataReviewMetric growth = { (char *) "high_growth", (char *) "", STRATA_METRIC_BOOLEAN };
    g_autofree char *text = metric_reason (movement, "high_growth", FALSE);
    g_autofree char *no = strata_movement_format_value_full (&growth, 0);
    g_autofree char *yes = strata_movement_format_value_full (&growth, 1);
    g_autofree char *change = g_strdup_printf ("%s → %s", no, yes);

    g_assert_cmpstr (change_of (text), ==, change);
  }
  /* Exports keep every digit: the movers' CSV too. */
  full = metric_reason (movement, "order_amount", TRUE);
  g_assert_cmpstr (change_of (full), ==, "2,805,300 → 3,439,000");
  {
    g_autofree char *csv_path = g_build_filename (dir, "movers.csv", NULL);
    g_autofree char *csv = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (strata_movement_export (movement, csv_path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
    g_assert_nonnull (strstr (csv, "2,805,300 → 3,439,000"));
    /* (A band's bounds were compact before and stay so.) */
    g_assert_null (strstr (csv, "281万"));
    g_assert_null (strstr (csv, "344万"));
  }

  g_setenv ("LANGUAGE", "C", TRUE);
}

/* Two amounts that compact alike ("281万" both) get the decimals that
 * tell them apart, both of them; traditional Chinese writes 萬. */
static void
test_amount_chinese_close (void)
{
  g_autoptr(StrataMovement) movement = NULL;
  g_autofree char *line = NULL;
  g_autofree char *tw = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  /* 25 -> 35 points: E -> D, from high growth; the amount barely moved. */
  movement = one_mover (2805300, 2806000, FALSE, TRUE);
  a = strata_format_compact (NULL, 2805300);
  b = strata_format_compact (NULL, 2806000);
  g_assert_cmpstr (a, ==, b);
  line = metric_reason (movement, "order_amount", FALSE);
  g_assert_cmpstr (change_of (line), ==, "280.5万 → 280.6万");
  {
    const StrataReviewMetric amount = { (char *) "order_amount", (char *) "", STRATA_METRIC_MONEY };
    const StrataReviewMetric count = { (char *) "referrals", (char *) "", STRATA_METRIC_COUNT };
    g_autofree char *ta = NULL;
    g_autofree char *tb = NULL;
    g_autofree char *ca = NULL;
    g_autofree char *cb = NULL;

    /* Closer still: as many decimals as it takes. */
    strata_movement_format_change (&amount, 2805300, 2805310, &ta, &tb);
    g_assert_cmpstr (ta, ==, "280.53万");
    g_assert_cmpstr (tb, ==, "280.531万");
    /* A count is not an amount: every digit. */
    strata_movement_format_change (&count, 2805300, 2806000, &ca, &cb);
    g_assert_cmpstr (ca, ==, "2,805,300");
    g_assert_cmpstr (cb, ==, "2,806,000");
  }

  g_setenv ("LANGUAGE", "zh_TW", TRUE);
  tw = metric_reason (movement, "order_amount", FALSE);
  g_assert_cmpstr (change_of (tw), ==, "280.5萬 → 280.6萬");
  g_setenv ("LANGUAGE", "C", TRUE);
}

/* English reads every digit, as before: grouped integers. */
static void
test_amount_english (void)
{
  g_autoptr(StrataMovement) movement = NULL;
  g_autofree char *line = NULL;
  g_autofree char *full = NULL;

  g_setenv ("LANGUAGE", "C", TRUE);
  movement = one_mover (2805300, 3439000, FALSE, TRUE);
  line = metric_reason (movement, "order_amount", FALSE);
  g_assert_cmpstr (line, ==, "order_amount: 2,805,300 → 3,439,000");
  full = metric_reason (movement, "order_amount", TRUE);
  g_assert_cmpstr (full, ==, line);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  dir = test_make_tmp_dir ("strata-movement-reasons-XXXXXX");
  path = g_build_filename (dir, "demo.strata", NULL);
  g_assert_true (strata_demo_write (path, N_CUSTOMERS, STRATA_DEMO_DEFAULT_SEED, 2,
                                    STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/movement-reasons/lazy-equals-eager", test_lazy_equals_eager);
  g_test_add_func ("/movement-reasons/amount-chinese", test_amount_chinese);
  g_test_add_func ("/movement-reasons/amount-chinese-close", test_amount_chinese_close);
  g_test_add_func ("/movement-reasons/amount-english", test_amount_english);
  status = g_test_run ();

  test_remove_dir (dir);
  g_free (path);
  g_free (dir);
  return status;
}
