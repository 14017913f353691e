/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli whatif: what a rules file would change against the published
 * rules: the tier transition matrix, then every customer whose tier
 * changes (as CSV, so it can be read back). */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "strata-cli-common.h"
#include "strata-format.h"
#include "strata-cli-engine.h"
#include "strata-rules-json.h"

static const char *
tier_id (const StrataRules *rules,
         guint              tier)
{
  return tier < rules->tiers->len ? ((StrataTier *) rules->tiers->pdata[tier])->id : "";
}

/* The matrix as an aligned table: rows are the published tiers, columns
 * the file's. */
static void
print_matrix (GString            *out,
              const StrataWhatIf *w,
              const StrataRules  *from,
              const StrataRules  *to)
{
  int width = 4;

  for (guint i = 0; i < w->n_from * w->n_to; i++)
    width = MAX (width, (int) g_snprintf (NULL, 0, "%u", w->matrix[i]) + 1);
  for (guint t = 0; t < w->n_from; t++)
    width = MAX (width, (int) strlen (tier_id (from, t)) + 1);
  for (guint t = 0; t < w->n_to; t++)
    width = MAX (width, (int) strlen (tier_id (to, t)) + 1);

  /* Row labels are "ID →": the label column is width + 2 wide. */
  g_string_append_printf (out, "%-*s", width + 2, "");
  for (guint t = 0; t < w->n_to; t++)
    g_string_append_printf (out, "%*s", width, tier_id (to, t));
  g_string_append_c (out, '\n');
  for (guint f = 0; f < w->n_from; f++)
    {
      g_string_append_printf (out, "%-*s →", width, tier_id (from, f));
      for (guint t = 0; t < w->n_to; t++)
        g_string_append_printf (out, "%*u", width, w->matrix[f * w->n_to + t]);
      g_string_append_c (out, '\n');
    }
}

int
strata_cli_whatif (int    argc,
                   char **argv)
{
  g_autofree char *period = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataRules) published = NULL;
  g_autoptr(StrataRules) proposed = NULL;
  g_autoptr(StrataResult) before = NULL;
  g_autoptr(StrataResult) after = NULL;
  g_autoptr(StrataWhatIf) w = NULL;
  g_autofree char *n_text = NULL;
  g_autofree char *changed_text = NULL;
  g_autofree char *up_text = NULL;
  g_autofree char *down_text = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint version = 0;
  const GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period, N_("Compare on period P (default: the latest)"), "P" },
    { NULL }
  };

  context = g_option_context_new (_("WORKSPACE FILE — compare a rules file with the published rules"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 3)
    {
      strata_cli_error (_("whatif: expected a workspace file and a rules file"));
      return STRATA_EXIT_USAGE;
    }

  proposed = strata_rules_load_file (argv[2], &error);
  if (proposed == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  data = strata_cli_load_period (argv[1], period, &ws);
  if (data == NULL)
    return STRATA_EXIT_INPUT;
  published = strata_cli_load_rules (ws, NULL, &version);
  if (published == NULL)
    return STRATA_EXIT_INPUT;
  after = strata_engine_score (proposed, data, &error);
  if (after == NULL)
    {
      strata_cli_error ("%s: %s", argv[2], error->message);
      return STRATA_EXIT_INPUT;
    }
  before = strata_engine_score (published, data, &error);
  if (before == NULL)
    {
      strata_cli_error (_("%s (rules version %u): %s"), argv[1], version, error->message);
      return STRATA_EXIT_INPUT;
    }
  w = strata_whatif_compute (published, before, proposed, after);

  n_text = strata_format_integer (NULL, data->n);
  g_string_append_printf (out, _("Period %s: rules version %u → %s, %s customers"),
                          data->period_name, version, argv[2], n_text);
  g_string_append_c (out, '\n');
  print_matrix (out, w, published, proposed);
  g_string_append_c (out, '\n');
  changed_text = strata_format_integer (NULL, w->changed_rows->len);
  up_text = strata_format_integer (NULL, w->n_up);
  down_text = strata_format_integer (NULL, w->n_down);
  g_string_append_printf (out, g_dngettext (NULL, "%s customer changes tier (%s up, %s down)",
                                            "%s customers change tier (%s up, %s down)",
                                            w->changed_rows->len),
                          changed_text, up_text, down_text);
  g_string_append_c (out, '\n');
  if (w->changed_rows->len > 0)
    g_string_append (out, "id,name,old_score,old_tier,new_score,new_tier\n");
  for (guint k = 0; k < w->changed_rows->len; k++)
    {
      guint i = g_array_index (w->changed_rows, guint, k);
      g_autofree char *old_score = strata_format_number (before->score[i]);
      g_autofree char *new_score = strata_format_number (after->score[i]);

      strata_cli_csv_field (out, strata_period_data_get_ext_id (data, i));
      g_string_append_c (out, ',');
      strata_cli_csv_field (out, strata_period_data_get_name (data, i));
      g_string_append_printf (out, ",%s,", old_score);
      strata_cli_csv_field (out, tier_id (published, before->final_tier[i]));
      g_string_append_printf (out, ",%s,", new_score);
      strata_cli_csv_field (out, tier_id (proposed, after->final_tier[i]));
      g_string_append_c (out, '\n');
    }
  return strata_cli_write (out->str, out->len) ? STRATA_EXIT_OK : STRATA_EXIT_INPUT;
}
