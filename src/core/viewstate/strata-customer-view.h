/* SPDX-License-Identifier: GPL-3.0-or-later */
/* View state of the Customers page, as pure functions over plain columns
 * (no GTK): which rows a filter keeps, how two rows compare for a sort
 * column, what the tier change since the previous period is, and the CSV
 * of the visible list. The page wraps them in a GtkFilter and GtkSorters. */
#pragma once

#include <glib.h>

#include "strata-period-data.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_CUSTOMER_SORT_ID,
  STRATA_CUSTOMER_SORT_NAME,
  STRATA_CUSTOMER_SORT_ORDER_AMOUNT,
  STRATA_CUSTOMER_SORT_REFERRALS,
  STRATA_CUSTOMER_SORT_INQUIRIES,
  STRATA_CUSTOMER_SORT_SCORE,
  STRATA_CUSTOMER_SORT_TIER,
  STRATA_CUSTOMER_SORT_QUADRANT,
  STRATA_CUSTOMER_SORT_CHANGE,
} StrataCustomerSort;

#define STRATA_CUSTOMER_NO_TIER 255

/* Borrowed columns of one period, n rows each. Tiers are indexes into the
 * rules' tiers, best first (STRATA_CUSTOMER_NO_TIER when none); prev_tier
 * is the tier in the previous period, mapped to the same tiers. */
typedef struct
{
  guint          n;
  const StrataPeriodData *strings; /* the ext ids and names (strata_period_data_get_ext_id/name) */
  const char   **name_keys;      /* g_utf8_collate_key() of names, or NULL */
  const guint8  *name_is_folded; /* 1 where g_utf8_casefold() leaves the name as it is
                                  * (Chinese names), or NULL: searched without a copy */
  const double  *order_amount;   /* NaN when missing; NULL: all missing */
  const double  *referrals;
  const double  *inquiries;
  const double  *score;
  const guint8  *tier;
  const guint8  *prev_tier;      /* NULL: no previous period */
  const guint8  *quadrant;       /* StrataQuadrant */
  const char   **tier_ids;       /* n_tiers, for the CSV */
  guint          n_tiers;
  const StrataPeriodData *overrides; /* whose active overrides mark the tier
                                      * (strata_period_data_get_override), or NULL */
} StrataCustomerColumns;

typedef struct
{
  const char    *search;      /* name or id contains it, any case; NULL/"" = all */
  int            tier;        /* -1 = any */
  int            quadrant;    /* StrataQuadrant, -1 = any */
  const guint8  *attribute;   /* per-row mask from an attribute filter, NULL = all */
} StrataCustomerFilter;

/* -1 down, 0 same or unknown, +1 up (to a better tier). */
int       strata_customer_view_change     (const StrataCustomerColumns *cols,
                                           guint                        row);
/* search must already be folded with strata_customer_view_fold(). */
gboolean  strata_customer_view_matches    (const StrataCustomerColumns *cols,
                                           const StrataCustomerFilter  *filter,
                                           guint                        row);
char     *strata_customer_view_fold       (const char                  *text);
/* The longest run of a folded search's characters that only fold from
 * themselves (digits, punctuation, CJK): every row the search finds holds
 * it as it is, so rows can be looked for by it in their raw text. FALSE:
 * none of 2 bytes or more. */
gboolean  strata_customer_view_search_anchor (const char               *folded,
                                              gsize                    *start,
                                              gsize                    *length);
/* The rows from..to the filter keeps, into rows in row order (how many),
 * found by looking for the filter's search anchor in all their text at
 * once (memmem) and testing only the rows that hold it. The rows' text
 * must be in row order, as the period data builds it. */
guint     strata_customer_view_filter_by_anchor (const StrataCustomerColumns *cols,
                                                 const StrataCustomerFilter  *filter,
                                                 const char                  *anchor,
                                                 gsize                        anchor_length,
                                                 guint                        from,
                                                 guint                        to,
                                                 guint                       *rows);
/* Ascending order of a and b by column; missing values sort last, ties by
 * id so that the order is total. */
int       strata_customer_view_compare    (const StrataCustomerColumns *cols,
                                           StrataCustomerSort           column,
                                           guint                        a,
                                           guint                        b);
/* The rows of the filter, in row order. */
GArray   *strata_customer_view_filter     (const StrataCustomerColumns *cols,
                                           const StrataCustomerFilter  *filter);
/* The CSV of rows (in the given order): UTF-8 with a byte order mark (so
 * spreadsheet programs read Chinese names right), RFC 4180 quoting, plain
 * numbers. header: the translated column names, 9 of them. */
char     *strata_customer_view_to_csv     (const StrataCustomerColumns *cols,
                                           const guint                 *rows,
                                           guint                        n_rows,
                                           const char * const          *header);

G_END_DECLS
