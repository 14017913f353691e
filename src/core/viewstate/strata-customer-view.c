/* SPDX-License-Identifier: GPL-3.0-or-later */
/* memmem () */
#define _GNU_SOURCE
#include "config.h"

#include <math.h>
#include <string.h>

#include "strata-csv-write.h"
#include "strata-customer-view.h"
#include "strata-types.h"

int
strata_customer_view_change (const StrataCustomerColumns *cols,
                             guint                        row)
{
  guint8 now, before;

  g_return_val_if_fail (cols != NULL && row < cols->n, 0);
  if (cols->prev_tier == NULL)
    return 0;
  now = cols->tier[row];
  before = cols->prev_tier[row];
  if (now == STRATA_CUSTOMER_NO_TIER || before == STRATA_CUSTOMER_NO_TIER || now == before)
    return 0;
  return now < before ? 1 : -1;
}

char *
strata_customer_view_fold (const char *text)
{
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;
  return g_utf8_casefold (stripped, -1);
}

/* ASCII folds to its lower case, character by character: a match among
 * ASCII characters is a match in the folded text, found without the copy
 * g_utf8_casefold() makes (two per row, a million rows). 1: found, 0: not
 * there, -1: not decided before a non-ASCII character. The folding is
 * inline and the needle's first character is looked for first: the call
 * to g_ascii_tolower() per character was a quarter of a search's time. */
static inline guchar
fold_ascii (guchar c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int
contains_ascii (const char *haystack,
                const char *needle)
{
  guchar first = (guchar) *needle;

  if (first == '\0')
    return 1;
  for (const guchar *h = (const guchar *) haystack; *h; h++)
    {
      const guchar *a, *b;

      if (*h >= 0x80)
        return -1;
      if (fold_ascii (*h) != first)
        continue;
      for (a = h + 1, b = (const guchar *) needle + 1; *b && *a && *a < 0x80 && fold_ascii (*a) == *b; a++, b++)
        ;
      if (*b == '\0')
        return 1;
    }
  return 0;
}

static gboolean
contains_folded (const char *haystack,
                 const char *folded_needle,
                 gboolean    is_folded)
{
  g_autofree char *folded = NULL;
  int ascii;

  if (haystack == NULL)
    return FALSE;
  ascii = contains_ascii (haystack, folded_needle);
  if (ascii >= 0)
    return ascii;
  if (is_folded)
    return strstr (haystack, folded_needle) != NULL;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

/* Characters that no other character folds to, and that fold to
 * themselves: ASCII other than letters (digits, punctuation, space) and
 * the caseless CJK, kana, Yi and Hangul blocks. A folded text that holds
 * a run of them came from a text that holds the same run. */
static gboolean
folds_only_from_itself (gunichar c)
{
  if (c < 0x80)
    return c >= 0x20 && !g_ascii_isalpha ((char) c);
  return (c >= 0x3000 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3);
}

gboolean
strata_customer_view_search_anchor (const char *folded,
                                    gsize      *start,
                                    gsize      *length)
{
  gsize best_start = 0, best_length = 0;
  const char *run = NULL;

  g_return_val_if_fail (start != NULL && length != NULL, FALSE);
  if (folded == NULL || !g_utf8_validate (folded, -1, NULL))
    return FALSE;
  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gboolean in = *p != '\0' && folds_only_from_itself (g_utf8_get_char (p));

      if (in && run == NULL)
        run = p;
      if (!in && run != NULL)
        {
          if ((gsize) (p - run) > best_length)
            {
              best_start = run - folded;
              best_length = p - run;
            }
          run = NULL;
        }
      if (*p == '\0')
        break;
    }
  /* One byte (a digit) is in too many rows to be worth it. */
  if (best_length < 2)
    return FALSE;
  *start = best_start;
  *length = best_length;
  return TRUE;
}

guint
strata_customer_view_filter_by_anchor (const StrataCustomerColumns *cols,
                                       const StrataCustomerFilter  *filter,
                                       const char                  *anchor,
                                       gsize                        anchor_length,
                                       guint                        from,
                                       guint                        to,
                                       guint                       *rows)
{
  const StrataPeriodData *strings = cols->strings;
  const char *text, *end, *p;
  guint row = from, kept = 0;

  g_return_val_if_fail (from <= to && to <= cols->n && anchor_length > 0, 0);
  if (from == to || strings == NULL || strings->text_at == NULL)
    return 0;
  text = strings->text;
  end = to < strings->n ? text + strings->text_at[to] : text + strings->text_len;
  for (p = text + strings->text_at[from]; p < end;)
    {
      const char *hit = memmem (p, end - p, anchor, anchor_length);
      gsize at;

      if (hit == NULL)
        break;
      /* The row whose ext id or name holds it (the rows' texts follow one
       * another in row order); the row decides with every filter. */
      at = hit - text;
      while (row + 1 < to && strings->text_at[row + 1] <= at)
        row++;
      if (strata_customer_view_matches (cols, filter, row))
        rows[kept++] = row;
      if (row + 1 >= to)
        break;
      p = text + strings->text_at[++row];
    }
  return kept;
}

gboolean
strata_customer_view_matches (const StrataCustomerColumns *cols,
                              const StrataCustomerFilter  *filter,
                              guint                        row)
{
  g_return_val_if_fail (cols != NULL && filter != NULL && row < cols->n, FALSE);

  if (filter->tier >= 0 && cols->tier[row] != filter->tier)
    return FALSE;
  if (filter->quadrant >= 0 && (cols->quadrant == NULL || cols->quadrant[row] != filter->quadrant))
    return FALSE;
  if (filter->attribute != NULL && !filter->attribute[row])
    return FALSE;
  if (filter->search != NULL && *filter->search != '\0' &&
      !contains_folded (strata_period_data_get_ext_id (cols->strings, row), filter->search, FALSE) &&
      !contains_folded (strata_period_data_get_name (cols->strings, row), filter->search,
                        cols->name_is_folded != NULL && cols->name_is_folded[row]))
    return FALSE;
  return TRUE;
}

static int
compare_numbers (double a,
                 double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);   /* missing last */
  return (a > b) - (a < b);
}

