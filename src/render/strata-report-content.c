/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the report says: read from the workspace once (the review deck, the
 * entitlement matrix, the rules) and turned into blocks of formatted text,
 * tables and charts. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

#include "strata-entitlements.h"
#include "strata-funnel-chart.h"
#include "strata-pareto.h"
#include "strata-pareto-chart.h"
#include "strata-period-summary.h"
#include "strata-report-private.h"
#include "strata-retention-chart.h"
#include "strata-review-charts.h"
#include "strata-review-deck.h"

/* Above this many movers the quadrant chart shows no arrows. */
#define REPORT_MAX_ARROWS 150

typedef struct
{
  GPtrArray                *blocks;
  GPtrArray                *sections;
  const StrataNumberFormat *fmt;
  StrataReviewDeck         *deck;
  StrataPeriodResults      *results;
  const double             *revenue;   /* order_amount of the later period, or NULL */
  gboolean                  alone;     /* no earlier period: nothing moved */
  guint                     top_n;
} Builder;

static ReportBlock *
add_block (Builder         *b,
           ReportBlockKind  kind,
           const char      *text)
{
  return report_append_block (b->blocks, kind, text);
}

static void
add_heading (Builder    *b,
             const char *title,
             int         level)
{
  report_append_heading (b->blocks, b->sections, title, level);
}

static void
add_text (Builder    *b,
          const char *text)
{
  add_block (b, REPORT_BLOCK_TEXT, text);
}

static void
add_chart (Builder     *b,
           StrataChart *chart,
           double       share)
{
  ReportBlock *block = add_block (b, REPORT_BLOCK_CHART, NULL);

  block->chart = chart;
  block->share = share;
}

/* A table: columns given as title, width share, alignment triples,
 * terminated by NULL. */
static ReportBlock *
add_table (Builder    *b,
           guint       lines,
           const char *first_title,
           ...)
{
  ReportBlock *block = report_append_table (b->blocks, lines);
  const char *title = first_title;
  va_list args;

  va_start (args, first_title);
  while (title != NULL)
    {
      double width = va_arg (args, double);
      double align = va_arg (args, double);

      report_table_add_column (block, title, width, align);
      title = va_arg (args, const char *);
    }
  va_end (args);
  return block;
}

/* Appends a row; takes the cells (exactly columns->len of them). */
static void
add_row (ReportBlock *table,
         ...)
{
  char **cells = g_new0 (char *, table->columns->len + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->columns->len; i++)
    {
      char *cell = va_arg (args, char *);
      cells[i] = cell ? cell : g_strdup ("");
    }
  va_end (args);
  g_ptr_array_add (table->rows, cells);
}

static void
add_swatch (ReportBlock *table,
            const char  *colour)
{
  StrataRgba rgba = colour ? strata_rgba_parse (colour) : (StrataRgba) { 0, 0, 0, 0 };

  if (table->swatches == NULL)
    table->swatches = g_array_new (FALSE, TRUE, sizeof (StrataRgba));
  g_array_set_size (table->swatches, table->rows->len - 1);
  g_array_append_val (table->swatches, rgba);
}

static char *
integer (Builder *b,
         double   value)
{
  return strata_format_integer (b->fmt, value);
}

static char *
money (Builder *b,
       double   value)
{
  return isnan (value) ? g_strdup ("—") : strata_format_compact (b->fmt, value);
}

static char *
percent (Builder *b,
         double   part,
         double   whole)
{
  return strata_format_percent (b->fmt, whole > 0 ? part / whole : 0, 1);
}

static char *
tier_name (const StrataTier *tier)
{
  const char *label = strata_tier_get_display_label (tier);

  if (label == NULL || label[0] == '\0' || g_strcmp0 (label, tier->id) == 0)
    return g_strdup (tier->id);
  return g_strdup_printf ("%s · %s", tier->id, label);
}

static const char *
quadrant_name (const StrataRules *rules,
               guint              q)
{
  static const char *letters[] = { "A", "B", "C", "D" };
  const char *label = strata_rules_get_quadrant_label (rules, q);

  return label && label[0] ? label : letters[q];
}

