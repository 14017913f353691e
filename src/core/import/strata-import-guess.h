/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a file to import holds, guessed before importing it: order lines
 * (a date column beside a quantity and a unit price, or an invoice
 * number) or a customer table, and for order lines the quarters of their
 * dates, so that the period defaults from the file and not from today. */
#pragma once

#include "strata-import.h"

G_BEGIN_DECLS

typedef struct
{
  StrataImportKind  kind;
  char             *date_column;  /* orders: the column the dates come from */
  GPtrArray        *quarters;     /* orders: the quarters of the dates ("2010-Q4"),
                                   * in time order; empty for customers */
  guint64           dated_lines;  /* orders: lines whose date reads */
} StrataImportGuess;

/* Reads the header of path (sheet, encoding and delimiter as for an
 * import; NULL/0 detect) and, with dates and when it looks like order
 * lines, every date. Errors name the file. */
StrataImportGuess *strata_import_guess      (const char          *path,
                                             const char          *sheet,
                                             const char          *encoding,
                                             char                 delimiter,
                                             gboolean             dates,
                                             GCancellable        *cancellable,
                                             GError             **error);
/* Order lines when the header has a date column and either a quantity
 * with a unit price or an invoice number; header holds char*. */
StrataImportKind   strata_import_guess_kind (GPtrArray           *header);
void               strata_import_guess_free (StrataImportGuess   *guess);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataImportGuess, strata_import_guess_free)

G_END_DECLS
