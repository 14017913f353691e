/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in demo workspace.
 *
 * Every customer gets its own PRNG streams keyed by (seed, customer,
 * period), so a customer's data does not depend on how many customers are
 * generated nor on the order of generation, and a seed gives the same file
 * everywhere. Customers have lasting traits (size, growth trend, payment
 * risk, engagement) from which each quarter's metrics are drawn; the order
 * amount walks from quarter to quarter, so customers cross the point bands
 * of the default rules and move between tiers.
 *
 * Speed: rows are inserted in primary-key order with prepared statements in
 * one transaction, on a file nobody else can see yet (a temporary name), so
 * journaling and syncing can be off during the bulk write. */
#include "config.h"

#include "strata-i18n.h"
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "strata-bulk.h"
#include "strata-demo-funnel.h"
#include "strata-demo-names.h"
#include "strata-demo.h"
#include "strata-metric.h"
#include "strata-period.h"
#include "strata-period-values.h"
#include "strata-prng.h"
#include "strata-seed.h"
#include "strata-demo-products.h"

#define ABSENT 0xff
/* When and by whom the demo was made (see pin_clock). */
#define DEMO_CLOCK "2026-10-01T09:00:00Z"
#define DEMO_AUTHOR "Strata"

typedef struct
{
  double  log_amount;     /* log of the annual order amount */
  float   trend;          /* expected log growth per quarter */
  float   log_products;   /* log of the qualified products listed */
  float   inquiry_rate;   /* monthly inquiries per listed product */
  float   engagement;     /* share of days the customer logs in */
  float   referral_rate;  /* referrals per quarter */
  float   fault_rate;     /* fault tickets per business line per quarter */
  guint8  industry;
  guint8  region;
  guint8  manager;
  guint8  lines;
  guint8  join;           /* first period the customer is in */
  guint8  leave;          /* first period it is gone, or ABSENT */
  guint8  listed : 1;
  guint8  growth : 1;
  guint8  risky : 1;
  guint8  strategic : 1;
} Customer;

/* The metrics the demo fills, in the order a customer's quarter is drawn. */
enum {
  M_ORDER_AMOUNT,
  M_REFERRALS,
  M_BUSINESS_LINES,
  M_HIGH_GROWTH,
  M_LISTED_COMPANY,
  M_OVERDUE_INVOICES,
  M_FAULT_TICKETS,
  M_MONTHLY_INQUIRIES,
  M_LISTED_PRODUCTS,
  M_LOGIN_DAYS,
  M_IMPRESSIONS,  /* the funnel's own three (strata-demo-funnel.c) */
  M_CLICKS,
  M_ORDERS,
  N_DEMO_METRICS
};

G_STATIC_ASSERT (M_CLICKS - M_IMPRESSIONS == DEMO_FUNNEL_CLICKS &&
                 M_ORDERS - M_IMPRESSIONS == DEMO_FUNNEL_ORDERS);

static const char *const metric_keys[N_DEMO_METRICS] = {
  "order_amount", "referrals", "business_lines", "high_growth", "listed_company",
  "overdue_invoices", "fault_tickets", "monthly_inquiries", "listed_products", "login_days",
  "impressions", "clicks", "orders",
};

typedef struct
{
  StrataWorkspace    *ws;
  guint               n;
  guint64             seed;
  guint               n_periods;
  Customer           *customers;
  StrataDemoProgress  progress;
  gpointer            user_data;
  double              work_done;
  double              work_total;
  double              reported;
} Demo;

static void
report (Demo   *demo,
        double  work)
{
  double fraction;

  demo->work_done += work;
  if (demo->progress == NULL)
    return;
  fraction = MIN (1.0, demo->work_done / demo->work_total);
  if (fraction - demo->reported >= 0.01 || fraction >= 1.0)
    {
      demo->reported = fraction;
      demo->progress (fraction, demo->user_data);
    }
}

char *
strata_demo_period_name (guint period_index,
                         guint n_periods)
{
  /* 2026-Q3 is quarter 2 of 2026, counting quarters from year 0. */
  guint last = 2026 * 4 + 2;
  guint q = last - (n_periods - 1 - period_index);

  g_return_val_if_fail (period_index < n_periods, NULL);
  return g_strdup_printf ("%u-Q%u", q / 4, q % 4 + 1);
}