static void
build_summary (Builder *b)
{
  StrataPeriodResults *res = b->results;
  StrataMovement *movement = strata_review_deck_get_movement (b->deck);
  const guint *counts = strata_review_deck_get_tier_counts (b->deck);
  const double *tier_revenue = strata_review_deck_get_tier_revenue (b->deck);
  double revenue = strata_review_deck_get_revenue (b->deck);
  guint n = res->data->n;
  gsize n_top = 0;
  /* The figure the Tiers page's Pareto chart marks. */
  double share = strata_pareto_top_share (b->revenue, n, 0.2, &n_top);
  guint quadrant_counts[STRATA_QUADRANT_D + 1] = { 0, };
  double quadrant_revenue[STRATA_QUADRANT_D + 1] = { 0, };
  GPtrArray *changes = strata_review_deck_get_rule_changes (b->deck);
  g_autofree char *split = strata_review_deck_describe_split (b->deck);
  g_autofree char *n_text = integer (b, n);
  g_autofree char *revenue_text = money (b, revenue);
  g_autofree char *intro = NULL;
  g_autofree char *pareto = NULL;
  g_autofree char *top_text = integer (b, n_top);
  g_autofree char *share_text = strata_format_percent (b->fmt, share, 1);
  ReportBlock *table;
  GString *main_changes;

  add_heading (b, _("Summary"), 0);
  /* Translators: the summary's first line: "2026-Q3: 300 customers, revenue 1.2M". */
  intro = g_strdup_printf (_("%s: %s customers, revenue %s."), res->period_name, n_text, revenue_text);
  add_text (b, intro);

  add_block (b, REPORT_BLOCK_SUBHEADING, _("Customers and revenue per tier"));
  table = add_table (b, 1,
                     _("Tier"), 0.32, 0.0,
                     _("Customers"), 0.17, 1.0,
                     _("Share"), 0.17, 1.0,
                     _("Revenue"), 0.17, 1.0,
                     _("Share of revenue"), 0.17, 1.0, NULL);
  for (guint t = 0; t < res->rules->tiers->len; t++)
    {
      const StrataTier *tier = res->rules->tiers->pdata[t];
      add_row (table, tier_name (tier), integer (b, counts[t]), percent (b, counts[t], n),
               money (b, tier_revenue[t]), percent (b, tier_revenue[t], revenue));
      add_swatch (table, tier->colour);
    }
  add_row (table, g_strdup (_("Total")), integer (b, n), percent (b, n, n),
           money (b, revenue), percent (b, revenue, revenue));
  table->n_bold = 1;

  /* Translators: the 80/20 line: "The top 20% of customers (60) bring 78.5% of the revenue." */
  pareto = g_strdup_printf (_("The top 20%% of customers (%s) bring %s of the revenue."),
                            top_text, share_text);
  add_block (b, REPORT_BLOCK_SUBHEADING, _("Concentration"));
  add_text (b, pareto);

  add_block (b, REPORT_BLOCK_SUBHEADING, _("Movers"));
  if (b->alone)
    add_text (b, _("There is no earlier period to compare with."));
  else
    {
      const char *kinds[STRATA_N_MOVE_KINDS] = {
        [STRATA_MOVE_UP] = _("Upgrades (to a better tier)"),
        [STRATA_MOVE_DOWN] = _("Downgrades (to a lower tier)"),
        [STRATA_MOVE_NEW] = _("New customers"),
        [STRATA_MOVE_LOST] = _("Lost customers"),
      };
      g_autofree char *line = g_strdup_printf (_("Compared with %s:"),
                                               strata_movement_get_from_name (movement));

      add_text (b, line);
      table = add_table (b, 1, _("Move"), 0.5, 0.0, _("Customers"), 0.5, 1.0, NULL);
      for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
        add_row (table, g_strdup (kinds[k]),
                 integer (b, strata_movement_get_movers (movement, k)->len));
    }

  add_block (b, REPORT_BLOCK_SUBHEADING, _("Quadrants"));
  for (guint i = 0; i < n; i++)
    {
      guint q = MIN (res->result->quadrant[i], STRATA_QUADRANT_D);
      quadrant_counts[q]++;
      if (b->revenue && !isnan (b->revenue[i]))
        quadrant_revenue[q] += b->revenue[i];
    }
  table = add_table (b, 1, _("Quadrant"), 0.4, 0.0, _("Customers"), 0.2, 1.0,
                     _("Share"), 0.2, 1.0, _("Revenue"), 0.2, 1.0, NULL);
  for (guint q = STRATA_QUADRANT_A; q <= STRATA_QUADRANT_D; q++)
    add_row (table, g_strdup (quadrant_name (res->rules, q - STRATA_QUADRANT_A)),
             integer (b, quadrant_counts[q]), percent (b, quadrant_counts[q], n),
             money (b, quadrant_revenue[q]));
  if (quadrant_counts[STRATA_QUADRANT_NONE] > 0)
    add_row (table, g_strdup (_("No quadrant (a value is missing)")),
             integer (b, quadrant_counts[STRATA_QUADRANT_NONE]),
             percent (b, quadrant_counts[STRATA_QUADRANT_NONE], n),
             money (b, quadrant_revenue[STRATA_QUADRANT_NONE]));

  add_block (b, REPORT_BLOCK_SUBHEADING, _("Main changes"));
  main_changes = g_string_new (NULL);
  if (split != NULL)
    g_string_append_printf (main_changes, "%s\n", split);
  for (guint i = 0; changes && i < changes->len && i < 8; i++)
    g_string_append_printf (main_changes, "• %s\n", ((StrataRuleChange *) changes->pdata[i])->text);
  if (changes && changes->len > 8)
    {
      g_autofree char *more = integer (b, changes->len - 8);
      /* Translators: after the first rule changes: "… and 3 more rule changes (see the appendix)". */
      g_string_append_printf (main_changes, _("… and %s more rule changes (see the appendix)"), more);
      g_string_append_c (main_changes, '\n');
    }
  if (changes == NULL || changes->len == 0)
    g_string_append_printf (main_changes, "%s\n", _("The rules did not change between the two periods."));
  {
    g_autofree char *from = integer (b, strata_movement_get_movers (movement, STRATA_MOVE_UP)->len);
    g_autofree char *to = integer (b, strata_movement_get_movers (movement, STRATA_MOVE_DOWN)->len);
    /* Translators: "12 customers moved up a tier, 5 moved down." */
    g_string_append_printf (main_changes, _("%s customers moved up a tier, %s moved down."), from, to);
  }
  add_text (b, main_changes->str);
  g_string_free (main_changes, TRUE);
}

