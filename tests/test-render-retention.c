/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The retention chart: bar heights on the 0–100% axis, pixels in the tiers'
 * colours, groups without customers left out, the table, Chinese, the
 * empty state; and the report's Retention section read back with poppler
 * against strata_retention_compute (the numbers of `strata-cli retention`). */
#include "config.h"
#include <locale.h>
#include <math.h>
#include <string.h>

#include "report-test-util.h"
#include "strata-catalog-private.h"
#include "strata-demo.h"
#include "strata-i18n.h"
#include "strata-report.h"
#include "strata-retention-chart.h"
#include "workspace-test-util.h"
#include "chart-test-util.h"

/* Three periods; tier B never has customers. */
static const struct
{
  const char *from, *to, *group;
  guint customers, retained;
} rows[] = {
  { "Q1", "Q2", "A", 4, 3 }, { "Q1", "Q2", "B", 0, 0 }, { "Q1", "Q2", "E", 10, 2 },
  { "Q2", "Q3", "A", 5, 5 }, { "Q2", "Q3", "B", 0, 0 }, { "Q2", "Q3", "E", 8, 4 },
};

static StrataRetention *
make_retention (void)
{
  StrataRetention *r = g_new0 (StrataRetention, 1);

  r->by = STRATA_RETENTION_BY_TIER;
  r->periods = g_ptr_array_new_with_free_func (g_free);
  r->rows = g_ptr_array_new_with_free_func (NULL);
  g_ptr_array_add (r->periods, g_strdup ("Q1"));
  g_ptr_array_add (r->periods, g_strdup ("Q2"));
  g_ptr_array_add (r->periods, g_strdup ("Q3"));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      StrataRetentionRow *row = g_new0 (StrataRetentionRow, 1);

      row->from = g_strdup (rows[i].from);
      row->to = g_strdup (rows[i].to);
      row->group = g_strdup (rows[i].group);
      row->customers = rows[i].customers;
      row->retained = rows[i].retained;
      row->rate = rows[i].customers > 0 ? (double) rows[i].retained / rows[i].customers : NAN;
      g_ptr_array_add (r->rows, row);
    }
  return r;
}

static void
free_retention (StrataRetention *r)
{
  for (guint i = 0; i < r->rows->len; i++)
    {
      StrataRetentionRow *row = r->rows->pdata[i];
      g_free (row->from);
      g_free (row->to);
      g_free (row->group);
      g_free (row);
    }
  g_ptr_array_unref (r->rows);
  g_ptr_array_unref (r->periods);
  g_free (r);
}

static StrataTier tiers[] = {
  { (char *) "A", (char *) "Strategic", (char *) "#1a5fb4", 80 },
  { (char *) "B", (char *) "Key", (char *) "#26a269", 60 },
  { (char *) "E", (char *) "Tail", (char *) "#c64600", -INFINITY },
};

static StrataRules *
make_rules (void)
{
  StrataRules *rules = g_new0 (StrataRules, 1);

  rules->tiers = g_ptr_array_new ();
  for (guint t = 0; t < G_N_ELEMENTS (tiers); t++)
    g_ptr_array_add (rules->tiers, &tiers[t]);
  return rules;
}

static void
free_rules (StrataRules *rules)
{
  g_ptr_array_unref (rules->tiers);
  g_free (rules);
}

