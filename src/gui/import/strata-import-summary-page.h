/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant's last page: how the import went and the rows it
 * rejected, with Save Rejected Rows… (the action import.save-rejects). */
#pragma once

#include <adwaita.h>

#include "strata-import.h"

G_BEGIN_DECLS

#define STRATA_TYPE_IMPORT_SUMMARY_PAGE (strata_import_summary_page_get_type ())
G_DECLARE_FINAL_TYPE (StrataImportSummaryPage, strata_import_summary_page, STRATA,
                      IMPORT_SUMMARY_PAGE, AdwBin)

/* result is the finished import (NULL when it failed or was cancelled). */
void strata_import_summary_page_show (StrataImportSummaryPage  *self,
                                      const char               *title,
                                      const char               *icon_name,
                                      const char               *summary,
                                      const StrataImportResult *result);

G_END_DECLS
