/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The actions of the Entitlements page (page.*): undo and redo (Ctrl+Z,
 * Ctrl+Shift+Z), stages and entitlements added, renamed, moved and removed
 * (a removal offers Undo in a toast), the default matrix, copying a tier
 * column and the CSV and Excel exports. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-entitlements-page-private.h"
#include "strata-entitlements-xlsx.h"
#include "strata-export.h"


static void
report (StrataEntitlementsPage *self,
        gboolean                ok,
        GError                 *error)
{
  if (!ok && error != NULL)
    strata_entitlements_page_show_error (self, error->message);
  else if (ok)
    strata_entitlements_page_clear_error (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->model != NULL && strata_entitlements_can_undo (self->model))
    report (self, strata_entitlements_undo (self->model, &error), error);
}

static void
redo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->model != NULL && strata_entitlements_can_redo (self->model))
    report (self, strata_entitlements_redo (self->model, &error), error);
}

static void
on_toast_undo (AdwToast               *toast,
               StrataEntitlementsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "page.undo", NULL);
}

static void
toast_with_undo (StrataEntitlementsPage *self,
                 const char             *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_undo), self, 0);
  strata_entitlements_page_add_toast (self, toast);
}

static void
apply_add_stage (StrataEntitlementsPage *self,
                 const char             *text,
                 gint64                  id)
{
  g_autoptr(GError) error = NULL;

  if (self->model != NULL)
    report (self, strata_entitlements_add_stage (self->model, text, -1, &error) > 0, error);
}

static void
apply_rename_stage (StrataEntitlementsPage *self,
                    const char             *text,
                    gint64                  id)
{
  g_autoptr(GError) error = NULL;

  if (self->model != NULL)
    report (self, strata_entitlements_rename_stage (self->model, id, text, &error), error);
}

static void
add_stage_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);

  if (self->model != NULL)
    strata_entitlements_page_ask_name (self, _("Add Stage"), "", _("_Add"), 0, apply_add_stage);
}

/* The stage whose id is the action's parameter, or NULL. */
static const StrataEntitlementStage *
param_stage (StrataEntitlementsPage *self,
             GVariant               *param)
{
  if (self->model == NULL)
    return NULL;
  return strata_entitlements_lookup_stage (self->model, g_variant_get_int64 (param));
}

static void
rename_stage_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  const StrataEntitlementStage *stage = param_stage (self, param);

  if (stage != NULL)
    strata_entitlements_page_ask_name (self, _("Rename Stage"),
                                       strata_entitlement_stage_get_display_label (stage), _("_Rename"),
                                       stage->id, apply_rename_stage);
}

static void
move_stage (StrataEntitlementsPage *self,
            GVariant               *param,
            int                     by)
{
  const StrataEntitlementStage *stage = param_stage (self, param);
  g_autoptr(GError) error = NULL;

  if (stage != NULL && stage->position + by >= 0)
    report (self, strata_entitlements_move_stage (self->model, stage->id, stage->position + by,
                                                  &error), error);
}

static void
move_stage_up_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  move_stage (STRATA_ENTITLEMENTS_PAGE (widget), param, -1);
}

static void
move_stage_down_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  move_stage (STRATA_ENTITLEMENTS_PAGE (widget), param, 1);
}

static void
remove_stage_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  const StrataEntitlementStage *stage = param_stage (self, param);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (stage == NULL)
    return;
  title = g_strdup_printf (_("Stage “%s” removed"),
                           strata_entitlement_stage_get_display_label (stage));
  if (strata_entitlements_remove_stage (self->model, stage->id, &error))
    toast_with_undo (self, title);
  report (self, error == NULL, error);
}

static void
add_entitlement_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  const StrataEntitlementStage *stage = param_stage (self, param);

  if (stage != NULL)
    strata_entitlements_page_edit_entitlement (self, stage->id, 0);
}

/* Up from the first row of a stage goes to the end of the stage before;
 * down from the last row to the start of the next: rows can travel across
 * the whole funnel with two menu items. */
static gboolean
move_entitlement (StrataEntitlementsPage  *self,
                  const StrataEntitlement *e,
                  int                      delta,
                  GError                 **error)
{
  GPtrArray *stages = strata_entitlements_get_stages (self->model);
  g_autoptr(GPtrArray) rows = strata_entitlements_get_in_stage (self->model, e->stage_id);
  const StrataEntitlementStage *stage = strata_entitlements_lookup_stage (self->model, e->stage_id);
  int to = e->position + delta;

  if (to >= 0 && to < (int) rows->len)
    return strata_entitlements_move (self->model, e->id, e->stage_id, to, error);
  if (delta < 0 && stage->position > 0)
    return strata_entitlements_move (self->model, e->id,
                                     ((StrataEntitlementStage *) g_ptr_array_index (stages, stage->position - 1))->id,
                                     -1, error);
  if (delta > 0 && stage->position + 1 < (int) stages->len)
    return strata_entitlements_move (self->model, e->id,
                                     ((StrataEntitlementStage *) g_ptr_array_index (stages, stage->position + 1))->id,
                                     0, error);
  return TRUE;
}