static void
draw_traits (Demo     *demo,
             guint     index,
             Customer *c)
{
  StrataPrng prng;
  gboolean strategic;
  double z, draw;

  strata_prng_init (&prng, demo->seed, index + 1, 0);

  c->industry = demo_pick_weighted (&prng, demo_industry_weights, DEMO_N_INDUSTRIES);
  c->region = demo_pick_weighted (&prng, demo_region_weights, DEMO_N_REGIONS);
  c->manager = c->region * DEMO_MANAGERS_PER_REGION +
               strata_prng_below (&prng, DEMO_MANAGERS_PER_REGION);

  /* Lognormal annual order amount around 1.8M yuan: with sigma 1.5 the
   * top fifth of the customers brings about three quarters of revenue. */
  z = strata_prng_normal (&prng);
  /* A few strategic accounts: big, well connected, growing; they make the
   * top of the pyramid (tier A needs 80 points under the default rules). */
  strategic = strata_prng_chance (&prng, 0.04);
  if (strategic)
    z = MAX (z, 1.2) + 0.4;
  c->log_amount = log (1800000.0) + demo_industry_size_bias[c->industry] + 1.5 * z;
  c->trend = (float) (0.02 + 0.07 * strata_prng_normal (&prng));
  c->growth = strata_prng_chance (&prng, strategic ? 0.8 : 0.22);
  if (c->growth)
    c->trend += 0.10f;
  c->strategic = strategic;
  c->listed = strata_prng_chance (&prng, strategic ? 0.6 : z > 1.2 ? 0.35 : z > 0.3 ? 0.12 : 0.03);
  c->risky = !strategic && strata_prng_chance (&prng, 0.14);
  /* Each draw goes into a variable: MIN/MAX/CLAMP evaluate twice. */
  draw = strata_prng_double (&prng);
  c->lines = (guint8) CLAMP (1 + (int) floor (MAX (z, -1.0) * 1.2 + 3.0 * draw), 1, 8);
  if (strategic)
    c->lines = MAX (c->lines, 4);
  c->log_products = (float) (log (45.0) + 0.75 * strata_prng_normal (&prng));
  c->inquiry_rate = (float) (0.2 * exp (0.7 * strata_prng_normal (&prng) + 0.15 * z));
  draw = strata_prng_double (&prng);
  c->engagement = (float) CLAMP (0.15 + 0.6 * draw + 0.1 * z, 0.0, 1.0);
  c->referral_rate = (float) (strategic ? 3.0 + strata_prng_double (&prng)
                              : strata_prng_chance (&prng, 0.25)
                              ? 1.0 + 0.8 * strata_prng_double (&prng)
                              : 0.15 + 0.6 * MAX (z, 0.0));
  c->fault_rate = (float) (strata_prng_chance (&prng, 0.2)
                           ? 1.2 + strata_prng_double (&prng)   /* on an old data centre */
                           : 0.25 + 0.3 * strata_prng_double (&prng));

  c->join = 0;
  c->leave = ABSENT;
  if (demo->n_periods > 1)
    {
      if (strata_prng_chance (&prng, 0.10))
        c->join = (guint8) (1 + strata_prng_below (&prng, demo->n_periods - 1));
      if (strata_prng_chance (&prng, 0.05))
        {
          guint8 leave = (guint8) (1 + strata_prng_below (&prng, demo->n_periods - 1));
          if (leave > c->join)
            c->leave = leave;
        }
    }
}

