/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the engine's workspace tests: a seeded workspace in a temp dir
 * with a period and customers inserted with SQL. */
#pragma once

#include <glib/gstdio.h>

#include "strata-seed.h"

static const char *engine_test_metrics[] = {
  "order_amount", "referrals", "business_lines", "high_growth", "listed_company",
  "overdue_invoices", "fault_tickets", "monthly_inquiries", "listed_products",
  "login_days", NULL,
};

static inline void
engine_test_exec (StrataWorkspace *ws,
                  const char      *sql)
{
  g_autoptr(GError) error = NULL;

  strata_workspace_exec (ws, sql, &error);
  g_assert_no_error (error);
}

/* Sets a value with SQL. */
static inline void
engine_test_value (StrataWorkspace *ws,
                   gint64           period,
                   gint64           customer,
                   const char      *metric,
                   double           value)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT OR REPLACE INTO metric_values SELECT %" G_GINT64_FORMAT ", id, %" G_GINT64_FORMAT
    ", %.17g FROM metrics WHERE key = '%s'", period, customer, value, metric);

  engine_test_exec (ws, sql);
}

/* A new workspace at dir/name with the built-in metrics (whether or not the
 * seed added them), period 2026-Q2 and 2026-Q3 (latest), and customers:
 * C001 the worked example (500k, 2 referrals, 3 lines, high growth),
 * C002 12M orders, listed, overdue, quadrant A (60, 15),
 * C003 no values at all,
 * C004 not in Q3 (only in Q2). */
static inline StrataWorkspace *
engine_test_workspace (const char *dir,
                       const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  StrataWorkspace *ws = strata_seed_create_workspace (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; engine_test_metrics[i]; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT OR IGNORE INTO metrics (key, label) "
                                              "VALUES ('%s', '%s')",
                                              engine_test_metrics[i], engine_test_metrics[i]);
      engine_test_exec (ws, sql);
    }
  engine_test_exec (ws,
    "INSERT INTO periods (id, name, position) VALUES (1, '2026-Q2', 1), (2, '2026-Q3', 2);"
    "INSERT INTO customers (id, ext_id, name) VALUES (10, 'C001', 'Acme, \"Ltd\"'),"
    "  (20, 'C002', 'Big Co'), (30, 'C003', 'Empty'), (40, 'C004', 'Gone');"
    "INSERT INTO period_customers (period_id, customer_id) VALUES (2, 10), (2, 20), (2, 30), (1, 10), (1, 40);");
  engine_test_value (ws, 2, 10, "order_amount", 500000);
  engine_test_value (ws, 2, 10, "referrals", 2);
  engine_test_value (ws, 2, 10, "business_lines", 3);
  engine_test_value (ws, 2, 10, "high_growth", 1);
  engine_test_value (ws, 2, 20, "order_amount", 12000000);
  engine_test_value (ws, 2, 20, "listed_company", 1);
  engine_test_value (ws, 2, 20, "overdue_invoices", 2);
  engine_test_value (ws, 2, 20, "listed_products", 60);
  engine_test_value (ws, 2, 20, "monthly_inquiries", 15);
  engine_test_value (ws, 1, 10, "order_amount", 3000000);
  return ws;
}
