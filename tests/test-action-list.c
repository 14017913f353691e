/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The action lists after a review: every mover in exactly one owner's list,
 * the CSV of strata-cli actions, the workbook read back with the project's
 * own reader, the PDF read back with poppler, and an
 * unknown owner attribute refused with a message. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <poppler.h>

#include "cli-test-util.h"
#include "report-test-util.h"
#include "review-fixture.h"
#include "strata-action-report.h"
#include "strata-error.h"
#include "xlsx-test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

/* The review fixture (2026-Q1 → 2026-Q2) with owners: Alpha and Gamma are
 * Ann's, Beta is 王磊's, Epsilon has an empty owner and Delta and Zeta none;
 * Zeta's inquiries rise so that it changes quadrant without changing tier. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(StrataWorkspace) ws = NULL;

  f->dir = test_make_tmp_dir ("strata-actions");
  f->path = g_build_filename (f->dir, "review.strata", NULL);
  ws = review_fixture_create (f->path);
  test_workspace_exec (ws, "INSERT INTO attributes (customer_id, key, value) VALUES"
                           " (1, 'account_manager', 'Ann'), (3, 'account_manager', 'Ann'),"
                           " (2, 'account_manager', '王磊'), (5, 'account_manager', '  '),"
                           " (1, 'region', 'North')");
  test_workspace_set_value (ws, 2, 6, "monthly_inquiries", 40);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static StrataActionList *
compute (Fixture    *f,
         const char *owner)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (f->path, NULL, &error);
  StrataActionList *list;

  g_assert_no_error (error);
  list = strata_action_list_compute (ws, 1, 2, owner, FALSE, &error);
  g_assert_no_error (error);
  return list;
}

static const StrataActionItem *
find_item (StrataActionList *list,
           const char       *ext_id,
           const char      **owner)
{
  for (guint o = 0; o < strata_action_list_get_n_owners (list); o++)
    {
      const StrataActionOwner *ow = strata_action_list_get_owner (list, o);
      for (guint i = 0; i < ow->items->len; i++)
        {
          const StrataActionItem *item = ow->items->pdata[i];
          if (g_str_equal (item->ext_id, ext_id))
            {
              *owner = ow->label;
              return item;
            }
        }
    }
  return NULL;
}

/* The movers as the movement sees them (tier moves and quadrant moves)
 * each appear in exactly one owner's list, under the right owner. */
