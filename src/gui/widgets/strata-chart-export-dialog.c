/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "strata-chart-export.h"
#include "strata-chart-export-dialog.h"
#include "strata-window.h"

/* The dialog's file types: the filter a user picks gives a name without a
 * known ending its ending. */
static const struct
{
  const char *pattern;
  const char *suffix;
  const char *name;
} file_types[] = {
  { "*.pdf", ".pdf", N_("PDF document") },
  { "*.png", ".png", N_("PNG image") },
  { "*.svg", ".svg", N_("SVG image") },
};

void
strata_chart_export_set_caption (StrataChart *chart,
                                 const char  *title,
                                 const char  *period)
{
  g_return_if_fail (STRATA_IS_CHART (chart));
  g_object_set_data_full (G_OBJECT (chart), "strata-export-title", g_strdup (title), g_free);
  g_object_set_data_full (G_OBJECT (chart), "strata-export-period", g_strdup (period), g_free);
}

gboolean
strata_chart_export_to_path (StrataChart *chart,
                             GtkWidget   *view,
                             const char  *size,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  StrataExportFormat format;
  double w = 0, h = 0;

  g_return_val_if_fail (STRATA_IS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!strata_chart_export_format_for_path (path, &format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot export to “%s”: the name must end in .png, .svg or .pdf"), path);
      return FALSE;
    }
  if (size != NULL && g_strcmp0 (size, "shown") != 0)
    {
      if (sscanf (size, "%lfx%lf", &w, &h) != 2 || w < 16 || h < 16 || w > 10000 || h > 10000)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Cannot export at the size “%s”: give width × height between 16 and 10000"),
                       size);
          return FALSE;
        }
    }
  else if (view != NULL)
    {
      w = gtk_widget_get_width (view);
      h = gtk_widget_get_height (view);
    }
  /* A page not on screen: a good page size. */
  if (w < 100 || h < 100)
    w = 1000, h = 640;
  return strata_chart_export_captioned (chart, style, format, path, w, h,
                                        g_object_get_data (G_OBJECT (chart), "strata-export-title"),
                                        g_object_get_data (G_OBJECT (chart), "strata-export-period"), error);
}

static void
open_exported (AdwToast   *toast,
               const char *uri)
{
  GtkWidget *window = g_object_get_data (G_OBJECT (toast), "window");

  gtk_show_uri (GTK_IS_WINDOW (window) ? GTK_WINDOW (window) : NULL, uri, GDK_CURRENT_TIME);
}

gboolean
strata_chart_export_save (StrataChart *chart,
                          GtkWidget   *view,
                          const char  *size,
                          const char  *path)
{
  GtkRoot *root = view ? gtk_widget_get_root (view) : NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (STRATA_IS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!strata_chart_export_to_path (chart, view, size, path, &error))
    {
      GtkWidget *msg = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               _("Export Failed"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (msg), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (msg));
      return FALSE;
    }
  /* Say where it went, with a way to look at it. */
  if (STRATA_IS_WINDOW (root))
    {
      g_autofree char *name = g_filename_display_basename (path);
      /* Translators: a toast after exporting a chart; %s is the file's name. */
      g_autofree char *text = g_strdup_printf (_("Chart exported as “%s”"), name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_button_label (toast, _("_Open"));
      g_object_set_data (G_OBJECT (toast), "window", root);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_exported),
                             g_file_get_uri (file), (GClosureNotify) (void (*) (void)) g_free, 0);
      strata_window_add_toast (STRATA_WINDOW (root), toast);
    }
  return TRUE;
}

static void
on_response (GtkNativeDialog *dialog,
             int              response,
             gpointer         user_data)
{
  StrataChart *chart = g_object_get_data (G_OBJECT (dialog), "chart");
  GtkWidget *view = g_object_get_data (G_OBJECT (dialog), "view");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      const char *size = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "size");
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      StrataExportFormat format;

      /* "chart" with the PNG type chosen is chart.png. */
      if (path != NULL && !strata_chart_export_format_for_path (path, &format) && filter != NULL)
        {
          const char *suffix = g_object_get_data (G_OBJECT (filter), "suffix");
          char *with_suffix = g_strconcat (path, suffix, NULL);

          g_free (path);
          path = with_suffix;
        }
      if (path != NULL)
        strata_chart_export_save (chart, view, size, path);
    }
  g_object_unref (dialog);
}

void
strata_chart_export_dialog_show (GtkWidget   *parent,
                                 StrataChart *chart,
                                 GtkWidget   *view,
                                 const char  *suggested_name)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkFileChooserNative *dialog;
  g_autofree char *shown = NULL;
  const char *ids[] = { "shown", "1280x720", "1920x1080", "3840x2160", "842x595", NULL };
  const char *labels[G_N_ELEMENTS (ids)];

  g_return_if_fail (STRATA_IS_CHART (chart));
  /* Translators: export size choice; %d × %d is the chart's size on screen. */
  shown = g_strdup_printf (_("Size shown (%d × %d)"), view ? gtk_widget_get_width (view) : 0,
                           view ? gtk_widget_get_height (view) : 0);
  labels[0] = shown;
  labels[1] = _("1280 × 720 (slide)");
  labels[2] = _("1920 × 1080 (full HD)");
  labels[3] = _("3840 × 2160 (4K)");
  labels[4] = _("842 × 595 (A4 landscape, points)");
  labels[5] = NULL;
  dialog = gtk_file_chooser_native_new (_("Export Chart"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  for (guint i = 0; i < G_N_ELEMENTS (file_types); i++)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(file_types[i].name));
      gtk_file_filter_add_pattern (filter, file_types[i].pattern);
      g_object_set_data (G_OBJECT (filter), "suffix", (gpointer) file_types[i].suffix);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
      if (g_str_has_suffix (suggested_name, file_types[i].suffix))
        gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), filter);
      g_object_unref (filter);
    }
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "size", _("Size"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "size", "shown");
  g_object_set_data_full (G_OBJECT (dialog), "chart", g_object_ref (chart), g_object_unref);
  if (view != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "view", g_object_ref (view), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
