/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Renders every chart with realistic data in every theme, English and
 * Chinese, to PNG files in the directory given (default /tmp/strata-gallery),
 * so that a person can look at them. Built, not run by meson test. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "render-demo-data.h"
#include "strata-chart-export.h"
#include "strata-movement-chart.h"
#include "strata-pareto-chart.h"
#include "strata-pyramid-chart.h"
#include "strata-chart-style-private.h"
#include "strata-quadrant-chart-private.h"

static const char *dir = "/tmp/strata-gallery";

static void
save (StrataChart      *chart,
      StrataChartStyle *style,
      const char       *name,
      double            w,
      double            h)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (!strata_chart_export (chart, style, STRATA_EXPORT_PNG, path, w, h, &error))
    g_printerr ("%s\n", error->message);
  else
    g_print ("%s\n", path);
}

/* Chinese labels come from the catalogue when STRATA_LOCALEDIR (or the
 * install prefix) has it: the gallery shows what users will see. */
static void
use_language (gboolean chinese)
{
  g_setenv ("LANGUAGE", chinese ? "zh_CN" : "en", TRUE);
  setlocale (LC_ALL, chinese ? "zh_CN.UTF-8" : "C.UTF-8");
}

static void
quadrants (const char *lang,
           gboolean    chinese)
{
  static const struct { StrataChartTheme theme; const char *name; double w, h; } themes[] = {
    { STRATA_CHART_THEME_LIGHT, "light", 1000, 680 },
    { STRATA_CHART_THEME_DARK, "dark", 1000, 680 },
    { STRATA_CHART_THEME_PROJECTOR, "projector", 1024, 768 },
  };
  DemoData d;
  StrataQuadrantData q;
  g_autoptr(StrataQuadrantChart) chart = strata_quadrant_chart_new ();

  demo_data_init (&d, 600, 7);
  demo_quadrant_data (&d, &q, chinese);
  strata_quadrant_chart_set_data (chart, &q);
  {
    guint idx[] = { 0, 1, 2, 3, 4, 5 };
    const char *en[] = { "Acme Trading", "Blue River Foods", "Cobalt Systems", "Delta Plastics",
                         "Evergreen Textiles", "Fjord Marine" };
    const char *zh[] = { "华东贸易有限公司", "蓝河食品", "钴系统科技", "德尔塔塑胶", "常青纺织",
                         "峡湾海事" };
    strata_quadrant_chart_set_labels (chart, idx, chinese ? zh : en, 6);
    strata_quadrant_chart_set_selection (chart, idx, 2);
  }
  strata_quadrant_chart_set_title (chart, chinese ? "象限：询价与上架产品" : "Quadrants: inquiries and products");
  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    {
      g_autoptr(StrataChartStyle) style = strata_chart_style_new (themes[t].theme);
      g_autofree char *name = g_strdup_printf ("quadrant-%s-%s.png", themes[t].name, lang);
      strata_chart_style_set_language (style, chinese ? "zh_CN" : "en");
      save (STRATA_CHART (chart), style, name, themes[t].w, themes[t].h);
    }

  /* The review's view: log-log, arrows for the movers, projector. */
  strata_quadrant_chart_set_scales (chart, STRATA_AXIS_LOG, STRATA_AXIS_LOG);
  {
    guint idx[40];
    double px[40], py[40];
    for (guint k = 0; k < 40; k++)
      {
        idx[k] = k * 13;
        px[k] = d.x[idx[k]] * (k % 2 ? 0.4 : 2.2);
        py[k] = MAX (1, d.y[idx[k]] * (k % 3 ? 0.6 : 1.5));
      }
    strata_quadrant_chart_set_movement (chart, idx, px, py, 40);
    {
      g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_PROJECTOR);
      g_autofree char *name = g_strdup_printf ("quadrant-review-%s.png", lang);
      strata_chart_style_set_language (style, chinese ? "zh_CN" : "en");
      save (STRATA_CHART (chart), style, name, 1024, 768);
    }
    strata_quadrant_chart_set_movement (chart, NULL, NULL, NULL, 0);
    strata_quadrant_chart_set_scales (chart, STRATA_AXIS_LINEAR, STRATA_AXIS_LINEAR);
  }
  demo_data_clear (&d);

  /* Density, with log x. */
  demo_data_init (&d, 200000, 11);
  demo_quadrant_data (&d, &q, chinese);
  strata_quadrant_chart_set_data (chart, &q);
  strata_quadrant_chart_set_scales (chart, STRATA_AXIS_LOG, STRATA_AXIS_LINEAR);
  {
    g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
    g_autofree char *name = g_strdup_printf ("quadrant-density-%s.png", lang);
    strata_chart_style_set_language (style, chinese ? "zh_CN" : "en");
    save (STRATA_CHART (chart), style, name, 1000, 680);
  }
  demo_data_clear (&d);
}