static void
test_every_mover_once (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (f->path, NULL, &error);
  g_autoptr(StrataMovement) movement = strata_movement_compute (ws, 1, 2, FALSE, &error);
  g_autoptr(StrataActionList) list = compute (f, NULL);
  g_autoptr(GHashTable) expected = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *positions;
  const StrataActionItem *item;
  const char *owner = NULL;
  guint total = 0;

  g_assert_no_error (error);
  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      GPtrArray *movers = strata_movement_get_movers (movement, k);
      for (guint i = 0; i < movers->len; i++)
        g_hash_table_add (expected, &((StrataMover *) movers->pdata[i])->customer_id);
    }
  positions = strata_movement_get_positions (movement);
  for (guint i = 0; i < positions->len; i++)
    {
      StrataMovementPosition *p = &g_array_index (positions, StrataMovementPosition, i);
      if (p->from_quadrant != p->to_quadrant)
        g_hash_table_add (expected, &p->customer_id);
    }

  g_assert_cmpstr (strata_action_list_get_owner_attribute (list), ==, "account_manager");
  for (guint o = 0; o < strata_action_list_get_n_owners (list); o++)
    {
      const StrataActionOwner *ow = strata_action_list_get_owner (list, o);
      for (guint i = 0; i < ow->items->len; i++)
        {
          const StrataActionItem *it = ow->items->pdata[i];
          g_assert_true (g_hash_table_contains (expected, &it->customer_id));
          g_assert_false (g_hash_table_contains (seen, &it->customer_id));
          g_hash_table_add (seen, (gpointer) &it->customer_id);
          g_assert_cmpstr (it->owner, ==, ow->owner);
          total++;
        }
    }
  g_assert_cmpuint (total, ==, g_hash_table_size (expected));
  g_assert_cmpuint (strata_action_list_get_n_items (list), ==, total);

  /* Alpha up (Ann), Beta down (王磊), Gamma lost (Ann), Delta new (none),
   * Zeta only in quadrant (none): Ann, 王磊, then (unassigned) last. */
  g_assert_cmpuint (total, ==, 5);
  g_assert_cmpuint (strata_action_list_get_n_owners (list), ==, 3);
  g_assert_cmpstr (strata_action_list_get_owner (list, 0)->label, ==, "Ann");
  g_assert_cmpuint (strata_action_list_get_owner (list, 0)->items->len, ==, 2);
  g_assert_cmpstr (strata_action_list_get_owner (list, 1)->label, ==, "王磊");
  g_assert_null (strata_action_list_get_owner (list, 2)->owner);
  g_assert_cmpstr (strata_action_list_get_owner (list, 2)->label, ==, "(unassigned)");
  g_assert_cmpuint (strata_action_list_get_owner (list, 2)->items->len, ==, 2);
  /* No product lines in the fixture: nobody on costly products. */
  for (guint o = 0; o < 3; o++)
    g_assert_cmpuint (strata_action_list_get_owner (list, o)->costly->len, ==, 0);

  /* Alpha moved up: its reasons are the movement's, it gains entitlements
   * and loses none, and the action is its later quadrant's. */
  item = find_item (list, "C001", &owner);
  g_assert_nonnull (item);
  g_assert_cmpstr (owner, ==, "Ann");
  g_assert_true (item->tier_changed);
  g_assert_cmpint (item->kind, ==, STRATA_MOVE_UP);
  g_assert_cmpstr (item->from_tier, !=, item->to_tier);
  g_assert_cmpuint (item->reasons->len, >, 0);
  g_assert_nonnull (strstr (item->reasons->pdata[item->reasons->len - 1], "→"));
  g_assert_cmpuint (item->gains->len, >, 0);
  g_assert_cmpuint (item->losses->len, ==, 0);

  /* Beta moved down: losses only. */
  item = find_item (list, "C002", &owner);
  g_assert_nonnull (item);
  g_assert_cmpstr (owner, ==, "王磊");
  g_assert_cmpint (item->kind, ==, STRATA_MOVE_DOWN);
  g_assert_cmpuint (item->gains->len, ==, 0);
  g_assert_cmpuint (item->losses->len, >, 0);

  /* Gamma was lost: no later tier, the lost customer's action. */
  item = find_item (list, "C003", &owner);
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, STRATA_MOVE_LOST);
  g_assert_null (item->to_tier);
  g_assert_cmpint (item->to_quadrant, ==, STRATA_QUADRANT_NONE);
  g_assert_cmpstr (item->action, ==, "Lost: find out why and whether to win them back");

  /* Zeta kept its tier and changed quadrant: the inquiries say why, the
   * entitlements do not change and the action is the new quadrant's. */
  item = find_item (list, "C006", &owner);
  g_assert_nonnull (item);
  g_assert_cmpstr (owner, ==, "(unassigned)");
  g_assert_false (item->tier_changed);
  g_assert_cmpstr (item->from_tier, ==, item->to_tier);
  g_assert_cmpint (item->from_quadrant, !=, item->to_quadrant);
  g_assert_cmpuint (item->reasons->len, ==, 1);
  g_assert_cmpstr (item->reasons->pdata[0], ==, "Monthly inquiries: 0 → 40");
  g_assert_cmpuint (item->gains->len + item->losses->len, ==, 0);
  g_assert_cmpstr (item->action, !=, "");

  /* Another owner attribute: region names only Alpha. */
  {
    g_autoptr(StrataActionList) by_region = compute (f, "region");
    g_assert_cmpuint (strata_action_list_get_n_items (by_region), ==, 5);
    g_assert_cmpuint (strata_action_list_get_n_owners (by_region), ==, 2);
    g_assert_cmpstr (strata_action_list_get_owner (by_region, 0)->label, ==, "North");
    g_assert_cmpuint (strata_action_list_get_owner (by_region, 0)->items->len, ==, 1);
    g_assert_cmpuint (strata_action_list_get_owner (by_region, 1)->items->len, ==, 4);
  }
}

/* Splits one CSV record (quoted fields with "" and commas). */
static GPtrArray *
csv_split (const char  *line)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; *p; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (*p == '"')
        quoted = !quoted;
      else if (*p == ',' && !quoted)
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else
        g_string_append_c (field, *p);
    }
  g_ptr_array_add (fields, g_string_free (field, FALSE));
  return fields;
}

