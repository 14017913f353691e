/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant's summary: the outcome and the rejected rows. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-import-reject-row.h"
#include "strata-import-summary-page.h"

struct _StrataImportSummaryPage
{
  AdwBin         parent_instance;

  AdwStatusPage *status;
  GtkWidget     *reject_box;
  GtkListBox    *reject_list;
};

G_DEFINE_FINAL_TYPE (StrataImportSummaryPage, strata_import_summary_page, ADW_TYPE_BIN)

static void
fill_rejects (StrataImportSummaryPage  *self,
              const StrataImportResult *result)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->reject_list))) != NULL)
    gtk_list_box_remove (self->reject_list, child);
  if (result == NULL)
    {
      gtk_widget_set_visible (self->reject_box, FALSE);
      return;
    }
  for (guint i = 0; i < result->rejects->len; i++)
    gtk_list_box_append (self->reject_list,
                         strata_import_reject_row_new (result->rejects->pdata[i], NULL, FALSE));
  /* The result holds the first rejects; the workspace has them all. */
  /* The list holds rejected rows and lines without a customer alike. */
  if (result->rows_rejected + result->rows_without_customer > result->rejects->len)
    {
      guint64 n = result->rows_rejected + result->rows_without_customer - result->rejects->len;
      g_autofree char *more =
        g_strdup_printf (ngettext ("and %llu more: Save Rejected Rows… writes them all",
                                   "and %llu more: Save Rejected Rows… writes them all", n),
                         (unsigned long long) n);

      gtk_list_box_append (self->reject_list, strata_import_reject_row_new (NULL, more, FALSE));
    }
  gtk_widget_set_visible (self->reject_box, result->rejects->len > 0);
}

static void
strata_import_summary_page_class_init (StrataImportSummaryPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-import-summary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataImportSummaryPage, status);
  gtk_widget_class_bind_template_child (widget_class, StrataImportSummaryPage, reject_box);
  gtk_widget_class_bind_template_child (widget_class, StrataImportSummaryPage, reject_list);
}

static void
strata_import_summary_page_init (StrataImportSummaryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
strata_import_summary_page_show (StrataImportSummaryPage  *self,
                                 const char               *title,
                                 const char               *icon_name,
                                 const char               *summary,
                                 const StrataImportResult *result)
{
  g_return_if_fail (STRATA_IS_IMPORT_SUMMARY_PAGE (self));

  adw_status_page_set_title (self->status, title);
  adw_status_page_set_icon_name (self->status, icon_name);
  adw_status_page_set_description (self->status, summary);
  fill_rejects (self, result);
}