static void
build_pyramid (Builder *b)
{
  StrataParetoChart *pareto = strata_pareto_chart_new ();
  StrataParetoData data = { 0, };
  g_autofree double *zeros = NULL;

  add_heading (b, _("Tier pyramid"), 0);
  add_chart (b, STRATA_CHART (strata_review_pyramid_chart (b->deck, TRUE)), 0.48);
  add_block (b, REPORT_BLOCK_SUBHEADING, _("Revenue concentration (80/20)"));
  if (b->revenue == NULL)
    zeros = g_new0 (double, MAX (b->results->data->n, 1));
  data.n_values = b->results->data->n;
  data.values = b->revenue ? b->revenue : zeros;
  data.top_share = 0.2;
  strata_pareto_chart_set_data (pareto, &data);
  add_chart (b, STRATA_CHART (pareto), 0.40);
}

static void
add_movers (Builder        *b,
            StrataMoveKind  kind,
            const char     *title)
{
  StrataMovement *movement = strata_review_deck_get_movement (b->deck);
  GPtrArray *movers = strata_movement_get_movers (movement, kind);
  ReportBlock *table;

  add_block (b, REPORT_BLOCK_SUBHEADING, title);
  if (movers->len == 0)
    {
      add_text (b, _("None."));
      return;
    }
  table = add_table (b, 2, _("Customer"), 0.28, 0.0, _("Move"), 0.12, 0.0,
                     _("Score"), 0.14, 1.0, _("Reasons"), 0.46, 0.0, NULL);
  /* Reasons wrap: the reader sees them whole, not ending in "…". */
  table->max_lines = 12;
  for (guint i = 0; i < movers->len && i < 10; i++)
    {
      const StrataMover *m = movers->pdata[i];
      const StrataMovementTier *from = m->from_tier >= 0 ? strata_movement_get_tier (movement, m->from_tier) : NULL;
      const StrataMovementTier *to = m->to_tier >= 0 ? strata_movement_get_tier (movement, m->to_tier) : NULL;
      g_autofree char *fs = isnan (m->from_score) ? g_strdup ("—") : strata_format_decimal (b->fmt, m->from_score, 0);
      g_autofree char *ts = isnan (m->to_score) ? g_strdup ("—") : strata_format_decimal (b->fmt, m->to_score, 0);

      add_row (table, g_strdup_printf ("%s\n%s", m->name, m->ext_id),
               g_strdup_printf ("%s → %s", from ? from->id : "—", to ? to->id : "—"),
               g_strdup_printf ("%s → %s", fs, ts),
               strata_mover_describe_reasons (m, "; "));
    }
}

static void
build_movement (Builder *b)
{
  StrataMovement *movement = strata_review_deck_get_movement (b->deck);
  g_autofree char *line = NULL;

  add_heading (b, _("Movement"), 0);
  if (b->alone)
    {
      add_text (b, _("There is no earlier period to compare with."));
      return;
    }
  /* Translators: "Tier of every customer in 2026-Q2 (rows) and 2026-Q3 (columns)." */
  line = g_strdup_printf (_("Tier of every customer in %s (rows) and in %s (columns)."),
                          strata_movement_get_from_name (movement), strata_movement_get_to_name (movement));
  add_text (b, line);
  add_chart (b, STRATA_CHART (strata_review_movement_chart (strata_review_deck_get_movement (b->deck))), 0.42);
  add_movers (b, STRATA_MOVE_UP, _("Top upgrades"));
  add_movers (b, STRATA_MOVE_DOWN, _("Top downgrades"));
}

