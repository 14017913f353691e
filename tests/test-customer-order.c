/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers page's radix sort (strata-customer-order.h) gives the
 * order of strata_customer_view_compare() for every column, both ways,
 * over all rows and over a filter's rows; and the search's ASCII path
 * finds what folding finds. */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "strata-customer-order.h"
#include "strata-period-data-private.h"
#include "strata-types.h"

#define N 3000

typedef struct
{
  guint n;
  StrataCustomerColumns cols;
  StrataPeriodData *strings;
  char   **ext_ids;
  char   **names;
  char   **name_keys;
  double  *amount, *referrals, *score;
  guint8  *tier, *prev, *quadrant;
} Fixture;

/* n rows; in_order: the ext ids in row order, each twice (ties), as a
 * period's rows come; else out of row order. */
static void
fixture_init_n (Fixture  *f,
                guint     n,
                gboolean  in_order)
{
  static const char *words[] = { "Acme", "acme", "Bolt", "北京星辰", "Zenith", "Ägir", "bolt", "" };
  GRand *rand = g_rand_new_with_seed (18);

  f->n = n;
  f->ext_ids = g_new0 (char *, n);
  f->names = g_new0 (char *, n);
  f->name_keys = g_new0 (char *, n);
  f->amount = g_new (double, n);
  f->referrals = g_new (double, n);
  f->score = g_new (double, n);
  f->tier = g_new (guint8, n);
  f->prev = g_new (guint8, n);
  f->quadrant = g_new (guint8, n);
  for (guint i = 0; i < n; i++)
    {
      /* Names often equal. */
      f->ext_ids[i] = in_order ? g_strdup_printf ("C%06u", i / 2) : g_strdup_printf ("C%05u", (i * 7919) % n);
      f->names[i] = g_strdup_printf ("%s %u", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                     g_rand_int_range (rand, 0, 5));
      f->name_keys[i] = g_utf8_collate_key (f->names[i], -1);
      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0: f->amount[i] = NAN; break;
        case 1: f->amount[i] = -0.0; break;
        case 2: f->amount[i] = 0; break;
        case 3: f->amount[i] = -g_rand_double_range (rand, 0, 1e6); break;
        default: f->amount[i] = g_rand_int_range (rand, 0, 50) * 1000.0; break;
        }
      f->referrals[i] = g_rand_int_range (rand, 0, 4);
      f->score[i] = g_rand_double_range (rand, 0, 100);
      f->tier[i] = g_rand_int_range (rand, 0, 8) == 0 ? STRATA_CUSTOMER_NO_TIER : g_rand_int_range (rand, 0, 4);
      f->prev[i] = g_rand_int_range (rand, 0, 8) == 0 ? STRATA_CUSTOMER_NO_TIER : g_rand_int_range (rand, 0, 4);
      f->quadrant[i] = g_rand_int_range (rand, STRATA_QUADRANT_NONE, STRATA_QUADRANT_D + 1);
    }
  f->strings = strata_period_data_new_customers ((const char * const *) f->ext_ids,
                                                 (const char * const *) f->names, n);
  f->cols = (StrataCustomerColumns) {
    .n = n, .strings = f->strings,
    .name_keys = (const char **) f->name_keys, .order_amount = f->amount, .referrals = f->referrals,
    .inquiries = NULL, .score = f->score, .tier = f->tier, .prev_tier = f->prev,
    .quadrant = f->quadrant, .n_tiers = 4,
  };
  g_rand_free (rand);
}

/* Ids out of row order. */
static void
fixture_init (Fixture *f)
{
  fixture_init_n (f, N, FALSE);
}

static void
fixture_clear (Fixture *f)
{
  for (guint i = 0; i < f->n; i++)
    {
      g_free (f->ext_ids[i]);
      g_free (f->names[i]);
      g_free (f->name_keys[i]);
    }
  g_free (f->ext_ids);
  g_free (f->names);
  strata_period_data_unref (f->strings);
  g_free (f->name_keys);
  g_free (f->amount);
  g_free (f->referrals);
  g_free (f->score);
  g_free (f->tier);
  g_free (f->prev);
  g_free (f->quadrant);
}

typedef struct
{
  const StrataCustomerColumns *cols;
  StrataCustomerSort           column;
  int                          sign;
} Reference;

static int
compare_reference (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  const Reference *r = data;

  return r->sign * strata_customer_view_compare (r->cols, r->column, *(const guint *) a, *(const guint *) b);
}

