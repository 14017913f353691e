/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading the entitlement matrix: the consistency check, what tiers cost,
 * what one customer gets, and the CSV and JSON exports. All pure functions of
 * the matrix in memory (and their arguments). */
#include "config.h"

#include "strata-csv.h"
#include "strata-i18n.h"
#include <math.h>
#include <string.h>

#include "strata-entitlements-private.h"

void
strata_entitlement_problem_free (StrataEntitlementProblem *p)
{
  if (p == NULL)
    return;
  g_free (p->tier);
  g_free (p->other);
  g_free (p->message);
  g_free (p);
}

void
strata_entitlement_cost_free (StrataEntitlementCost *c)
{
  if (c == NULL)
    return;
  g_free (c->tier);
  g_free (c);
}

void
strata_entitlement_line_free (StrataEntitlementLine *l)
{
  if (l == NULL)
    return;
  g_free (l->stage);
  g_free (l->label);
  g_free (l->value);
  g_free (l);
}

static char *
problem_message (const StrataEntitlement *e,
                 const char              *tier,
                 const char              *value,
                 const char              *other,
                 const char              *other_value)
{
  g_autofree char *shown = strata_entitlement_format_value (e, value);
  g_autofree char *other_shown = strata_entitlement_format_value (e, other_value);

  switch (e->kind)
    {
    case STRATA_ENTITLEMENT_INCLUDED:
      /* Translators: "A does not get “On-site service”, but B does" */
      return g_strdup_printf (_("%s does not get “%s”, but %s does"), tier,
                              strata_entitlement_get_display_label (e), other);
    case STRATA_ENTITLEMENT_LEVEL:
      /* Translators: "A gets silver, a lower level than B (gold)" */
      return g_strdup_printf (_("%s gets %s, a lower level than %s (%s)"),
                              tier, shown, other, other_shown);
    case STRATA_ENTITLEMENT_NUMBER:
    default:
      if (e->higher_is_better)
        /* Translators: "A gets 6%, less than B (10%)" */
        return g_strdup_printf (_("%s gets %s, less than %s (%s)"),
                                tier, shown, other, other_shown);
      /* Translators: "A gets 8 h, worse than B (4 h): lower is better here" */
      return g_strdup_printf (_("%s gets %s, worse than %s (%s): lower is better here"),
                              tier, shown, other, other_shown);
    }
}

GPtrArray *
strata_entitlements_check (StrataEntitlements *self)
{
  GPtrArray *problems;
  guint n_tiers;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_entitlement_problem_free);
  n_tiers = self->tiers->len;
  for (guint i = 0; i < self->all->len; i++)
    {
      StrataEntitlement *e = g_ptr_array_index (self->all, i);

      if (e->kind == STRATA_ENTITLEMENT_TEXT)
        continue;
      for (guint t = 0; t < n_tiers; t++)
        {
          StrataEntitlementTier *tier = g_ptr_array_index (self->tiers, t);
          const char *value = strata_entitlements_get_value (self, e->id, tier->id);
          StrataEntitlementTier *best_worse = NULL;
          const char *best_worse_value = NULL;
          double rank, best = -INFINITY;

          if (!strata_entitlement_rank (e, value, &rank))
            continue;
          /* The most generous of the worse tiers: one message per cell,
           * naming the tier that shows the problem most clearly. */
          for (guint w = t + 1; w < n_tiers; w++)
            {
              StrataEntitlementTier *worse = g_ptr_array_index (self->tiers, w);
              const char *wv = strata_entitlements_get_value (self, e->id, worse->id);
              double wr;

              if (strata_entitlement_rank (e, wv, &wr) && wr > best)
                {
                  best = wr;
                  best_worse = worse;
                  best_worse_value = wv;
                }
            }
          if (best_worse != NULL && rank < best)
            {
              StrataEntitlementProblem *p = g_new0 (StrataEntitlementProblem, 1);

              p->entitlement_id = e->id;
              p->tier = g_strdup (tier->id);
              p->other = g_strdup (best_worse->id);
              p->message = problem_message (e, tier->id, value, best_worse->id, best_worse_value);
              g_ptr_array_add (problems, p);
            }
        }
    }
  return problems;
}

void
strata_entitlements_update_problems (StrataEntitlements *self)
{
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  if (self->all != NULL && self->tiers != NULL)
    self->problems = strata_entitlements_check (self);
}

