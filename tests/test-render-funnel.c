/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The funnel chart: bar geometry on the shared log scale, pixels of the
 * bars and of the weakest step's mark, no rate where a step has nothing
 * before it, the table, Chinese, and the customer against its median. */
#include "config.h"
#include <locale.h>
#include <math.h>
#include <string.h>

#include "report-test-util.h"
#include "strata-demo.h"
#include "strata-catalog-private.h"
#include "strata-funnel-chart.h"
#include "strata-i18n.h"
#include "strata-report.h"
#include "workspace-test-util.h"
#include "chart-test-util.h"

static const StrataFunnelChartGroup groups[] = {
  { "A · Head customers", "3 customers", NULL,
    { 4000, 300, 150, 10 }, { NAN, 0.075, 0.5, 10.0 / 150 }, STRATA_FUNNEL_ORDERS },
  { "B · Natural fit", "1 customer", NULL,
    { 2000, 300, 50, 25 }, { NAN, 0.15, 50.0 / 300, 0.5 }, STRATA_FUNNEL_NO_STEP },
  { "D · Tail", "2 customers", "#8a8f98",
    { 0, 0, 2, 1 }, { NAN, NAN, NAN, 0.5 }, STRATA_FUNNEL_NO_STEP },
};

static void
test_geometry (void)
{
  g_autoptr(StrataFunnelChart) chart = strata_funnel_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  cairo_surface_t *s;
  cairo_rectangle_t bars[3][STRATA_FUNNEL_N_STEPS], box, plain;
  StrataRgba weak = strata_funnel_chart_weak_colour (style);
  StrataRgba tint = strata_rgba_mix (&style->background, &weak, 0.18);

  strata_funnel_chart_set_groups (chart, groups, G_N_ELEMENTS (groups));
  g_assert_cmpuint (strata_funnel_chart_get_n_groups (chart), ==, 3);
  g_assert_false (strata_funnel_chart_get_bar (chart, 0, 0, &box));   /* not drawn yet */
  s = chart_test_render (chart, style, 960, 420);

  for (guint g = 0; g < 3; g++)
    for (guint st = 0; st < STRATA_FUNNEL_N_STEPS; st++)
      {
        g_assert_true (strata_funnel_chart_get_bar (chart, g, st, &bars[g][st]));
        g_assert_cmpfloat (bars[g][st].x, >=, 0);
        g_assert_cmpfloat (bars[g][st].x + bars[g][st].width, <=, 960);
        g_assert_cmpfloat (bars[g][st].y + bars[g][st].height, <=, 420);
      }
  /* Narrower at each step; the same value is the same width in every panel. */
  for (guint st = 1; st < STRATA_FUNNEL_N_STEPS; st++)
    g_assert_cmpfloat (bars[0][st].width, <, bars[0][st - 1].width);
  g_assert_cmpfloat_with_epsilon (bars[0][1].width, bars[1][1].width, 1e-9);
  /* Log scale: 4000 is the widest; 10 is log10(11)/log10(4001) of it. */
  g_assert_cmpfloat_with_epsilon (bars[0][3].width / bars[0][0].width, log10 (11) / log10 (4001), 1e-9);
  /* Panels side by side, rows aligned. */
  g_assert_cmpfloat (bars[1][0].x, >, bars[0][0].x + bars[0][0].width);
  g_assert_cmpfloat (bars[1][2].y, ==, bars[0][2].y);

  /* The bars are painted in the accent colour (D's in its own). */
  g_assert_true (chart_test_same (chart_test_pixel (s, (int) bars[0][0].x + 3, (int) (bars[0][0].y + bars[0][0].height / 2)),
                       style->accent));
  g_assert_true (chart_test_same (chart_test_pixel (s, (int) bars[2][2].x + 2, (int) (bars[2][2].y + bars[2][2].height / 2)),
                       strata_rgba_parse ("#8a8f98")));

  /* A's weakest step (orders) has the tinted mark; its clicks have none. */
  g_assert_true (strata_funnel_chart_get_rate_box (chart, 0, STRATA_FUNNEL_ORDERS, &box));
  g_assert_true (chart_test_same (chart_test_pixel (s, (int) box.x - 2, (int) (box.y + box.height / 2)), tint));
  g_assert_true (strata_funnel_chart_get_rate_box (chart, 0, STRATA_FUNNEL_CLICKS, &plain));
  g_assert_true (chart_test_same (chart_test_pixel (s, (int) plain.x - 2, (int) (plain.y + plain.height / 2)), style->background));
  g_assert_false (strata_funnel_chart_get_rate_box (chart, 0, 0, &box));
  /* Every rate label is drawn (D's "no rate" too). */
  for (guint st = 1; st < STRATA_FUNNEL_N_STEPS; st++)
    {
      g_assert_true (strata_funnel_chart_get_rate_box (chart, 2, st, &box));
      g_assert_cmpuint (chart_test_ink (s, style, box.x, box.y, box.width, box.height), >, 10);
    }
  cairo_surface_destroy (s);
}