static const struct { StrataChartTheme theme; const char *name; double w, h; } all_themes[] = {
  { STRATA_CHART_THEME_LIGHT, "light", 900, 520 },
  { STRATA_CHART_THEME_DARK, "dark", 900, 520 },
  { STRATA_CHART_THEME_PROJECTOR, "projector", 1024, 768 },
};

static void
save_all (StrataChart *chart,
          const char  *kind,
          const char  *lang,
          gboolean     chinese)
{
  for (guint t = 0; t < G_N_ELEMENTS (all_themes); t++)
    {
      g_autoptr(StrataChartStyle) style = strata_chart_style_new (all_themes[t].theme);
      g_autofree char *name = g_strdup_printf ("%s-%s-%s.png", kind, all_themes[t].name, lang);
      strata_chart_style_set_language (style, chinese ? "zh_CN" : "en");
      strata_chart_style_set_currency (style, chinese ? "¥" : "$");
      save (chart, style, name, all_themes[t].w, all_themes[t].h);
    }
}

static void
others (const char *lang,
        gboolean    chinese)
{
  DemoData d;
  guint counts[5] = { 0 }, base[5] = { 0 };
  double revenue[5] = { 0 };
  static const StrataChartTier zh_tiers[] = {
    { 1, "A 战略", "#1a5fb4" }, { 2, "B 重点", "#2a9d8f" }, { 3, "C 成长", "#e5a50a" },
    { 4, "D 普通", "#e66100" }, { 5, "E 观察", "#9a9996" },
  };
  const StrataChartTier *tiers = chinese ? zh_tiers : demo_tiers;

  demo_data_init (&d, 12437, 21);
  for (gsize i = 0; i < d.n; i++)
    {
      int b = d.tier[i];
      counts[d.tier[i]]++;
      revenue[d.tier[i]] += d.revenue[i];
      /* Base tiers: adjustments moved some customers by one tier. */
      if (i % 9 == 0 && b < 4)
        b++;
      else if (i % 13 == 0 && b > 0)
        b--;
      base[b]++;
    }
  {
    g_autoptr(StrataPyramidChart) chart = strata_pyramid_chart_new ();
    StrataPyramidData p = { 5, tiers, counts, revenue, base, NULL,
                            chinese ? "最终等级" : "Final tier", chinese ? "基础等级" : "Base tier" };
    strata_pyramid_chart_set_data (chart, &p);
    save_all (STRATA_CHART (chart), "pyramid", lang, chinese);
  }
  {
    g_autoptr(StrataParetoChart) chart = strata_pareto_chart_new ();
    StrataParetoData p = { d.n, d.revenue, 0.2, NULL };
    strata_pareto_chart_set_data (chart, &p);
    save_all (STRATA_CHART (chart), "pareto", lang, chinese);
  }
  {
    g_autoptr(StrataMovementChart) chart = strata_movement_chart_new ();
    guint m[25] = {
      512, 38, 2, 0, 0,
      61, 2890, 214, 9, 0,
      3, 188, 3911, 402, 17,
      0, 4, 377, 3320, 290,
      0, 0, 12, 310, 4102,
    };
    double rev[25];
    guint new_counts[5] = { 2, 15, 120, 260, 480 };
    guint lost[5] = { 1, 12, 140, 210, 390 };
    for (guint i = 0; i < 25; i++)
      rev[i] = m[i] * (2.5e6 / (1 + (i % 5) * (i % 5) * 3.0));
    StrataMovementData md = { 5, tiers, m, rev, new_counts, lost, "2026-Q2", "2026-Q3" };
    strata_movement_chart_set_data (chart, &md);
    save_all (STRATA_CHART (chart), "movement", lang, chinese);
  }
  demo_data_clear (&d);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STRATA_LOCALEDIR") ? g_getenv ("STRATA_LOCALEDIR")
                                                                  : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  if (argc > 1)
    dir = argv[1];
  g_mkdir_with_parents (dir, 0755);
  use_language (FALSE);
  quadrants ("en", FALSE);
  others ("en", FALSE);
  use_language (TRUE);
  quadrants ("zh", TRUE);
  others ("zh", TRUE);
  return 0;
}
