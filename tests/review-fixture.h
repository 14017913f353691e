/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small workspace for the review tests: two quarters of six customers
 * (see test-movement.c for what each one does), written with plain SQL so
 * that the numbers are visible here. */
#pragma once

#include <glib/gstdio.h>

#include "strata-seed.h"
#include "strata-workspace.h"
#include "workspace-test-util.h"

typedef struct
{
  const char *ext_id;
  const char *name;
  gboolean    in_q1, in_q2;
  double      q1[4];   /* order_amount, referrals, business_lines, high_growth */
  double      q1b[3];  /* listed_company, overdue_invoices, monthly_inquiries */
  double      q2[4];
  double      q2b[3];
} ReviewCustomer;

static const ReviewCustomer review_customers[] = {
  { "C001", "Alpha",   TRUE,  TRUE,  { 500000, 2, 3, 1 },   { 0, 0, 10 }, { 1200000, 2, 3, 1 },  { 0, 0, 20 } },
  { "C002", "Beta",    TRUE,  TRUE,  { 3500000, 0, 0, 0 },  { 1, 0, 0 },  { 3500000, 0, 0, 0 },  { 1, 1, 0 } },
  { "C003", "Gamma",   TRUE,  FALSE, { 100000, 0, 0, 0 },   { 0, 0, 0 },  { 0 },                 { 0 } },
  { "C004", "Delta",   FALSE, TRUE,  { 0 },                 { 0 },        { 12000000, 0, 0, 1 }, { 0, 0, 0 } },
  { "C005", "Epsilon", TRUE,  TRUE,  { 6000000, 0, 3, 0 },  { 0, 0, 0 },  { 6000000, 0, 3, 0 },  { 0, 0, 0 } },
  { "C006", "Zeta",    TRUE,  TRUE,  { 11000000, 3, 0, 1 }, { 1, 0, 0 },  { 11000000, 3, 0, 1 }, { 1, 0, 0 } },
};

/* Creates path with 2026-Q1 (id 1) and 2026-Q2 (id 2). */
static StrataWorkspace *
review_fixture_create (const char *path)
{
  static const char *keys_a[] = { "order_amount", "referrals", "business_lines", "high_growth" };
  static const char *keys_b[] = { "listed_company", "overdue_invoices", "monthly_inquiries" };
  g_autoptr(GError) error = NULL;
  StrataWorkspace *ws = strata_seed_create_workspace (path, &error);

  g_assert_no_error (error);
  /* The built-in metrics, in case the seed does not add them (labels as in
   * the canonical list). */
  test_workspace_exec (ws, "INSERT OR IGNORE INTO metrics (key, label, label_zh_cn, label_zh_tw, kind,"
               " builtin) VALUES"
               " ('order_amount', 'Annual order amount', '年度订单金额', '年度訂單金額', 'money', 1),"
               " ('referrals', 'Referred customers', '转介绍客户数', '轉介紹客戶數', 'count', 1),"
               " ('business_lines', 'Business lines', '业务线数量', '業務線數量', 'count', 1),"
               " ('high_growth', 'High growth potential', '高成长潜力', '高成長潛力', 'boolean', 1),"
               " ('listed_company', 'Listed company', '上市公司', '上市公司', 'boolean', 1),"
               " ('overdue_invoices', 'Overdue invoices', '逾期账单数', '逾期帳單數', 'count', 1),"
               " ('fault_tickets', 'Fault tickets', '故障工单数', '故障工單數', 'count', 1),"
               " ('monthly_inquiries', 'Monthly inquiries', '月询价数', '月詢價數', 'count', 1),"
               " ('listed_products', 'Qualified products listed', '合格上架产品数', '合格上架產品數', 'count', 1),"
               " ('login_days', 'Login days', '登录天数', '登入天數', 'count', 1)");
  test_workspace_exec (ws, "BEGIN;"
               "INSERT INTO periods (id, name, start_date, end_date, position) VALUES"
               " (1, '2026-Q1', '2026-01-01', '2026-03-31', 1),"
               " (2, '2026-Q2', '2026-04-01', '2026-06-30', 2);");
  for (guint i = 0; i < G_N_ELEMENTS (review_customers); i++)
    {
      const ReviewCustomer *c = &review_customers[i];
      g_autofree char *sql = g_strdup_printf ("INSERT INTO customers (id, ext_id, name) "
                                              "VALUES (%u, '%s', '%s')", i + 1, c->ext_id, c->name);
      test_workspace_exec (ws, sql);
      for (int p = 1; p <= 2; p++)
        {
          const double *a = p == 1 ? c->q1 : c->q2;
          const double *b = p == 1 ? c->q1b : c->q2b;
          g_autofree char *pc = NULL;

          if (!(p == 1 ? c->in_q1 : c->in_q2))
            continue;
          pc = g_strdup_printf ("INSERT INTO period_customers (period_id, customer_id) VALUES (%d, %u)", p, i + 1);
          test_workspace_exec (ws, pc);
          for (guint k = 0; k < 4; k++)
            test_workspace_set_value (ws, p, i + 1, keys_a[k], a[k]);
          for (guint k = 0; k < 3; k++)
            test_workspace_set_value (ws, p, i + 1, keys_b[k], b[k]);
          test_workspace_set_value (ws, p, i + 1, "listed_products", 70);
        }
    }
  test_workspace_exec (ws, "COMMIT;");
  return ws;
}
