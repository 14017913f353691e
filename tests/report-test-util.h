/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading report PDFs back with poppler-glib, for test-report and
 * test-report-export. */
#pragma once

#include <poppler.h>

#include "strata-report.h"

/* poppler-glib 22 has no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerFontInfo, poppler_font_info_free)

static inline PopplerDocument *
report_test_open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *doc;

  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static inline char *
report_test_page_text (PopplerDocument *doc,
                       int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);

  return poppler_page_get_text (page);
}

/* The text of the first max_pages pages (-1: all), pages separated by \f. */
static inline char *
report_test_text (PopplerDocument *doc,
                  int              max_pages)
{
  GString *s = g_string_new (NULL);
  int n = poppler_document_get_n_pages (doc);

  for (int i = 0; i < n && (max_pages < 0 || i < max_pages); i++)
    {
      g_autofree char *text = report_test_page_text (doc, i);
      g_string_append (s, text);
      g_string_append_c (s, '\f');
    }
  return g_string_free (s, FALSE);
}

/* Writes ws's report with options (NULL: the defaults) to pdf and returns
 * the text of all its pages. */
static inline char *
report_test_write_text (StrataWorkspace           *ws,
                        const StrataReportOptions *options,
                        const char                *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;

  g_assert_true (strata_report_write_pdf (ws, options, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = report_test_open_pdf (pdf);
  return report_test_text (doc, -1);
}