static void
test_sort_matches_compare (void)
{
  Fixture f;
  g_autofree guint32 *by_id = NULL, *name_rank = NULL;

  fixture_init (&f);
  by_id = strata_customer_order_by_id (f.strings, N);
  name_rank = strata_customer_order_name_rank (f.strings, N);
  for (int column = STRATA_CUSTOMER_SORT_ID; column <= STRATA_CUSTOMER_SORT_CHANGE; column++)
    for (int descending = 0; descending < 2; descending++)
      for (int subset = 0; subset < 2; subset++)
        {
          g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
          g_autoptr(GArray) got = NULL;
          Reference r = { &f.cols, column, descending ? -1 : 1 };

          /* The subset: every third row, as a filter gives them (row order). */
          for (guint i = 0; i < N; i++)
            if (!subset || i % 3 == 1)
              g_array_append_val (expected, i);
          got = g_array_copy (expected);
          g_qsort_with_data (expected->data, expected->len, sizeof (guint), compare_reference, &r);
          strata_customer_order_sort (&f.cols, by_id, name_rank, column, descending,
                                      (guint *) got->data, got->len);
          g_assert_cmpuint (got->len, ==, expected->len);
          for (guint i = 0; i < got->len; i++)
            if (g_array_index (got, guint, i) != g_array_index (expected, guint, i))
              g_error ("column %d, %s, %s: position %u has row %u, expected %u", column,
                       descending ? "descending" : "ascending", subset ? "subset" : "all", i,
                       g_array_index (got, guint, i), g_array_index (expected, guint, i));
        }
  fixture_clear (&f);
}

/* Rows already in id order (ties included) have no id-order array: the
 * sort then gives, over more rows than 16 bits count, exactly the
 * comparison's order and what an explicit identity permutation gives. */
static void
test_sort_in_id_order (void)
{
  const guint n = 70000;
  Fixture f;
  g_autofree guint32 *by_id = NULL, *name_rank = NULL, *identity = g_new (guint32, n);

  fixture_init_n (&f, n, TRUE);
  by_id = strata_customer_order_by_id (f.strings, n);
  g_assert_null (by_id);
  name_rank = strata_customer_order_name_rank (f.strings, n);
  for (guint i = 0; i < n; i++)
    identity[i] = i;
  for (int column = STRATA_CUSTOMER_SORT_ID; column <= STRATA_CUSTOMER_SORT_CHANGE; column++)
    for (int subset = 0; subset < 2; subset++)
      {
        g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autoptr(GArray) got = NULL, explicit = NULL;
        Reference r = { &f.cols, column, subset ? -1 : 1 };

        /* The subset keeps pairs of tied rows (a filter's rows, in row order). */
        for (guint i = 0; i < n; i++)
          if (!subset || i % 3 != 0)
            g_array_append_val (expected, i);
        got = g_array_copy (expected);
        explicit = g_array_copy (expected);
        g_qsort_with_data (expected->data, expected->len, sizeof (guint), compare_reference, &r);
        strata_customer_order_sort (&f.cols, NULL, name_rank, column, subset,
                                    (guint *) got->data, got->len);
        strata_customer_order_sort (&f.cols, identity, name_rank, column, subset,
                                    (guint *) explicit->data, explicit->len);
        g_assert_cmpmem (got->data, got->len * sizeof (guint), expected->data, expected->len * sizeof (guint));
        g_assert_cmpmem (got->data, got->len * sizeof (guint), explicit->data, explicit->len * sizeof (guint));
      }
  fixture_clear (&f);

  /* One pair out of order at the very end still gives a permutation. */
  {
    const char *ids[] = { "A", "B", "B", "D", "C" };
    const char *names[] = { "", "", "", "", "" };
    g_autoptr(StrataPeriodData) strings = strata_period_data_new_customers (ids, names, 5);
    g_autofree guint32 *order = strata_customer_order_by_id (strings, 5);

    g_assert_nonnull (order);
    g_assert_cmpmem (order, 5 * sizeof (guint32), ((guint32[]) { 0, 1, 2, 4, 3 }), 5 * sizeof (guint32));
  }
}

static guint
count (const StrataCustomerColumns *cols,
       const char                  *search)
{
  g_autofree char *folded = strata_customer_view_fold (search);
  StrataCustomerFilter filter = { folded, -1, -1, NULL };
  g_autoptr(GArray) rows = strata_customer_view_filter (cols, &filter);

  return rows->len;
}

static void
test_search (void)
{
  const char *ids[] = { "C-1", "C-2", "C-3", "C-4", "C-5" };
  const char *names[] = { "STRASSE Nord", "Straße Süd", "KELVIN", "\xe2\x84\xaa" "elvin", "北京acme" };
  guint8 tiers[5] = { 0 };
  g_autoptr(StrataPeriodData) strings = strata_period_data_new_customers (ids, names, 5);
  g_autofree guint8 *is_folded = strata_customer_order_name_is_folded (strings, 5);
  StrataCustomerColumns cols = { .n = 5, .strings = strings, .tier = tiers };

  /* Only the Chinese name folds to itself. */
  g_assert_cmpmem (is_folded, 5, ((guint8[]) { 0, 0, 0, 0, 1 }), 5);
  /* The same answers with the mask (no copy for the Chinese name) and without. */
  for (int with_mask = 0; with_mask < 2; with_mask++)
    {
      cols.name_is_folded = with_mask ? is_folded : NULL;
      g_assert_cmpuint (count (&cols, "北京"), ==, 1);
      g_assert_cmpuint (count (&cols, "京ACM"), ==, 1);
      g_assert_cmpuint (count (&cols, "京B"), ==, 0);
    }

  g_assert_cmpuint (count (&cols, "stra"), ==, 2);
  /* ß folds to ss, both ways. */
  g_assert_cmpuint (count (&cols, "STRASSE"), ==, 2);
  g_assert_cmpuint (count (&cols, "süd"), ==, 1);
  g_assert_cmpuint (count (&cols, "ß"), ==, 2);
  g_assert_cmpuint (count (&cols, "nord"), ==, 1);
  /* The Kelvin sign folds to k: found by folding, not the ASCII path. */
  g_assert_cmpuint (count (&cols, "kelvin"), ==, 2);
  g_assert_cmpuint (count (&cols, "c-"), ==, 5);
  g_assert_cmpuint (count (&cols, "Me"), ==, 1);
  g_assert_cmpuint (count (&cols, "acmex"), ==, 0);
}