static int
compare_tiers (guint8 a,
               guint8 b)
{
  /* Best tier (index 0) first; none last. */
  return (a > b) - (a < b);
}

static double
value_at (const double *column,
          guint         row)
{
  return column ? column[row] : NAN;
}

int
strata_customer_view_compare (const StrataCustomerColumns *cols,
                              StrataCustomerSort           column,
                              guint                        a,
                              guint                        b)
{
  int c = 0;

  g_return_val_if_fail (cols != NULL && a < cols->n && b < cols->n, 0);

  switch (column)
    {
    case STRATA_CUSTOMER_SORT_ID:
      break;
    case STRATA_CUSTOMER_SORT_NAME:
      /* Collation keys turn a slow locale comparison into strcmp. */
      if (cols->name_keys != NULL)
        c = strcmp (cols->name_keys[a], cols->name_keys[b]);
      else
        c = g_utf8_collate (strata_period_data_get_name (cols->strings, a) ? strata_period_data_get_name (cols->strings, a) : "", strata_period_data_get_name (cols->strings, b) ? strata_period_data_get_name (cols->strings, b) : "");
      c = (c > 0) - (c < 0);
      break;
    case STRATA_CUSTOMER_SORT_ORDER_AMOUNT:
      c = compare_numbers (value_at (cols->order_amount, a), value_at (cols->order_amount, b));
      break;
    case STRATA_CUSTOMER_SORT_REFERRALS:
      c = compare_numbers (value_at (cols->referrals, a), value_at (cols->referrals, b));
      break;
    case STRATA_CUSTOMER_SORT_INQUIRIES:
      c = compare_numbers (value_at (cols->inquiries, a), value_at (cols->inquiries, b));
      break;
    case STRATA_CUSTOMER_SORT_SCORE:
      c = compare_numbers (value_at (cols->score, a), value_at (cols->score, b));
      break;
    case STRATA_CUSTOMER_SORT_TIER:
      c = compare_tiers (cols->tier[a], cols->tier[b]);
      break;
    case STRATA_CUSTOMER_SORT_QUADRANT:
      if (cols->quadrant != NULL)
        {
          /* A..D first, no quadrant last. */
          int qa = cols->quadrant[a] == STRATA_QUADRANT_NONE ? 99 : cols->quadrant[a];
          int qb = cols->quadrant[b] == STRATA_QUADRANT_NONE ? 99 : cols->quadrant[b];

          c = (qa > qb) - (qa < qb);
        }
      break;
    case STRATA_CUSTOMER_SORT_CHANGE:
      c = strata_customer_view_change (cols, a) - strata_customer_view_change (cols, b);
      break;
    default:
      g_return_val_if_reached (0);
    }
  if (c != 0)
    return c;
  /* Ext ids are unique: a total order, stable across re-sorts. */
  c = g_strcmp0 (strata_period_data_get_ext_id (cols->strings, a), strata_period_data_get_ext_id (cols->strings, b));
  return c != 0 ? c : (a > b) - (a < b);
}