static void
test_text (void)
{
  g_autoptr(StrataFunnelChart) chart = strata_funnel_chart_new ();
  g_autoptr(GPtrArray) table = NULL;
  g_autofree char *description = NULL;
  g_autofree char *four = strata_format_integer (strata_number_format_get_default (), 4000);
  GStrv row;

  strata_funnel_chart_set_groups (chart, groups, G_N_ELEMENTS (groups));
  table = strata_chart_get_table (STRATA_CHART (chart));
  g_assert_cmpuint (table->len, ==, 4);
  row = table->pdata[0];
  g_assert_cmpstr (row[1], ==, "Impressions");
  g_assert_cmpstr (row[8], ==, "Weakest step");
  row = table->pdata[1];
  g_assert_cmpstr (row[0], ==, "A · Head customers");
  g_assert_cmpstr (row[1], ==, four);
  g_assert_cmpstr (row[5], ==, "7.5%");
  g_assert_cmpstr (row[8], ==, "Orders");
  /* No rate is an empty cell, never NaN or inf. */
  row = table->pdata[3];
  g_assert_cmpstr (row[5], ==, "");
  g_assert_cmpstr (row[6], ==, "");
  g_assert_cmpstr (row[7], ==, "50.0%");

  description = strata_chart_get_description (STRATA_CHART (chart));
  g_assert_nonnull (strstr (description, "weakest step: Orders"));
  g_assert_null (strstr (description, "nan"));
  g_assert_null (strstr (description, "inf"));
}

/* In Chinese: the step names (曝光…) are drawn in the label column. */
static void
test_chinese (void)
{
  g_autoptr(StrataFunnelChart) chart = strata_funnel_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_DARK);
  cairo_surface_t *s;
  cairo_rectangle_t bar;

  strata_chart_style_set_language (style, "zh_CN");
  strata_funnel_chart_set_groups (chart, groups, 2);
  s = chart_test_render (chart, style, 700, 360);
  g_assert_true (strata_funnel_chart_get_bar (chart, 0, 0, &bar));
  g_assert_cmpuint (chart_test_ink (s, style, 0, bar.y, 40, bar.height), >, 20);
  cairo_surface_destroy (s);
}

static void
test_customer_and_empty (void)
{
  g_autoptr(StrataFunnelChart) chart = strata_funnel_chart_new ();
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  g_autoptr(GPtrArray) table = NULL;
  StrataFunnelCustomer c = {
    .ext_id = (char *) "C000007", .name = (char *) "Acme", .group = (char *) "C",
    .group_customers = 78,
    .values = { 20000, 500, 5, 1 }, .rates = { NAN, 0.025, 0.01, 0.2 },
    .median_values = { 25000, 600, 9, 2 }, .median_rates = { NAN, 0.024, 0.015, 0.2 },
    .weakest = STRATA_FUNNEL_INQUIRIES,
  };
  cairo_surface_t *s;
  cairo_rectangle_t bar;

  strata_funnel_chart_set_customer (chart, &c);
  g_assert_cmpuint (strata_funnel_chart_get_n_groups (chart), ==, 2);
  table = strata_chart_get_table (STRATA_CHART (chart));
  g_assert_cmpstr (((GStrv) table->pdata[1])[0], ==, "Acme");
  g_assert_cmpstr (((GStrv) table->pdata[1])[8], ==, "Inquiries");
  g_assert_cmpstr (((GStrv) table->pdata[2])[0], ==, "Median of C");
  g_assert_cmpstr (((GStrv) table->pdata[2])[8], ==, "");

  /* No groups: the empty message, no bars. */
  strata_funnel_chart_set_groups (chart, NULL, 0);
  s = chart_test_render (chart, style, 400, 200);
  g_assert_false (strata_funnel_chart_get_bar (chart, 0, 0, &bar));
  g_assert_cmpuint (chart_test_ink (s, style, 0, 0, 400, 200), >, 50);
  cairo_surface_destroy (s);
}

/* The report's funnel section, read back with poppler: the heading, a
 * row per quadrant with the core's totals, and the same in Chinese. */
static void
test_report (void)
{
  g_autofree char *dir = test_make_tmp_dir ("strata-report-funnel");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *pdf_zh = g_build_filename (dir, "report-zh.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataFunnel) funnel = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_zh = NULL;
  StrataReportOptions options = { .language = "en", .top_n = 5 };
  StrataReportOptions options_zh = { .language = "zh_CN", .top_n = 5 };
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autoptr(StrataCatalog) catalog = NULL;
  StrataNumberFormat fmt;
  const char *section;

  g_assert_true (strata_demo_write (path, 300, STRATA_DEMO_DEFAULT_SEED, 2, STRATA_DEMO_NONE,
                                    NULL, NULL, &error));
  g_assert_no_error (error);
  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  funnel = strata_funnel_load (ws, NULL, STRATA_FUNNEL_BY_QUADRANT, &error);
  g_assert_no_error (error);

  text = report_test_write_text (ws, &options, pdf);
  /* After the contents page, the section itself. */
  section = strstr (strstr (text, "Traffic funnel") + 1, "Traffic funnel");
  g_assert_nonnull (section);
  g_assert_nonnull (strstr (section, "Weakest step"));
  strata_number_format_init_for_language (&fmt, "en");
  for (guint k = 0; k < 4; k++)
    {
      const StrataFunnelGroup *g = funnel->groups->pdata[k];
      g_autofree char *row = g_strdup_printf ("%s · %s", g->group, g->label);
      g_autofree char *impressions = strata_format_integer (&fmt, g->totals[0]);
      const char *at = strstr (section, row);

      g_assert_nonnull (at);
      g_assert_nonnull (strstr (at, impressions));
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
  text_zh = report_test_write_text (ws, &options_zh, pdf_zh);
  g_assert_nonnull (strstr (text_zh, "流量漏斗"));
  g_assert_nonnull (strstr (text_zh, "曝光"));
  g_assert_nonnull (strstr (text_zh, "询价"));
  test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/funnel-chart/geometry", test_geometry);
  g_test_add_func ("/funnel-chart/text", test_text);
  g_test_add_func ("/funnel-chart/chinese", test_chinese);
  g_test_add_func ("/funnel-chart/customer-and-empty", test_customer_and_empty);
  g_test_add_func ("/funnel-chart/report", test_report);
  return g_test_run ();
}
