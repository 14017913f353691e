/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli periods and movement: outputs and exit codes. */
#include <json-glib/json-glib.h>
#include <locale.h>

#include "cli-test-util.h"
#include "review-fixture.h"
#include "strata-period.h"
#include "strata-period-private.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(StrataWorkspace) ws = NULL;

  f->dir = test_make_tmp_dir ("strata-cli-review");
  f->path = g_build_filename (f->dir, "review.strata", NULL);
  ws = review_fixture_create (f->path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_periods (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err3 = NULL;

  g_assert_cmpint (run_cli (&out, &err, "periods", f->path, NULL), ==, 0);
  g_assert_cmpuint (count_lines (out), ==, 3);
  g_assert_true (g_regex_match_simple ("^2026-Q1 +5 +open +- +-$", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^2026-Q2 +5 +open +- +-$", out, G_REGEX_MULTILINE, 0));

  g_assert_cmpint (run_cli (&out2, &err2, "periods", "close", f->path, "2026-Q1", NULL), ==, 0);
  g_assert_cmpstr (out2, ==, "Closed 2026-Q1: its results are frozen\n");
  g_assert_cmpint (run_cli (&out3, &err3, "periods", f->path, NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^2026-Q1 +5 +closed +1 +20[0-9-]+T[0-9:]+Z$", out3,
                                       G_REGEX_MULTILINE, 0));
}

static void
test_periods_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err3 = NULL;
  g_autofree char *out4 = NULL;
  g_autofree char *err4 = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.strata", NULL);

  g_assert_cmpint (run_cli (&out, &err, "periods", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "strata-cli: usage: strata-cli periods WORKSPACE"));
  g_assert_cmpuint (count_lines (err), ==, 1);

  g_assert_cmpint (run_cli (&out2, &err2, "periods", missing, NULL), ==, 2);
  g_assert_nonnull (strstr (err2, "missing.strata"));
  g_assert_cmpuint (count_lines (err2), ==, 1);

  g_assert_cmpint (run_cli (&out3, &err3, "periods", "close", f->path, "2030-Q9", NULL), ==, 2);
  g_assert_nonnull (strstr (err3, "2030-Q9"));
  g_assert_cmpuint (count_lines (err3), ==, 1);

  g_assert_cmpint (run_cli (&out4, &err4, "periods", "close", f->path, NULL), ==, 1);
  g_assert_cmpuint (count_lines (err4), ==, 1);
}

/* A custom date range: added with its dates, renamed, listed in date order,
 * and refused with a message naming it when the dates are missing or wrong. */
static void
test_periods_custom (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;
  g_autofree char *out5 = NULL, *err5 = NULL;
  g_autofree char *out6 = NULL, *err6 = NULL;
  g_autofree char *out7 = NULL, *err7 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataPeriod) period = NULL;

  g_assert_cmpint (run_cli (&out, &err, "periods", "add", f->path, "Spring fair",
                        "--start", "2026-03-01", "--end", "2026-03-20", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Added Spring fair (2026-03-01 to 2026-03-20)\n");
  g_assert_cmpint (run_cli (&out2, &err2, "periods", "rename", f->path, "Spring fair", "Fair 2026",
                        NULL), ==, 0);
  g_assert_cmpstr (out2, ==, "Renamed Spring fair to Fair 2026\n");
  g_assert_cmpint (run_cli (&out3, &err3, "periods", f->path, NULL), ==, 0);
  /* 2026-Q1 starts first, the fair (March) before 2026-Q2. */
  g_assert_true (g_regex_match_simple ("^2026-Q1 .*\nFair 2026 +0 +open .*\n2026-Q2 ", out3,
                                       G_REGEX_MULTILINE, 0));

  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  period = strata_period_lookup_name (ws, "Fair 2026", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_period_get_start_date (period), ==, "2026-03-01");
  g_assert_cmpstr (strata_period_get_end_date (period), ==, "2026-03-20");
  g_clear_object (&ws);

  /* A custom name without dates, dates backwards, a name taken. */
  g_assert_cmpint (run_cli (&out4, &err4, "periods", "add", f->path, "Autumn", NULL), ==, 2);
  g_assert_nonnull (strstr (err4, "Autumn"));
  g_assert_cmpuint (count_lines (err4), ==, 1);
  g_assert_cmpint (run_cli (&out5, &err5, "periods", "add", f->path, "Autumn", "--start", "2026-10-01",
                        "--end", "2026-09-01", NULL), ==, 2);
  g_assert_nonnull (strstr (err5, "Autumn"));
  g_assert_cmpint (run_cli (&out6, &err6, "periods", "rename", f->path, "2026-Q1", "2026-Q2", NULL), ==, 2);
  g_assert_nonnull (strstr (err6, "2026-Q2"));
  g_assert_cmpint (run_cli (&out7, &err7, "periods", f->path, "--start", "2026-01-01", NULL), ==, 1);
  g_assert_cmpuint (count_lines (err7), ==, 1);
}

static void
test_movement_text (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "movement", f->path, "2026-Q1", "2026-Q2", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Movement 2026-Q1 → 2026-Q2\n"));
  /* Row D: D -> C (Alpha) and D -> E (Beta). */
  g_assert_true (g_regex_match_simple ("^D +0 +0 +1 +0 +1 +0$", out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^new +0 +1 +0 +0 +0 *$", out, G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (out, "Tier moves: 2\n"));
  g_assert_nonnull (strstr (out, "Upgrades (1)\n  C001  Alpha  D → C  (35 → 45)\n"));
  g_assert_nonnull (strstr (out, "      Annual order amount: 500,000 → 1,200,000\n"));
  g_assert_nonnull (strstr (out, "Downgrades (1)\n  C002  Beta  D → E  (35 → 25)\n"));
  g_assert_nonnull (strstr (out, "      Started applying: Overdue invoices (-10)\n"));
  g_assert_nonnull (strstr (out, "Lost customers (1)\n  C003  Gamma  E → -"));
}

/* --chart draws the Review page's heat map into a file: a PNG of the
 * given size, a PDF; any other file name is refused. */
static void
test_movement_chart (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "movement.png", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "movement.pdf", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "movement.bmp", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *image = NULL;
  gsize length = 0, image_length = 0;
  const guchar *ihdr;

  g_assert_cmpint (run_cli (&out, &err, "movement", f->path, "2026-Q1", "2026-Q2", "--chart", png,
                        "--format", "csv", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_str_has_prefix (out, "kind,"));      /* stdout is still the CSV */
  /* A PNG of 900 x 600 pixels (the IHDR chunk right after the signature),
   * with more in it than a blank panel would compress to. */
  g_assert_true (g_file_get_contents (png, &image, &image_length, NULL));
  g_assert_cmpuint (image_length, >, 8000);
  g_assert_cmpmem (image, 8, "\x89PNG\r\n\x1a\n", 8);
  ihdr = (const guchar *) image + 16;
  g_assert_cmpuint ((guint) ihdr[0] << 24 | ihdr[1] << 16 | ihdr[2] << 8 | ihdr[3], ==, 900);
  g_assert_cmpuint ((guint) ihdr[4] << 24 | ihdr[5] << 16 | ihdr[6] << 8 | ihdr[7], ==, 600);

  g_assert_cmpint (run_cli (&out2, &err2, "movement", f->path, "2026-Q1", "2026-Q2", "--chart", pdf,
                        NULL), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (length > 500 && g_str_has_prefix (contents, "%PDF"));

  g_assert_cmpint (run_cli (&out3, &err3, "movement", f->path, "2026-Q1", "2026-Q2", "--chart", bad,
                        NULL), ==, 1);
  g_assert_nonnull (strstr (err3, "movement.bmp"));
  g_assert_cmpuint (count_lines (err3), ==, 1);
}

static void
test_movement_csv_json (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *csv = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;
  g_autofree char *err2 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *movers;

  g_assert_cmpint (run_cli (&csv, &err, "movement", f->path, "2026-Q1", "2026-Q2",
                        "--format", "csv", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (csv, "kind,id,name,from_tier,to_tier,from_score,to_score,"
                                        "count,revenue,reasons\n"));
  g_assert_nonnull (strstr (csv, "\nmatrix,,,D,C,,,1,1200000,\n"));
  g_assert_nonnull (strstr (csv, "\nmatrix,,,,B,,,1,12000000,\n"));
  g_assert_nonnull (strstr (csv, "\nup,C001,Alpha,D,C,35,45,1,1200000,"));
  g_assert_nonnull (strstr (csv, "\nlost,C003,Gamma,E,,5,,1,100000,Not in 2026-Q2; was E with score 5\n"));
  /* 6 x 6 matrix cells minus new -> lost, plus 4 movers, plus the header. */
  g_assert_cmpuint (count_lines (csv), ==, 1 + 35 + 4);

  g_assert_cmpint (run_cli (&json, &err2, "movement", f->path, "2026-Q1", "2026-Q2",
                        "--format", "json", "--restate", NULL), ==, 0);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "from"), ==, "2026-Q1");
  g_assert_true (json_object_get_boolean_member (root, "restated"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "moves"),
                                               "total"), ==, 2);
  movers = json_object_get_array_member (root, "movers");
  g_assert_cmpuint (json_array_get_length (movers), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (movers, 0), "id"),
                   ==, "C001");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (movers, 0),
                                                    "to_score"), ==, 45);
}

/* In Chinese the text shows an amount as the Customers page does (万);
 * CSV and JSON are data and keep every digit. */
static void
test_movement_chinese (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *csv = NULL, *err2 = NULL;
  g_autofree char *json = NULL, *err3 = NULL;
  int status, status2, status3;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  status = run_cli (&out, &err, "movement", f->path, "2026-Q1", "2026-Q2", NULL);
  status2 = run_cli (&csv, &err2, "movement", f->path, "2026-Q1", "2026-Q2", "--format", "csv", NULL);
  status3 = run_cli (&json, &err3, "movement", f->path, "2026-Q1", "2026-Q2", "--format", "json",
                     NULL);
  g_unsetenv ("LANGUAGE");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (status2, ==, 0);
  g_assert_cmpint (status3, ==, 0);
  /* Alpha's order amount, 500,000 -> 1,200,000; the label is the workspace's. */
  g_assert_nonnull (strstr (out, "年度订单金额"));
  g_assert_nonnull (strstr (out, "50万 → 120万\n"));
  g_assert_null (strstr (out, "500,000 → 1,200,000"));
  g_assert_nonnull (strstr (csv, "500,000 → 1,200,000"));
  g_assert_null (strstr (csv, "万 →"));
  g_assert_nonnull (strstr (json, "500,000 → 1,200,000"));
  g_assert_null (strstr (json, "万 →"));
}

static void
test_movement_errors (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err3 = NULL;

  g_assert_cmpint (run_cli (&out, &err, "movement", f->path, "2026-Q1", NULL), ==, 1);
  g_assert_cmpuint (count_lines (err), ==, 1);
  g_assert_cmpint (run_cli (&out2, &err2, "movement", f->path, "2026-Q1", "2026-Q2", "--format",
                        "xml", NULL), ==, 1);
  g_assert_cmpstr (err2, ==, "strata-cli: unknown format “xml” (use text, csv or json)\n");
  g_assert_cmpint (run_cli (&out3, &err3, "movement", f->path, "2026-Q1", "2025-Q4", NULL), ==, 2);
  g_assert_nonnull (strstr (err3, "2025-Q4"));
  g_assert_cmpuint (count_lines (err3), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-review/periods", Fixture, NULL, fixture_setup, test_periods, fixture_teardown);
  g_test_add ("/cli-review/periods-errors", Fixture, NULL, fixture_setup, test_periods_errors,
              fixture_teardown);
  g_test_add ("/cli-review/periods-custom", Fixture, NULL, fixture_setup, test_periods_custom,
              fixture_teardown);
  g_test_add ("/cli-review/movement-text", Fixture, NULL, fixture_setup, test_movement_text,
              fixture_teardown);
  g_test_add ("/cli-review/movement-chart", Fixture, NULL, fixture_setup, test_movement_chart,
              fixture_teardown);
  g_test_add ("/cli-review/movement-csv-json", Fixture, NULL, fixture_setup,
              test_movement_csv_json, fixture_teardown);
  g_test_add ("/cli-review/movement-chinese", Fixture, NULL, fixture_setup, test_movement_chinese,
              fixture_teardown);
  g_test_add ("/cli-review/movement-errors", Fixture, NULL, fixture_setup, test_movement_errors,
              fixture_teardown);
  return g_test_run ();
}