static void
build_quadrant (Builder *b)
{
  StrataPeriodResults *res = b->results;
  guint counts[STRATA_QUADRANT_D + 1] = { 0, };
  ReportBlock *table;

  add_heading (b, _("Quadrants"), 0);
  {
    /* On paper, thousands of arrows are one black cloud over the points. */
    StrataReviewArrows arrows =
      strata_review_count_arrows (b->deck, STRATA_REVIEW_ARROWS_MOVERS, 0) > REPORT_MAX_ARROWS
        ? STRATA_REVIEW_ARROWS_NONE : STRATA_REVIEW_ARROWS_MOVERS;

    add_chart (b, STRATA_CHART (strata_review_quadrant_chart (b->deck, arrows, 0)), 0.55);
  }
  for (guint i = 0; i < res->data->n; i++)
    counts[MIN (res->result->quadrant[i], STRATA_QUADRANT_D)]++;
  table = add_table (b, 2, _("Quadrant"), 0.3, 0.0, _("Customers"), 0.15, 1.0,
                     _("Action"), 0.55, 0.0, NULL);
  for (guint q = 0; q < 4; q++)
    add_row (table, g_strdup (quadrant_name (res->rules, q)),
             integer (b, counts[q + STRATA_QUADRANT_A]),
             g_strdup (strata_rules_get_quadrant_action (res->rules, q)));
}

/* The traffic funnel per quadrant, when the workspace has its metrics. */
static void
build_funnel (Builder *b)
{
  g_autoptr(StrataFunnel) funnel = NULL;
  StrataFunnelChart *chart;
  ReportBlock *table;
  const char *keys[STRATA_FUNNEL_N_STEPS];

  strata_funnel_resolve_keys (b->results->data, keys);
  if (keys[STRATA_FUNNEL_IMPRESSIONS] == NULL || keys[STRATA_FUNNEL_ORDERS] == NULL)
    return;
  funnel = strata_funnel_compute (b->results, STRATA_FUNNEL_BY_QUADRANT);
  add_heading (b, _("Traffic funnel"), 0);
  add_text (b, _("Impressions, clicks, inquiries and orders of each quadrant's customers, with the "
                 "conversion rate at each step. The weakest step is where a quadrant falls furthest "
                 "below the quadrant that converts best."));
  chart = strata_funnel_chart_new ();
  strata_funnel_chart_set_funnel (chart, funnel, b->fmt);
  add_chart (b, STRATA_CHART (chart), 0.40);
  table = add_table (b, 1, _("Quadrant"), 0.22, 0.0, _("Customers"), 0.1, 1.0,
                     strata_funnel_step_label (STRATA_FUNNEL_IMPRESSIONS), 0.14, 1.0,
                     strata_funnel_step_label (STRATA_FUNNEL_CLICKS), 0.14, 1.0,
                     strata_funnel_step_label (STRATA_FUNNEL_INQUIRIES), 0.13, 1.0,
                     strata_funnel_step_label (STRATA_FUNNEL_ORDERS), 0.13, 1.0,
                     _("Weakest step"), 0.14, 0.0, NULL);
  for (guint k = 0; k < funnel->groups->len; k++)
    {
      const StrataFunnelGroup *g = funnel->groups->pdata[k];
      char *cells[STRATA_FUNNEL_N_STEPS];

      for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
        {
          g_autofree char *n = integer (b, g->totals[s]);

          /* A step's total with its conversion rate: "54,489 (2.4%)". */
          if (s > 0 && !isnan (g->rates[s]))
            {
              g_autofree char *r = strata_format_percent (b->fmt, g->rates[s], 1);
              cells[s] = g_strdup_printf ("%s (%s)", n, r);
            }
          else
            cells[s] = g_steal_pointer (&n);
        }
      add_row (table,
               g_str_equal (g->group, "none") ? g_strdup (g->label)
                                               : g_strdup_printf ("%s · %s", g->group, g->label),
               integer (b, g->customers), cells[0], cells[1], cells[2], cells[3],
               g_strdup (g->weakest != STRATA_FUNNEL_NO_STEP ? strata_funnel_step_label (g->weakest)
                         : (int) k == funnel->best ? _("(best)") : ""));
    }
}

