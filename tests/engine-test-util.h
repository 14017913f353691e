/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the engine's workspace tests: a seeded workspace in a temp dir
 * with a period and customers inserted with SQL. */
#pragma once

#include <glib/gstdio.h>

#include "strata-seed.h"
#include "workspace-test-util.h"

static const char *engine_test_metrics[] = {
  "order_amount", "referrals", "business_lines", "high_growth", "listed_company",
  "overdue_invoices", "fault_tickets", "monthly_inquiries", "listed_products",
  "login_days", NULL,
};

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
      test_workspace_exec (ws, sql);
    }
  test_workspace_exec (ws,
    "INSERT INTO periods (id, name, position) VALUES (1, '2026-Q2', 1), (2, '2026-Q3', 2);"
    "INSERT INTO customers (id, ext_id, name) VALUES (10, 'C001', 'Acme, \"Ltd\"'),"
    "  (20, 'C002', 'Big Co'), (30, 'C003', 'Empty'), (40, 'C004', 'Gone');"
    "INSERT INTO period_customers (period_id, customer_id) VALUES (2, 10), (2, 20), (2, 30), (1, 10), (1, 40);");
  test_workspace_set_value (ws, 2, 10, "order_amount", 500000);
  test_workspace_set_value (ws, 2, 10, "referrals", 2);
  test_workspace_set_value (ws, 2, 10, "business_lines", 3);
  test_workspace_set_value (ws, 2, 10, "high_growth", 1);
  test_workspace_set_value (ws, 2, 20, "order_amount", 12000000);
  test_workspace_set_value (ws, 2, 20, "listed_company", 1);
  test_workspace_set_value (ws, 2, 20, "overdue_invoices", 2);
  test_workspace_set_value (ws, 2, 20, "listed_products", 60);
  test_workspace_set_value (ws, 2, 20, "monthly_inquiries", 15);
  test_workspace_set_value (ws, 1, 10, "order_amount", 3000000);
  return ws;
}
