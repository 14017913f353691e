/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Why a customer moved between tiers: the metrics the rules read that
 * changed (their values as people read them), the bands and items that
 * changed with them, an override, or the rules themselves. The counting
 * is strata-movement.c. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>

#include "strata-format.h"
#include "strata-movement.h"
#include "strata-movement-private.h"

void
strata_movement_reason_free (StrataReason *reason)
{
  if (reason == NULL)
    return;
  g_free (reason->key);
  g_free (reason->text);
  g_free (reason);
}

/* Value formatting ------------------------------------------------------- */

char *
strata_movement_format_value (const StrataReviewMetric *metric,
                              double                    value)
{
  StrataMetricKind kind = metric ? metric->kind : STRATA_METRIC_NUMBER;

  if (isnan (value))
    /* Translators: a metric value that is not in the data */
    return g_strdup (_("missing"));
  if (kind == STRATA_METRIC_BOOLEAN)
    return g_strdup (value != 0 ? _("yes") : _("no"));
  if (kind == STRATA_METRIC_DATE)
    {
      g_autoptr(GDateTime) epoch = g_date_time_new_utc (1970, 1, 1, 0, 0, 0);
      g_autoptr(GDateTime) date = g_date_time_add_days (epoch, (int) value);
      return date ? g_date_time_format (date, "%Y-%m-%d") : g_strdup_printf ("%g", value);
    }
  if (value == floor (value) && fabs (value) < 1e15)
    return strata_format_integer (strata_number_format_get_default (), value);
  return strata_format_decimal (strata_number_format_get_default (), value, 2);
}

static const char *
metric_label (GHashTable *metrics,
              const char *key)
{
  const StrataReviewMetric *metric = metrics ? g_hash_table_lookup (metrics, key) : NULL;

  return metric && metric->label[0] ? metric->label : key;
}

static char *
band_text (const StrataIndicator *indicator,
           int                    band)
{
  const StrataBand *b;
  g_autofree char *from = NULL;

  if (band < 0 || (guint) band >= indicator->bands->len)
    /* Translators: a value that falls in no band of an indicator */
    return g_strdup (_("no band"));
  b = &g_array_index (indicator->bands, StrataBand, band);
  /* Compact bounds ("1M", "100万") keep a reason on one line. */
  from = strata_format_compact (strata_number_format_get_default (), b->from);
  if (isinf (b->to))
    return g_strdup_printf ("≥ %s", from);
  else
    {
      g_autofree char *to = strata_format_compact (strata_number_format_get_default (), b->to);
      return g_strdup_printf ("[%s, %s)", from, to);
    }
}

void
strata_movement_add_reason (GPtrArray        *reasons,
                            StrataReasonKind  kind,
                            const char       *key,
                            double            old_value,
                            double            new_value,
                            char             *text)
{
  StrataReason *reason = g_new0 (StrataReason, 1);

  reason->kind = kind;
  reason->key = g_strdup (key);
  reason->old_value = old_value;
  reason->new_value = new_value;
  reason->text = text;
  g_ptr_array_add (reasons, reason);
}

