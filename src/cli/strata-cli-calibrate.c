/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli calibrate WORKSPACE [--period P] [--metric M]
 *   [--shares A=5,B=15,C=25,D=25,E=30] [--method shares|quantiles|pareto|breaks]
 *   [--renewal RATE] -o RULES.json
 *
 * Writes the draft with bands, tier thresholds (and with --renewal the
 * quadrant thresholds) fitted to the data as a strata-rules/1 file, and
 * prints the evidence (src/core/fit/strata-calibrate.h). A part without
 * data stays as in the draft and the output says so; exit 2 only when
 * nothing can be fitted. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "strata-calibrate.h"
#include "strata-cli-common.h"
#include "strata-cli-fit.h"
#include "strata-rules-json.h"
#include "strata-ruleset-store.h"

static gboolean
parse_rate (const char *text,
            double     *rate)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize len = strlen (copy);
  gboolean percent = len > 0 && copy[len - 1] == '%';
  char *end = NULL;
  double v;

  if (percent)
    copy[len - 1] = '\0';
  v = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (v))
    return FALSE;
  if (percent || v > 1)
    v /= 100;
  if (!(v > 0 && v <= 1))
    return FALSE;
  *rate = v;
  return TRUE;
}

int
strata_cli_calibrate (int    argc,
                      char **argv)
{
  g_autofree char *period = NULL, *metric = NULL, *shares = NULL, *method = NULL;
  g_autofree char *renewal = NULL, *output = NULL, *text = NULL;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("Period to fit on (default: the latest)"), N_("PERIOD") },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &metric, N_("Metric of the base indicator to band (default: the draft's first)"), N_("METRIC") },
    { "shares", 0, 0, G_OPTION_ARG_STRING, &shares, N_("Target tier shares in percent"), N_("A=5,B=15,C=25,D=25,E=30") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method, N_("How to place the band edges"), N_("shares|quantiles|pareto|breaks") },
    { "renewal", 0, 0, G_OPTION_ARG_STRING, &renewal, N_("Also fit the quadrant thresholds for this renewal rate (e.g. 0.8)"), N_("RATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Rules file to write"), N_("RULES.json") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE — fit the draft rules to the data"));
  g_autoptr(StrataWorkspace) workspace = NULL;
  g_autoptr(StrataRules) draft = NULL;
  g_autoptr(StrataCalibration) fit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *share_values = NULL;
  StrataCalibrateOptions options = { STRATA_CALIBRATE_SHARES, NULL, NULL, NAN };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2 || output == NULL)
    {
      strata_cli_error (_("usage: strata-cli calibrate WORKSPACE [--period P] [--metric M] "
                          "[--shares A=5,B=15,C=25,D=25,E=30] [--method shares|quantiles|pareto|breaks] "
                          "[--renewal RATE] -o RULES.json"));
      return STRATA_EXIT_USAGE;
    }
  if (method != NULL && !strata_calibrate_method_from_string (method, &options.method))
    {
      strata_cli_error (_("unknown method “%s” (use shares, quantiles, pareto or breaks)"), method);
      return STRATA_EXIT_USAGE;
    }
  if (renewal != NULL && !parse_rate (renewal, &options.renewal))
    {
      strata_cli_error (_("the renewal rate must be above 0 and at most 1 (or 100%%), not “%s”"), renewal);
      return STRATA_EXIT_USAGE;
    }

  workspace = strata_workspace_open (argv[1], NULL, &error);
  if (workspace == NULL || (draft = strata_ruleset_store_get_draft (workspace, &error)) == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  if (shares != NULL && (share_values = strata_calibrate_parse_shares (shares, draft, &error)) == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_USAGE;
    }
  options.metric = metric;
  options.shares = share_values;
  fit = strata_calibrate_workspace (workspace, period, &options, &error);
  if (fit == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }

  text = strata_calibration_to_text (fit, strata_number_format_get_default ());
  fputs (text, stdout);
  if (!strata_calibration_fitted_anything (fit))
    {
      strata_cli_error (_("nothing could be fitted: %s"),
                        fit->bands_note != NULL ? fit->bands_note : fit->tiers_note);
      return STRATA_EXIT_INPUT;
    }
  if (!strata_rules_save_file (fit->rules, output, &error))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  printf (_("Wrote %s: the draft with the fitted parts. Make it the draft with “strata-cli rules import %s %s”.\n"),
          output, argv[1], output);
  return STRATA_EXIT_OK;
}