static void
test_cli_csv (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "actions.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint ann = 0, unassigned = 0;

  g_assert_cmpint (run_cli (&out, &err, "actions", f->path, "2026-Q1", "2026-Q2",
                            "--owner", "account_manager", "--format", "csv", "-o", csv, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "owner,id,name,from_tier,to_tier,from_quadrant,to_quadrant,"
                                 "reason,gains,losses,action");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 5 + 1);  /* header, 5 rows, "" after the last */
  g_assert_cmpstr (lines[6], ==, "");
  for (guint i = 1; i <= 5; i++)
    {
      g_autoptr(GPtrArray) row = csv_split (lines[i]);
      const char *owner = row->pdata[0];

      g_assert_cmpuint (row->len, ==, 11);
      g_assert_false (g_hash_table_contains (ids, row->pdata[1]));
      g_hash_table_add (ids, g_strdup (row->pdata[1]));
      g_assert_cmpstr (row->pdata[7], !=, "");   /* a reason */
      ann += g_str_equal (owner, "Ann");
      unassigned += g_str_equal (owner, "(unassigned)");
      if (g_str_equal (row->pdata[1], "C001"))
        {
          g_assert_cmpstr (owner, ==, "Ann");
          g_assert_cmpstr (row->pdata[2], ==, "Alpha");
          g_assert_cmpstr (row->pdata[3], !=, row->pdata[4]);
          /* Grouped numbers in the reason, entitlements by stage. */
          g_assert_nonnull (strstr (row->pdata[7], "1,200,000"));
          g_assert_nonnull (strstr (row->pdata[8], ": "));
          g_assert_cmpstr (row->pdata[9], ==, "");
        }
      if (g_str_equal (row->pdata[1], "C006"))
        {
          g_assert_cmpstr (row->pdata[3], ==, row->pdata[4]);
          g_assert_cmpstr (row->pdata[5], !=, row->pdata[6]);
        }
    }
  g_assert_cmpuint (ann, ==, 2);
  g_assert_cmpuint (unassigned, ==, 2);

  /* Without -o the CSV goes to standard output, the same rows. */
  g_assert_cmpint (run_cli (&out2, &err2, "actions", f->path, "2026-Q1", "2026-Q2", NULL), ==, 0);
  g_assert_cmpstr (out2, ==, text);
}

/* -o FILE.xlsx: the CSV's rows in a workbook, the costly products on a
 * sheet of their own with revenue as numbers, and an About sheet. */
