/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers page's view state: filters, sorting, tier change, CSV. */
#include <locale.h>
#include <math.h>

#include "strata-customer-view.h"
#include "strata-period-data-private.h"
#include "strata-types.h"

static const char *ext_ids[] = { "C-003", "C-001", "C-002", "C-010", "C-004" };
static const char *names[] = { "Acme Ltd", "北京星辰科技", "Zenith, \"Z\" Co", "acme north", "Bolt" };
static const double amounts[] = { 1200000, 500000, NAN, 12000000, 500000 };
static const double scores[] = { 35, 10, 5, 62, 20 };
static const guint8 tiers[] = { 3, 4, 4, 1, 4 };
static const guint8 prev[] = { 4, 4, STRATA_CUSTOMER_NO_TIER, 0, 4 };
static const guint8 quadrants[] = { STRATA_QUADRANT_A, STRATA_QUADRANT_D, STRATA_QUADRANT_NONE,
                                    STRATA_QUADRANT_A, STRATA_QUADRANT_C };
static const char *tier_ids[] = { "A", "B", "C", "D", "E" };

/* The ext ids and names as a period's, made once for the whole run. */
static StrataPeriodData *
strings (void)
{
  static StrataPeriodData *data;

  if (data == NULL)
    data = strata_period_data_new_customers (ext_ids, names, G_N_ELEMENTS (ext_ids));
  return data;
}

static StrataCustomerColumns
columns (void)
{
  StrataCustomerColumns cols = {
    .n = 5, .strings = strings (), .order_amount = amounts,
    .score = scores, .tier = tiers, .prev_tier = prev, .quadrant = quadrants,
    .tier_ids = tier_ids, .n_tiers = 5,
  };
  return cols;
}

static guint
count (const StrataCustomerFilter *filter)
{
  StrataCustomerColumns cols = columns ();
  g_autoptr(GArray) rows = strata_customer_view_filter (&cols, filter);

  return rows->len;
}

static void
test_filters (void)
{
  g_autofree char *acme = strata_customer_view_fold ("  ACME ");
  g_autofree char *id = strata_customer_view_fold ("c-00");
  g_autofree char *zh = strata_customer_view_fold ("星辰");
  const guint8 mask[] = { 1, 0, 1, 1, 0 };
  StrataCustomerFilter all = { NULL, -1, -1, NULL };
  StrataCustomerFilter by_name = { acme, -1, -1, NULL };
  StrataCustomerFilter by_id = { id, -1, -1, NULL };
  StrataCustomerFilter by_zh = { zh, -1, -1, NULL };
  StrataCustomerFilter tier_e = { NULL, 4, -1, NULL };
  StrataCustomerFilter quad_a = { NULL, -1, STRATA_QUADRANT_A, NULL };
  StrataCustomerFilter tier_e_masked = { NULL, 4, -1, mask };
  StrataCustomerFilter combined = { acme, -1, STRATA_QUADRANT_A, mask };

  g_assert_null (strata_customer_view_fold ("   "));
  g_assert_cmpuint (count (&all), ==, 5);
  g_assert_cmpuint (count (&by_name), ==, 2);
  g_assert_cmpuint (count (&by_id), ==, 4);
  g_assert_cmpuint (count (&by_zh), ==, 1);
  g_assert_cmpuint (count (&tier_e), ==, 3);
  g_assert_cmpuint (count (&quad_a), ==, 2);
  g_assert_cmpuint (count (&tier_e_masked), ==, 1);
  g_assert_cmpuint (count (&combined), ==, 2);
}

static int
compare_by (gconstpointer a,
            gconstpointer b,
            gpointer      data)
{
  StrataCustomerColumns cols = columns ();

  return strata_customer_view_compare (&cols, GPOINTER_TO_INT (data),
                                       *(const guint *) a, *(const guint *) b);
}

