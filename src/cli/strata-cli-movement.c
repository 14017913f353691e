/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli movement WORKSPACE FROM TO [--restate] [--format text|csv|json] [--chart FILE]
 *
 * The tier transition matrix between two periods, the restatement split,
 * and every mover with its reasons. CSV is one table whose first column
 * says what a row is ("matrix", "up", "down", "new", "lost"), so that a
 * spreadsheet can filter it. */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "strata-chart-export.h"
#include "strata-format.h"
#include "strata-cli-common.h"
#include "strata-cli-review.h"
#include "strata-movement.h"
#include "strata-review-charts.h"

static const char *
tier_id (StrataMovement *movement,
         int             tier)
{
  return tier >= 0 ? strata_movement_get_tier (movement, tier)->id : "";
}

static char *
csv_field (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  if (strpbrk (text, ",\"\n\r") == NULL)
    return g_strdup (text);
  {
    g_auto(GStrv) parts = g_strsplit (text, "\"", -1);
    g_autofree char *joined = g_strjoinv ("\"\"", parts);
    return g_strdup_printf ("\"%s\"", joined);
  }
}

static char *
number (double value)
{
  return isnan (value) ? g_strdup ("") : strata_format_number (value);
}

static void
print_text (StrataMovement *movement)
{
  guint n = strata_movement_get_n_tiers (movement);

  if (strata_movement_get_restated (movement))
    printf (_("Movement %s → %s, the earlier period restated under the later period's rules\n"),
            strata_movement_get_from_name (movement), strata_movement_get_to_name (movement));
  else
    printf (_("Movement %s → %s\n"),
            strata_movement_get_from_name (movement), strata_movement_get_to_name (movement));
  printf ("\n%s\n", _("Customers (rows: from, columns: to)"));
  printf ("%-8s", "");
  for (guint t = 0; t < n; t++)
    printf (" %8s", strata_movement_get_tier (movement, t)->id);
  printf (" %8s\n", _("lost"));
  for (guint f = 0; f <= n; f++)
    {
      printf ("%-8s", f < n ? strata_movement_get_tier (movement, f)->id : _("new"));
      for (guint t = 0; t <= n; t++)
        {
          if (f == n && t == n)
            printf (" %8s", "");
          else
            printf (" %8u", strata_movement_get_count (movement, f, t));
        }
      printf ("\n");
    }
  printf ("\n%s\n", _("Revenue (order amount)"));
  printf ("%-8s", "");
  for (guint t = 0; t < n; t++)
    printf (" %14s", strata_movement_get_tier (movement, t)->id);
  printf (" %14s\n", _("lost"));
  for (guint f = 0; f <= n; f++)
    {
      printf ("%-8s", f < n ? strata_movement_get_tier (movement, f)->id : _("new"));
      for (guint t = 0; t <= n; t++)
        {
          if (f == n && t == n)
            printf (" %14s", "");
          else
            printf (" %14.0f", strata_movement_get_revenue (movement, f, t));
        }
      printf ("\n");
    }

  printf ("\n");
  {
    g_autofree char *total = strata_format_integer (NULL, strata_movement_get_moves_total (movement));
    g_autofree char *from_customers = strata_format_integer (NULL, strata_movement_get_moves_from_customers (movement));
    g_autofree char *from_rules = strata_format_integer (NULL, strata_movement_get_moves_from_rules (movement));

    printf (_("Tier moves: %s\n"), total);
    if (strata_movement_has_restatement (movement))
      printf (_("From the customers: %s; from the rule change: %s\n"), from_customers, from_rules);
  }

  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      static const char *titles[] = { N_("Upgrades"), N_("Downgrades"), N_("New customers"),
                                       N_("Lost customers") };
      GPtrArray *movers = strata_movement_get_movers (movement, k);
      g_autofree char *n_movers = strata_format_integer (NULL, movers->len);

      printf ("\n%s (%s)\n", _(titles[k]), n_movers);
      for (guint i = 0; i < movers->len; i++)
        {
          const StrataMover *m = movers->pdata[i];
          g_autofree char *fs = number (m->from_score);
          g_autofree char *ts = number (m->to_score);

          printf ("  %s  %s  %s → %s  (%s → %s)\n", m->ext_id, m->name,
                  m->from_tier >= 0 ? tier_id (movement, m->from_tier) : "-",
                  m->to_tier >= 0 ? tier_id (movement, m->to_tier) : "-",
                  m->from_score == m->from_score ? fs : "-",
                  m->to_score == m->to_score ? ts : "-");
          for (guint r = 0; r < strata_mover_get_n_reasons (m); r++)
            {
              g_autofree char *text = strata_mover_format_reason (m, r);
              printf ("      %s\n", text);
            }
        }
    }
}