static void
test_cli_xlsx (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *xlsx = g_build_filename (f->dir, "actions.xlsx", NULL);
  g_autofree char *cell = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) costly = NULL;
  g_autoptr(GPtrArray) about = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (f->path, NULL, &error);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint wang = 0;

  g_assert_no_error (error);
  test_workspace_exec (ws, "INSERT INTO products (id, code, description, category) VALUES"
                           " (1, 'POST', 'Postage', 'costly');"
                           "INSERT INTO product_revenue (period_id, customer_id, product_id, amount) VALUES"
                           " (2, 1, 1, 1234.5), (2, 2, 1, 50)");
  g_clear_object (&ws);
  g_assert_cmpint (run_cli (&out, &err, "actions", f->path, "2026-Q1", "2026-Q2",
                            "-o", xlsx, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  rows = xlsx_test_read (xlsx, "1");
  g_assert_cmpuint (rows->len, ==, 1 + 5);
  g_assert_cmpstr (((GStrv) rows->pdata[0])[0], ==, "Owner");
  g_assert_cmpstr (((GStrv) rows->pdata[0])[7], ==, "Reasons");
  for (guint i = 1; i < rows->len; i++)
    {
      GStrv row = rows->pdata[i];

      g_assert_false (g_hash_table_contains (ids, row[1]));
      g_hash_table_add (ids, row[1]);
      g_assert_cmpstr (row[7], !=, "");
      wang += g_str_equal (row[0], "王磊");
      if (g_str_equal (row[1], "C001"))
        {
          g_assert_cmpstr (row[0], ==, "Ann");
          g_assert_cmpstr (row[2], ==, "Alpha");
          g_assert_cmpstr (row[3], !=, row[4]);
          g_assert_nonnull (strstr (row[7], "1,200,000"));
        }
    }
  g_assert_cmpuint (wang, ==, 1);

  costly = xlsx_test_read (xlsx, "Costly products");
  g_assert_cmpuint (costly->len, ==, 1 + 2);
  g_assert_cmpstr (((GStrv) costly->pdata[1])[0], ==, "Ann");
  g_assert_cmpstr (((GStrv) costly->pdata[1])[4], ==, "1234.5");
  g_assert_cmpstr (((GStrv) costly->pdata[2])[0], ==, "王磊");
  /* Revenue is a number with a thousands format, not text. */
  cell = xlsx_test_cell_xml (xlsx, "xl/worksheets/sheet2.xml", "E2");
  g_assert_null (strstr (cell, " t=\""));
  g_assert_nonnull (strstr (cell, "<v>1234.5</v>"));

  about = xlsx_test_read (xlsx, "About");
  g_assert_cmpstr (((GStrv) about->pdata[0])[0], ==, "Workspace");
  g_assert_cmpstr (((GStrv) about->pdata[0])[1], ==, "review.strata");
  g_assert_cmpstr (((GStrv) about->pdata[1])[1], ==, "2026-Q1 → 2026-Q2");

  /* The workbook needs a file: refused on standard output. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "actions", f->path, "2026-Q1", "2026-Q2",
                            "--format", "xlsx", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "-o FILE.xlsx"));
}

static void
test_cli_pdf (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "actions.pdf", NULL);
  g_autofree char *one = g_build_filename (f->dir, "ann.pdf", NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerDocument) doc1 = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text1 = NULL;
  g_autoptr(StrataActionList) list = compute (f, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  const char *ann, *wang, *nobody;

  g_assert_cmpint (run_cli (&out, &err, "actions", f->path, "2026-Q1", "2026-Q2",
                            "-o", pdf, NULL), ==, 0);
  doc = report_test_open_pdf (pdf);
  g_assert_cmpstr (poppler_document_get_title (doc), ==, "Action lists 2026-Q2");
  text = report_test_text (doc, -1);
  /* A section per owner, in order, each with its customers (the CJK name
   * as text, so its font is embedded). */
  ann = strstr (text, "\nAnn\n");
  wang = strstr (text, "\n王磊\n");
  nobody = strstr (text, "\n(unassigned)\n");
  g_assert_nonnull (ann);
  g_assert_nonnull (wang);
  g_assert_nonnull (nobody);
  g_assert_true (ann < wang && wang < nobody);
  g_assert_nonnull (g_strstr_len (ann, wang - ann, "C001 Alpha"));
  g_assert_nonnull (g_strstr_len (ann, wang - ann, "C003 Gamma"));
  g_assert_null (g_strstr_len (ann, wang - ann, "C002"));
  g_assert_nonnull (g_strstr_len (wang, nobody - wang, "C002 Beta"));
  g_assert_nonnull (strstr (nobody, "C004 Delta"));
  g_assert_nonnull (strstr (nobody, "C006 Zeta"));
  g_assert_nonnull (strstr (ann, "2 customers changed tier or quadrant from 2026-Q1 to 2026-Q2."));
  g_assert_nonnull (strstr (text, "1,200,000"));

  /* One owner's PDF holds that owner only. */
  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_action_report_write_pdf (ws, list, "Ann", "en", STRATA_REPORT_PAPER_A4,
                                                 one, &error));
  g_assert_no_error (error);
  doc1 = report_test_open_pdf (one);
  g_assert_cmpstr (poppler_document_get_title (doc1), ==, "Action list: Ann");
  text1 = report_test_text (doc1, -1);
  g_assert_nonnull (strstr (text1, "C001 Alpha"));
  g_assert_null (strstr (text1, "C002"));
  g_assert_null (strstr (text1, "(unassigned)"));
}

static void
test_unknown_owner (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "x.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (f->path, NULL, &error);
  g_autoptr(StrataActionList) list = NULL;

  g_assert_no_error (error);
  list = strata_action_list_compute (ws, 1, 2, "owner", FALSE, &error);
  g_assert_null (list);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);
  g_assert_cmpstr (error->message, ==,
                   "No customer has the attribute “owner”; the attributes are: account_manager, region");

  g_assert_cmpint (run_cli (&out, &err, "actions", f->path, "2026-Q1", "2026-Q2",
                            "--owner", "owner", "-o", csv, NULL), ==, 2);
  g_assert_cmpstr (err, ==, "strata-cli: No customer has the attribute “owner”; "
                            "the attributes are: account_manager, region\n");
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));

  /* A PDF needs a file. */
  g_assert_cmpint (run_cli (&out2, &err2, "actions", f->path, "2026-Q1", "2026-Q2",
                            "--format", "pdf", NULL), ==, 1);
  g_assert_nonnull (strstr (err2, "-o FILE.pdf"));
}