/* The name of a retention group as the tables give it. */
static char *
retention_group_name (Builder                *b,
                      StrataRetentionGroupBy  by,
                      const char             *id)
{
  const StrataRules *rules = b->results->rules;

  if (by == STRATA_RETENTION_BY_QUADRANT)
    {
      guint q = id[0] >= 'A' && id[0] <= 'D' && id[1] == '\0' ? (guint) (id[0] - 'A') : 4;
      const char *label = q < 4 ? quadrant_name (rules, q) : NULL;

      return label != NULL && g_strcmp0 (label, id) != 0 ? g_strdup_printf ("%s · %s", id, label)
                                                         : g_strdup (id);
    }
  for (guint t = 0; t < rules->tiers->len; t++)
    if (g_strcmp0 (((StrataTier *) rules->tiers->pdata[t])->id, id) == 0)
      return tier_name (rules->tiers->pdata[t]);
  return g_strdup (id);
}

static void
add_retention_table (Builder               *b,
                     const StrataRetention *retention,
                     const char            *group_title)
{
  ReportBlock *table = add_table (b, 1, _("From"), 0.16, 0.0, _("To"), 0.16, 0.0,
                                  group_title, 0.28, 0.0, _("Customers"), 0.14, 1.0,
                                  _("Retained"), 0.14, 1.0, _("Rate"), 0.12, 1.0, NULL);

  for (guint i = 0; i < retention->rows->len; i++)
    {
      const StrataRetentionRow *r = retention->rows->pdata[i];

      if (r->customers == 0)
        continue;
      add_row (table, g_strdup (r->from), g_strdup (r->to),
               retention_group_name (b, retention->by, r->group),
               integer (b, r->customers), integer (b, r->retained),
               strata_format_percent (b->fmt, r->rate, 1));
    }
}

/* Retention per tier and quadrant over every pair of consecutive periods
 * (the deck's, computed once), when there are two periods or more. */
static void
build_retention (Builder *b)
{
  const StrataRetention *by_tier = strata_review_deck_get_retention (b->deck, STRATA_RETENTION_BY_TIER);
  const StrataRetention *by_quadrant = strata_review_deck_get_retention (b->deck,
                                                                         STRATA_RETENTION_BY_QUADRANT);

  if (by_tier->periods->len < 2)
    return;
  add_heading (b, _("Retention"), 0);
  add_text (b, _("The share of each tier's and quadrant's customers in a period that are still "
                 "customers in the next one."));
  add_chart (b, STRATA_CHART (strata_review_retention_chart (b->deck)), 0.40);
  add_block (b, REPORT_BLOCK_SUBHEADING, _("By tier"));
  add_retention_table (b, by_tier, _("Tier"));
  add_block (b, REPORT_BLOCK_SUBHEADING, _("By quadrant"));
  add_retention_table (b, by_quadrant, _("Quadrant"));
}

typedef struct
{
  const double *score;
  guint         row;
} ScoreRow;

static int
compare_score (const void *a,
               const void *b)
{
  const ScoreRow *x = a, *y = b;
  double sx = x->score[x->row], sy = y->score[y->row];

  if (sx != sy)
    return sx < sy ? 1 : -1;
  return (x->row > y->row) - (x->row < y->row);
}

