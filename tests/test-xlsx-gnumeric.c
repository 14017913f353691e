/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every workbook Strata writes (customers, movement, entitlement matrix,
 * action lists) opened by another program: Gnumeric's ssconvert turns each
 * sheet into CSV, and the values and the Chinese text must be there.
 * Skipped when ssconvert (Debian: gnumeric) is not installed. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "review-fixture.h"
#include "strata-action-list.h"
#include "strata-entitlements.h"
#include "strata-entitlements-xlsx.h"
#include "strata-export.h"
#include "strata-movement.h"
#include "strata-movement-export.h"

typedef struct
{
  char            *dir;
  char            *path;
  StrataWorkspace *ws;
} Fixture;

/* The review fixture with a Chinese customer name and owners. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = test_make_tmp_dir ("strata-gnumeric");
  f->path = g_build_filename (f->dir, "review.strata", NULL);
  f->ws = review_fixture_create (f->path);
  test_workspace_exec (f->ws, "UPDATE customers SET name = '阿尔法 有限公司' WHERE ext_id = 'C001';"
                              "INSERT INTO attributes (customer_id, key, value) VALUES"
                              " (1, 'account_manager', '王磊'), (2, 'account_manager', 'Ann')");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->ws);
  test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The sheets of workbook as CSV text, in order, or NULL (the test is
 * skipped) when ssconvert is missing. */
static GPtrArray *
convert (const char *workbook)
{
  g_autofree char *ssconvert = g_find_program_in_path ("ssconvert");
  g_autofree char *dir = g_path_get_dirname (workbook);
  g_autofree char *base = g_path_get_basename (workbook);
  g_autofree char *template = g_strdup_printf ("%s/%s-%%n.csv", dir, base);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *sheets;
  int status = -1;
  const char *argv[] = { NULL, "-S", "--export-type=Gnumeric_stf:stf_csv", workbook, template, NULL };

  if (ssconvert == NULL)
    return NULL;
  argv[0] = ssconvert;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ssconvert %s: %s", workbook, err);
  sheets = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; ; i++)
    {
      g_autofree char *csv = g_strdup_printf ("%s/%s-%u.csv", dir, base, i);
      char *text = NULL;

      if (!g_file_get_contents (csv, &text, NULL, NULL))
        break;
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_ptr_array_add (sheets, text);
    }
  g_assert_cmpuint (sheets->len, >=, 2);  /* the data and About */
  return sheets;
}

#define SKIP_WITHOUT_SSCONVERT(sheets)                          \
  if ((sheets) == NULL)                                         \
    {                                                           \
      g_test_skip ("ssconvert (gnumeric) is not installed");    \
      return;                                                   \
    }

static void
assert_has (const char *text,
            const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not in:\n%s", needle, text);
}

typedef enum
{
  WORKBOOK_CUSTOMERS,
  WORKBOOK_MOVEMENT,
  WORKBOOK_ENTITLEMENTS,
  WORKBOOK_ACTION_LISTS,
} Workbook;

/* Writes the workbook of object (NULL for the customers) in the fixture's
 * folder and returns its sheets as CSV, or NULL (the test is skipped) when
 * ssconvert is missing. */
static GPtrArray *
export_sheets (Fixture  *f,
               Workbook  what,
               gpointer  object)
{
  static const char *names[] = { "customers.xlsx", "movement.xlsx", "entitlements.xlsx", "actions.xlsx" };
  g_autofree char *xlsx = g_build_filename (f->dir, names[what], NULL);
  g_autoptr(GError) error = NULL;
  gboolean written = FALSE;

  switch (what)
    {
    case WORKBOOK_CUSTOMERS:
      written = strata_export_customers_full (f->ws, "2026-Q2", xlsx, STRATA_EXPORT_FLAGS_NONE, &error);
      break;
    case WORKBOOK_MOVEMENT:
      written = strata_movement_export (object, xlsx, &error);
      break;
    case WORKBOOK_ENTITLEMENTS:
      written = strata_entitlements_export_xlsx (object, xlsx, &error);
      break;
    case WORKBOOK_ACTION_LISTS:
      written = strata_action_list_write_xlsx (object, f->ws, NULL, xlsx, &error);
      break;
    }
  g_assert_no_error (error);
  g_assert_true (written);
  return convert (xlsx);
}

static void
test_customers (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) sheets = export_sheets (f, WORKBOOK_CUSTOMERS, NULL);

  SKIP_WITHOUT_SSCONVERT (sheets);
  /* ssconvert writes cell values: the amount is the number, not text. */
  assert_has (sheets->pdata[0], "C001,\"阿尔法 有限公司\",王磊,1200000,2,3,TRUE,");
  assert_has (sheets->pdata[0], "Annual order amount");
  assert_has (sheets->pdata[sheets->len - 1], "review.strata");
  assert_has (sheets->pdata[sheets->len - 1], "2026-Q2");
}

static void
test_movement (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataMovement) movement = strata_movement_compute (f->ws, 1, 2, FALSE, &error);
  g_autoptr(GPtrArray) sheets = NULL;

  g_assert_no_error (error);
  sheets = export_sheets (f, WORKBOOK_MOVEMENT, movement);
  SKIP_WITHOUT_SSCONVERT (sheets);
  assert_has (sheets->pdata[0], "Movement,ID,Name,");
  assert_has (sheets->pdata[0], ",C001,\"阿尔法 有限公司\",");
  assert_has (sheets->pdata[0], ",1200000,");
  assert_has (sheets->pdata[1], "2026-Q1 → 2026-Q2");
}

static void
test_entitlements (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataEntitlements) matrix = NULL;
  g_autoptr(GPtrArray) sheets = NULL;

  test_workspace_exec (f->ws, "INSERT INTO entitlements (stage_id, key, label, kind, position)"
                              " SELECT MIN(id), 'hotline', '专属热线', 'included', 99"
                              " FROM entitlement_stages");
  matrix = strata_entitlements_new (f->ws, &error);
  g_assert_no_error (error);
  sheets = export_sheets (f, WORKBOOK_ENTITLEMENTS, matrix);
  SKIP_WITHOUT_SSCONVERT (sheets);
  assert_has (sheets->pdata[0], "专属热线");
  assert_has (sheets->pdata[0], ",hotline,");
}

static void
test_action_lists (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataActionList) list = strata_action_list_compute (f->ws, 1, 2, NULL, FALSE, &error);
  g_autoptr(GPtrArray) sheets = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  sheets = export_sheets (f, WORKBOOK_ACTION_LISTS, list);
  SKIP_WITHOUT_SSCONVERT (sheets);
  g_assert_cmpuint (sheets->len, ==, 3);
  lines = g_strsplit (sheets->pdata[0], "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "Owner,ID,Name,\"Tier before\",\"Tier after\","));
  /* A row per mover, then the final line end. */
  g_assert_cmpuint (g_strv_length (lines), ==, strata_action_list_get_n_items (list) + 2);
  assert_has (sheets->pdata[0], "王磊,C001,\"阿尔法 有限公司\",");
  assert_has (sheets->pdata[2], "review.strata");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/gnumeric/customers", test_customers);
  ADD ("/gnumeric/movement", test_movement);
  ADD ("/gnumeric/entitlements", test_entitlements);
  ADD ("/gnumeric/action-lists", test_action_lists);
  return g_test_run ();
}