static void
test_geometry (void)
{
  g_autoptr(StrataRetentionChart) chart = strata_retention_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  StrataRetention *r = make_retention ();
  StrataRules *rules = make_rules ();
  cairo_rectangle_t plot, bar, bar2;
  cairo_surface_t *s;

  strata_retention_chart_set_retention (chart, r, NULL, rules);
  g_assert_cmpuint (strata_retention_chart_get_n_panels (chart), ==, 1);
  g_assert_cmpuint (strata_retention_chart_get_n_pairs (chart), ==, 2);
  /* B has no customers in any pair: left out. */
  g_assert_cmpuint (strata_retention_chart_get_n_groups (chart, 0), ==, 2);
  g_assert_cmpstr (strata_retention_chart_get_group_id (chart, 0, 0), ==, "A");
  g_assert_cmpstr (strata_retention_chart_get_group_id (chart, 0, 1), ==, "E");

  s = chart_test_render (chart, style, 800, 400);
  g_assert_true (strata_retention_chart_get_plot (chart, 0, &plot));
  g_assert_cmpfloat (plot.height, >, 150);
  /* A in Q1 → Q2 retained 3 of 4: three quarters of the axis. */
  g_assert_true (strata_retention_chart_get_bar (chart, 0, 0, 0, &bar));
  g_assert_cmpfloat_with_epsilon (bar.height, plot.height * 0.75, 0.01);
  g_assert_cmpfloat_with_epsilon (bar.y + bar.height, plot.y + plot.height, 0.01);
  g_assert_true (chart_test_same (chart_test_pixel (s, bar.x + bar.width / 2, bar.y + bar.height / 2),
                       strata_rgba_parse ("#1a5fb4")));
  /* E in Q2 → Q3: 4 of 8, in E's colour, in the second cluster. */
  g_assert_true (strata_retention_chart_get_bar (chart, 0, 1, 1, &bar2));
  g_assert_cmpfloat_with_epsilon (bar2.height, plot.height * 0.5, 0.01);
  g_assert_cmpfloat (bar2.x, >, plot.x + plot.width / 2);
  g_assert_true (chart_test_same (chart_test_pixel (s, bar2.x + bar2.width / 2, bar2.y + bar2.height / 2),
                       strata_rgba_parse ("#c64600")));
  /* A full bar for A in Q2 → Q3. */
  g_assert_true (strata_retention_chart_get_bar (chart, 0, 1, 0, &bar));
  g_assert_cmpfloat_with_epsilon (bar.height, plot.height, 0.01);
  /* The rate is written above the bar. */
  g_assert_cmpuint (chart_test_ink (s, style, bar2.x, bar2.y - 14, bar2.width, 12), >, 10);
  g_assert_false (strata_retention_chart_get_bar (chart, 0, 2, 0, &bar));
  cairo_surface_destroy (s);
  free_retention (r);
  free_rules (rules);
}

static void
test_text (void)
{
  g_autoptr(StrataRetentionChart) chart = strata_retention_chart_new ();
  StrataRetention *r = make_retention ();
  StrataRules *rules = make_rules ();
  g_autoptr(GPtrArray) table = NULL;
  g_autofree char *description = NULL;
  GStrv row;

  strata_retention_chart_set_retention (chart, r, NULL, rules);
  table = strata_chart_get_table (STRATA_CHART (chart));
  g_assert_cmpuint (table->len, ==, 5);
  row = table->pdata[0];
  g_assert_cmpstr (row[0], ==, "From");
  g_assert_cmpstr (row[5], ==, "Rate");
  row = table->pdata[2];
  g_assert_cmpstr (row[0], ==, "Q1");
  g_assert_cmpstr (row[1], ==, "Q2");
  g_assert_cmpstr (row[2], ==, "E · Tail");
  g_assert_cmpstr (row[3], ==, "10");
  g_assert_cmpstr (row[4], ==, "2");
  g_assert_cmpstr (row[5], ==, "20%");
  description = strata_chart_get_description (STRATA_CHART (chart));
  g_assert_nonnull (strstr (description, "Q1 → Q2 A · Strategic 75%"));
  g_assert_nonnull (strstr (description, "Q2 → Q3 E · Tail 50%"));
  free_retention (r);
  free_rules (rules);
}

/* Chinese type, a dark theme, two panels stacked in a tall area. */
static void
test_chinese_and_panels (void)
{
  g_autoptr(StrataRetentionChart) chart = strata_retention_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_DARK);
  StrataRetention *r = make_retention ();
  StrataRetention *q = make_retention ();
  StrataRules *rules = make_rules ();
  cairo_rectangle_t p0, p1, bar;
  cairo_surface_t *s;

  q->by = STRATA_RETENTION_BY_QUADRANT;
  strata_chart_style_set_language (style, "zh_CN");
  strata_retention_chart_set_retention (chart, r, q, rules);
  g_assert_cmpuint (strata_retention_chart_get_n_panels (chart), ==, 2);
  s = chart_test_render (chart, style, 500, 700);
  g_assert_true (strata_retention_chart_get_plot (chart, 0, &p0));
  g_assert_true (strata_retention_chart_get_plot (chart, 1, &p1));
  g_assert_cmpfloat (p1.y, >=, p0.y + p0.height);
  /* The tick labels left of the plot are drawn. */
  g_assert_cmpuint (chart_test_ink (s, style, 0, p0.y - 8, p0.x - 2, p0.height + 16), >, 30);
  g_assert_true (strata_retention_chart_get_bar (chart, 1, 0, 1, &bar));
  g_assert_cmpfloat_with_epsilon (bar.height, p1.height * 0.2, 0.01);
  cairo_surface_destroy (s);

  /* Nothing to compare: the empty message and no bars. */
  strata_retention_chart_set_retention (chart, NULL, NULL, NULL);
  s = chart_test_render (chart, style, 400, 200);
  g_assert_false (strata_retention_chart_get_bar (chart, 0, 0, 0, &bar));
  g_assert_cmpuint (chart_test_ink (s, style, 0, 0, 400, 200), >, 50);
  cairo_surface_destroy (s);
  free_retention (r);
  free_retention (q);
  free_rules (rules);
}