static void
build_tiers (Builder *b)
{
  StrataPeriodResults *res = b->results;
  const StrataPeriodData *pd = res->data;
  const StrataRules *rules = res->rules;
  static const char *letters[] = { "—", "A", "B", "C", "D" };
  g_autofree ScoreRow *rows = g_new (ScoreRow, MAX (pd->n, 1));

  for (guint t = 0; t < rules->tiers->len; t++)
    {
      const StrataTier *tier = rules->tiers->pdata[t];
      g_autofree char *name = tier_name (tier);
      g_autofree char *title = NULL;
      g_autofree char *count_text = NULL;
      g_autofree char *revenue_text = NULL;
      g_autofree char *line = NULL;
      guint n = 0, shown;
      double revenue = 0, rest_revenue = 0;
      ReportBlock *table;

      for (guint i = 0; i < pd->n; i++)
        if (res->result->final_tier[i] == t)
          {
            rows[n].score = res->result->score;
            rows[n].row = i;
            n++;
            if (b->revenue && !isnan (b->revenue[i]))
              revenue += b->revenue[i];
          }
      qsort (rows, n, sizeof (ScoreRow), compare_score);
      shown = MIN (n, b->top_n);

      /* Translators: a section per tier: "Tier A · Strategic". */
      title = g_strdup_printf (_("Tier %s"), name);
      add_heading (b, title, 1);
      count_text = integer (b, n);
      revenue_text = money (b, revenue);
      if (shown < n)
        {
          g_autofree char *shown_text = integer (b, shown);
          /* Translators: "1,234 customers, revenue 1.2M; the 100 best by score are listed." */
          line = g_strdup_printf (_("%s customers, revenue %s; the %s best by score are listed."),
                                  count_text, revenue_text, shown_text);
        }
      else
        line = g_strdup_printf (_("%s customers, revenue %s."), count_text, revenue_text);
      add_text (b, line);
      if (n == 0)
        continue;

      table = add_table (b, 1, "#", 0.07, 1.0, _("ID"), 0.15, 0.0, _("Customer"), 0.40, 0.0,
                         _("Score"), 0.12, 1.0, _("Revenue"), 0.14, 1.0, _("Quadrant"), 0.12, 0.0, NULL);
      g_ptr_array_set_size (table->rows, 0);
      for (guint k = 0; k < n; k++)
        {
          guint i = rows[k].row;
          double r = b->revenue ? b->revenue[i] : NAN;
          if (k >= shown)
            {
              if (!isnan (r))
                rest_revenue += r;
              continue;
            }
          add_row (table, integer (b, k + 1), g_strdup (strata_period_data_get_ext_id (pd, i)), g_strdup (strata_period_data_get_name (pd, i)),
                   strata_format_decimal (b->fmt, res->result->score[i], 1), money (b, r),
                   g_strdup (letters[MIN (res->result->quadrant[i], STRATA_QUADRANT_D)]));
        }
      if (shown < n)
        {
          g_autofree char *rest = integer (b, n - shown);
          /* Translators: the totals line under a summarised tier: "2,345 more customers". */
          add_row (table, NULL, NULL, g_strdup_printf (_("%s more customers"), rest), NULL,
                   money (b, rest_revenue), NULL);
          table->n_bold++;
        }
      add_row (table, NULL, NULL, g_strdup_printf (_("Total: %s customers"), count_text), NULL,
               money (b, revenue), NULL);
      table->n_bold++;
    }
}

static gboolean
build_entitlements (Builder          *b,
                    StrataWorkspace  *workspace,
                    GError          **error)
{
  g_autoptr(StrataEntitlements) m = strata_entitlements_new (workspace, error);
  GPtrArray *tiers;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ReportBlock *table;
  double width;

  if (m == NULL)
    return FALSE;
  tiers = strata_entitlements_get_tiers (m);
  add_heading (b, _("Entitlements"), 0);
  add_text (b, _("What the customers of each tier get, stage by stage."));
  for (guint t = 0; t < tiers->len; t++)
    {
      const StrataEntitlementTier *tier = tiers->pdata[t];
      g_autoptr(GPtrArray) lines = strata_entitlements_list_for_tier (m, tier->id);

      for (guint i = 0; i < lines->len; i++)
        {
          const StrataEntitlementLine *line = lines->pdata[i];
          char *key = g_strdup_printf ("%s\x1f%s", line->stage, line->label);

          if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
            g_ptr_array_add (keys, g_strdup (key));
          g_hash_table_replace (cells, g_strdup_printf ("%s\x1f%s", key, tier->id),
                                g_strdup (line->value));
          g_free (key);
        }
    }
  if (keys->len == 0)
    {
      add_text (b, _("The entitlement matrix is empty."));
      return TRUE;
    }
  table = add_table (b, 2, _("Stage"), 0.16, 0.0, _("Entitlement"), 0.24, 0.0, NULL);
  width = tiers->len ? 0.60 / tiers->len : 0;
  for (guint t = 0; t < tiers->len; t++)
    {
      const StrataEntitlementTier *tier = tiers->pdata[t];
      ReportColumn *column = g_new0 (ReportColumn, 1);
      column->title = g_strdup (tier->id);
      column->width = width;
      g_ptr_array_add (table->columns, column);
    }
  for (guint i = 0; i < keys->len; i++)
    {
      char **cells_row = g_new0 (char *, table->columns->len + 1);
      g_auto(GStrv) parts = g_strsplit (keys->pdata[i], "\x1f", 2);

      /* The stage only where it starts. */
      if (i == 0 || !g_str_has_prefix (keys->pdata[i - 1], parts[0]) ||
          ((const char *) keys->pdata[i - 1])[strlen (parts[0])] != '\x1f')
        cells_row[0] = g_strdup (parts[0]);
      else
        cells_row[0] = g_strdup ("");
      cells_row[1] = g_strdup (parts[1]);
      for (guint t = 0; t < tiers->len; t++)
        {
          const StrataEntitlementTier *tier = tiers->pdata[t];
          g_autofree char *key = g_strdup_printf ("%s\x1f%s", (char *) keys->pdata[i], tier->id);
          const char *value = g_hash_table_lookup (cells, key);
          cells_row[2 + t] = g_strdup (value ? value : "—");
        }
      g_ptr_array_add (table->rows, cells_row);
    }
  return TRUE;
}

