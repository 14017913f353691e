/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers page's export of the list as shown: CSV, or an Excel
 * workbook (the file name's extension decides). */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-customer-view-xlsx.h"
#include "strata-customers-page-private.h"
#include "strata-export.h"
#include "strata-window.h"

static void
export_header (const char *header[9])
{
  header[0] = _("ID");
  header[1] = _("Name");
  header[2] = _("Annual order amount");
  header[3] = _("Referred customers");
  header[4] = _("Monthly inquiries");
  header[5] = _("Score");
  header[6] = _("Tier");
  header[7] = _("Quadrant");
  header[8] = _("Change");
}

gboolean
strata_customers_page_export_csv (StrataCustomersPage *self,
                                  const char          *path,
                                  GError             **error)
{
  const char *header[9];
  const StrataCustomerColumns *cols;
  const guint *rows;
  guint n;
  g_autofree char *csv = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_return_val_if_fail (STRATA_IS_CUSTOMERS_PAGE (self), FALSE);

  export_header (header);
  cols = strata_customers_page_get_columns (self, &rows, &n);
  csv = strata_customer_view_to_csv (cols, rows, n, header);
  /* Written beside and renamed: an existing file is never half replaced. */
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

gboolean
strata_customers_page_export_xlsx (StrataCustomersPage *self,
                                   const char          *path,
                                   GError             **error)
{
  const char *header[9];
  const StrataCustomerColumns *cols;
  const StrataRules *rules;
  g_autofree const char **colours = NULL;
  const guint *rows;
  guint n;

  g_return_val_if_fail (STRATA_IS_CUSTOMERS_PAGE (self), FALSE);

  export_header (header);
  cols = strata_customers_page_get_columns (self, &rows, &n);
  rules = strata_customers_page_get_rules (self);
  colours = g_new0 (const char *, cols->n_tiers + 1);
  for (guint t = 0; rules != NULL && t < cols->n_tiers && t < rules->tiers->len; t++)
    colours[t] = ((StrataTier *) rules->tiers->pdata[t])->colour;
  return strata_customer_view_to_xlsx (cols, rows, n, header, colours,
                                       strata_page_get_workspace (STRATA_PAGE (self)),
                                       strata_customers_page_get_period_name (self), path, error);
}

static void
export_chosen (StrataPage *page,
               GFile      *file)
{
  StrataCustomersPage *self = STRATA_CUSTOMERS_PAGE (page);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean ok;

  if (path == NULL)
    return;

  /* The name decides, whichever menu item asked. */
  if (strata_export_is_xlsx (path))
    ok = strata_customers_page_export_xlsx (self, path, &error);
  else
    ok = strata_customers_page_export_csv (self, path, &error);
  if (!ok)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("The list could not be exported"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (STRATA_IS_WINDOW (root))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *text = g_strdup_printf (_("List exported to “%s”"), base);

      strata_window_add_toast (STRATA_WINDOW (root), adw_toast_new (text));
    }
}

static void
export_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  StrataCustomersPage *self = STRATA_CUSTOMERS_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *period = strata_customers_page_get_period_name (self);

  if (period == NULL)
    period = "";
  if (g_str_equal (action, "page.export-xlsx"))
    {
      gtk_file_filter_set_name (filter, _("Excel workbooks"));
      gtk_file_filter_add_mime_type (filter, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      gtk_file_filter_add_pattern (filter, "*.xlsx");
      /* Translators: default file name of the exported list; %s is the period. */
      name = g_strdup_printf (_("customers-%s.xlsx"), period);
      strata_page_choose_file (STRATA_PAGE (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                               _("Export the List as Excel"), _("_Export"), filter, name,
                               export_chosen);
      return;
    }
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  /* Translators: default file name of the exported list; %s is the period. */
  name = g_strdup_printf (_("customers-%s.csv"), period);
  strata_page_choose_file (STRATA_PAGE (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("Export the List as CSV"),
                           _("_Export"), filter, name, export_chosen);
}

void
strata_customers_page_class_add_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.export-csv", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "page.export-xlsx", NULL, export_activated);
}