/* Draws one quarter of a customer into values[metric]; evolves its state. */
static void
draw_quarter (Demo     *demo,
              guint     index,
              guint     period,
              Customer *c,
              double   *values)
{
  StrataPrng prng;
  double amount, products, mean, login;
  guint referrals;

  strata_prng_init (&prng, demo->seed, index + 1, period + 1);

  if (period > 0)
    {
      c->log_amount += c->trend + 0.10 * strata_prng_normal (&prng);
      /* Now and then a big project is won or lost. */
      if (strata_prng_chance (&prng, 0.05))
        c->log_amount += strata_prng_chance (&prng, 0.5) ? 0.45 : -0.55;
      if (strata_prng_chance (&prng, 0.08) && c->lines < 8)
        c->lines++;
      else if (strata_prng_chance (&prng, 0.03) && c->lines > 1)
        c->lines--;
      /* Strategic accounts keep their growth outlook longer. */
      if (c->growth ? strata_prng_chance (&prng, c->strategic ? 0.06 : 0.2)
                    : strata_prng_chance (&prng, 0.05))
        c->growth = !c->growth;
      if (c->risky ? strata_prng_chance (&prng, 0.35) : strata_prng_chance (&prng, 0.07))
        c->risky = !c->risky;
      c->log_products += (float) (0.03 + 0.08 * strata_prng_normal (&prng));
    }

  amount = MAX (20000.0, round (exp (c->log_amount) / 100.0) * 100.0);
  if (!c->listed && amount >= 3e6 && strata_prng_chance (&prng, 0.03))
    c->listed = TRUE;   /* an IPO */

  products = round (exp (c->log_products));
  mean = products * c->inquiry_rate * exp (0.2 * strata_prng_normal (&prng));

  values[M_ORDER_AMOUNT] = amount;
  referrals = strata_prng_poisson (&prng, c->referral_rate);
  values[M_REFERRALS] = MIN (6, referrals);
  values[M_BUSINESS_LINES] = c->lines;
  values[M_HIGH_GROWTH] = c->growth;
  values[M_LISTED_COMPANY] = c->listed;
  values[M_OVERDUE_INVOICES] = c->risky ? 1 + strata_prng_poisson (&prng, 0.6)
                                        : (strata_prng_chance (&prng, 0.04) ? 1 : 0);
  values[M_FAULT_TICKETS] = strata_prng_poisson (&prng, c->fault_rate * c->lines * 1.5);
  values[M_MONTHLY_INQUIRIES] = mean > 40 ? round (mean) : strata_prng_poisson (&prng, mean);
  values[M_LISTED_PRODUCTS] = products;
  login = round (92 * c->engagement + 6 * strata_prng_normal (&prng));
  values[M_LOGIN_DAYS] = CLAMP (login, 0, 92);
  demo_funnel_draw (demo->seed, index, period, products, values[M_MONTHLY_INQUIRIES],
                    c->engagement, &values[M_IMPRESSIONS]);
}

static gboolean
write_customers (Demo    *demo,
                 GError **error)
{
  g_autoptr(StrataBulk) insert = NULL;
  g_autoptr(StrataBulk) attribute = NULL;
  g_autoptr(GHashTable) used = NULL;
  int width = MAX (6, (int) ceil (log10 ((double) demo->n + 1)));

  insert = strata_bulk_new (demo->ws, "INSERT INTO customers (id, ext_id, name, created_at)", 4, NULL);
  attribute = strata_bulk_new (demo->ws, "INSERT INTO attributes (customer_id, key, value)", 3, NULL);

  /* Distinct names while the word lists allow it; past that, real
   * registers have namesakes too. */
  if (demo->n <= 200000)
    used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < demo->n; i++)
    {
      Customer *c = &demo->customers[i];
      /* In the order of the attributes' primary key. */
      const char *attr_keys[3] = { "account_manager", "industry", "region" };
      const char *attr_values[3];
      StrataPrng prng;
      char ext_id[32];
      g_autofree char *name = NULL;
      gboolean english;

      draw_traits (demo, i, c);

      strata_prng_init (&prng, demo->seed, i + 1, G_MAXUINT32);
      english = c->region == DEMO_REGION_OVERSEAS ||
                (c->region == DEMO_REGION_SOUTH && strata_prng_chance (&prng, 0.2)) ||
                strata_prng_chance (&prng, 0.03);
      for (int attempt = 0; attempt < 12; attempt++)
        {
          g_free (name);
          name = demo_company_name (&prng, c->industry, english, c->listed);
          if (used == NULL || !g_hash_table_contains (used, name))
            break;
        }
      if (used != NULL)
        g_hash_table_add (used, g_strdup (name));

      g_snprintf (ext_id, sizeof ext_id, "C%0*u", width, i + 1);
      strata_bulk_int (insert, i + 1);
      strata_bulk_text_copy (insert, ext_id, -1);
      strata_bulk_text_copy (insert, name, -1);
      strata_bulk_text (insert, "2025-10-01T00:00:00Z");
      if (!strata_bulk_end_row (insert, error))
        return FALSE;

      attr_values[0] = demo_managers[c->manager];
      attr_values[1] = demo_industry_keys[c->industry];
      attr_values[2] = demo_region_names[c->region];
      for (int a = 0; a < 3; a++)
        {
          strata_bulk_int (attribute, i + 1);
          strata_bulk_text (attribute, attr_keys[a]);
          strata_bulk_text (attribute, attr_values[a]);
          if (!strata_bulk_end_row (attribute, error))
            return FALSE;
        }
      if ((i & 1023) == 1023)
        report (demo, 1024);
    }
  report (demo, demo->n & 1023);
  return strata_bulk_flush (insert, error) && strata_bulk_flush (attribute, error);
}

