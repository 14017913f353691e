/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#ifdef __STDC_ISO_10646__
#include <wchar.h>
#endif
#ifdef __GLIBC__
#include <gnu/libc-version.h>
#endif

#include "strata-customer-order.h"
#include "strata-task.h"
#include "strata-types.h"

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      data)
{
  const StrataPeriodData *strings = data;
  guint32 ra = *(const guint32 *) a, rb = *(const guint32 *) b;
  int c = strcmp (strata_period_data_get_ext_id (strings, ra), strata_period_data_get_ext_id (strings, rb));

  return c != 0 ? c : (ra > rb) - (ra < rb);
}

guint32 *
strata_customer_order_by_id (const StrataPeriodData *strings,
                             guint                   n)
{
  guint32 *order;

  /* Usually already so: the period's rows come in id order. Equal ids
   * keep their rows' order, as the comparison does. */
  for (guint i = 1; i < n; i++)
    if (strcmp (strata_period_data_get_ext_id (strings, i - 1), strata_period_data_get_ext_id (strings, i)) > 0)
      {
        order = g_new (guint32, n);
        for (guint j = 0; j < n; j++)
          order[j] = j;
        g_qsort_with_data (order, n, sizeof (guint32), compare_ids, (gpointer) strings);
        return order;
      }
  return NULL;
}

#ifdef __STDC_ISO_10646__
/* A wide character of wcsxfrm()'s output as GLib writes it into a key
 * (utf8_encode () of gunicollate.c: UTF-8, extended to 31 bits). */
static int
encode_wide (char    *buf,
             wchar_t  val)
{
  int step;

  if (val < 0x80)
    {
      if (buf != NULL)
        *buf = (char) val;
      return 1;
    }
  for (step = 2; step < 6; ++step)
    if ((val & (~(guint32) 0 << (5 * step + 1))) == 0)
      break;
  if (buf != NULL)
    {
      int i = step - 1;

      *buf = (char) (unsigned char) (~0xff >> step);
      do
        {
          buf[i] = (char) (0x80 | (val & 0x3f));
          val >>= 6;
        }
      while (--i > 0);
      *buf |= (char) val;
    }
  return step;
}

/* Characters that NFKC leaves as they are, alone and beside one another:
 * ASCII and the CJK ideographs (their compatibility forms are elsewhere). */
static gboolean
normalizes_to_itself (gunichar c)
{
  return c < 0x80 || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF);
}
#endif

char *
strata_customer_order_collate_key (const char *text)
{
#ifdef __STDC_ISO_10646__
  gunichar chars[256];
  wchar_t xfrm[1024];
  gsize n = 0, need, length = 0;
  char *key;

  g_return_val_if_fail (text != NULL, NULL);
  /* g_utf8_collate_key () is NFKC (most of its time), then wcsxfrm ()
   * twice: text NFKC leaves alone goes to wcsxfrm () once, as it is. */
  if (!g_utf8_validate (text, -1, NULL))
    return g_utf8_collate_key (text, -1);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n + 1 >= G_N_ELEMENTS (chars) || !normalizes_to_itself (c))
        return g_utf8_collate_key (text, -1);
      chars[n++] = c;
    }
  chars[n] = 0;
  need = wcsxfrm (xfrm, (const wchar_t *) chars, G_N_ELEMENTS (xfrm));
  if (need >= G_N_ELEMENTS (xfrm))
    return g_utf8_collate_key (text, -1);
  for (gsize i = 0; i < need; i++)
    length += encode_wide (NULL, xfrm[i]);
  key = g_malloc (length + 1);
  length = 0;
  for (gsize i = 0; i < need; i++)
    length += encode_wide (key + length, xfrm[i]);
  key[length] = '\0';
  return key;
#else
  g_return_val_if_fail (text != NULL, NULL);
  return g_utf8_collate_key (text, -1);
#endif
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const char * const *keys = data;

  return strcmp (keys[*(const guint32 *) a], keys[*(const guint32 *) b]);
}

