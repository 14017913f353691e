/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Customers: add, rename, attributes, delete; StrataCustomerList reports
 * each change as the exact row, makes items lazily and shares them, and
 * stays quick on a 100,000-customer demo. */
#include <glib/gstdio.h>
#include <string.h>

#include "strata-customer-list.h"
#include "strata-demo.h"
#include "strata-period.h"
#include "strata-seed.h"

typedef struct
{
  char            *dir;
  char            *path;
  StrataWorkspace *ws;
  gint64           period;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataPeriod) period = NULL;

  f->dir = g_dir_make_tmp ("strata-customer-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "c.strata", NULL);
  f->ws = strata_seed_create_workspace (f->path, &error);
  g_assert_no_error (error);
  period = strata_period_create (f->ws, "2026-Q3", NULL, NULL, &error);
  g_assert_no_error (error);
  f->period = strata_period_get_id (period);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->ws);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
count (StrataWorkspace *ws,
       const char      *sql)
{
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (ws, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *c)
{
  c->calls++;
  c->position = position;
  c->removed = removed;
  c->added = added;
}

static void
assert_changes (Changes *c,
                guint    calls,
                guint    position,
                guint    removed,
                guint    added)
{
  g_assert_cmpuint (c->calls, ==, calls);
  g_assert_cmpuint (c->position, ==, position);
  g_assert_cmpuint (c->removed, ==, removed);
  g_assert_cmpuint (c->added, ==, added);
}

static gint64
add (Fixture    *f,
     const char *ext_id,
     const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = strata_customer_add (f->ws, f->period, ext_id, name, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_precise_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StrataCustomerList) list = NULL;
  g_autoptr(StrataCustomerList) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataCustomer) fifth = NULL;
  g_autoptr(StrataCustomer) again = NULL;
  Changes c = { 0 };
  gint64 ids[10];

  for (int i = 0; i < 10; i++)
    {
      g_autofree char *ext = g_strdup_printf ("K%02d", i);
      g_autofree char *name = g_strdup_printf ("Customer %d", i);
      ids[i] = add (f, ext, name);
    }
  list = strata_customer_list_new (f->ws, f->period);
  all = strata_customer_list_new (f->ws, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &c);
  fifth = g_list_model_get_item (G_LIST_MODEL (list), 5);

  /* A rename in the middle: exactly that row. */
  g_assert_true (strata_customer_rename (f->ws, ids[4], "Renamed Ltd", &error));
  g_assert_no_error (error);
  assert_changes (&c, 1, 4, 1, 1);
  g_assert_cmpstr (strata_customer_list_get_name_at (list, 4), ==, "Renamed Ltd");
  /* Untouched rows keep their objects. */
  again = g_list_model_get_item (G_LIST_MODEL (list), 5);
  g_assert_true (again == fifth);
  g_clear_object (&again);

  /* Renaming to the same name changes nothing. */
  g_assert_true (strata_customer_rename (f->ws, ids[4], " Renamed Ltd ", &error));
  g_assert_cmpuint (c.calls, ==, 1);

  /* A delete in the middle. */
  g_assert_true (strata_customer_delete (f->ws, ids[2], &error));
  g_assert_no_error (error);
  assert_changes (&c, 2, 2, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 9);
  g_assert_cmpint (strata_customer_list_find (list, ids[2]), ==, -1);
  g_assert_cmpint (strata_customer_list_find (list, ids[5]), ==, 4);
  again = g_list_model_get_item (G_LIST_MODEL (list), 4);
  g_assert_true (again == fifth);
  g_clear_object (&again);

  /* An insert in the middle: a row whose id falls between two others. */
  g_assert_true (strata_workspace_exec (f->ws,
                                        "INSERT INTO customers (id, ext_id, name)"
                                        " VALUES (3, 'K02b', 'Inserted');"
                                        "INSERT INTO period_customers (period_id, customer_id) VALUES (1, 3);", &error));
  g_assert_no_error (error);
  strata_workspace_emit_changed (f->ws, "customers");
  assert_changes (&c, 3, 2, 0, 1);
  g_assert_cmpstr (strata_customer_list_get_ext_id_at (list, 2), ==, "K02b");

  /* An append at the end. */
  add (f, "K10", "Customer 10");
  assert_changes (&c, 4, 10, 0, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 11);

  /* A customer of no period: the whole-workspace list only. */
  g_assert_cmpint (strata_customer_add (f->ws, 0, "LOOSE", "Loose Ltd", NULL, &error), >, 0);
  g_assert_cmpuint (c.calls, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 12);

  /* Other kinds of change do not disturb the list. */
  strata_workspace_emit_changed (f->ws, "rules");
  strata_workspace_emit_changed (f->ws, "all");
  g_assert_cmpuint (c.calls, ==, 4);

  /* Switching the period reports the difference. */
  strata_customer_list_set_period_id (list, 0);
  assert_changes (&c, 5, 11, 0, 1);
}