/* The report's Retention section: a row per tier with customers, with the
 * core's counts and rates, in English and Chinese; none with one period. */
static void
test_report (void)
{
  g_autofree char *dir = test_make_tmp_dir ("strata-report-retention");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autofree char *one = g_build_filename (dir, "one.strata", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *pdf_zh = g_build_filename (dir, "report-zh.pdf", NULL);
  g_autofree char *pdf_one = g_build_filename (dir, "one.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataWorkspace) ws_one = NULL;
  g_autoptr(StrataRetention) by_tier = NULL;
  g_autofree char *text = NULL;
  StrataReportOptions options = { .language = "en", .top_n = 5 };
  StrataReportOptions options_zh = { .language = "zh_CN", .top_n = 5 };
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autoptr(StrataCatalog) catalog = NULL;
  StrataNumberFormat fmt;
  const char *section, *at;
  g_autoptr(GString) flat = NULL;
  guint n_rows = 0;

  g_assert_true (strata_demo_write (path, 300, STRATA_DEMO_DEFAULT_SEED, 3, STRATA_DEMO_NONE,
                                    NULL, NULL, &error));
  g_assert_no_error (error);
  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  by_tier = strata_retention_compute (ws, STRATA_RETENTION_BY_TIER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_tier->periods->len, ==, 3);

  text = report_test_write_text (ws, &options, pdf);
  /* After the contents page, the section itself. */
  section = strstr (strstr (text, "Retention") + 1, "Retention");
  g_assert_nonnull (section);
  g_assert_nonnull (strstr (section, "By quadrant"));
  strata_number_format_init_for_language (&fmt, "en");
  flat = g_string_new (NULL);
  for (const char *c = section; *c; c++)
    if (!g_ascii_isspace (*c))
      g_string_append_c (flat, *c);
  at = flat->str;
  for (guint i = 0; i < by_tier->rows->len; i++)
    {
      const StrataRetentionRow *row = by_tier->rows->pdata[i];
      g_autofree char *customers = NULL;
      g_autofree char *retained = NULL;
      g_autofree char *rate = NULL;
      g_autofree char *line = NULL;
      g_autofree char *cells = NULL;

      if (row->customers == 0)
        continue;
      customers = strata_format_integer (&fmt, row->customers);
      retained = strata_format_integer (&fmt, row->retained);
      rate = strata_format_percent (&fmt, row->rate, 1);
      /* Poppler runs a row's cells together: compare without white space. */
      line = g_strdup_printf ("%s%s%s", row->from, row->to, row->group);
      cells = g_strdup_printf ("%s%s%s", customers, retained, rate);
      at = strstr (at, line);
      g_assert_nonnull (at);
      g_assert_nonnull (strstr (at, cells));
      g_assert_true (strstr (at, cells) - at < 40);
      n_rows++;
    }
  g_assert_cmpuint (n_rows, >=, 4);

  /* One period: no section. */
  g_assert_true (strata_demo_write (one, 40, 3, 1, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  ws_one = strata_workspace_open (one, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *t = report_test_write_text (ws_one, &options, pdf_one);
    g_assert_null (strstr (t, "Retention"));
  }

  /* In Chinese, from the build tree's catalogue. */
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  catalog = strata_catalog_new_for_language ("zh_CN.UTF-8");
  if (!strata_catalog_has_messages (catalog))
    {
      g_test_message ("the zh_CN catalogue is not built: English only");
      test_remove_dir (dir);
      return;
    }
  {
    g_autofree char *t = report_test_write_text (ws, &options_zh, pdf_zh);
    g_assert_nonnull (strstr (t, "留存"));
  }
  test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/retention-chart/geometry", test_geometry);
  g_test_add_func ("/retention-chart/text", test_text);
  g_test_add_func ("/retention-chart/chinese-and-panels", test_chinese_and_panels);
  g_test_add_func ("/retention-chart/report", test_report);
  return g_test_run ();
}
