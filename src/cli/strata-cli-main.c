/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli: headless Strata. Each subcommand lives in its own file and is
 * listed in the table below. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "strata-cli-common.h"
#include "strata-cli-engine.h"
/* area: entitlements */
#include "strata-cli-entitlements.h"
/* area: review */
#include "strata-cli-review.h"
/* area: fit */
#include "strata-cli-fit.h"
#include "strata-cli-products.h"
#include "strata-cli-import.h"
/* area: report */
#include "strata-cli-report.h"

typedef struct
{
  const char       *name;
  StrataCliCommand  run;
  const char       *summary;
} Command;

/* area: model */
int strata_cli_demo (int argc, char **argv);
/* area: funnel */
int strata_cli_funnel (int argc, char **argv);

static const Command commands[] = {
  /* area: engine */
  { "rules", strata_cli_rules, N_("Export or import the rules (strata-rules/1 JSON)") },
  { "score", strata_cli_score, N_("Score every customer of a period (csv or json)") },
  { "explain", strata_cli_explain, N_("Explain one customer's score") },
  { "whatif", strata_cli_whatif, N_("Compare a rules file with the published rules") },
  { "override", strata_cli_override, N_("Set or remove a customer's tier by hand, with a reason") },
  /* area: store */
  { "check", strata_cli_check, N_("Check the whole workspace file for damage") },
  /* area: entitlements */
  { "entitlements", strata_cli_entitlements, N_("Print the entitlement matrix (csv or json)") },
  /* area: review */
  { "periods", strata_cli_periods, N_("List periods; close or reopen one") },
  { "movement", strata_cli_movement, N_("Tier movement between two periods, with reasons") },
  { "retention", strata_cli_retention, N_("Customers and revenue retained per tier from period to period") },
  { "actions", strata_cli_actions, N_("Each owner's action list after a review (csv or pdf)") },
  /* area: funnel */
  { "funnel", strata_cli_funnel, N_("The traffic funnel per quadrant or tier, or of one customer") },
  /* area: fit */
  { "calibrate", strata_cli_calibrate, N_("Fit the draft rules' bands and thresholds to the data") },
  { "products", strata_cli_products, N_("Revenue per tier and product category; the migration list") },
  /* area: model */
  { "demo", strata_cli_demo, N_("Write the demo workspace") },
  /* area: import */
  { "import", strata_cli_import, N_("Import customers or order lines from a CSV file") },
  { "export", strata_cli_export, N_("Export customers with their metrics as CSV") },
  { "import-log", strata_cli_import_log, N_("Export the rows an import rejected as CSV") },
  /* area: report */
  { "report", strata_cli_report, N_("Write the PDF report for sales leadership") },
  { NULL, NULL, NULL },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: strata-cli COMMAND [OPTIONS...]\n\nCommands:\n");
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (out, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\nRun “strata-cli COMMAND --help” for a command's options.\n");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* STRATA_LOCALEDIR: the build tree's catalogues (meson devenv sets it). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STRATA_LOCALEDIR") != NULL
                                   ? g_getenv ("STRATA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return STRATA_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return STRATA_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("strata-cli %s\n", PACKAGE_VERSION);
      return STRATA_EXIT_OK;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  strata_cli_error ("unknown command “%s” (see strata-cli --help)", argv[1]);
  return STRATA_EXIT_USAGE;
}
