/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant's first page: the file, what each row is, the
 * period, and how the file is read (encoding, delimiter, strict). */
#pragma once

#include <adwaita.h>

#include "strata-import.h"

G_BEGIN_DECLS

#define STRATA_TYPE_IMPORT_FILE_PAGE (strata_import_file_page_get_type ())
G_DECLARE_FINAL_TYPE (StrataImportFilePage, strata_import_file_page, STRATA, IMPORT_FILE_PAGE,
                      AdwPreferencesPage)

/* Signals: "reading-changed" (kind, sheet, encoding or delimiter), "period-changed"
 * and "strict-changed"; none while the page fills itself in. */

StrataImportKind strata_import_file_page_get_kind      (StrataImportFilePage *self);
void             strata_import_file_page_set_kind      (StrataImportFilePage *self,
                                                        StrataImportKind      kind);
/* The period as typed, stripped. */
/* Order lines only (NONE for customers): one period per quarter, month or
 * year of the lines' dates instead of the period. Changing it emits
 * "period-changed". */
StrataImportSplit strata_import_file_page_get_split    (StrataImportFilePage *self);
void             strata_import_file_page_set_split     (StrataImportFilePage *self,
                                                        StrataImportSplit     split);
char            *strata_import_file_page_dup_period    (StrataImportFilePage *self);
void             strata_import_file_page_set_period    (StrataImportFilePage *self,
                                                        const char           *period);
/* NULL: detect. */
const char      *strata_import_file_page_get_encoding  (StrataImportFilePage *self);
void             strata_import_file_page_set_encoding  (StrataImportFilePage *self,
                                                        const char           *encoding);
/* 0: detect. */
char             strata_import_file_page_get_delimiter (StrataImportFilePage *self);
void             strata_import_file_page_set_delimiter (StrataImportFilePage *self,
                                                        char                  delimiter);
gboolean         strata_import_file_page_get_strict    (StrataImportFilePage *self);
void             strata_import_file_page_set_strict    (StrataImportFilePage *self,
                                                        gboolean              strict);

/* The workspace's periods (a StrataPeriodList) to pick from and to say
 * whether the period exists; current is the window's (NULL: this quarter). */
void             strata_import_file_page_set_periods   (StrataImportFilePage *self,
                                                        GListModel           *periods,
                                                        const char           *current);
/* What the file's dates say of its period ("The lines' dates are all in
 * 2010-Q4."), shown before the period's note; NULL: nothing. */
void             strata_import_file_page_set_dates_note (StrataImportFilePage *self,
                                                        const char           *note);
void             strata_import_file_page_set_file_name (StrataImportFilePage *self,
                                                        const char           *name);
/* A workbook's sheets to pick from, selected first (names NULL or of one
 * sheet: no choice, the row hides). Picking one emits "reading-changed". */
void             strata_import_file_page_set_sheets    (StrataImportFilePage *self,
                                                        const char *const    *names,
                                                        const char           *selected);
/* The sheet picked, or NULL when there is no choice. */
const char      *strata_import_file_page_get_sheet     (StrataImportFilePage *self);
/* What the preview detected (NULL: nothing), and why the file cannot be
 * imported (NULL: it can). */
void             strata_import_file_page_set_detected  (StrataImportFilePage *self,
                                                        const char           *encoding,
                                                        const char           *delimiter,
                                                        const char           *error);

G_END_DECLS