GArray *
strata_customer_view_filter (const StrataCustomerColumns *cols,
                             const StrataCustomerFilter  *filter)
{
  GArray *rows;

  g_return_val_if_fail (cols != NULL && filter != NULL, NULL);

  rows = g_array_sized_new (FALSE, FALSE, sizeof (guint), cols->n);
  for (guint i = 0; i < cols->n; i++)
    if (strata_customer_view_matches (cols, filter, i))
      g_array_append_val (rows, i);
  return rows;
}

char *
strata_customer_view_to_csv (const StrataCustomerColumns *cols,
                             const guint                 *rows,
                             guint                        n_rows,
                             const char * const          *header)
{
  static const char *quadrants[] = { "", "A", "B", "C", "D" };
  GString *out;

  g_return_val_if_fail (cols != NULL, NULL);
  g_return_val_if_fail (header != NULL, NULL);

  out = g_string_new ("\xEF\xBB\xBF");
  for (guint c = 0; c < 9; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      strata_csv_write_field (out, header[c]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < n_rows; i++)
    {
      guint r = rows[i];
      guint8 tier = cols->tier[r];
      int change = strata_customer_view_change (cols, r);
      guint8 q = cols->quadrant ? cols->quadrant[r] : STRATA_QUADRANT_NONE;

      strata_csv_write_field (out, strata_period_data_get_ext_id (cols->strings, r));
      g_string_append_c (out, ',');
      strata_csv_write_field (out, strata_period_data_get_name (cols->strings, r));
      g_string_append_c (out, ',');
      strata_csv_write_number (out, value_at (cols->order_amount, r), "%.15g");
      g_string_append_c (out, ',');
      strata_csv_write_number (out, value_at (cols->referrals, r), "%.15g");
      g_string_append_c (out, ',');
      strata_csv_write_number (out, value_at (cols->inquiries, r), "%.15g");
      g_string_append_c (out, ',');
      strata_csv_write_number (out, value_at (cols->score, r), "%.15g");
      g_string_append_c (out, ',');
      strata_csv_write_field (out, tier < cols->n_tiers ? cols->tier_ids[tier] : "");
      g_string_append_c (out, ',');
      strata_csv_write_field (out, q < G_N_ELEMENTS (quadrants) ? quadrants[q] : "");
      g_string_append_c (out, ',');
      g_string_append (out, change > 0 ? "↑" : change < 0 ? "↓" : "");
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}
