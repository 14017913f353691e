/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built-in metrics (seeded once, idempotent), StrataMetricList: lookups by
 * key and by every label, localized labels, creation, precise reloads. */
#include <glib/gstdio.h>
#include <string.h>

#include "strata-metric-list.h"
#include "strata-seed.h"
#include "workspace-test-util.h"
#include "strata-metric-list-private.h"

typedef TestWorkspace Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_workspace_setup (f, "strata-metric", "m.strata");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_workspace_teardown (f);
}

static void
test_builtin_idempotent (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 audits;

  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM metrics WHERE builtin = 1"), ==, 14);
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM metrics WHERE key = 'order_amount'"
                                 " AND kind = 'money' AND label = 'Annual order amount'"
                                 " AND label_zh_cn = '年度订单金额'"
                                 " AND label_zh_tw = '年度訂單金額'"), ==, 1);
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM metrics WHERE key = 'last_order_date'"
                                 " AND kind = 'date'"), ==, 1);
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM metrics WHERE kind = 'boolean'"), ==, 2);
  audits = test_query_int (f->ws, "SELECT COUNT (*) FROM audit_log");

  /* A user relabels a metric: ensuring again must keep that. */
  g_assert_true (strata_workspace_exec (f->ws, "UPDATE metrics SET label = 'Revenue'"
                                               " WHERE key = 'order_amount'", &error));
  g_assert_true (strata_metrics_ensure_builtin (f->ws, &error));
  g_assert_no_error (error);
  g_assert_true (strata_metrics_ensure_builtin (f->ws, &error));
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM metrics"), ==, 14);
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM metrics WHERE label = 'Revenue'"), ==, 1);
  /* Nothing inserted, nothing audited. */
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM audit_log"), ==, audits);

  /* A missing one comes back. */
  g_assert_true (strata_workspace_exec (f->ws, "DELETE FROM metrics WHERE key = 'login_days'",
                                        &error));
  g_assert_true (strata_metrics_ensure_builtin (f->ws, &error));
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM metrics"), ==, 14);
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM audit_log"), ==, audits + 1);
}

static void
test_lookup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(StrataMetricList) list = strata_metric_list_new (f->ws);
  StrataMetric *m;
  const struct { const char *text; const char *key; } cases[] = {
    { "order_amount", "order_amount" },
    { "  ORDER_AMOUNT ", "order_amount" },
    { "Annual order amount", "order_amount" },
    { "annual ORDER amount\t", "order_amount" },
    { "年度订单金额", "order_amount" },
    { " 年度訂單金額 ", "order_amount" },
    { "转介绍客户数", "referrals" },
    { "轉介紹客戶數", "referrals" },
    { "Qualified products listed", "listed_products" },
    { "合格上架產品數", "listed_products" },
    { "登入天數", "login_days" },
    { "登录天数", "login_days" },
    { "上市公司", "listed_company" },
    { "最後下單日期", "last_order_date" },
  };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 14);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == STRATA_TYPE_METRIC);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      m = strata_metric_list_lookup_label (list, cases[i].text);
      g_assert_nonnull (m);
      g_assert_cmpstr (strata_metric_get_key (m), ==, cases[i].key);
    }
  g_assert_null (strata_metric_list_lookup_label (list, "revenue"));
  g_assert_null (strata_metric_list_lookup_label (list, ""));
  g_assert_null (strata_metric_list_lookup_label (list, "   "));
  g_assert_null (strata_metric_list_lookup_key (list, "Annual order amount"));

  m = strata_metric_list_lookup_key (list, "high_growth");
  g_assert_cmpint (strata_metric_get_kind (m), ==, STRATA_METRIC_BOOLEAN);
  g_assert_true (strata_metric_get_builtin (m));
  g_assert_true (strata_metric_list_lookup_id (list, strata_metric_get_id (m)) == m);
  g_assert_cmpint (strata_metric_id_for_key (f->ws, "high_growth", NULL), ==,
                   strata_metric_get_id (m));

  /* The first item is order_amount: the canonical order is kept. */
  {
    g_autoptr(StrataMetric) first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_autoptr(StrataMetric) last = g_list_model_get_item (G_LIST_MODEL (list), 13);

    g_assert_cmpstr (strata_metric_get_key (first), ==, "order_amount");
    g_assert_cmpstr (strata_metric_get_key (last), ==, "last_order_date");
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 14));
  }
}