/* The entitlement whose id is the action's parameter, or NULL. */
static const StrataEntitlement *
param_entitlement (StrataEntitlementsPage *self,
                   GVariant               *param)
{
  if (self->model == NULL)
    return NULL;
  return strata_entitlements_lookup (self->model, g_variant_get_int64 (param));
}

static void
edit_entitlement_action (GtkWidget  *widget,
                         const char *name,
                         GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  const StrataEntitlement *e = param_entitlement (self, param);

  if (e != NULL)
    strata_entitlements_page_edit_entitlement (self, e->stage_id, e->id);
}

static void
move_entitlement_by (StrataEntitlementsPage *self,
                     GVariant               *param,
                     int                     by)
{
  const StrataEntitlement *e = param_entitlement (self, param);
  g_autoptr(GError) error = NULL;

  if (e != NULL)
    report (self, move_entitlement (self, e, by, &error), error);
}

static void
move_entitlement_up_action (GtkWidget  *widget,
                            const char *name,
                            GVariant   *param)
{
  move_entitlement_by (STRATA_ENTITLEMENTS_PAGE (widget), param, -1);
}

static void
move_entitlement_down_action (GtkWidget  *widget,
                              const char *name,
                              GVariant   *param)
{
  move_entitlement_by (STRATA_ENTITLEMENTS_PAGE (widget), param, 1);
}

static void
remove_entitlement_action (GtkWidget  *widget,
                           const char *name,
                           GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  const StrataEntitlement *e = param_entitlement (self, param);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (e == NULL)
    return;
  /* Translators: a toast with an Undo button */
  title = g_strdup_printf (_("“%s” removed"), strata_entitlement_get_display_label (e));
  if (strata_entitlements_remove (self->model, e->id, &error))
    toast_with_undo (self, title);
  report (self, error == NULL, error);
}

static void
add_defaults_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  StrataWorkspace *workspace = strata_page_get_workspace (STRATA_PAGE (self));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (workspace == NULL)
    return;
  ok = strata_workspace_begin (workspace, &error) &&
       strata_entitlements_seed_defaults (workspace, &error) &&
       strata_workspace_commit (workspace, &error);
  if (!ok)
    {
      if (strata_workspace_in_transaction (workspace))
        strata_workspace_rollback (workspace);
      report (self, FALSE, error);
      return;
    }
  strata_workspace_emit_changed (workspace, "entitlements");
}

static void
copy_tier_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  strata_entitlements_page_ask_copy_tier (STRATA_ENTITLEMENTS_PAGE (widget));
}

static void
on_export_response (GtkNativeDialog        *dialog,
                    int                     response,
                    StrataEntitlementsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->model != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      g_autofree char *path = g_file_get_path (file);
      gboolean ok;

      /* The name decides, whichever menu item asked. */
      if (path != NULL && strata_export_is_xlsx (path))
        ok = strata_entitlements_export_xlsx (self->model, path, &error);
      else
        ok = strata_entitlements_export_csv (self->model, file, &error);
      if (ok)
        {
          g_autofree char *base = g_file_get_basename (file);
          g_autofree char *title = g_strdup_printf (_("Entitlements exported to “%s”"), base);

          strata_entitlements_page_add_toast (self, adw_toast_new (title));
        }
      else
        report (self, FALSE, error);
    }
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  StrataEntitlementsPage *self = STRATA_ENTITLEMENTS_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  dialog = gtk_file_chooser_native_new (_("Export Entitlements"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  if (g_str_equal (name, "page.export-xlsx"))
    {
      gtk_file_filter_set_name (filter, _("Excel workbooks"));
      gtk_file_filter_add_suffix (filter, "xlsx");
      /* Translators: the default file name of the Excel export */
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("entitlements.xlsx"));
    }
  else
    {
      gtk_file_filter_set_name (filter, _("CSV files"));
      gtk_file_filter_add_suffix (filter, "csv");
      /* Translators: the default file name of the CSV export */
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("entitlements.csv"));
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
strata_entitlements_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "page.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "page.add-stage", NULL, add_stage_action);
  gtk_widget_class_install_action (widget_class, "page.rename-stage", "x", rename_stage_action);
  gtk_widget_class_install_action (widget_class, "page.move-stage-up", "x", move_stage_up_action);
  gtk_widget_class_install_action (widget_class, "page.move-stage-down", "x", move_stage_down_action);
  gtk_widget_class_install_action (widget_class, "page.remove-stage", "x", remove_stage_action);
  gtk_widget_class_install_action (widget_class, "page.add-entitlement", "x", add_entitlement_action);
  gtk_widget_class_install_action (widget_class, "page.edit-entitlement", "x", edit_entitlement_action);
  gtk_widget_class_install_action (widget_class, "page.move-entitlement-up", "x", move_entitlement_up_action);
  gtk_widget_class_install_action (widget_class, "page.move-entitlement-down", "x", move_entitlement_down_action);
  gtk_widget_class_install_action (widget_class, "page.remove-entitlement", "x", remove_entitlement_action);
  gtk_widget_class_install_action (widget_class, "page.add-defaults", NULL, add_defaults_action);
  gtk_widget_class_install_action (widget_class, "page.copy-tier", NULL, copy_tier_action);
  gtk_widget_class_install_action (widget_class, "page.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "page.export-xlsx", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "page.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "page.redo", NULL);
}
