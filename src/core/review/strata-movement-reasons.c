/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Why a customer moved between tiers: the metrics the rules read that
 * changed (their values as people read them), the bands and items that
 * changed with them, an override, or the rules themselves. The movement
 * keeps these as facts (StrataReason) and a reason's line is formatted only
 * when something shows it: a million customers' lines were over 100 MB.
 * The counting is strata-movement.c. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>

#include "strata-format.h"
#include "strata-movement.h"
#include "strata-movement-private.h"

void
strata_reason_book_init (StrataReasonBook  *book,
                         const StrataRules *from_rules,
                         const StrataRules *to_rules,
                         GHashTable        *metrics,
                         const char        *to_name,
                         GPtrArray         *tiers)
{
  book->facts = g_array_new (FALSE, TRUE, sizeof (StrataReason));
  book->from_rules = from_rules ? strata_rules_copy (from_rules) : NULL;
  book->to_rules = to_rules ? strata_rules_copy (to_rules) : NULL;
  book->metrics = metrics ? g_hash_table_ref (metrics) : NULL;
  book->to_name = to_name;
  book->tiers = tiers;
  book->details = g_ptr_array_new ();
  book->strings = g_string_chunk_new (1024);
}

void
strata_reason_book_clear (StrataReasonBook *book)
{
  g_clear_pointer (&book->facts, g_array_unref);
  g_clear_pointer (&book->from_rules, strata_rules_free);
  g_clear_pointer (&book->to_rules, strata_rules_free);
  g_clear_pointer (&book->metrics, g_hash_table_unref);
  g_clear_pointer (&book->details, g_ptr_array_unref);
  g_clear_pointer (&book->strings, g_string_chunk_free);
}

/* Value formatting ------------------------------------------------------- */