/* The collation keys of rows from..to, and those rows in their order. */
typedef const char *(*TextOf) (const StrataPeriodData *strings,
                                guint                   row);

typedef struct
{
  const StrataPeriodData *strings;
  TextOf                  text_of;
  const char            **keys;
  guint32                *order;
  GStringChunk           *chunk;
  guint                   from, to;
} KeyPart;

static gpointer
sort_part (gpointer data)
{
  KeyPart *p = data;

  for (guint i = p->from; i < p->to; i++)
    {
      const char *text = p->text_of (p->strings, i);
      g_autofree char *key = strata_customer_order_collate_key (text != NULL ? text : "");

      p->keys[i] = g_string_chunk_insert (p->chunk, key);
      p->order[i] = i;
    }
  g_qsort_with_data (p->order + p->from, p->to - p->from, sizeof (guint32), compare_keys, p->keys);
  return p;
}

/* Below this, a second thread costs more than it saves. */
#define SPLIT_FROM 50000

/* Collating a million names takes seconds: above SPLIT_FROM rows the
 * upper half is keyed and sorted on a thread of its own, meanwhile, and
 * the two halves merged. */
static guint32 *
collate_rank (const StrataPeriodData *strings,
              guint                   n,
              TextOf                  text_of)
{
  g_autofree const char **keys = g_new (const char *, MAX (n, 1));
  g_autofree guint32 *halves = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *order = NULL;
  guint32 *rank = g_new (guint32, MAX (n, 1));
  guint half = n >= SPLIT_FROM ? n / 2 : n;
  KeyPart low = { strings, text_of, keys, halves, g_string_chunk_new (64 * 1024), 0, half };
  KeyPart high = { strings, text_of, keys, halves, g_string_chunk_new (64 * 1024), half, n };
  guint32 r = 0;

  strata_task_run_halves ("strata-names", sort_part, &low, half < n ? &high : NULL);
  if (half < n)
    {
      guint a = 0, b = half, k = 0;

      /* The lower half first among equal keys, as one sort would not
       * promise but ranks do not mind: equal keys get one rank. */
      order = g_new (guint32, MAX (n, 1));
      while (a < half && b < n)
        order[k++] = strcmp (keys[halves[a]], keys[halves[b]]) <= 0 ? halves[a++] : halves[b++];
      while (a < half)
        order[k++] = halves[a++];
      while (b < n)
        order[k++] = halves[b++];
    }
  else
    order = g_steal_pointer (&halves);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && strcmp (keys[order[i - 1]], keys[order[i]]) != 0)
        r++;
      rank[order[i]] = r;
    }
  g_string_chunk_free (low.chunk);
  g_string_chunk_free (high.chunk);
  return rank;
}

guint32 *
strata_customer_order_name_rank (const StrataPeriodData *strings,
                                 guint                   n)
{
  return collate_rank (strings, n, strata_period_data_get_name);
}

/* Raised whenever strata_customer_order_collate_key () or the ranking
 * changes what it gives: ranks kept by an older Strata are then absent. */
#define RANKS_VERSION 1

char *
strata_customer_order_collation (void)
{
  const char *libc =
#ifdef __GLIBC__
    gnu_get_libc_version ();
#else
    "unknown";
#endif

  return g_strdup_printf ("%s; libc %s; ranks %d", setlocale (LC_COLLATE, NULL), libc, RANKS_VERSION);
}

static inline guint64
mix (guint64 h,
     guint64 word)
{
  h ^= word;
  h *= G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  return h ^ (h >> 29);
}

/* Four lanes, so that the multiplications overlap: 40 MB in a few ms. */
static guint64
hash_bytes (guint64     seed,
            const char *bytes,
            gsize       len)
{
  guint64 lane[4] = { seed, ~seed, seed ^ G_GUINT64_CONSTANT (0x243F6A8885A308D3),
                      seed ^ G_GUINT64_CONSTANT (0x13198A2E03707344) };
  guint64 word[4];
  gsize k = 0;

  for (; k + sizeof word <= len; k += sizeof word)
    {
      memcpy (word, bytes + k, sizeof word);
      for (guint l = 0; l < 4; l++)
        lane[l] = mix (lane[l], word[l]);
    }
  memset (word, 0, sizeof word);
  memcpy (word, bytes + k, len - k);
  for (guint l = 0; l < 4; l++)
    lane[l] = mix (lane[l], word[l]);
  return mix (mix (mix (mix (mix (lane[0], lane[1]), lane[2]), lane[3]), len), seed);
}

