/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The action lists after a review as a PDF in the report's page style: a
 * title page, contents, and one section per owner (their movers in a
 * table, then each mover's reasons, entitlement gains and losses and
 * action, then their customers on costly-to-run products). */
#pragma once

#include "strata-action-list.h"
#include "strata-report.h"

G_BEGIN_DECLS

/* Writes list as a PDF to path. owner: one owner's label (only that
 * section), or NULL for every owner. language as StrataReportOptions. */
gboolean strata_action_report_write_pdf (StrataWorkspace   *workspace,
                                         StrataActionList  *list,
                                         const char        *owner,
                                         const char        *language,
                                         StrataReportPaper  paper,
                                         const char        *path,
                                         GError           **error);

/* A file name for one owner's PDF: the label with characters that file
 * systems refuse replaced ("Li Wei" -> "actions-2026-Q3-Li Wei.pdf"). */
char    *strata_action_report_file_name (StrataActionList  *list,
                                         const char        *owner,
                                         const char        *extension);

G_END_DECLS