/* A metric value with every digit: grouped integer, else 2 decimals. */
static char *
format_full (StrataMetricKind kind,
             double           value)
{
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

/* The rule: an amount is a money metric (the Customers page's order amount
 * column, the one figure it writes as 万/亿); with myriad grouping it reads
 * as that column writes it, everything else (and every language without it) in full. */
static gboolean
reads_compact (StrataMetricKind          kind,
               const StrataNumberFormat *fmt,
               double                    value)
{
  return kind == STRATA_METRIC_MONEY && fmt->myriad && isfinite (value);
}

char *
strata_movement_format_value (const StrataReviewMetric *metric,
                              double                    value)
{
  StrataMetricKind kind = metric ? metric->kind : STRATA_METRIC_NUMBER;
  const StrataNumberFormat *fmt = strata_number_format_get_default ();

  if (reads_compact (kind, fmt, value))
    return strata_format_compact (fmt, value);
  return format_full (kind, value);
}

char *
strata_movement_format_value_full (const StrataReviewMetric *metric,
                                   double                    value)
{
  return format_full (metric ? metric->kind : STRATA_METRIC_NUMBER, value);
}

/* Compact loses digits ("281万" is 2,805,300 and 2,806,000): where the two
 * values of a change would read alike, both get the decimals that tell
 * them apart, and failing that (a difference below what nine decimals of
 * 万亿 show) every digit. */
void
strata_movement_format_change (const StrataReviewMetric  *metric,
                               double                     old_value,
                               double                     new_value,
                               char                     **old_text,
                               char                     **new_text)
{
  StrataMetricKind kind = metric ? metric->kind : STRATA_METRIC_NUMBER;
  const StrataNumberFormat *fmt = strata_number_format_get_default ();

  g_return_if_fail (old_text != NULL && new_text != NULL);

  *old_text = strata_movement_format_value (metric, old_value);
  *new_text = strata_movement_format_value (metric, new_value);
  if (!reads_compact (kind, fmt, old_value) || !reads_compact (kind, fmt, new_value) ||
      old_value == new_value)
    return;
  for (int extra = 1; extra <= 9 && g_str_equal (*old_text, *new_text); extra++)
    {
      g_free (*old_text);
      g_free (*new_text);
      *old_text = strata_format_compact_digits (fmt, old_value, extra);
      *new_text = strata_format_compact_digits (fmt, new_value, extra);
    }
  if (g_str_equal (*old_text, *new_text))
    {
      g_free (*old_text);
      g_free (*new_text);
      *old_text = format_full (kind, old_value);
      *new_text = format_full (kind, new_value);
    }
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

static StrataReason *
add_fact (GArray           *facts,
          StrataReasonBook *book,
          StrataReasonKind  kind,
          const char       *key,
          double            old_value,
          double            new_value)
{
  StrataReason reason = { 0, };

  reason.kind = kind;
  reason.key = key ? g_string_chunk_insert_const (book->strings, key) : NULL;
  reason.old_value = old_value;
  reason.new_value = new_value;
  g_array_append_val (facts, reason);
  return &g_array_index (facts, StrataReason, facts->len - 1);
}

/* A band as kept: any band outside the indicator's reads "no band". */
static gint16
band_ref (const StrataIndicator *indicator,
          int                    band)
{
  return band >= 0 && (guint) band < indicator->bands->len && band <= G_MAXINT16 ? band : -1;
}

void
strata_reason_book_add_presence (StrataReasonBook *book,
                                 StrataMover      *mover,
                                 guint             tier,
                                 double            old_score,
                                 double            new_score)
{
  StrataReason *r;

  mover->book = book;
  mover->first_reason = book->facts->len;
  r = add_fact (book->facts, book, STRATA_REASON_PRESENCE, NULL, old_score, new_score);
  r->ref_from = tier;
  r->ref_to = mover->kind == STRATA_MOVE_NEW;
  mover->n_reasons = 1;
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
 * override; and when none of that explains it, the rules themselves. Only
 * facts are kept; format_reason() makes each line from them. */
void
strata_reason_book_explain_move (StrataReasonBook    *book,
                                 StrataMover         *mover,
                                 StrataPeriodResults *from,
                                 guint                from_row,
                                 StrataPeriodResults *to,
                                 guint                to_row)
{
  GArray *facts = book->facts;
  g_autoptr(GArray) metric_facts = g_array_new (FALSE, TRUE, sizeof (StrataReason));
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(StrataReceipt) ra = strata_engine_explain (from->rules, from->data, from_row, NULL);
  g_autoptr(StrataReceipt) rb = strata_engine_explain (to->rules, to->data, to_row, NULL);
  const StrataRules *both[] = { to->rules, from->rules };
  guint first = facts->len;
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

      if (!same_value (a, b))
        add_fact (metric_facts, book, STRATA_REASON_METRIC, key, a, b);
    }

  if (ra != NULL && rb != NULL)
    {
      /* The receipts' indicators and items are the rules' own, in order. */
      for (guint i = 0; i < rb->indicators->len; i++)
        {
          const StrataReceiptIndicator *ib = &g_array_index (rb->indicators, StrataReceiptIndicator, i);

          for (guint j = 0; j < ra->indicators->len; j++)
            {
              const StrataReceiptIndicator *ia = &g_array_index (ra->indicators,
                                                                 StrataReceiptIndicator, j);
              g_autofree char *ba = NULL;
              g_autofree char *bb = NULL;

              if (g_strcmp0 (ia->indicator->metric, ib->indicator->metric) != 0)
                continue;
              ba = band_text (ia->indicator, ia->band);
              bb = band_text (ib->indicator, ib->band);
              if (ia->points != ib->points || g_strcmp0 (ba, bb) != 0)
                {
                  StrataReason *r = add_fact (facts, book, STRATA_REASON_BAND, ib->indicator->metric,
                                              ia->points, ib->points);
                  r->ref_from = j;
                  r->ref_to = i;
                  r->band_from = band_ref (ia->indicator, ia->band);
                  r->band_to = band_ref (ib->indicator, ib->band);
                }
            }
        }

      /* Items, matched by id in both rule sets. */
      for (guint i = 0; i < rb->adjustments->len; i++)
        {
          const StrataReceiptAdjustment *jb = &g_array_index (rb->adjustments,
                                                              StrataReceiptAdjustment, i);
          const StrataReceiptAdjustment *ja = find_receipt_adjustment (ra, jb->adjustment->id);
          gboolean was = ja != NULL && ja->applied;
          StrataReason *r = NULL;

          if (jb->applied && !was)
            r = add_fact (facts, book, STRATA_REASON_ITEM_STARTED, jb->adjustment->id, NAN, jb->points);
          else if (!jb->applied && was)
            r = add_fact (facts, book, STRATA_REASON_ITEM_STOPPED, jb->adjustment->id, ja->points, NAN);
          else if (jb->applied && was && ja->points != jb->points)
            {
              r = add_fact (facts, book, STRATA_REASON_ITEM_STARTED, jb->adjustment->id, ja->points, jb->points);
              r->band_from = 1;
            }
          if (r != NULL)
            {
              r->ref_from = G_MAXUINT16;
              r->ref_to = i;
            }
        }
      for (guint i = 0; i < ra->adjustments->len; i++)
        {
          const StrataReceiptAdjustment *ja = &g_array_index (ra->adjustments,
                                                              StrataReceiptAdjustment, i);
          if (ja->applied && find_receipt_adjustment (rb, ja->adjustment->id) == NULL)
            {
              StrataReason *r = add_fact (facts, book, STRATA_REASON_ITEM_STOPPED,
                                          ja->adjustment->id, ja->points, NAN);
              r->ref_from = i;
              r->ref_to = G_MAXUINT16;
            }
        }

      if (ra->has_override != rb->has_override ||
          (ra->has_override && g_strcmp0 (ra->override_tier_id, rb->override_tier_id) != 0))
        {
          if (rb->has_override)
            {
              StrataReason *r = add_fact (facts, book, STRATA_REASON_OVERRIDE,
                                          rb->override_tier_id, NAN, NAN);
              g_ptr_array_add (book->details, rb->override_reason
                               ? g_string_chunk_insert_const (book->strings, rb->override_reason)
                               : NULL);
              r->detail = book->details->len;
            }
          else
            add_fact (facts, book, STRATA_REASON_OVERRIDE, ra->override_tier_id, NAN, NAN);
        }
    }

  /* Bands, items and overrides say why; the raw values follow. */
  data_reasons = facts->len - first;
  g_array_append_vals (facts, metric_facts->data, metric_facts->len);
  if (data_reasons == 0 && !strata_rules_equal (from->rules, to->rules))
    {
      if (from->version > 0 && to->version > 0 && from->version != to->version)
        add_fact (facts, book, STRATA_REASON_RULES, NULL, from->version, to->version);
      else
        add_fact (facts, book, STRATA_REASON_RULES, NULL, NAN, NAN);
    }
  mover->book = book;
  mover->first_reason = first;
  mover->n_reasons = facts->len - first;
}

static const char *
item_label (const StrataReasonBook *book,
            const StrataReason     *r)
{
  const StrataAdjustment *adjustment = r->ref_to != G_MAXUINT16
                                       ? book->to_rules->adjustments->pdata[r->ref_to]
                                       : book->from_rules->adjustments->pdata[r->ref_from];

  return strata_adjustment_get_display_label (adjustment);
}

/* full: every digit of a metric's values, for an export's data; else as
 * people read them on the page. */
static char *
format_reason (const StrataReasonBook *book,
               const StrataReason     *r,
               gboolean                full)
{
  GHashTable *metrics = book->metrics;

  switch (r->kind)
    {
    case STRATA_REASON_METRIC:
      {
        const StrataReviewMetric *metric = metrics ? g_hash_table_lookup (metrics, r->key) : NULL;
        g_autofree char *ta = NULL;
        g_autofree char *tb = NULL;

        if (full)
          {
            ta = strata_movement_format_value_full (metric, r->old_value);
            tb = strata_movement_format_value_full (metric, r->new_value);
          }
        else
          strata_movement_format_change (metric, r->old_value, r->new_value, &ta, &tb);

        /* Translators: a metric's change, e.g. "Annual order amount: 800,000 → 1,200,000" */
        return g_strdup_printf (_("%s: %s → %s"), metric_label (metrics, r->key), ta, tb);
      }
    case STRATA_REASON_BAND:
      {
        g_autofree char *ba = band_text (book->from_rules->indicators->pdata[r->ref_from], r->band_from);
        g_autofree char *bb = band_text (book->to_rules->indicators->pdata[r->ref_to], r->band_to);
        g_autofree char *pa = strata_format_number (r->old_value);
        g_autofree char *pb = strata_format_number (r->new_value);

        /* Translators: "Annual order amount band [500,000, 1,000,000) → [1,000,000, 3,000,000) (10 → 20 points)" */
        return g_strdup_printf (_("%s band %s → %s (%s → %s points)"),
                                metric_label (metrics, r->key), ba, bb, pa, pb);
      }
    case STRATA_REASON_ITEM_STARTED:
      if (r->band_from == 1)
        {
          g_autofree char *pa = signed_points (r->old_value);
          g_autofree char *pb = signed_points (r->new_value);

          /* Translators: an item that applies in both periods with other points: "Referrals: +5 → +15" */
          return g_strdup_printf (_("%s: %s → %s"), item_label (book, r), pa, pb);
        }
      else
        {
          g_autofree char *p = signed_points (r->new_value);

          /* Translators: "Started applying: High growth potential (+10)" */
          return g_strdup_printf (_("Started applying: %s (%s)"), item_label (book, r), p);
        }
    case STRATA_REASON_ITEM_STOPPED:
      {
        g_autofree char *p = signed_points (r->old_value);

        /* Translators: "Stopped applying: Overdue invoices (-10)" */
        return g_strdup_printf (_("Stopped applying: %s (%s)"), item_label (book, r), p);
      }
    case STRATA_REASON_OVERRIDE:
      if (r->detail > 0)
        /* Translators: "Manual override to B: strategic partner" */
        return g_strdup_printf (_("Manual override to %s: %s"), r->key,
                                (const char *) book->details->pdata[r->detail - 1]);
      return g_strdup_printf (_("Manual override to %s removed"), r->key);
    case STRATA_REASON_RULES:
      if (!isnan (r->old_value))
        /* Translators: a tier move caused by the rules, not the data: "Rules changed (version 2 → 3)" */
        return g_strdup_printf (_("Rules changed (version %d → %d)"),
                                (int) r->old_value, (int) r->new_value);
      return g_strdup (_("Rules changed"));
    case STRATA_REASON_PRESENCE:
      if (r->ref_to)
        {
          g_autofree char *score = strata_format_number (r->new_value);

          /* Translators: a new customer: "New in 2026-Q3 with score 47" */
          return g_strdup_printf (_("New in %s with score %s"), book->to_name, score);
        }
      else
        {
          g_autofree char *score = strata_format_number (r->old_value);
          const StrataMovementTier *tier = book->tiers->pdata[r->ref_from];

          /* Translators: a lost customer: "Not in 2026-Q4; was B with score 62" */
          return g_strdup_printf (_("Not in %s; was %s with score %s"), book->to_name,
                                  tier->id, score);
        }
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

guint
strata_mover_get_n_reasons (const StrataMover *mover)
{
  g_return_val_if_fail (mover != NULL, 0);

  return mover->n_reasons;
}

const StrataReason *
strata_mover_get_reason (const StrataMover *mover,
                         guint              index)
{
  g_return_val_if_fail (mover != NULL && index < mover->n_reasons, NULL);

  return &g_array_index (mover->book->facts, StrataReason, mover->first_reason + index);
}

char *
strata_mover_format_reason (const StrataMover *mover,
                            guint              index)
{
  g_return_val_if_fail (mover != NULL && index < mover->n_reasons, NULL);

  return format_reason (mover->book, strata_mover_get_reason (mover, index), FALSE);
}

char *
strata_mover_format_reason_full (const StrataMover *mover,
                                 guint              index)
{
  g_return_val_if_fail (mover != NULL && index < mover->n_reasons, NULL);

  return format_reason (mover->book, strata_mover_get_reason (mover, index), TRUE);
}

static char *
describe_reasons (const StrataMover *mover,
                  const char        *separator,
                  gboolean           full)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < mover->n_reasons; i++)
    {
      g_autofree char *text = format_reason (mover->book, strata_mover_get_reason (mover, i), full);
      if (i > 0)
        g_string_append (s, separator);
      g_string_append (s, text);
    }
  return g_string_free (s, FALSE);
}

char *
strata_mover_describe_reasons (const StrataMover *mover,
                               const char        *separator)
{
  g_return_val_if_fail (mover != NULL, NULL);

  return describe_reasons (mover, separator, FALSE);
}

char *
strata_mover_describe_reasons_full (const StrataMover *mover,
                                    const char        *separator)
{
  g_return_val_if_fail (mover != NULL, NULL);

  return describe_reasons (mover, separator, TRUE);
}
