/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-error.h"
#include "strata-i18n.h"
#include "strata-import-guess.h"
#include "strata-import-private.h"
#include "strata-value.h"

/* A session that only knows the header: enough to find columns by their
 * usual names, as the importers do. */
static int
find (StrataImportSession *s,
      const char *const   *guesses)
{
  int col = -1;

  strata_import_pick_column (s, NULL, guesses, &col, NULL);
  return col;
}

static StrataImportKind
kind_of (StrataImportSession *s,
         int                 *date)
{
  gboolean priced = find (s, strata_import_quantity_guesses) >= 0
                    && find (s, strata_import_unit_price_guesses) >= 0;

  *date = find (s, strata_import_date_guesses);
  if (*date >= 0 && (priced || find (s, strata_import_invoice_guesses) >= 0))
    return STRATA_IMPORT_KIND_ORDERS;
  *date = -1;
  return STRATA_IMPORT_KIND_CUSTOMERS;
}

StrataImportKind
strata_import_guess_kind (GPtrArray *header)
{
  g_autoptr(StrataImportOptions) options = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, NULL);
  StrataImportSession s = { 0 };
  int date;

  g_return_val_if_fail (header != NULL, STRATA_IMPORT_KIND_CUSTOMERS);
  s.header = header;
  s.options = options;
  s.path = "";
  return kind_of (&s, &date);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  /* 2010-Q4 < 2011-Q1: the names sort in time. */
  return g_strcmp0 (*(char **) a, *(char **) b);
}

StrataImportGuess *
strata_import_guess (const char    *path,
                     const char    *sheet,
                     const char    *encoding,
                     char           delimiter,
                     gboolean       dates,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(StrataCsvReader) reader = NULL;
  g_autoptr(StrataImportOptions) options = strata_import_options_new (STRATA_IMPORT_KIND_CUSTOMERS, NULL);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(StrataImportGuess) guess = g_new0 (StrataImportGuess, 1);
  StrataImportSession s = { 0 };
  GError *local = NULL;
  GHashTableIter iter;
  gpointer key;
  int date;

  g_return_val_if_fail (path != NULL, NULL);

  guess->quarters = g_ptr_array_new_with_free_func (g_free);
  reader = strata_csv_reader_open_sheet (path, sheet, encoding, delimiter, cancellable, error);
  if (reader == NULL)
    return NULL;
  if (!strata_csv_reader_next (reader, cancellable, &local))
    {
      if (local != NULL)
        g_propagate_error (error, local);
      else
        g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_FORMAT,
                     _("“%s” is empty: it has no header line"), path);
      return NULL;
    }
  for (guint i = 0; i < strata_csv_reader_get_n_fields (reader); i++)
    {
      g_autofree char *h = g_strdup (strata_csv_reader_get_field (reader, i));
      g_ptr_array_add (header, g_strdup (g_strstrip (h)));
    }
  s.header = header;
  s.options = options;
  s.path = path;
  guess->kind = kind_of (&s, &date);
  if (date >= 0)
    guess->date_column = g_strdup (header->pdata[date]);
  if (guess->kind != STRATA_IMPORT_KIND_ORDERS || !dates)
    return g_steal_pointer (&guess);

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Lines of one quarter come together: the last name is kept to skip
   * the formatting of most of them. */
  {
    int last_quarter = G_MININT;

    while (strata_csv_reader_next (reader, cancellable, &local))
      {
        gint64 day;
        const char *reason = NULL;
        int quarter;

        if ((guint) date >= strata_csv_reader_get_n_fields (reader)
            || !strata_value_parse_date (strata_csv_reader_get_field (reader, date), &day, &reason))
          continue;
        guess->dated_lines++;
        quarter = strata_value_month_index (day) / 3;
        if (quarter == last_quarter)
          continue;
        last_quarter = quarter;
        g_hash_table_add (seen, strata_import_split_period_name (STRATA_IMPORT_SPLIT_QUARTER, day));
      }
  }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (guess->quarters, g_strdup (key));
  g_ptr_array_sort (guess->quarters, compare_names);
  return g_steal_pointer (&guess);
}

void
strata_import_guess_free (StrataImportGuess *guess)
{
  if (guess == NULL)
    return;
  g_free (guess->date_column);
  g_ptr_array_unref (guess->quarters);
  g_free (guess);
}
