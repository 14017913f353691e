/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The funnel as CSV and JSON (strata-cli funnel). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "strata-json.h"
#include "strata-csv-write.h"
#include "strata-funnel.h"

/* Totals are counts; a fraction (imported averages) keeps two decimals. */
static const char *
total_format (double value)
{
  return value == floor (value) ? "%.0f" : "%.2f";
}

char *
strata_funnel_to_csv (const StrataFunnel *funnel)
{
  GString *out;

  g_return_val_if_fail (funnel != NULL, NULL);

  out = g_string_new ("group,customers");
  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    g_string_append_printf (out, ",%s", strata_funnel_step_key (s));
  for (guint s = 1; s < STRATA_FUNNEL_N_STEPS; s++)
    g_string_append_printf (out, ",%s", strata_funnel_rate_key (s));
  g_string_append (out, ",weakest_step\n");

  for (guint k = 0; k < funnel->groups->len; k++)
    {
      const StrataFunnelGroup *g = funnel->groups->pdata[k];

      strata_csv_write_field (out, g->group);
      g_string_append_printf (out, ",%u", g->customers);
      for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
        {
          g_string_append_c (out, ',');
          strata_csv_write_number (out, g->totals[s], total_format (g->totals[s]));
        }
      for (guint s = 1; s < STRATA_FUNNEL_N_STEPS; s++)
        {
          g_string_append_c (out, ',');
          strata_csv_write_number (out, g->rates[s], "%.4f");
        }
      g_string_append_c (out, ',');
      if (g->weakest != STRATA_FUNNEL_NO_STEP)
        g_string_append (out, strata_funnel_step_key (g->weakest));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
member_step (JsonBuilder *b,
             const char  *name,
             int          step)
{
  json_builder_set_member_name (b, name);
  if (step == STRATA_FUNNEL_NO_STEP)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, strata_funnel_step_key (step));
}

char *
strata_funnel_to_json (const StrataFunnel *funnel)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (funnel != NULL, NULL);

  json_builder_begin_object (b);
  strata_json_add_string_member (b, "period", funnel->period_name);
  strata_json_add_string_member (b, "by", funnel->by == STRATA_FUNNEL_BY_QUADRANT ? "quadrant" : "tier");
  json_builder_set_member_name (b, "metrics");
  json_builder_begin_object (b);
  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    {
      json_builder_set_member_name (b, strata_funnel_step_key (s));
      if (funnel->keys[s] != NULL)
        json_builder_add_string_value (b, funnel->keys[s]);
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "best");
  if (funnel->best >= 0)
    json_builder_add_string_value (b, ((StrataFunnelGroup *) funnel->groups->pdata[funnel->best])->group);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (guint k = 0; k < funnel->groups->len; k++)
    {
      const StrataFunnelGroup *g = funnel->groups->pdata[k];

      json_builder_begin_object (b);
      strata_json_add_string_member (b, "group", g->group);
      strata_json_add_string_member (b, "label", g->label);
      strata_json_add_int_member (b, "customers", g->customers);
      for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
        strata_json_add_number_member (b, strata_funnel_step_key (s), g->totals[s]);
      for (guint s = 1; s < STRATA_FUNNEL_N_STEPS; s++)
        strata_json_add_number_member (b, strata_funnel_rate_key (s), g->rates[s]);
      strata_json_add_number_member (b, "overall_rate", g->overall);
      member_step (b, "weakest_step", g->weakest);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return strata_json_to_pretty_data (b);
}

char *
strata_funnel_customer_to_csv (const StrataFunnelCustomer *c)
{
  GString *out = g_string_new ("step,value,rate,median_value,median_rate,weakest\n");

  g_return_val_if_fail (c != NULL, NULL);

  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    {
      g_string_append (out, strata_funnel_step_key (s));
      g_string_append_c (out, ',');
      strata_csv_write_number (out, c->values[s], total_format (c->values[s]));
      g_string_append_c (out, ',');
      strata_csv_write_number (out, c->rates[s], "%.4f");
      g_string_append_c (out, ',');
      strata_csv_write_number (out, c->median_values[s], total_format (c->median_values[s]));
      g_string_append_c (out, ',');
      strata_csv_write_number (out, c->median_rates[s], "%.4f");
      g_string_append_printf (out, ",%d\n", (int) s == c->weakest);
    }
  return g_string_free (out, FALSE);
}

char *
strata_funnel_customer_to_json (const StrataFunnelCustomer *c)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (c != NULL, NULL);

  json_builder_begin_object (b);
  strata_json_add_string_member (b, "id", c->ext_id);
  strata_json_add_string_member (b, "name", c->name);
  strata_json_add_string_member (b, "quadrant", c->group);
  strata_json_add_int_member (b, "quadrant_customers", c->group_customers);
  member_step (b, "weakest_step", c->weakest);
  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
    {
      json_builder_begin_object (b);
      strata_json_add_string_member (b, "step", strata_funnel_step_key (s));
      strata_json_add_number_member (b, "value", c->values[s]);
      strata_json_add_number_member (b, "rate", c->rates[s]);
      strata_json_add_number_member (b, "median_value", c->median_values[s]);
      strata_json_add_number_member (b, "median_rate", c->median_rates[s]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return strata_json_to_pretty_data (b);
}