static const char *
metric_label (Builder    *b,
              const char *key)
{
  return key ? strata_review_deck_get_metric_label (b->deck, key) : "";
}

static void
build_appendix (Builder *b)
{
  const StrataRules *rules = b->results->rules;
  const StrataQuadrantRules *q = &rules->quadrant;
  ReportBlock *table;
  g_autofree char *line = NULL;

  add_heading (b, _("Appendix: the scoring model"), 0);
  add_text (b, _("A customer's base points are the sum over the base indicators of the weight "
                 "times the points of the band its value falls in; adjustment items add or "
                 "remove points; the score gives the tier; an override wins over the score."));

  add_block (b, REPORT_BLOCK_SUBHEADING, _("Base indicators"));
  table = add_table (b, 1, _("Indicator"), 0.34, 0.0, _("Weight"), 0.12, 1.0,
                     _("From"), 0.2, 1.0, _("To"), 0.2, 1.0, _("Points"), 0.14, 1.0, NULL);
  for (guint i = 0; i < rules->indicators->len; i++)
    {
      const StrataIndicator *ind = rules->indicators->pdata[i];
      for (guint k = 0; k < ind->bands->len; k++)
        {
          const StrataBand *band = &g_array_index (ind->bands, StrataBand, k);
          add_row (table, k == 0 ? g_strdup (metric_label (b, ind->metric)) : NULL,
                   k == 0 ? strata_format_number (ind->weight) : NULL,
                   isinf (band->from) ? g_strdup ("−∞") : strata_format_decimal (b->fmt, band->from, 0),
                   isinf (band->to) ? g_strdup ("∞") : strata_format_decimal (b->fmt, band->to, 0),
                   strata_format_number (band->points));
        }
    }

  add_block (b, REPORT_BLOCK_SUBHEADING, _("Adjustment items"));
  if (rules->adjustments->len == 0)
    add_text (b, _("None."));
  else
    {
      table = add_table (b, 2, _("Item"), 0.28, 0.0, _("Metric"), 0.22, 0.0, _("Condition"), 0.2, 0.0,
                         _("Points"), 0.12, 1.0, _("Cap"), 0.1, 1.0, _("On"), 0.08, 0.0, NULL);
      for (guint i = 0; i < rules->adjustments->len; i++)
        {
          const StrataAdjustment *a = rules->adjustments->pdata[i];
          g_autofree char *pts = strata_format_number (a->points);
          const char *label = strata_adjustment_get_display_label (a);
          add_row (table, g_strdup (label && label[0] ? label : a->id),
                   g_strdup (metric_label (b, a->metric)),
                   strata_condition_describe (a->condition, a->a, a->b),
                   /* Translators: points per unit of the metric, e.g. "2 per unit". */
                   a->per_unit ? g_strdup_printf (_("%s per unit"), pts) : g_strdup (pts),
                   isnan (a->cap) ? g_strdup ("—") : strata_format_number (a->cap),
                   g_strdup (a->enabled ? _("Yes") : _("No")));
        }
    }

  add_block (b, REPORT_BLOCK_SUBHEADING, _("Tiers"));
  table = add_table (b, 1, _("Tier"), 0.5, 0.0, _("Minimum score"), 0.5, 1.0, NULL);
  for (guint t = 0; t < rules->tiers->len; t++)
    {
      const StrataTier *tier = rules->tiers->pdata[t];
      add_row (table, tier_name (tier),
               t + 1 == rules->tiers->len ? g_strdup (_("every lower score"))
                                          : strata_format_number (tier->min_score));
      add_swatch (table, tier->colour);
    }

  add_block (b, REPORT_BLOCK_SUBHEADING, _("Quadrant thresholds"));
  {
    g_autofree char *xt = strata_format_number (q->x_threshold);
    g_autofree char *yt = strata_format_number (q->y_threshold);
    /* Translators: "High: Inquiries ≥ 10 (process) and Revenue ≥ 500000 (result)." */
    line = g_strdup_printf (_("High means %s ≥ %s (process) and %s ≥ %s (result)."),
                            metric_label (b, q->x_metric), xt, metric_label (b, q->y_metric), yt);
    add_text (b, line);
  }
  table = add_table (b, 2, _("Quadrant"), 0.12, 0.0, _("Name"), 0.28, 0.0, _("Action"), 0.6, 0.0, NULL);
  for (guint i = 0; i < 4; i++)
    add_row (table, g_strdup_printf ("%c", 'A' + i), g_strdup (quadrant_name (rules, i)),
             g_strdup (strata_rules_get_quadrant_action (rules, i)));
}