const StrataEntitlementProblem *
strata_entitlements_get_problem (StrataEntitlements *self,
                                 gint64              entitlement_id,
                                 const char         *tier)
{
  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  if (self->problems == NULL)
    return NULL;
  for (guint i = 0; i < self->problems->len; i++)
    {
      StrataEntitlementProblem *p = g_ptr_array_index (self->problems, i);
      if (p->entitlement_id == entitlement_id && g_strcmp0 (p->tier, tier) == 0)
        return p;
    }
  return NULL;
}

double
strata_entitlements_cost_per_customer (StrataEntitlements *self,
                                       const char         *tier)
{
  double sum = 0;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), 0);
  for (guint i = 0; i < self->all->len; i++)
    {
      StrataEntitlement *e = g_ptr_array_index (self->all, i);

      if (!isnan (e->cost) &&
          strata_entitlement_grants (e, strata_entitlements_get_value (self, e->id, tier)))
        sum += e->cost;
    }
  return sum;
}

GPtrArray *
strata_entitlements_cost_totals (StrataEntitlements *self,
                                 const guint        *customers,
                                 const double       *revenue)
{
  GPtrArray *totals;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);
  g_return_val_if_fail (customers != NULL, NULL);

  totals = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_entitlement_cost_free);
  for (guint t = 0; t < self->tiers->len; t++)
    {
      StrataEntitlementTier *tier = g_ptr_array_index (self->tiers, t);
      StrataEntitlementCost *c = g_new0 (StrataEntitlementCost, 1);

      c->tier = g_strdup (tier->id);
      c->customers = customers[t];
      c->cost_per_customer = strata_entitlements_cost_per_customer (self, tier->id);
      c->cost = c->customers * c->cost_per_customer;
      c->revenue = revenue ? revenue[t] : NAN;
      g_ptr_array_add (totals, c);
    }
  return totals;
}

GPtrArray *
strata_entitlements_list_for_tier (StrataEntitlements *self,
                                   const char         *tier)
{
  GPtrArray *lines;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_entitlement_line_free);
  for (guint i = 0; i < self->all->len; i++)
    {
      StrataEntitlement *e = g_ptr_array_index (self->all, i);
      const char *value = strata_entitlements_get_value (self, e->id, tier);
      const StrataEntitlementStage *s = strata_entitlements_lookup_stage (self, e->stage_id);
      StrataEntitlementLine *line;

      if (value == NULL || s == NULL)
        continue;
      line = g_new0 (StrataEntitlementLine, 1);
      line->stage = g_strdup (strata_entitlement_stage_get_display_label (s));
      line->label = g_strdup (strata_entitlement_get_display_label (e));
      line->value = strata_entitlement_format_value (e, value);
      g_ptr_array_add (lines, line);
    }
  return lines;
}

/* A field as CSV (quoted when it must be: strata-csv), then its separator. */
static void
csv_field (GString    *out,
           const char *field,
           gboolean    last)
{
  strata_csv_append_field (out, field ? field : "", ',');
  g_string_append (out, last ? "\r\n" : ",");
}

/* The stored value as the exports write it: included as yes/no, the rest as
 * stored (numbers without their unit, so the file reads back). */
static const char *
export_value (const StrataEntitlement *e,
              const char              *value)
{
  if (value != NULL && e->kind == STRATA_ENTITLEMENT_INCLUDED)
    return g_str_equal (value, "1") ? "yes" : "no";
  if (value != NULL && e->kind != STRATA_ENTITLEMENT_NUMBER)
    return strata_entitlement_display_text (e, value);
  return value;
}

static char *
cost_text (double cost)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (cost))
    return g_strdup ("");
  return g_strdup (g_ascii_dtostr (buf, sizeof buf, cost));
}