static gboolean
same_value (double a,
            double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static const StrataReceiptAdjustment *
find_receipt_adjustment (const StrataReceipt *receipt,
                         const char          *id)
{
  for (guint i = 0; i < receipt->adjustments->len; i++)
    {
      const StrataReceiptAdjustment *ra = &g_array_index (receipt->adjustments,
                                                          StrataReceiptAdjustment, i);
      if (g_strcmp0 (ra->adjustment->id, id) == 0)
        return ra;
    }
  return NULL;
}

static char *
signed_points (double points)
{
  g_autofree char *n = strata_format_number (points);

  return g_strdup_printf ("%s%s", points > 0 ? "+" : "", n);
}

/* Why a customer present in both periods changed tier: the metrics the
 * rules read that changed, the bands and items that changed with them, an
 * override; and when none of that explains it, the rules themselves. */
GPtrArray *
strata_movement_explain_move (StrataPeriodResults *from,
                              guint                from_row,
                              StrataPeriodResults *to,
                              guint                to_row,
                              GHashTable          *metrics)
{
  GPtrArray *reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_movement_reason_free);
  g_autoptr(GPtrArray) metric_reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_movement_reason_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(StrataReceipt) ra = strata_engine_explain (from->rules, from->data, from_row, NULL);
  g_autoptr(StrataReceipt) rb = strata_engine_explain (to->rules, to->data, to_row, NULL);
  const StrataRules *both[] = { to->rules, from->rules };
  guint data_reasons;

  /* Only the metrics that score: a quadrant axis does not move a tier. */
  for (guint r = 0; r < G_N_ELEMENTS (both); r++)
    {
      for (guint i = 0; i < both[r]->indicators->len; i++)
        {
          const char *key = ((StrataIndicator *) both[r]->indicators->pdata[i])->metric;
          if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
            g_ptr_array_add (keys, (gpointer) key);
        }
      for (guint i = 0; i < both[r]->adjustments->len; i++)
        {
          const char *key = ((StrataAdjustment *) both[r]->adjustments->pdata[i])->metric;
          if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
            g_ptr_array_add (keys, (gpointer) key);
        }
    }

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = keys->pdata[i];
      double a = strata_period_data_get_value (from->data, from_row, key);
      double b = strata_period_data_get_value (to->data, to_row, key);
      const StrataReviewMetric *metric = metrics ? g_hash_table_lookup (metrics, key) : NULL;
      g_autofree char *ta = NULL;
      g_autofree char *tb = NULL;

      if (same_value (a, b))
        continue;
      ta = strata_movement_format_value (metric, a);
      tb = strata_movement_format_value (metric, b);
      strata_movement_add_reason (metric_reasons, STRATA_REASON_METRIC, key, a, b,
                  /* Translators: a metric's change, e.g. "Annual order amount: 800,000 → 1,200,000" */
                  g_strdup_printf (_("%s: %s → %s"), metric_label (metrics, key), ta, tb));
    }

  if (ra != NULL && rb != NULL)
    {
      for (guint i = 0; i < rb->indicators->len; i++)
        {
          const StrataReceiptIndicator *ib = &g_array_index (rb->indicators, StrataReceiptIndicator, i);

          for (guint j = 0; j < ra->indicators->len; j++)
            {
              const StrataReceiptIndicator *ia = &g_array_index (ra->indicators,
                                                                 StrataReceiptIndicator, j);
              g_autofree char *ba = NULL;
              g_autofree char *bb = NULL;
              g_autofree char *pa = NULL;
              g_autofree char *pb = NULL;

              if (g_strcmp0 (ia->indicator->metric, ib->indicator->metric) != 0)
                continue;
              ba = band_text (ia->indicator, ia->band);
              bb = band_text (ib->indicator, ib->band);
              pa = strata_format_number (ia->points);
              pb = strata_format_number (ib->points);
              if (ia->points != ib->points || g_strcmp0 (ba, bb) != 0)
                strata_movement_add_reason (reasons, STRATA_REASON_BAND, ib->indicator->metric,
                            ia->points, ib->points,
                            /* Translators: "Annual order amount band [500,000, 1,000,000) → [1,000,000, 3,000,000) (10 → 20 points)" */
                            g_strdup_printf (_("%s band %s → %s (%s → %s points)"),
                                             metric_label (metrics, ib->indicator->metric),
                                             ba, bb, pa, pb));
            }
        }

      /* Items, matched by id in both rule sets. */
      for (guint i = 0; i < rb->adjustments->len; i++)
        {
          const StrataReceiptAdjustment *jb = &g_array_index (rb->adjustments,
                                                              StrataReceiptAdjustment, i);
          const StrataReceiptAdjustment *ja = find_receipt_adjustment (ra, jb->adjustment->id);
          gboolean was = ja != NULL && ja->applied;

          if (jb->applied && !was)
            {
              g_autofree char *p = signed_points (jb->points);
              strata_movement_add_reason (reasons, STRATA_REASON_ITEM_STARTED, jb->adjustment->id, NAN, jb->points,
                          /* Translators: "Started applying: High growth potential (+10)" */
                          g_strdup_printf (_("Started applying: %s (%s)"), strata_adjustment_get_display_label (jb->adjustment), p));
            }
          else if (!jb->applied && was)
            {
              g_autofree char *p = signed_points (ja->points);
              strata_movement_add_reason (reasons, STRATA_REASON_ITEM_STOPPED, jb->adjustment->id, ja->points, NAN,
                          /* Translators: "Stopped applying: Overdue invoices (-10)" */
                          g_strdup_printf (_("Stopped applying: %s (%s)"), strata_adjustment_get_display_label (jb->adjustment), p));
            }
          else if (jb->applied && was && ja->points != jb->points)
            {
              g_autofree char *pa = signed_points (ja->points);
              g_autofree char *pb = signed_points (jb->points);
              strata_movement_add_reason (reasons, STRATA_REASON_ITEM_STARTED, jb->adjustment->id, ja->points, jb->points,
                          /* Translators: an item that applies in both periods with other points: "Referrals: +5 → +15" */
                          g_strdup_printf (_("%s: %s → %s"), strata_adjustment_get_display_label (jb->adjustment), pa, pb));
            }
        }
      for (guint i = 0; i < ra->adjustments->len; i++)
        {
          const StrataReceiptAdjustment *ja = &g_array_index (ra->adjustments,
                                                              StrataReceiptAdjustment, i);
          if (ja->applied && find_receipt_adjustment (rb, ja->adjustment->id) == NULL)
            {
              g_autofree char *p = signed_points (ja->points);
              strata_movement_add_reason (reasons, STRATA_REASON_ITEM_STOPPED, ja->adjustment->id, ja->points, NAN,
                          g_strdup_printf (_("Stopped applying: %s (%s)"), strata_adjustment_get_display_label (ja->adjustment), p));
            }
        }

      if (ra->has_override != rb->has_override ||
          (ra->has_override && g_strcmp0 (ra->override_tier_id, rb->override_tier_id) != 0))
        {
          if (rb->has_override)
            strata_movement_add_reason (reasons, STRATA_REASON_OVERRIDE, rb->override_tier_id, NAN, NAN,
                        /* Translators: "Manual override to B: strategic partner" */
                        g_strdup_printf (_("Manual override to %s: %s"), rb->override_tier_id,
                                         rb->override_reason));
          else
            strata_movement_add_reason (reasons, STRATA_REASON_OVERRIDE, ra->override_tier_id, NAN, NAN,
                        g_strdup_printf (_("Manual override to %s removed"), ra->override_tier_id));
        }
    }

  /* Bands, items and overrides say why; the raw values follow. */
  data_reasons = reasons->len;
  for (guint i = 0; i < metric_reasons->len; i++)
    g_ptr_array_add (reasons, g_steal_pointer (&metric_reasons->pdata[i]));
  if (data_reasons == 0 && !strata_rules_equal (from->rules, to->rules))
    {
      if (from->version > 0 && to->version > 0 && from->version != to->version)
        strata_movement_add_reason (reasons, STRATA_REASON_RULES, NULL, from->version, to->version,
                    /* Translators: a tier move caused by the rules, not the data: "Rules changed (version 2 → 3)" */
                    g_strdup_printf (_("Rules changed (version %d → %d)"), from->version, to->version));
      else
        strata_movement_add_reason (reasons, STRATA_REASON_RULES, NULL, NAN, NAN, g_strdup (_("Rules changed")));
    }
  return reasons;
}

char *
strata_mover_describe_reasons (const StrataMover *mover,
                               const char        *separator)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (mover != NULL, NULL);

  for (guint i = 0; i < mover->reasons->len; i++)
    {
      const StrataReason *reason = mover->reasons->pdata[i];
      if (i > 0)
        g_string_append (s, separator);
      g_string_append (s, reason->text);
    }
  return g_string_free (s, FALSE);
}