/* The period named, or the latest; compare: the period named, else the
 * one before, else the period itself. */
static gboolean
find_periods (StrataWorkspace           *workspace,
              const StrataReportOptions *options,
              gint64                    *from_id,
              gint64                    *to_id,
              GError                   **error)
{
  g_autoptr(GPtrArray) periods = NULL;

  if (!strata_period_find (workspace, options->period, to_id, NULL, error))
    return FALSE;
  if (options->compare != NULL)
    return strata_period_find (workspace, options->compare, from_id, NULL, error);
  if (!(periods = strata_period_summary_list (workspace, error)))
    return FALSE;
  g_ptr_array_set_free_func (periods, (GDestroyNotify) strata_period_summary_free);
  *from_id = *to_id;
  for (guint i = 1; i < periods->len; i++)
    if (((StrataPeriodSummary *) periods->pdata[i])->id == *to_id)
      *from_id = ((StrataPeriodSummary *) periods->pdata[i - 1])->id;
  return TRUE;
}

gboolean
strata_report_build (StrataWorkspace           *workspace,
                     const StrataReportOptions *options,
                     ReportInfo                *info,
                     GPtrArray                 *blocks,
                     GPtrArray                 *sections,
                     GError                   **error)
{
  g_autoptr(StrataReviewDeck) deck = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  StrataNumberFormat fmt;
  Builder b = { 0, };
  gint64 from_id = 0, to_id = 0;
  const char *language = options->language ? options->language : g_get_language_names ()[0];

  if (!find_periods (workspace, options, &from_id, &to_id, error) ||
      !(deck = strata_review_deck_load (workspace, from_id, to_id, FALSE, error)))
    return FALSE;

  strata_number_format_init_for_language (&fmt, language);
  b.blocks = blocks;
  b.sections = sections;
  b.fmt = &fmt;
  b.deck = deck;
  b.results = strata_review_deck_get_results (deck);
  b.revenue = strata_period_data_get_column (b.results->data, "order_amount");
  b.top_n = options->top_n ? options->top_n : STRATA_REPORT_DEFAULT_TOP_N;

  info->company = g_strdup (strata_review_deck_get_company (deck));
  info->period = g_strdup (b.results->period_name);
  info->compare = g_strdup (strata_movement_get_from_name (strata_review_deck_get_movement (deck)));
  /* Translators: the report's title: "Customer tiers 2026-Q3". */
  info->title = g_strdup_printf (_("Customer tiers %s"), info->period);
  b.alone = from_id == to_id;
  if (b.alone)
    info->subtitle = g_strdup (_("There is no earlier period to compare with."));
  else
    /* Translators: under the title: "Compared with 2026-Q2". */
    info->subtitle = g_strdup_printf (_("Compared with %s"), info->compare);
  info->date = strata_format_date (&fmt, now);
  if (b.results->version > 0)
    /* Translators: the rule set on the title page: "Rule set version 3". */
    info->version = g_strdup_printf (_("Rule set version %d"), b.results->version);
  else
    info->version = g_strdup (_("Rule set not published yet (the current draft)"));
  info->language = g_strdelimit (g_ascii_strdown (language, -1), "_", '-');
  /* Translators: the running header: "Company — 2026-Q3". */
  info->header = g_strdup_printf (_("%s — %s"), info->company, info->period);
  info->contents = g_strdup (_("Contents"));
  /* Translators: the PDF's subject: "Customer tiering of 2026-Q3 compared with 2026-Q2". */
  if (b.alone)
    /* Translators: the PDF's subject: "Customer tiering of 2026-Q3". */
    info->subject = g_strdup_printf (_("Customer tiering of %s"), info->period);
  else
    info->subject = g_strdup_printf (_("Customer tiering of %s compared with %s"),
                                     info->period, info->compare);
  /* Translators: on the title page: "Prepared on 2026-12-02". */
  info->prepared = g_strdup_printf (_("Prepared on %s"), info->date);

  add_block (&b, REPORT_BLOCK_TITLE, NULL);
  add_block (&b, REPORT_BLOCK_TOC, NULL);
  build_summary (&b);
  build_pyramid (&b);
  build_movement (&b);
  build_quadrant (&b);
  build_funnel (&b);
  build_retention (&b);
  add_heading (&b, _("Customers by tier"), 0);
  add_text (&b, _("The customers of each tier by score, best first."));
  build_tiers (&b);
  if (!build_entitlements (&b, workspace, error))
    return FALSE;
  strata_report_build_products (strata_review_deck_get_product_mix (deck), b.fmt, b.top_n,
                                b.blocks, b.sections);
  build_appendix (&b);
  return TRUE;
}