static void
test_writes (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(StrataCustomer) customer = NULL;
  gint64 id;

  g_hash_table_insert (attributes, "industry", "finance");
  g_hash_table_insert (attributes, "region", "华东");
  id = strata_customer_add (f->ws, f->period, " C-1 ", " 上海汇通支付科技有限公司 ", attributes,
                            &error);
  g_assert_no_error (error);
  customer = strata_customer_load (f->ws, id, &error);
  g_assert_cmpstr (strata_customer_get_ext_id (customer), ==, "C-1");
  g_assert_cmpstr (strata_customer_get_name (customer), ==, "上海汇通支付科技有限公司");
  g_assert_cmpstr (strata_customer_get_attribute (customer, "region"), ==, "华东");
  g_assert_null (strata_customer_get_attribute (customer, "account_manager"));
  g_assert_cmpuint (g_hash_table_size (strata_customer_get_attributes (customer)), ==, 2);

  g_assert_true (strata_customer_set_attribute (f->ws, id, "account_manager", "陈静", &error));
  g_assert_true (strata_customer_set_attribute (f->ws, id, "region", NULL, &error));
  g_assert_no_error (error);
  strata_customer_invalidate_attributes (customer);
  g_assert_cmpstr (strata_customer_get_attribute (customer, "account_manager"), ==, "陈静");
  g_assert_null (strata_customer_get_attribute (customer, "region"));

  /* Refusals name the problem; nothing is written. */
  g_assert_cmpint (strata_customer_add (f->ws, f->period, "C-1", "Other", NULL, &error), ==, 0);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "C-1"));
  g_clear_error (&error);
  g_assert_cmpint (strata_customer_add (f->ws, f->period, "  ", "Other", NULL, &error), ==, 0);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (strata_customer_add (f->ws, 999, "C-2", "Other", NULL, &error), ==, 0);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);
  g_clear_error (&error);
  g_assert_false (strata_customer_rename (f->ws, 999, "x", &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);
  g_clear_error (&error);
  g_assert_cmpint (count (f->ws, "SELECT COUNT (*) FROM customers"), ==, 1);

  g_assert_cmpint (count (f->ws, "SELECT COUNT (*) FROM audit_log WHERE subject = 'C-1'"), ==, 3);

  /* A customer in a closed period's results stays. */
  g_assert_true (strata_workspace_exec (f->ws,
                                        "UPDATE periods SET state = 'closed';"
                                        "INSERT INTO period_results VALUES (1, 1, 10, 0, 10,"
                                        " 'E', 'E', NULL, NULL);", &error));
  g_assert_false (strata_customer_delete (f->ws, id, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-Q3"));
  g_clear_error (&error);
  g_assert_cmpint (count (f->ws, "SELECT COUNT (*) FROM customers"), ==, 1);
  g_assert_true (strata_workspace_exec (f->ws, "DELETE FROM period_results;"
                                               "UPDATE periods SET state = 'open'", &error));
  g_assert_true (strata_customer_delete (f->ws, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->ws, "SELECT COUNT (*) FROM customers"), ==, 0);
  g_assert_cmpint (count (f->ws, "SELECT COUNT (*) FROM attributes"), ==, 0);
}

static void
test_large_lazy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-customer-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.strata", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataCustomerList) list = NULL;
  g_autoptr(StrataPeriod) q3 = NULL;
  g_autoptr(StrataCustomer) item = NULL;
  Changes c = { 0 };
  gint64 started, elapsed;
  gint64 id;
  int position;

  g_assert_true (strata_demo_write (path, 100000, 5, 1, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  q3 = strata_period_lookup_name (ws, "2026-Q3", &error);
  g_assert_no_error (error);

  started = g_get_monotonic_time ();
  list = strata_customer_list_new (ws, strata_period_get_id (q3));
  elapsed = g_get_monotonic_time () - started;
  g_test_message ("loading 100,000 customers: %.3f s", elapsed / 1e6);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100000);
  /* No item exists until asked for, and asking makes only that one. */
  g_assert_cmpuint (strata_customer_list_get_n_alive (list), ==, 0);
  item = g_list_model_get_item (G_LIST_MODEL (list), 54321);
  g_assert_cmpuint (strata_customer_list_get_n_alive (list), ==, 1);
  g_assert_cmpstr (strata_customer_get_ext_id (item), ==, "C054322");
  g_assert_nonnull (strata_customer_get_attribute (item, "industry"));
  g_clear_object (&item);
  g_assert_cmpuint (strata_customer_list_get_n_alive (list), ==, 0);

  /* One rename among 100,000: one row changed. */
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &c);
  id = strata_customer_list_get_id_at (list, 77777);
  started = g_get_monotonic_time ();
  g_assert_true (strata_customer_rename (ws, id, "Northwind Freight Ltd", &error));
  elapsed = g_get_monotonic_time () - started;
  g_test_message ("rename and reload of 100,000 customers: %.3f s", elapsed / 1e6);
  g_assert_no_error (error);
  assert_changes (&c, 1, 77777, 1, 1);
  position = strata_customer_list_find (list, id);
  g_assert_cmpint (position, ==, 77777);
  g_assert_cmpstr (strata_customer_list_get_name_at (list, position), ==, "Northwind Freight Ltd");

  g_clear_object (&list);
  g_clear_object (&ws);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/customer/precise-changes", Fixture, NULL, fixture_setup, test_precise_changes,
              fixture_teardown);
  g_test_add ("/customer/writes", Fixture, NULL, fixture_setup, test_writes, fixture_teardown);
  g_test_add_func ("/customer/large-lazy", test_large_lazy);
  return g_test_run ();
}