static gboolean
write_period (Demo         *demo,
              guint         period,
              const gint64 *metric_ids,
              const guint  *metric_order,
              double       *values,
              GError      **error)
{
  g_autoptr(StrataPeriod) p = NULL;
  g_autofree char *name = strata_demo_period_name (period, demo->n_periods);
  g_autoptr(StrataBulk) member = NULL;
  g_autoptr(GString) json = g_string_sized_new (256);
  gint64 period_id;
  guint n = demo->n;

  p = strata_period_create (demo->ws, name, NULL, NULL, error);
  if (p == NULL)
    return FALSE;
  period_id = strata_period_get_id (p);

  member = strata_bulk_new (demo->ws, "INSERT INTO period_customers (period_id, customer_id, values_json)",
                            3, NULL);

  /* Draw the whole quarter first (one column per metric), then write a
   * row per customer with all its values. */
  for (guint i = 0; i < n; i++)
    {
      double row[N_DEMO_METRICS];
      Customer *c = &demo->customers[i];
      gboolean here = period >= c->join && period < c->leave;

      draw_quarter (demo, i, period, c, row);
      for (guint m = 0; m < N_DEMO_METRICS; m++)
        values[(gsize) m * n + i] = here ? row[m] : NAN;
    }
  report (demo, n * 0.2);

  for (guint i = 0; i < n; i++)
    {
      StrataMetricValue row[N_DEMO_METRICS];
      guint n_values = 0;

      if (isnan (values[i]))
        continue;
      /* metric_order lists the metrics by id. */
      for (guint k = 0; k < N_DEMO_METRICS; k++)
        {
          guint m = metric_order[k];
          double v = values[(gsize) m * n + i];

          if (!isnan (v))
            row[n_values++] = (StrataMetricValue) { metric_ids[m], v };
        }
      g_string_truncate (json, 0);
      strata_period_values_format (json, row, n_values);
      strata_bulk_int (member, period_id);
      strata_bulk_int (member, i + 1);
      strata_bulk_text_copy (member, json->str, json->len);
      if (!strata_bulk_end_row (member, error))
        return FALSE;
    }
  report (demo, n * 0.38);
  return strata_bulk_flush (member, error) &&
         strata_demo_products_write_period (demo->ws, demo->seed, period, demo->n_periods,
                                            period_id, values + (gsize) M_ORDER_AMOUNT * n, n, error);
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b,
               gpointer      ids)
{
  gint64 x = ((const gint64 *) ids)[*(const guint *) a];
  gint64 y = ((const gint64 *) ids)[*(const guint *) b];

  return (x > y) - (x < y);
}

/* The same seed gives the same file, byte for byte: the rows that the
 * workspace stamps with the clock and the user's name (periods, rule-set
 * versions, audit log) get the demo's own time, the morning after its
 * last quarter, and its own author. The customers are written with theirs. */
static gboolean
pin_clock (Demo    *demo,
           GError **error)
{
  return strata_workspace_exec (demo->ws,
                                "UPDATE periods SET created_at = '" DEMO_CLOCK "';"
                                "UPDATE rulesets SET created_at = '" DEMO_CLOCK "',"
                                "  author = '" DEMO_AUTHOR "',"
                                "  published_at = CASE WHEN published_at IS NULL THEN NULL"
                                "                 ELSE '" DEMO_CLOCK "' END;"
                                "UPDATE audit_log SET at = '" DEMO_CLOCK "', author = '" DEMO_AUTHOR "';",
                                error);
}

