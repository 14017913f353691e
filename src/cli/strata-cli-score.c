/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli score: one row per customer of a period, scored with the
 * latest published rules or a rules file (which is not saved). */
#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
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

/* The CSV goes out in 1 MB writes from one buffer: building the whole
 * text first (64 MB at a million customers, reallocated as it grew) and
 * printf for every number were most of the command's time and memory. */
#define OUT_SIZE (1 << 20)

typedef struct
{
  char     *buf;
  gsize     len;
  gboolean  failed;
} Out;

static void
out_flush (Out *out)
{
  if (!out->failed && out->len > 0 && fwrite (out->buf, 1, out->len, stdout) != out->len)
    out->failed = TRUE;
  out->len = 0;
}

/* Room for n more bytes (n <= OUT_SIZE). */
static inline char *
out_reserve (Out   *out,
             gsize  n)
{
  if (out->len + n > OUT_SIZE)
    out_flush (out);
  return out->buf + out->len;
}

static void
out_append (Out        *out,
            const char *text,
            gsize       n)
{
  if (n > OUT_SIZE / 2)
    {
      out_flush (out);
      if (!out->failed && fwrite (text, 1, n, stdout) != n)
        out->failed = TRUE;
      return;
    }
  memcpy (out_reserve (out, n), text, n);
  out->len += n;
}

/* As strata_cli_csv_field(), into out. */
static void
out_csv_field (Out        *out,
               const char *field)
{
  gsize n = strlen (field);
  char *p;

  if (strpbrk (field, ",\"\n\r") == NULL)
    {
      out_append (out, field, n);
      return;
    }
  if (2 * n + 2 > OUT_SIZE / 2)
    {
      g_autoptr(GString) quoted = g_string_new (NULL);

      strata_cli_csv_field (quoted, field);
      out_append (out, quoted->str, quoted->len);
      return;
    }
  p = out_reserve (out, 2 * n + 2);
  *p++ = '"';
  for (const char *f = field; *f; f++)
    {
      if (*f == '"')
        *p++ = '"';
      *p++ = *f;
    }
  *p++ = '"';
  out->len = p - out->buf;
}

/* As strata_format_number(): whole numbers and cents (every score a rule
 * set gives in practice) without printf. For |v| < 1e13 the decimal
 * cents / 100 has at most 15 digits, so %.15g prints exactly it, and
 * (double) cents / 100 is the double nearest to it. */
static void
out_number (Out    *out,
            double  value)
{
  char *p = out_reserve (out, G_ASCII_DTOSTR_BUF_SIZE + 8);

  if (fabs (value) < 1e13)
    {
      gint64 cents = llround (value * 100.0);

      if ((double) cents / 100.0 == value)
        {
          guint64 whole = (guint64) llabs (cents / 100);
          guint part = (guint) llabs (cents % 100);
          char digits[24], *d = digits + sizeof digits;

          if (cents < 0)
            *p++ = '-';
          do
            *--d = '0' + whole % 10;
          while ((whole /= 10) != 0);
          memcpy (p, d, digits + sizeof digits - d);
          p += digits + sizeof digits - d;
          if (part != 0)
            {
              *p++ = '.';
              *p++ = '0' + part / 10;
              if (part % 10 != 0)
                *p++ = '0' + part % 10;
            }
          out->len = p - out->buf;
          return;
        }
    }
  {
    g_autofree char *text = strata_format_number (value);

    out_append (out, text, strlen (text));
  }
}

static void
out_char (Out  *out,
          char  c)
{
  *out_reserve (out, 1) = c;
  out->len++;
}

static gboolean
write_csv (const StrataPeriodData *data,
           const StrataRules      *rules,
           const StrataResult     *r)
{
  static const char header[] =
    "id,name,base_points,adjustment_points,score,base_tier,tier,quadrant,override\n";
  g_autofree char *buf = g_malloc (OUT_SIZE);
  Out out = { buf, 0, FALSE };

  out_append (&out, header, sizeof header - 1);
  for (guint i = 0; i < data->n && !out.failed; i++)
    {
      const char *quadrant = quadrant_letters[MIN (r->quadrant[i], STRATA_QUADRANT_D)];

      out_csv_field (&out, strata_period_data_get_ext_id (data, i));
      out_char (&out, ',');
      out_csv_field (&out, strata_period_data_get_name (data, i));
      out_char (&out, ',');
      out_number (&out, r->base_points[i]);
      out_char (&out, ',');
      out_number (&out, r->adjustment_points[i]);
      out_char (&out, ',');
      out_number (&out, r->score[i]);
      out_char (&out, ',');
      out_csv_field (&out, tier_id (rules, r->base_tier[i]));
      out_char (&out, ',');
      out_csv_field (&out, tier_id (rules, r->tier[i]));
      out_char (&out, ',');
      out_append (&out, quadrant, strlen (quadrant));
      out_char (&out, ',');
      out_csv_field (&out, tier_id (rules, r->override_tier[i]));
      out_char (&out, '\n');
    }
  out_flush (&out);
  if (out.failed || fflush (stdout) != 0)
    {
      strata_cli_error (_("cannot write the output: %s"), g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* The metric keys the rules read, NULL-terminated. */
static GPtrArray *
rule_metrics (const StrataRules *rules)
{
  GPtrArray *keys = g_ptr_array_new ();

  for (guint i = 0; i < rules->indicators->len; i++)
    g_ptr_array_add (keys, ((StrataIndicator *) rules->indicators->pdata[i])->metric);
  for (guint i = 0; i < rules->adjustments->len; i++)
    g_ptr_array_add (keys, ((StrataAdjustment *) rules->adjustments->pdata[i])->metric);
  g_ptr_array_add (keys, rules->quadrant.x_metric);
  g_ptr_array_add (keys, rules->quadrant.y_metric);
  g_ptr_array_add (keys, rules->quadrant.z_metric);
  /* No NULL inside: it would end the list. */
  for (guint i = keys->len; i > 0; i--)
    if (keys->pdata[i - 1] == NULL)
      g_ptr_array_remove_index (keys, i - 1);
  g_ptr_array_add (keys, NULL);
  return keys;
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
      json_builder_add_string_value (b, strata_period_data_get_ext_id (data, i));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, strata_period_data_get_name (data, i));
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
  g_autoptr(GPtrArray) metrics = NULL;
  gint64 period_id = 0;
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

  ws = strata_workspace_open (argv[1], NULL, &error);
  if (ws == NULL || !strata_period_find (ws, period, &period_id, NULL, &error))
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  rules = strata_cli_load_rules (ws, rules_file, &version);
  if (rules == NULL)
    return STRATA_EXIT_INPUT;
  /* Only the columns the rules read: the period's other metrics would be
   * most of the memory at a million customers. */
  metrics = rule_metrics (rules);
  data = strata_period_data_load_metrics (ws, period_id, (const char * const *) metrics->pdata, &error);
  if (data == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  result = strata_engine_score (rules, data, &error);
  if (result == NULL)
    {
      g_autofree char *source = rules_file ? g_strdup (rules_file)
                                           : g_strdup_printf (_("%s (rules version %u)"), argv[1], version);

      strata_cli_error ("%s: %s", source, error->message);
      return STRATA_EXIT_INPUT;
    }

  if (format == NULL || g_str_equal (format, "csv"))
    return write_csv (data, rules, result) ? STRATA_EXIT_OK : STRATA_EXIT_INPUT;
  out = to_json (data, rules, result);
  return strata_cli_write (out, strlen (out)) ? STRATA_EXIT_OK : STRATA_EXIT_INPUT;
}
