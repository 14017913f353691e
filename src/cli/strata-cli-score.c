/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli score: one row per customer of a period, scored with the
 * latest published rules or a rules file (which is not saved). */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "strata-cli-common.h"
#include "strata-cli-engine.h"

static const char *quadrant_letters[] = { "", "A", "B", "C", "D" };

static const char *
tier_id (const StrataRules *rules,
         guint8             tier)
{
  return tier < rules->tiers->len ? ((StrataTier *) rules->tiers->pdata[tier])->id : "";
}

static void
number_field (GString *out,
              double   value)
{
  g_autofree char *text = strata_format_number (value);

  g_string_append (out, text);
}

static char *
to_csv (const StrataPeriodData *data,
        const StrataRules      *rules,
        const StrataResult     *r)
{
  GString *out = g_string_sized_new (64 + data->n * 64);

  g_string_append (out, "id,name,base_points,adjustment_points,score,base_tier,tier,quadrant,override\n");
  for (guint i = 0; i < data->n; i++)
    {
      strata_cli_csv_field (out, data->ext_ids[i]);
      g_string_append_c (out, ',');
      strata_cli_csv_field (out, data->names[i]);
      g_string_append_c (out, ',');
      number_field (out, r->base_points[i]);
      g_string_append_c (out, ',');
      number_field (out, r->adjustment_points[i]);
      g_string_append_c (out, ',');
      number_field (out, r->score[i]);
      g_string_append_c (out, ',');
      strata_cli_csv_field (out, tier_id (rules, r->base_tier[i]));
      g_string_append_c (out, ',');
      strata_cli_csv_field (out, tier_id (rules, r->tier[i]));
      g_string_append_c (out, ',');
      g_string_append (out, quadrant_letters[MIN (r->quadrant[i], STRATA_QUADRANT_D)]);
      g_string_append_c (out, ',');
      strata_cli_csv_field (out, tier_id (rules, r->override_tier[i]));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
to_json (const StrataPeriodData *data,
         const StrataRules      *rules,
         const StrataResult     *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < data->n; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, data->ext_ids[i]);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, data->names[i]);
      json_builder_set_member_name (b, "base_points");
      json_builder_add_double_value (b, r->base_points[i]);
      json_builder_set_member_name (b, "adjustment_points");
      json_builder_add_double_value (b, r->adjustment_points[i]);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, r->score[i]);
      json_builder_set_member_name (b, "base_tier");
      json_builder_add_string_value (b, tier_id (rules, r->base_tier[i]));
      json_builder_set_member_name (b, "tier");
      json_builder_add_string_value (b, tier_id (rules, r->tier[i]));
      json_builder_set_member_name (b, "quadrant");
      if (r->quadrant[i] >= STRATA_QUADRANT_A && r->quadrant[i] <= STRATA_QUADRANT_D)
        json_builder_add_string_value (b, quadrant_letters[r->quadrant[i]]);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "override");
      if (r->override_tier[i] != STRATA_TIER_NONE)
        json_builder_add_string_value (b, tier_id (rules, r->override_tier[i]));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

int
strata_cli_score (int    argc,
                  char **argv)
{
  g_autofree char *period = NULL;
  g_autofree char *rules_file = NULL;
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataPeriodData) data = NULL;
  g_autoptr(StrataRules) rules = NULL;
  g_autoptr(StrataResult) result = NULL;
  g_autofree char *out = NULL;
  guint version = 0;
  const GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period, N_("Score period P (default: the latest)"), "P" },
    { "rules", 'r', 0, G_OPTION_ARG_FILENAME, &rules_file, N_("Score with a rules file, without saving it"), "FILE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: csv (default) or json"), "FORMAT" },
    { NULL }
  };

  context = g_option_context_new (_("WORKSPACE — score every customer of a period"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2)
    {
      strata_cli_error (_("score: expected one workspace file"));
      return STRATA_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    {
      strata_cli_error (_("score: unknown format “%s”: use csv or json"), format);
      return STRATA_EXIT_USAGE;
    }

  data = strata_cli_load_period (argv[1], period, &ws);
  if (data == NULL)
    return STRATA_EXIT_INPUT;
  rules = strata_cli_load_rules (ws, rules_file, &version);
  if (rules == NULL)
    return STRATA_EXIT_INPUT;
  result = strata_engine_score (rules, data, &error);
  if (result == NULL)
    {
      g_autofree char *source = rules_file ? g_strdup (rules_file)
                                           : g_strdup_printf (_("%s (rules version %u)"), argv[1], version);

      strata_cli_error ("%s: %s", source, error->message);
      return STRATA_EXIT_INPUT;
    }

  out = format != NULL && g_str_equal (format, "json") ? to_json (data, rules, result)
                                                        : to_csv (data, rules, result);
  return strata_cli_write (out, strlen (out)) ? STRATA_EXIT_OK : STRATA_EXIT_INPUT;
}