static void
test_localized (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(StrataMetricList) list = strata_metric_list_new (f->ws);
  StrataMetric *m = strata_metric_list_lookup_key (list, "overdue_invoices");
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpstr (strata_metric_get_localized_label (m), ==, "逾期账单数");
  g_setenv ("LANGUAGE", "zh_TW:zh_CN", TRUE);
  g_assert_cmpstr (strata_metric_get_localized_label (m), ==, "逾期帳單數");
  g_setenv ("LANGUAGE", "zh_HK", TRUE);
  g_assert_cmpstr (strata_metric_get_localized_label (m), ==, "逾期帳單數");
  g_setenv ("LANGUAGE", "de:fr", TRUE);
  g_assert_cmpstr (strata_metric_get_localized_label (m), ==, "Overdue invoices");
  g_setenv ("LANGUAGE", "en_GB:zh_CN", TRUE);
  g_assert_cmpstr (strata_metric_get_localized_label (m), ==, "Overdue invoices");
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "zh_TW.UTF-8", TRUE);
  g_assert_cmpstr (strata_metric_get_localized_label (m), ==, "逾期帳單數");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_cmpstr (strata_metric_get_localized_label (m), ==, "Overdue invoices");
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
}

static void
test_create_and_reload (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(StrataMetricList) list = strata_metric_list_new (f->ws);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataMetric) kept = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_autoptr(StrataMetric) after = NULL;
  TestChanges c;
  StrataMetric *m;

  test_changes_watch (G_LIST_MODEL (list), &c);

  m = strata_metric_list_create (list, "nps", "Net promoter score", "净推荐值", "淨推薦值",
                                 STRATA_METRIC_NUMBER, "", &error);
  g_assert_no_error (error);
  g_assert_nonnull (m);
  g_assert_false (strata_metric_get_builtin (m));
  test_assert_changes (&c, 1, 14, 0, 1);
  g_assert_true (strata_metric_list_lookup_label (list, "淨推薦值") == m);
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM audit_log WHERE action = 'metric.create'"
                                 " AND subject = 'nps'"), ==, 1);

  /* Refusals: bad key, duplicate key, empty label; nothing written. */
  g_assert_null (strata_metric_list_create (list, "Bad Key", "x", NULL, NULL,
                                            STRATA_METRIC_NUMBER, NULL, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Bad Key"));
  g_clear_error (&error);
  g_assert_null (strata_metric_list_create (list, "nps", "again", NULL, NULL,
                                            STRATA_METRIC_NUMBER, NULL, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (strata_metric_list_create (list, "empty", "  ", NULL, NULL,
                                            STRATA_METRIC_NUMBER, NULL, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (c.calls, ==, 1);
  g_assert_cmpint (test_query_int (f->ws, "SELECT COUNT (*) FROM metrics"), ==, 15);

  /* A label edited behind the list's back: only that row is replaced. */
  g_assert_true (strata_workspace_exec (f->ws, "UPDATE metrics SET label = 'Lines of business'"
                                               " WHERE key = 'business_lines'", &error));
  strata_workspace_emit_changed (f->ws, "metrics");
  test_assert_changes (&c, 2, 2, 1, 1);
  after = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_true (after != kept);
  g_assert_cmpstr (strata_metric_get_label (after), ==, "Lines of business");
  g_assert_cmpstr (strata_metric_get_label (kept), ==, "Business lines");

  /* Other changes do not reload; "all" reloads but finds nothing new. */
  strata_workspace_emit_changed (f->ws, "rules");
  strata_workspace_emit_changed (f->ws, "all");
  g_assert_cmpuint (c.calls, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/metric/builtin-idempotent", Fixture, NULL, fixture_setup,
              test_builtin_idempotent, fixture_teardown);
  g_test_add ("/metric/lookup", Fixture, NULL, fixture_setup, test_lookup, fixture_teardown);
  g_test_add ("/metric/localized", Fixture, NULL, fixture_setup, test_localized,
              fixture_teardown);
  g_test_add ("/metric/create-and-reload", Fixture, NULL, fixture_setup,
              test_create_and_reload, fixture_teardown);
  return g_test_run ();
}
