/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli products WORKSPACE [--period P] [--format csv|json] [--migration]
 * strata-cli products WORKSPACE categorise (--pattern GLOB | --code CODE |
 *                                           --top N | --from FILE) [--category KEY]
 * strata-cli products WORKSPACE catalogue FILE
 *
 * The product mix per tier and category (src/core/products/), the
 * migration list (customers on costly-to-run products), and the catalogue
 * and category assignment that feed them. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "strata-cli-common.h"
#include "strata-cli-products.h"
#include "strata-period-data.h"
#include "strata-product-mix.h"

static int
print_mix (StrataWorkspace *workspace,
           const char      *period,
           const char      *format,
           gboolean         migration)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataProductMix) mix = NULL;
  g_autofree char *out = NULL;
  gboolean json = format != NULL && g_str_equal (format, "json");
  gint64 period_id = 0;

  if (!strata_period_find (workspace, period, &period_id, NULL, &error) ||
      (mix = strata_product_mix_compute (workspace, period_id, &error)) == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  if (migration)
    out = strata_product_mix_migration_to_csv (mix);
  else
    out = json ? strata_product_mix_to_json (mix) : strata_product_mix_to_csv (mix);
  fputs (out, stdout);
  if (json && !migration)
    fputc ('\n', stdout);
  return STRATA_EXIT_OK;
}

int
strata_cli_products (int    argc,
                     char **argv)
{
  g_autofree char *period = NULL, *format = NULL, *pattern = NULL, *code = NULL;
  g_autofree char *from = NULL, *category = NULL;
  gboolean migration = FALSE;
  int top = 0;
  GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period, N_("Period P (default: the latest)"), "P" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: csv (default) or json"), N_("FORMAT") },
    { "migration", 0, 0, G_OPTION_ARG_NONE, &migration, N_("List the customers on costly-to-run products with their revenue on them"), NULL },
    { "pattern", 0, 0, G_OPTION_ARG_STRING, &pattern, N_("categorise: products whose code or description matches (* and ?, any case)"), N_("PATTERN") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("categorise: one product, by code"), N_("CODE") },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, N_("categorise: the N uncategorised products with the most revenue"), "N" },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("categorise: a CSV with a category column and a code or pattern column"), N_("FILE") },
    { "category", 'c', 0, G_OPTION_ARG_STRING, &category, N_("categorise: the category (a key such as costly, or a new one)"), N_("CATEGORY") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE [categorise|catalogue FILE] — products by tier and category"));
  g_autoptr(StrataWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  const char *usage = _("usage: strata-cli products WORKSPACE [--period P] [--format csv|json] [--migration]\n"
                        "       strata-cli products WORKSPACE categorise (--pattern GLOB | --code CODE | --top N | --from FILE) [--category CATEGORY]\n"
                        "       strata-cli products WORKSPACE catalogue FILE");
  guint n = 0;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc < 2 || argc > 4 ||
      (argc >= 3 && !g_str_equal (argv[2], "categorise") && !g_str_equal (argv[2], "catalogue")) ||
      (argc == 3 && g_str_equal (argv[2], "catalogue")) ||
      (argc == 4 && !g_str_equal (argv[2], "catalogue")))
    {
      strata_cli_error ("%s", usage);
      return STRATA_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    {
      strata_cli_error (_("unknown format “%s” (use csv or json)"), format);
      return STRATA_EXIT_USAGE;
    }
  if (argc == 3 &&
      (pattern != NULL) + (code != NULL) + (top > 0) + (from != NULL) != 1)
    {
      strata_cli_error (_("categorise needs one of --pattern, --code, --top or --from"));
      return STRATA_EXIT_USAGE;
    }
  if (argc == 3 && from == NULL && category == NULL)
    {
      strata_cli_error (_("categorise needs --category"));
      return STRATA_EXIT_USAGE;
    }

  workspace = strata_workspace_open (argv[1], NULL, &error);
  if (workspace == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  if (argc == 2)
    return print_mix (workspace, period, format, migration);

  if (argc == 4)
    {
      ok = strata_products_import_catalogue (workspace, argv[3], &n, &error);
      if (ok)
        printf (g_dngettext (GETTEXT_PACKAGE, "%u product read from the catalogue\n",
                             "%u products read from the catalogue\n", n), n);
    }
  else
    {
      if (from != NULL)
        ok = strata_products_categorise_csv (workspace, from, &n, &error);
      else if (top > 0)
        ok = strata_products_categorise_top (workspace, (guint) top, category, &n, &error);
      else if (code != NULL)
        ok = strata_products_set_category (workspace, code, category, &error) && (n = 1);
      else
        ok = strata_products_categorise (workspace, pattern, category, &n, &error);
      if (ok)
        printf (g_dngettext (GETTEXT_PACKAGE, "%u product categorised\n",
                             "%u products categorised\n", n), n);
    }
  if (!ok)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  return STRATA_EXIT_OK;
}
