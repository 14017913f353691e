/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report's "Products by tier" section read back with poppler: on the
 * demo it names the categories and lists the customers on costly products
 * with the largest first; a workspace without product lines has no such
 * section. */
#include "config.h"

#include <string.h>

#include "report-test-util.h"
#include "strata-demo.h"
#include "strata-product-mix.h"
#include "strata-report.h"
#include "workspace-test-util.h"

static char *
write_pdf (const char *ws_path,
           const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);
  StrataReportOptions options = { .paper = STRATA_REPORT_PAPER_A4, .language = "en" };

  g_assert_no_error (error);
  return report_test_write_text (ws, &options, pdf);
}

static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("strata-report-products");
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataProductMix) mix = NULL;
  const StrataProductMigration *first, *second;
  const char *section, *a, *b;

  g_assert_true (strata_demo_write (path, 300, 11, 2, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  mix = strata_product_mix_compute (ws, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mix->migration->len, >=, 2);
  g_clear_object (&ws);

  text = write_pdf (path, pdf);
  /* The heading (after the contents, which list it too). */
  section = strstr (text, "Products by tier");
  g_assert_nonnull (section);
  section = strstr (section + 1, "Products by tier");
  g_assert_nonnull (section);
  g_assert_nonnull (strstr (section, "Cash-flow products"));
  g_assert_nonnull (strstr (section, "Costly to run"));
  g_assert_nonnull (strstr (section, "New-product adoption"));
  g_assert_nonnull (strstr (section, "Migration list"));
  /* The largest on costly products comes first. */
  first = mix->migration->pdata[0];
  second = mix->migration->pdata[1];
  a = strstr (section, first->ext_id);
  b = strstr (section, second->ext_id);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (a < b);
  test_remove_dir (dir);
}

static void
test_without_products (void)
{
  TestWorkspace t;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  test_workspace_setup (&t, "strata-report-products", "plain.strata");
  test_workspace_exec (t.ws, "INSERT INTO periods (name, position) VALUES ('2026-Q3', 1);"
                             "INSERT INTO customers (ext_id, name) VALUES ('K1', 'One');"
                             "INSERT INTO period_customers (period_id, customer_id) VALUES (1, 1);");
  g_clear_object (&t.ws);
  pdf = g_build_filename (t.dir, "plain.pdf", NULL);
  text = write_pdf (t.path, pdf);
  g_assert_nonnull (strstr (text, "Customer tiers 2026-Q3"));
  g_assert_null (strstr (text, "Products by tier"));
  test_workspace_teardown (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report-products/demo", test_demo);
  g_test_add_func ("/report-products/without-products", test_without_products);
  return g_test_run ();
}