static gboolean
fill (Demo    *demo,
      GError **error)
{
  gint64 metric_ids[N_DEMO_METRICS];
  guint metric_order[N_DEMO_METRICS];
  g_autofree double *values = NULL;
  g_autofree char *count = NULL;

  if (!demo_funnel_add_metrics (demo->ws, error))
    return FALSE;
  for (guint m = 0; m < N_DEMO_METRICS; m++)
    {
      metric_ids[m] = strata_metric_id_for_key (demo->ws, metric_keys[m], error);
      if (metric_ids[m] == 0)
        return FALSE;
      metric_order[m] = m;
    }
  g_qsort_with_data (metric_order, N_DEMO_METRICS, sizeof (guint), compare_by_id, metric_ids);

  count = g_strdup_printf ("%u", demo->n);
  if (!strata_workspace_set_meta (demo->ws, "company", "Skyline Cloud Networks 天际云网", error) ||
      !strata_workspace_set_meta (demo->ws, "demo_customers", count, error) ||
      !write_customers (demo, error))
    return FALSE;

  values = g_new (double, (gsize) demo->n * N_DEMO_METRICS);
  for (guint p = 0; p < demo->n_periods; p++)
    if (!write_period (demo, p, metric_ids, metric_order, values, error))
      return FALSE;
  return strata_workspace_audit (demo->ws, "demo.create", "", count, error) &&
         pin_clock (demo, error);
}

static void
remove_with_journals (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (journal);
  g_unlink (path);
}

static gboolean
write_file (Demo        *demo,
            const char  *path,
            GError     **error)
{
  gboolean ok;

  demo->ws = strata_seed_create_workspace (path, error);
  if (demo->ws == NULL)
    return FALSE;

  /* Nobody else can see this file until it is complete, and on failure it
   * is deleted: journaling and syncing would only slow the bulk write.
   * The rows are consistent by construction, so the foreign-key checks
   * (three look-ups per value) are off too (the tests check the result). */
  ok = strata_workspace_exec (demo->ws,
                              "PRAGMA journal_mode = DELETE; PRAGMA journal_mode = OFF;"
                              " PRAGMA synchronous = OFF; PRAGMA cache_size = -131072;"
                              " PRAGMA foreign_keys = OFF;",
                              error) &&
       strata_workspace_begin (demo->ws, error);
  if (ok)
    {
      ok = fill (demo, error);
      if (ok)
        ok = strata_workspace_commit (demo->ws, error);
      else
        strata_workspace_rollback (demo->ws);
    }
  ok = ok && strata_workspace_exec (demo->ws,
                                    "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
                                    " PRAGMA journal_mode = WAL;", error);
  g_clear_object (&demo->ws);
  return ok;
}

gboolean
strata_demo_write (const char          *path,
                   guint                n_customers,
                   guint64              seed,
                   guint                n_periods,
                   StrataDemoFlags      flags,
                   StrataDemoProgress   progress,
                   gpointer             user_data,
                   GError             **error)
{
  g_autofree char *tmp = NULL;
  Demo demo = { 0 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  if (n_customers < 1 || n_customers > STRATA_DEMO_MAX_CUSTOMERS)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("The demo needs between 1 and %u customers, not %u"),
                   STRATA_DEMO_MAX_CUSTOMERS, n_customers);
      return FALSE;
    }
  if (n_periods < 1 || n_periods > STRATA_DEMO_MAX_PERIODS)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("The demo needs between 1 and %u periods, not %u"),
                   STRATA_DEMO_MAX_PERIODS, n_periods);
      return FALSE;
    }
  if (!(flags & STRATA_DEMO_OVERWRITE) && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_EXISTS,
                   _("Cannot create “%s”: the file already exists"), path);
      return FALSE;
    }

  do
    {
      g_free (tmp);
      tmp = g_strdup_printf ("%s.tmp-%08x", path, g_random_int ());
    }
  while (g_file_test (tmp, G_FILE_TEST_EXISTS));

  demo.n = n_customers;
  demo.seed = seed;
  demo.n_periods = n_periods;
  demo.progress = progress;
  demo.user_data = user_data;
  demo.work_total = (double) n_customers * (1.0 + n_periods);
  demo.customers = g_new0 (Customer, n_customers);

  ok = write_file (&demo, tmp, error);
  g_free (demo.customers);
  if (!ok)
    {
      remove_with_journals (tmp);
      /* The temporary file means nothing to the user: name the file. */
      if (error != NULL && g_error_matches (*error, STRATA_WORKSPACE_ERROR,
                                            STRATA_WORKSPACE_ERROR_NO_SPACE))
        {
          g_clear_error (error);
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SPACE,
                       _("Cannot create “%s”: the disk is full. "
                         "Free some space, or write it to another disk"), path);
        }
      return FALSE;
    }

  /* A -wal left next to the old file would be replayed into the new one. */
  if (flags & STRATA_DEMO_OVERWRITE)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_DATABASE,
                   _("Cannot create “%s”: %s"), path, g_strerror (saved));
      remove_with_journals (tmp);
      return FALSE;
    }
  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}
