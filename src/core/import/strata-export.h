/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV exports: UTF-8 with a BOM (so that Excel reads Chinese text),
 * CR LF line ends and RFC 4180 quoting. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_EXPORT_FLAGS_NONE = 0,
  STRATA_EXPORT_KEYS       = 1 << 0,  /* metric keys, not labels, in the header */
} StrataExportFlags;

/* The same; a path ending in .xlsx writes an Excel workbook (a frozen
 * header row with an autofilter, numbers as numbers, tier colours and a
 * metadata sheet: workspace, period, rule-set version, date). */
gboolean strata_export_customers_full (StrataWorkspace  *workspace,
                                  const char       *period,
                                  const char       *path,
                                  StrataExportFlags flags,
                                  GError          **error);

/* Whether path names an Excel workbook (.xlsx). */
gboolean strata_export_is_xlsx   (const char       *path);

/* The reject log of one import (0: the latest): line, column, value,
 * reason. */
gboolean strata_export_rejects   (StrataWorkspace  *workspace,
                                  gint64            import_id,
                                  const char       *path,
                                  GError          **error);

/* The metric label for the current language (zh_CN, zh_TW, else English). */
const char *strata_export_pick_label (const char *label,
                                      const char *label_zh_cn,
                                      const char *label_zh_tw);

G_END_DECLS