static void
print_csv (StrataMovement *movement)
{
  guint n = strata_movement_get_n_tiers (movement);

  printf ("kind,id,name,from_tier,to_tier,from_score,to_score,count,revenue,reasons\n");
  for (guint f = 0; f <= n; f++)
    for (guint t = 0; t <= n; t++)
      {
        g_autofree char *rev = NULL;
        if (f == n && t == n)
          continue;
        rev = strata_format_number (strata_movement_get_revenue (movement, f, t));
        printf ("matrix,,,%s,%s,,,%u,%s,\n", f < n ? tier_id (movement, f) : "",
                t < n ? tier_id (movement, t) : "",
                strata_movement_get_count (movement, f, t), rev);
      }
  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      GPtrArray *movers = strata_movement_get_movers (movement, k);

      for (guint i = 0; i < movers->len; i++)
        {
          const StrataMover *m = movers->pdata[i];
          g_autofree char *id = csv_field (m->ext_id);
          g_autofree char *name = csv_field (m->name);
          g_autofree char *fs = number (m->from_score);
          g_autofree char *ts = number (m->to_score);
          g_autofree char *rev = number (m->kind == STRATA_MOVE_LOST ? m->from_revenue
                                                                     : m->to_revenue);
          /* CSV and JSON are data: the metrics' values in full. */
          g_autofree char *reasons = strata_mover_describe_reasons_full (m, "; ");
          g_autofree char *reasons_csv = csv_field (reasons);

          printf ("%s,%s,%s,%s,%s,%s,%s,1,%s,%s\n", strata_move_kind_to_string (k), id, name,
                  tier_id (movement, m->from_tier), tier_id (movement, m->to_tier),
                  fs, ts, rev, reasons_csv);
        }
    }
}