/* Whether a name folds to itself, read without folding where its
 * characters tell (ASCII, the caseless CJK, kana and Hangul blocks), is
 * what folding says, for every kind of name. */
static void
test_folds_to_itself (void)
{
  const char *names[] = {
    "acme ltd", "Acme Ltd", "ACME", "", "123 - 456", "北京星辰科技", "北京ABC", "北京abc",
    "東京カンパニー", "서울상사", "ｆｕｌｌ", "ＦＵＬＬ", "Ägir", "ägir", "Ωmega", "ωmega",
    "\xe2\x84\xaa" "elvin", "straße", "〇一二", "ꀀꀁ", "北京Ｃ", "ﬁne",
  };
  guint n = G_N_ELEMENTS (names);
  g_autofree char **ids = g_new0 (char *, n + 1);
  g_autoptr(StrataPeriodData) strings = NULL;
  g_autofree guint8 *is_folded = NULL;

  for (guint i = 0; i < n; i++)
    ids[i] = g_strdup_printf ("C%u", i);
  strings = strata_period_data_new_customers ((const char **) ids, names, n);
  is_folded = strata_customer_order_name_is_folded (strings, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *folded = g_utf8_casefold (names[i], -1);

      g_test_message ("%s: %u", names[i], is_folded[i]);
      g_assert_cmpuint (is_folded[i], ==, strcmp (folded, names[i]) == 0);
      g_free (ids[i]);
    }
  g_assert_cmpuint (is_folded[0], ==, 1);
  g_assert_cmpuint (is_folded[5], ==, 1);
  g_assert_cmpuint (is_folded[6], ==, 0);
}

/* The collation keys of the names' order are g_utf8_collate_key ()'s, byte
 * for byte, in C.UTF-8 and in the Chinese and English locales where they
 * are installed: text of ASCII and CJK ideographs takes the quick way,
 * the rest (accents, kana, fullwidth forms, Hangul, long or bad text) the
 * GLib one. */
static void
test_collate_key (void)
{
  g_autofree char *long_name = g_strnfill (300, 'a');
  g_autofree char *long_cjk = NULL;
  g_autoptr(GString) cjk = g_string_new (NULL);
  const char *locales[] = { "C.UTF-8", "zh_CN.UTF-8", "zh_TW.UTF-8", "en_US.UTF-8" };
  const char *texts[] = {
    "", "Acme Ltd", "acme 7 north", "ACME", "Zenith, \"Z\" Co", "c0012", "北京星辰科技",
    "宁波金桥智能制造有限公司", "长沙 Cloud 云途", "㐀㐁 ext A", "Café Ünïcode", "ｃ１２（北京）",
    "カタカナ が", "한국어", "ﬁne ligature", "\xff\xfe bad", NULL, NULL,
  };
  guint checked = 0;

  for (guint i = 0; i < 260; i++)
    g_string_append (cjk, "星");
  long_cjk = g_string_free (g_steal_pointer (&cjk), FALSE);
  texts[G_N_ELEMENTS (texts) - 2] = long_name;
  texts[G_N_ELEMENTS (texts) - 1] = long_cjk;
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      if (setlocale (LC_ALL, locales[l]) == NULL)
        {
          g_test_message ("%s is not installed here", locales[l]);
          continue;
        }
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          g_autofree char *quick = strata_customer_order_collate_key (texts[t]);
          g_autofree char *glib = g_utf8_collate_key (texts[t], -1);

          g_assert_cmpstr (quick, ==, glib);
          checked++;
        }
    }
  setlocale (LC_ALL, "C.UTF-8");
  g_assert_cmpuint (checked, >=, G_N_ELEMENTS (texts));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/customer-order/sort-matches-compare", test_sort_matches_compare);
  g_test_add_func ("/customer-order/in-id-order", test_sort_in_id_order);
  g_test_add_func ("/customer-order/search", test_search);
  g_test_add_func ("/customer-order/folds-to-itself", test_folds_to_itself);
  g_test_add_func ("/customer-order/collate-key", test_collate_key);
  return g_test_run ();
}