static char *
sorted (StrataCustomerSort column)
{
  guint rows[] = { 0, 1, 2, 3, 4 };
  GString *out = g_string_new (NULL);

  g_qsort_with_data (rows, 5, sizeof (guint), compare_by, GINT_TO_POINTER (column));
  for (guint i = 0; i < 5; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", ext_ids[rows[i]]);
  return g_string_free (out, FALSE);
}

static void
test_sort (void)
{
  g_autofree char *by_id = sorted (STRATA_CUSTOMER_SORT_ID);
  g_autofree char *by_amount = sorted (STRATA_CUSTOMER_SORT_ORDER_AMOUNT);
  g_autofree char *by_score = sorted (STRATA_CUSTOMER_SORT_SCORE);
  g_autofree char *by_tier = sorted (STRATA_CUSTOMER_SORT_TIER);
  g_autofree char *by_change = sorted (STRATA_CUSTOMER_SORT_CHANGE);

  g_assert_cmpstr (by_id, ==, "C-001 C-002 C-003 C-004 C-010");
  /* Equal amounts by id; the missing amount last. */
  g_assert_cmpstr (by_amount, ==, "C-001 C-004 C-003 C-010 C-002");
  g_assert_cmpstr (by_score, ==, "C-002 C-001 C-004 C-003 C-010");
  g_assert_cmpstr (by_tier, ==, "C-010 C-003 C-001 C-002 C-004");
  /* Down (C-010: A → B), then the unchanged, then up (C-003: E → D). */
  g_assert_cmpstr (by_change, ==, "C-010 C-001 C-002 C-004 C-003");
}

static void
test_change_and_csv (void)
{
  StrataCustomerColumns cols = columns ();
  const char *header[] = { "ID", "Name", "Order amount", "Referrals", "Inquiries", "Score",
                           "Tier", "Quadrant", "Change" };
  const guint rows[] = { 3, 2, 1 };
  g_autofree char *csv = NULL;

  g_assert_cmpint (strata_customer_view_change (&cols, 0), ==, 1);
  g_assert_cmpint (strata_customer_view_change (&cols, 1), ==, 0);
  g_assert_cmpint (strata_customer_view_change (&cols, 2), ==, 0);
  g_assert_cmpint (strata_customer_view_change (&cols, 3), ==, -1);

  csv = strata_customer_view_to_csv (&cols, rows, 3, header);
  g_assert_cmpstr (csv, ==,
                   "\xEF\xBB\xBF" "ID,Name,Order amount,Referrals,Inquiries,Score,Tier,Quadrant,Change\r\n"
                   "C-010,acme north,12000000,,,62,B,A,↓\r\n"
                   "C-002,\"Zenith, \"\"Z\"\" Co\",,,,5,E,,\r\n"
                   "C-001,北京星辰科技,500000,,,10,E,D,\r\n");
}

/* A search's anchor: the longest run of characters only folded from
 * themselves, which every row it finds holds as it is. */
static void
test_search_anchor (void)
{
  struct { const char *search, *anchor; } cases[] = {
    { "c0333366", "0333366" },
    { "天津", "天津" },
    { "acme 7 north", " 7 " },
    { "北京xing辰科技", "辰科技" },
    { "acme", NULL },
    { "c7", NULL },                /* one byte: in too many rows */
    { "ｃ１２", NULL },            /* fullwidth forms fold from others */
  };
  /* Rows whose raw text lacks a needle's bytes but whose folded text has
   * them would be missed: none may be found by the anchor that a row's
   * test does not find, nor the other way round. */
  const char *tricky_ids[] = { "C0333366", "\u212A-77", "ß-12", "İ-12", "Ｃ１２", "c12", "天津-9" };
  const char *tricky_names[] = { "天津 Trading", "KELVIN 77", "Straße 12", "İstanbul 12", "全角 Ｃ１２",
                                 "acme 7 north", "北京XING辰科技" };
  const char *searches[] = { "c0333366", "77", "ss-12", "i̇-12", "12", "天津", "辰科技", "acme 7 north",
                             "北京xing辰科技", "-9" };
  g_autoptr(StrataPeriodData) data = strata_period_data_new_customers (tricky_ids, tricky_names,
                                                                       G_N_ELEMENTS (tricky_ids));
  guint8 tier[G_N_ELEMENTS (tricky_ids)] = { 0 };
  StrataCustomerColumns cols = { .n = G_N_ELEMENTS (tricky_ids), .strings = data, .tier = tier };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize start = 0, length = 0;
      gboolean found = strata_customer_view_search_anchor (cases[i].search, &start, &length);

      g_assert_cmpint (found, ==, cases[i].anchor != NULL);
      if (found)
        g_assert_cmpstr (g_strndup (cases[i].search + start, length), ==, cases[i].anchor);
    }
  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    {
      g_autofree char *folded = strata_customer_view_fold (searches[s]);
      StrataCustomerFilter filter = { folded, -1, -1, NULL };
      guint rows[G_N_ELEMENTS (tricky_ids)], expected[G_N_ELEMENTS (tricky_ids)];
      guint n_expected = 0, n;
      gsize start, length;

      for (guint r = 0; r < cols.n; r++)
        if (strata_customer_view_matches (&cols, &filter, r))
          expected[n_expected++] = r;
      g_test_message ("\"%s\": %u rows by their test", searches[s], n_expected);
      g_assert_cmpuint (n_expected, >, 0);
      if (!strata_customer_view_search_anchor (folded, &start, &length))
        continue;
      /* In two parts, as the page's two threads read them. */
      n = strata_customer_view_filter_by_anchor (&cols, &filter, folded + start, length, 0, 3, rows);
      n += strata_customer_view_filter_by_anchor (&cols, &filter, folded + start, length, 3, cols.n, rows + n);
      g_test_message ("\"%s\": %u rows", searches[s], n);
      g_assert_cmpmem (rows, n * sizeof (guint), expected, n_expected * sizeof (guint));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/customer-view/filters", test_filters);
  g_test_add_func ("/customer-view/search-anchor", test_search_anchor);
  g_test_add_func ("/customer-view/sort", test_sort);
  g_test_add_func ("/customer-view/change-and-csv", test_change_and_csv);
  return g_test_run ();
}