static void
add_number (JsonBuilder *b,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (b, member);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

static void
add_tier (JsonBuilder    *b,
          const char     *member,
          StrataMovement *movement,
          int             tier)
{
  json_builder_set_member_name (b, member);
  if (tier < 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, tier_id (movement, tier));
}

static void
print_json (StrataMovement *movement)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  guint n = strata_movement_get_n_tiers (movement);
  static const char *quadrants[] = { "none", "A", "B", "C", "D" };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, strata_movement_get_from_name (movement));
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, strata_movement_get_to_name (movement));
  json_builder_set_member_name (b, "restated");
  json_builder_add_boolean_value (b, strata_movement_get_restated (movement));
  json_builder_set_member_name (b, "from_version");
  json_builder_add_int_value (b, strata_movement_get_from_version (movement));
  json_builder_set_member_name (b, "to_version");
  json_builder_add_int_value (b, strata_movement_get_to_version (movement));

  json_builder_set_member_name (b, "tiers");
  json_builder_begin_array (b);
  for (guint t = 0; t < n; t++)
    json_builder_add_string_value (b, strata_movement_get_tier (movement, t)->id);
  json_builder_end_array (b);

  /* from / to null stand for "new" / "lost". */
  json_builder_set_member_name (b, "matrix");
  json_builder_begin_array (b);
  for (guint f = 0; f <= n; f++)
    for (guint t = 0; t <= n; t++)
      {
        if ((f == n && t == n) || strata_movement_get_count (movement, f, t) == 0)
          continue;
        json_builder_begin_object (b);
        add_tier (b, "from", movement, f < n ? (int) f : -1);
        add_tier (b, "to", movement, t < n ? (int) t : -1);
        json_builder_set_member_name (b, "count");
        json_builder_add_int_value (b, strata_movement_get_count (movement, f, t));
        add_number (b, "revenue", strata_movement_get_revenue (movement, f, t));
        json_builder_end_object (b);
      }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "moves");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "total");
  json_builder_add_int_value (b, strata_movement_get_moves_total (movement));
  if (strata_movement_has_restatement (movement))
    {
      json_builder_set_member_name (b, "from_customers");
      json_builder_add_int_value (b, strata_movement_get_moves_from_customers (movement));
      json_builder_set_member_name (b, "from_rules");
      json_builder_add_int_value (b, strata_movement_get_moves_from_rules (movement));
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "quadrants");
  json_builder_begin_array (b);
  for (guint f = 0; f < 5; f++)
    for (guint t = 0; t < 5; t++)
      {
        guint c = strata_movement_get_quadrant_count (movement, f, t);
        if (c == 0 || f == t)
          continue;
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "from");
        json_builder_add_string_value (b, quadrants[f]);
        json_builder_set_member_name (b, "to");
        json_builder_add_string_value (b, quadrants[t]);
        json_builder_set_member_name (b, "count");
        json_builder_add_int_value (b, c);
        json_builder_end_object (b);
      }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "movers");
  json_builder_begin_array (b);
  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      GPtrArray *movers = strata_movement_get_movers (movement, k);
      for (guint i = 0; i < movers->len; i++)
        {
          const StrataMover *m = movers->pdata[i];
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, strata_move_kind_to_string (k));
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, m->ext_id);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, m->name);
          add_tier (b, "from_tier", movement, m->from_tier);
          add_tier (b, "to_tier", movement, m->to_tier);
          add_number (b, "from_score", m->from_score);
          add_number (b, "to_score", m->to_score);
          add_number (b, "from_revenue", m->from_revenue);
          add_number (b, "to_revenue", m->to_revenue);
          json_builder_set_member_name (b, "reasons");
          json_builder_begin_array (b);
          for (guint r = 0; r < strata_mover_get_n_reasons (m); r++)
            {
              g_autofree char *reason = strata_mover_format_reason_full (m, r);
              json_builder_add_string_value (b, reason);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

int
strata_cli_movement (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) workspace = NULL;
  g_autoptr(StrataMovement) movement = NULL;
  g_autofree char *format = NULL;
  g_autofree char *chart_path = NULL;
  StrataExportFormat chart_format = STRATA_EXPORT_PNG;
  gboolean restate = FALSE;
  gint64 from_id = 0, to_id = 0;
  GOptionEntry entries[] = {
    { "restate", 0, 0, G_OPTION_ARG_NONE, &restate,
      N_("Restate the earlier period under the later period's rules"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text, csv or json"),
      N_("FORMAT") },
    { "chart", 0, 0, G_OPTION_ARG_FILENAME, &chart_path,
      N_("Also draw the transition matrix as a heat map into a PNG, SVG or PDF file (the chart of the Review page)"),
      N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("WORKSPACE FROM TO - tier movement between two periods"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 4)
    {
      strata_cli_error (_("usage: strata-cli movement WORKSPACE FROM TO [--restate] [--format csv|json] [--chart FILE]"));
      return STRATA_EXIT_USAGE;
    }
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "csv") &&
      !g_str_equal (format, "json"))
    {
      strata_cli_error (_("unknown format “%s” (use text, csv or json)"), format);
      return STRATA_EXIT_USAGE;
    }
  if (chart_path != NULL && !strata_chart_export_format_for_path (chart_path, &chart_format))
    {
      strata_cli_error (_("%s: a chart file ends in .png, .svg or .pdf"), chart_path);
      return STRATA_EXIT_USAGE;
    }

  workspace = strata_workspace_open (argv[1], NULL, &error);
  if (workspace == NULL ||
      !strata_period_find (workspace, argv[2], &from_id, NULL, &error) ||
      !strata_period_find (workspace, argv[3], &to_id, NULL, &error) ||
      !(movement = strata_movement_compute (workspace, from_id, to_id, restate, &error)))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }

  if (chart_path != NULL)
    {
      g_autoptr(StrataMovementChart) chart = strata_review_movement_chart (movement);
      g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);

      /* Pixels for PNG, points for SVG and PDF: an A4-landscape-ish panel. */
      if (!strata_chart_export (STRATA_CHART (chart), style, chart_format, chart_path, 900, 600,
                                &error))
        {
          strata_cli_error ("%s", error->message);
          return STRATA_EXIT_INPUT;
        }
    }
  if (format == NULL || g_str_equal (format, "text"))
    print_text (movement);
  else if (g_str_equal (format, "csv"))
    print_csv (movement);
  else
    print_json (movement);
  return STRATA_EXIT_OK;
}
