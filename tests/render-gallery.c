/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Renders every chart with realistic data in every theme, English and
 * Chinese, to PNG files in the directory given (default /tmp/strata-gallery),
 * so that a person can look at them. Built, not run by meson test. */
#include <glib/gstdio.h>
#include <locale.h>

#include "render-demo-data.h"
#include "strata-chart-export.h"

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

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (argc > 1)
    dir = argv[1];
  g_mkdir_with_parents (dir, 0755);
  quadrants ("en", FALSE);
  quadrants ("zh", TRUE);
  return 0;
}
