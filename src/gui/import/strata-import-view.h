/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant's view state without widgets: the roles a column
 * can take, what the preview made of a column, the options the user's
 * choices give, and the texts of the summary. */
#pragma once

#include <gio/gio.h>

#include "strata-import.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;      /* "ignored", "id", "name", "metric:KEY", "new", "attribute";
                  * orders: "unused", "customer", "date", "amount", "quantity",
                  * "unit_price", "invoice", "product" */
  char *label;   /* translated */
} StrataImportRole;

void       strata_import_role_free            (StrataImportRole *role);

/* The roles a column of a file of kind can take; metrics (StrataMetric
 * items, may be NULL) are the workspace's, each a role "metric:KEY". */
GPtrArray *strata_import_view_roles           (StrataImportKind           kind,
                                               GListModel                *metrics);
/* Index of the role id in roles, or -1. */
int        strata_import_view_find_role       (GPtrArray                 *roles,
                                               const char                *id);

/* The role the preview (or import) gave column col: result->columns
 * in the ids above ("metric:KEY" of a metric the import creates is "new"). */
const char *strata_import_view_column_role    (const StrataImportResult  *result,
                                               guint                      col);

/* Adds the user's choices to options: overrides holds per header column
 * a role id or NULL (let the importer decide). */
void       strata_import_view_apply_roles     (StrataImportOptions       *options,
                                               GPtrArray                 *header,
                                               GPtrArray                 *overrides);

/* "Line 4, column “amount”: “12abc”" and the reason under it. */
char      *strata_import_view_reject_title    (const StrataImportReject  *reject);

/* The summary of a finished import into period: rows read, imported,
 * rejected; customers created (new ones) and updated. */
char      *strata_import_view_summary         (const StrataImportResult  *result,
                                               const char                *period,
                                               guint64                    created);

/* The detected delimiter as people name it ("comma", "tab"...). */
const char *strata_import_view_delimiter_name (char                       delimiter);

G_END_DECLS