char *
strata_entitlements_to_csv (StrataEntitlements *self)
{
  GString *out;
  static const char *head[] = { "stage", "key", "entitlement", "kind", "unit", "levels",
                                "direction" };

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (head); i++)
    csv_field (out, head[i], FALSE);
  for (guint t = 0; t < self->tiers->len; t++)
    csv_field (out, ((StrataEntitlementTier *) g_ptr_array_index (self->tiers, t))->id, FALSE);
  csv_field (out, "cost_per_customer", TRUE);

  for (guint i = 0; i < self->all->len; i++)
    {
      StrataEntitlement *e = g_ptr_array_index (self->all, i);
      const StrataEntitlementStage *s = strata_entitlements_lookup_stage (self, e->stage_id);
      g_autofree char *levels = NULL;
      g_autofree char *cost = cost_text (e->cost);
      GString *shown_levels = g_string_new (NULL);

      /* Names as the reader reads them, like the page: a seeded name in
       * their language (the key column stays the stable one). */
      for (guint l = 0; e->levels[l]; l++)
        g_string_append_printf (shown_levels, "%s%s", l ? "|" : "",
                                strata_entitlement_display_text (e, e->levels[l]));
      levels = g_string_free (shown_levels, FALSE);
      csv_field (out, s ? strata_entitlement_stage_get_display_label (s) : "", FALSE);
      csv_field (out, e->key, FALSE);
      csv_field (out, strata_entitlement_get_display_label (e), FALSE);
      csv_field (out, strata_entitlement_kind_to_string (e->kind), FALSE);
      csv_field (out, strata_entitlement_display_text (e, e->unit), FALSE);
      csv_field (out, levels, FALSE);
      csv_field (out, e->kind == STRATA_ENTITLEMENT_NUMBER
                      ? (e->higher_is_better ? "higher" : "lower") : "", FALSE);
      for (guint t = 0; t < self->tiers->len; t++)
        {
          StrataEntitlementTier *tier = g_ptr_array_index (self->tiers, t);
          csv_field (out, export_value (e, strata_entitlements_get_value (self, e->id, tier->id)),
                     FALSE);
        }
      csv_field (out, cost, TRUE);
    }
  return g_string_free (out, FALSE);
}

static void
add_json_value (JsonBuilder             *b,
                const StrataEntitlement *e,
                const char              *value)
{
  if (value == NULL)
    json_builder_add_null_value (b);
  else if (e->kind == STRATA_ENTITLEMENT_INCLUDED)
    json_builder_add_boolean_value (b, g_str_equal (value, "1"));
  else if (e->kind == STRATA_ENTITLEMENT_NUMBER)
    json_builder_add_double_value (b, g_ascii_strtod (value, NULL));
  else
    json_builder_add_string_value (b, strata_entitlement_display_text (e, value));
}

JsonNode *
strata_entitlements_to_json (StrataEntitlements *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "tiers");
  json_builder_begin_array (b);
  for (guint t = 0; t < self->tiers->len; t++)
    {
      StrataEntitlementTier *tier = g_ptr_array_index (self->tiers, t);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, tier->id);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, tier->label);
      json_builder_set_member_name (b, "cost_per_customer");
      json_builder_add_double_value (b, strata_entitlements_cost_per_customer (self, tier->id));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "stages");
  json_builder_begin_array (b);
  for (guint s = 0; s < self->stages->len; s++)
    {
      StrataEntitlementStage *stage = g_ptr_array_index (self->stages, s);
      g_autoptr(GPtrArray) in_stage = strata_entitlements_get_in_stage (self, stage->id);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, stage->key);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, strata_entitlement_stage_get_display_label (stage));
      json_builder_set_member_name (b, "entitlements");
      json_builder_begin_array (b);
      for (guint i = 0; i < in_stage->len; i++)
        {
          StrataEntitlement *e = g_ptr_array_index (in_stage, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, e->key);
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, strata_entitlement_get_display_label (e));
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, strata_entitlement_kind_to_string (e->kind));
          json_builder_set_member_name (b, "unit");
          json_builder_add_string_value (b, strata_entitlement_display_text (e, e->unit));
          if (e->kind == STRATA_ENTITLEMENT_LEVEL)
            {
              json_builder_set_member_name (b, "levels");
              json_builder_begin_array (b);
              for (guint l = 0; e->levels[l]; l++)
                json_builder_add_string_value (b, strata_entitlement_display_text (e, e->levels[l]));
              json_builder_end_array (b);
            }
          if (e->kind == STRATA_ENTITLEMENT_NUMBER)
            {
              json_builder_set_member_name (b, "higher_is_better");
              json_builder_add_boolean_value (b, e->higher_is_better);
            }
          json_builder_set_member_name (b, "cost_per_customer");
          if (isnan (e->cost))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, e->cost);
          json_builder_set_member_name (b, "values");
          json_builder_begin_object (b);
          for (guint t = 0; t < self->tiers->len; t++)
            {
              StrataEntitlementTier *tier = g_ptr_array_index (self->tiers, t);

              json_builder_set_member_name (b, tier->id);
              add_json_value (b, e, strata_entitlements_get_value (self, e->id, tier->id));
            }
          json_builder_end_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

gboolean
strata_entitlements_export_csv (StrataEntitlements  *self,
                                GFile               *file,
                                GError             **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (STRATA_IS_ENTITLEMENTS (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  csv = strata_entitlements_to_csv (self);
  /* replace_contents writes a temporary file and renames it: a failed export
   * never leaves half a file where the user's old one was. */
  if (!g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_prefix_error (error, _("Cannot export the entitlements to “%s”: "), name);
      return FALSE;
    }
  return TRUE;
}