/* In Chinese: the headings and the unassigned owner translated. */
static void
test_chinese (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "zh.pdf", NULL);
  g_autoptr(StrataActionList) list = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *unassigned;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  unassigned = g_dgettext (GETTEXT_PACKAGE, "(unassigned)");
  if (g_str_equal (unassigned, "(unassigned)"))
    {
      g_unsetenv ("LANGUAGE");
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }
  list = compute (f, NULL);
  ws = strata_workspace_open (f->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_action_report_write_pdf (ws, list, NULL, NULL, STRATA_REPORT_PAPER_A4,
                                                 pdf, &error));
  g_assert_no_error (error);
  doc = report_test_open_pdf (pdf);
  text = report_test_text (doc, -1);
  g_assert_nonnull (strstr (text, unassigned));
  g_assert_nonnull (strstr (text, g_dgettext (GETTEXT_PACKAGE, "Contents")));
  g_assert_nonnull (strstr (text, "王磊"));
  g_assert_null (strstr (text, "Page 3 of"));
  /* Alpha's order amount (500,000 -> 1,200,000) reads as on the Customers
   * page in the list and its PDF; the CSV keeps every digit. */
  {
    const char *owner = NULL;
    const StrataActionItem *alpha = find_item (list, "C001", &owner);
    g_autofree char *csv = strata_action_list_to_csv (list, NULL);
    g_autofree char *shown = NULL;

    g_assert_nonnull (alpha);
    for (guint r = 0; r < alpha->reasons->len && shown == NULL; r++)
      if (g_str_has_suffix (alpha->reasons->pdata[r], "50万 → 120万"))
        shown = g_strdup (alpha->reasons->pdata[r]);
    g_assert_nonnull (shown);
    g_assert_nonnull (strstr (text, "50万 → 120万"));
    g_assert_nonnull (strstr (csv, "500,000 → 1,200,000"));
    g_assert_null (strstr (csv, "50万 → 120万"));
  }
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* Customers on costly-to-run products in the later period land in their
 * owner's list, biggest revenue first; other categories and the earlier
 * period do not count. */
static void
test_costly (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(StrataActionList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (f->path, NULL, &error);
  const StrataActionOwner *ann, *wang;
  const StrataActionCostly *first;

  g_assert_no_error (error);
  test_workspace_exec (ws, "INSERT INTO products (id, code, description, category) VALUES"
                           " (1, 'POST', 'Postage', 'costly'), (2, 'DOT', 'Dotcom postage', 'costly'),"
                           " (3, 'DC3', 'Tier-3 data centre', 'cash_flow');"
                           "INSERT INTO product_revenue (period_id, customer_id, product_id, amount) VALUES"
                           " (2, 1, 1, 120), (2, 1, 2, 900), (2, 2, 1, 50), (2, 3, 3, 5000),"
                           " (1, 3, 1, 777)");
  g_clear_object (&ws);
  list = compute (f, NULL);
  ann = strata_action_list_get_owner (list, 0);
  wang = strata_action_list_get_owner (list, 1);
  g_assert_cmpstr (ann->label, ==, "Ann");
  g_assert_cmpuint (ann->costly->len, ==, 2);
  first = ann->costly->pdata[0];
  g_assert_cmpint (first->customer_id, ==, 1);
  g_assert_cmpstr (first->product, ==, "DOT · Dotcom postage");
  g_assert_cmpfloat (first->revenue, ==, 900);
  g_assert_cmpfloat (((StrataActionCostly *) ann->costly->pdata[1])->revenue, ==, 120);
  g_assert_cmpstr (wang->label, ==, "王磊");
  g_assert_cmpuint (wang->costly->len, ==, 1);
  g_assert_cmpfloat (((StrataActionCostly *) wang->costly->pdata[0])->revenue, ==, 50);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/actions/every-mover-once", Fixture, NULL, fixture_setup, test_every_mover_once,
              fixture_teardown);
  g_test_add ("/actions/cli-csv", Fixture, NULL, fixture_setup, test_cli_csv, fixture_teardown);
  g_test_add ("/actions/cli-xlsx", Fixture, NULL, fixture_setup, test_cli_xlsx, fixture_teardown);
  g_test_add ("/actions/cli-pdf", Fixture, NULL, fixture_setup, test_cli_pdf, fixture_teardown);
  g_test_add ("/actions/unknown-owner", Fixture, NULL, fixture_setup, test_unknown_owner,
              fixture_teardown);
  g_test_add ("/actions/chinese", Fixture, NULL, fixture_setup, test_chinese, fixture_teardown);
  g_test_add ("/actions/costly", Fixture, NULL, fixture_setup, test_costly, fixture_teardown);
  return g_test_run ();
}