guint64
strata_customer_order_names_hash (const StrataPeriodData *strings,
                                  guint                   n)
{
  guint64 h = mix (G_GUINT64_CONSTANT (0x5354524154410001), n);

  if (strings->text_at == NULL)
    return h;
  /* Rows whose text comes in row order (as every load writes it): the
   * text itself, ids and names, tells each row's name. */
  for (guint i = 1; i < n; i++)
    if (strings->text_at[i] <= strings->text_at[i - 1])
      {
        /* Otherwise name after name, row by row. */
        for (guint r = 0; r < n; r++)
          {
            const char *name = strata_period_data_get_name (strings, r);

            h = hash_bytes (h, name, strlen (name) + 1);
          }
        return h;
      }
  return hash_bytes (h, strings->text, strings->text_len);
}

guint32 *
strata_customer_order_id_rank (const StrataPeriodData *strings,
                               guint                   n)
{
  return collate_rank (strings, n, strata_period_data_get_ext_id);
}

/* 1: folding leaves name as it is, read without folding it: ASCII without
 * capitals, and the scripts without case that Chinese, Japanese and
 * Korean names are written in (CJK symbols and punctuation, kana, the
 * unified ideographs, Yi; Hangul syllables). 0: it changes. -1: other
 * characters, to be folded. A million g_utf8_casefold () calls were a
 * third of the work that follows opening on the workers. */
static int
folds_to_itself (const char *name)
{
  for (const guchar *p = (const guchar *) name; *p; )
    {
      gunichar c;

      if (*p < 0x80)
        {
          if (*p >= 'A' && *p <= 'Z')
            return 0;
          p++;
          continue;
        }
      c = g_utf8_get_char ((const char *) p);
      if (!((c >= 0x3000 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3)))
        return -1;
      p = (const guchar *) g_utf8_next_char (p);
    }
  return 1;
}

guint8 *
strata_customer_order_name_is_folded (const StrataPeriodData *strings,
                                      guint                   n)
{
  guint8 *same = g_new0 (guint8, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const char *name = strata_period_data_get_name (strings, i);
      int known = folds_to_itself (name);
      g_autofree char *folded = NULL;

      if (known >= 0)
        {
          same[i] = (guint8) known;
          continue;
        }
      folded = g_utf8_casefold (name, -1);
      same[i] = strcmp (folded, name) == 0;
    }
  return same;
}

/* Ascending doubles as unsigned integers; missing (NaN) last. */
static guint64
number_key (const double *column,
            guint         row)
{
  double v = column != NULL ? column[row] : NAN;
  guint64 bits;

  if (isnan (v))
    return G_MAXUINT64;
  if (v == 0)
    v = 0;   /* -0 and 0 are equal */
  memcpy (&bits, &v, sizeof bits);
  return (bits & G_GUINT64_CONSTANT (0x8000000000000000)) ? ~bits
                                                           : bits | G_GUINT64_CONSTANT (0x8000000000000000);
}

static guint64
row_key (const StrataCustomerColumns *cols,
         const guint32               *name_rank,
         StrataCustomerSort           column,
         guint                        row)
{
  switch (column)
    {
    case STRATA_CUSTOMER_SORT_NAME:
      return name_rank[row];
    case STRATA_CUSTOMER_SORT_ORDER_AMOUNT:
      return number_key (cols->order_amount, row);
    case STRATA_CUSTOMER_SORT_REFERRALS:
      return number_key (cols->referrals, row);
    case STRATA_CUSTOMER_SORT_INQUIRIES:
      return number_key (cols->inquiries, row);
    case STRATA_CUSTOMER_SORT_SCORE:
      return number_key (cols->score, row);
    case STRATA_CUSTOMER_SORT_TIER:
      return cols->tier[row];
    case STRATA_CUSTOMER_SORT_QUADRANT:
      /* A..D first, no quadrant last. */
      if (cols->quadrant == NULL)
        return 0;
      return cols->quadrant[row] == STRATA_QUADRANT_NONE ? 99 : cols->quadrant[row];
    case STRATA_CUSTOMER_SORT_CHANGE:
      return strata_customer_view_change (cols, row) + 1;
    case STRATA_CUSTOMER_SORT_ID:
    default:
      return 0;
    }
}

