/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A workbook's shared strings in bounded memory: the first strings, up to
 * a cap, stay in memory; the rest go to an unlinked temporary file, read
 * back a block at a time (strata-xlsx-strings.c says how). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the .xlsx reader keeps in memory at the most (8 MiB). */
#define STRATA_XLSX_STRINGS_CAP (8u * 1024 * 1024)

typedef struct _StrataXlsxStrings StrataXlsxStrings;

/* cap: bytes of string blocks kept in memory before they go to the file. */
StrataXlsxStrings *strata_xlsx_strings_new            (gsize              cap);
void               strata_xlsx_strings_free           (StrataXlsxStrings *self);
/* Appends the string (len bytes, no NUL in it) as the next index. */
void               strata_xlsx_strings_add            (StrataXlsxStrings *self,
                                                       const char        *s,
                                                       gsize              len);
/* Done adding: the last block is closed. Lookups come after this. */
void               strata_xlsx_strings_finish         (StrataXlsxStrings *self);
/* Forgets every string (a part that turned out damaged). */
void               strata_xlsx_strings_clear          (StrataXlsxStrings *self);
guint              strata_xlsx_strings_get_count      (StrataXlsxStrings *self);
/* String index, or NULL past the end (or when the file cannot be read
 * back). Valid until the next lookup or change. */
const char        *strata_xlsx_strings_get            (StrataXlsxStrings *self,
                                                       guint              index);
/* The most bytes held in memory at once (blocks, the block being filled,
 * the read cache and the block index). */
gsize              strata_xlsx_strings_get_peak_bytes (StrataXlsxStrings *self);
/* Bytes written to the temporary file (0: all in memory). */
guint64            strata_xlsx_strings_get_file_bytes (StrataXlsxStrings *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataXlsxStrings, strata_xlsx_strings_free)

G_END_DECLS
