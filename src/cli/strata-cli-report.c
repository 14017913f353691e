/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli report: the PDF report for sales leadership. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-cli-common.h"
#include "strata-cli-report.h"
#include "strata-report.h"

static const char *const languages[] = { "en", "zh_CN", "zh_TW", NULL };

int
strata_cli_report (int    argc,
                   char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *period = NULL;
  g_autofree char *compare = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *paper = NULL;
  int top = -1;  /* not given */
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  StrataReportOptions options = { 0, };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), "FILE" },
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period, N_("Report on period P (default: the latest)"), "P" },
    { "compare", 'c', 0, G_OPTION_ARG_STRING, &compare, N_("Compare with period P0 (default: the one before)"), "P0" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Language of the report: en, zh_CN or zh_TW"), "LANG" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("Paper: a4 (default) or letter"), "PAPER" },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, N_("Customers listed per tier (default 100; 0 for all)"), "N" },
    { NULL }
  };

  context = g_option_context_new (_("WORKSPACE -o FILE.pdf — the PDF report for sales leadership"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2)
    {
      strata_cli_error (_("report: expected one workspace file"));
      return STRATA_EXIT_USAGE;
    }
  if (output == NULL)
    {
      strata_cli_error (_("report: give the PDF file to write with -o FILE.pdf"));
      return STRATA_EXIT_USAGE;
    }
  if (lang != NULL && !g_strv_contains (languages, lang))
    {
      strata_cli_error (_("report: unknown language “%s”: use en, zh_CN or zh_TW"), lang);
      return STRATA_EXIT_USAGE;
    }
  if (paper != NULL && !strata_report_paper_from_string (paper, &options.paper))
    {
      strata_cli_error (_("report: unknown paper “%s”: use a4 or letter"), paper);
      return STRATA_EXIT_USAGE;
    }
  if (top < -1)
    {
      strata_cli_error (_("report: --top must be 0 or more"));
      return STRATA_EXIT_USAGE;
    }

  options.period = period;
  options.compare = compare;
  options.language = lang;
  options.top_n = top < 0 ? 0 : top == 0 ? G_MAXUINT : (guint) top;
  ws = strata_workspace_open (argv[1], NULL, &error);
  if (ws == NULL ||
      !strata_report_write_pdf (ws, &options, output, NULL, NULL, NULL, &error))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  return STRATA_EXIT_OK;
}