void
strata_customer_order_sort (const StrataCustomerColumns *cols,
                            const guint32               *by_id,
                            const guint32               *name_rank,
                            StrataCustomerSort           column,
                            gboolean                     descending,
                            guint                       *rows,
                            guint                        n_rows)
{
  g_autofree guint64 *keys = NULL, *keys_tmp = NULL;
  g_autofree guint *rows_tmp = NULL;
  guint counts[8][256] = { { 0 } };

  g_return_if_fail (cols != NULL);
  g_return_if_fail (column != STRATA_CUSTOMER_SORT_NAME || name_rank != NULL);
  g_return_if_fail (n_rows <= cols->n);

  /* The rows in id order: all of them, or those of a filter picked out
   * of the id order with a mask. */
  if (n_rows == cols->n)
    {
      if (by_id != NULL)
        memcpy (rows, by_id, n_rows * sizeof (guint));
      else
        for (guint i = 0; i < n_rows; i++)
          rows[i] = i;
    }
  else
    {
      g_autofree guint8 *mask = g_new0 (guint8, MAX (cols->n, 1));
      guint k = 0;

      for (guint i = 0; i < n_rows; i++)
        mask[rows[i]] = 1;
      for (guint i = 0; i < cols->n && k < n_rows; i++)
        {
          guint row = by_id != NULL ? by_id[i] : i;

          if (mask[row])
            rows[k++] = row;
        }
    }

  /* Stable least-significant-digit radix sort, a byte at a time, passing
   * over the bytes that every key shares: which those are comes first
   * (the bits any two keys differ in), so that a tier's one byte is
   * counted once a row, not eight times. */
  if (column != STRATA_CUSTOMER_SORT_ID && n_rows > 1)
    {
      guint64 all_or = 0, all_and = G_MAXUINT64, differ;

      keys = g_new (guint64, n_rows);
      for (guint i = 0; i < n_rows; i++)
        {
          keys[i] = row_key (cols, name_rank, column, rows[i]);
          all_or |= keys[i];
          all_and &= keys[i];
        }
      differ = all_or ^ all_and;
      for (guint d = 0; d < 8; d++)
        if ((differ >> (8 * d)) & 0xff)
          for (guint i = 0; i < n_rows; i++)
            counts[d][(keys[i] >> (8 * d)) & 0xff]++;
      keys_tmp = g_new (guint64, n_rows);
      rows_tmp = g_new (guint, n_rows);
      for (guint d = 0; d < 8; d++)
        {
          guint offsets[256], sum = 0;
          guint64 *swap_keys;

          if (((differ >> (8 * d)) & 0xff) == 0)
            continue;
          for (guint b = 0; b < 256; b++)
            {
              offsets[b] = sum;
              sum += counts[d][b];
            }
          for (guint i = 0; i < n_rows; i++)
            {
              guint o = offsets[(keys[i] >> (8 * d)) & 0xff]++;

              keys_tmp[o] = keys[i];
              rows_tmp[o] = rows[i];
            }
          swap_keys = keys;
          keys = keys_tmp;
          keys_tmp = swap_keys;
          memcpy (rows, rows_tmp, n_rows * sizeof (guint));
        }
    }
  if (descending)
    for (guint i = 0, j = n_rows; i + 1 < j; i++, j--)
      {
        guint t = rows[i];

        rows[i] = rows[j - 1];
        rows[j - 1] = t;
      }
}
