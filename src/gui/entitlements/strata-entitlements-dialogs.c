/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The small dialogs of the Entitlements page: a name (stages), an
 * entitlement's definition, and which tier column to copy. Each checks that
 * the page still edits the same matrix when the answer comes back. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "strata-entitlements-page-private.h"

typedef struct
{
  StrataEntitlementsPage *page;
  StrataEntitlements     *model;   /* the matrix the dialog was opened for */
  gint64                  id;
  gint64                  stage_id;
  StrataNameCallback      apply;
  GtkWidget              *name;
  GtkWidget              *kind;
  GtkWidget              *unit;
  GtkWidget              *levels;
  GtkWidget              *direction;
  GtkWidget              *cost;
  GtkWidget              *from;
  GtkWidget              *to;
} Dialog;

static void
dialog_free (Dialog *d)
{
  g_clear_object (&d->page);
  g_clear_object (&d->model);
  g_free (d);
}

static void
dialog_closure_free (gpointer  data,
                     GClosure *closure)
{
  dialog_free (data);
}

static GtkWindow *
parent_window (StrataEntitlementsPage *page)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static Dialog *
dialog_new (StrataEntitlementsPage *page)
{
  Dialog *d = g_new0 (Dialog, 1);

  d->page = g_object_ref (page);
  d->model = strata_entitlements_page_get_model (page);
  if (d->model != NULL)
    g_object_ref (d->model);
  return d;
}

static gboolean
still_current (Dialog *d)
{
  return d->model != NULL && strata_entitlements_page_get_model (d->page) == d->model;
}

static AdwMessageDialog *
message_dialog (StrataEntitlementsPage *page,
                const char             *heading,
                const char             *apply_label,
                GtkWidget              *child)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (page),
                                                                         heading, NULL));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", apply_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_extra_child (dialog, child);
  return dialog;
}

/* ---- A name ---- */

static void
on_name_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Dialog           *d)
{
  if (g_str_equal (response, "apply") && still_current (d))
    d->apply (d->page, gtk_editable_get_text (GTK_EDITABLE (d->name)), d->id);
}

void
strata_entitlements_page_ask_name (StrataEntitlementsPage *self,
                                   const char             *heading,
                                   const char             *initial,
                                   const char             *apply_label,
                                   gint64                  id,
                                   StrataNameCallback      apply)
{
  Dialog *d = dialog_new (self);
  AdwMessageDialog *dialog;

  d->id = id;
  d->apply = apply;
  d->name = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (d->name), initial);
  gtk_entry_set_activates_default (GTK_ENTRY (d->name), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (d->name), _("Name of the stage"));
  dialog = message_dialog (self, heading, apply_label, d->name);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_name_response), d,
                         dialog_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- An entitlement ---- */

static GtkWidget *
form_row (GtkGrid    *grid,
          int         row,
          const char *label,
          GtkWidget  *field)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (l), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), field);
  gtk_widget_set_hexpand (field, TRUE);
  gtk_grid_attach (grid, l, 0, row, 1, 1);
  gtk_grid_attach (grid, field, 1, row, 1, 1);
  return l;
}

static void
sync_kind_fields (Dialog *d)
{
  StrataEntitlementKind kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (d->kind));

  gtk_widget_set_sensitive (d->unit, kind == STRATA_ENTITLEMENT_NUMBER);
  gtk_widget_set_sensitive (d->direction, kind == STRATA_ENTITLEMENT_NUMBER);
  gtk_widget_set_sensitive (d->levels, kind == STRATA_ENTITLEMENT_LEVEL);
}

static void
on_entitlement_response (AdwMessageDialog *dialog,
                         const char       *response,
                         Dialog           *d)
{
  g_autoptr(StrataEntitlement) e = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) levels = g_strv_builder_new ();
  const char *cost;
  gboolean ok;

  if (!g_str_equal (response, "apply") || !still_current (d))
    return;

  if (d->id != 0 && strata_entitlements_lookup (d->model, d->id) != NULL)
    e = strata_entitlement_copy (strata_entitlements_lookup (d->model, d->id));
  else
    e = strata_entitlement_new ();
  g_free (e->label);
  e->label = g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->name)));
  e->kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (d->kind));
  g_free (e->unit);
  e->unit = g_strdup (e->kind == STRATA_ENTITLEMENT_NUMBER
                      ? gtk_editable_get_text (GTK_EDITABLE (d->unit)) : "");
  e->higher_is_better = gtk_drop_down_get_selected (GTK_DROP_DOWN (d->direction)) == 0;
  /* Levels are typed lowest first, separated by commas (either width). */
  parts = g_regex_split_simple ("[,，、]", gtk_editable_get_text (GTK_EDITABLE (d->levels)), 0, 0);
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i])
        g_strv_builder_add (levels, parts[i]);
    }
  g_strfreev (e->levels);
  e->levels = e->kind == STRATA_ENTITLEMENT_LEVEL ? g_strv_builder_end (levels) : g_new0 (char *, 1);

  cost = gtk_editable_get_text (GTK_EDITABLE (d->cost));
  e->cost = NAN;
  if (*cost)
    {
      char *end = NULL;
      double v = g_ascii_strtod (cost, &end);

      if (end == cost || *end != '\0')
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” is not a cost per customer: type a number or leave it empty"),
                                                  cost);
          strata_entitlements_page_show_error (d->page, msg);
          return;
        }
      e->cost = v;
    }

  if (d->id == 0)
    ok = strata_entitlements_add (d->model, d->stage_id, e, -1, &error) > 0;
  else
    ok = strata_entitlements_update (d->model, e, &error);
  if (!ok)
    strata_entitlements_page_show_error (d->page, error->message);
  else
    strata_entitlements_page_clear_error (d->page);
}

void
strata_entitlements_page_edit_entitlement (StrataEntitlementsPage *self,
                                           gint64                  stage_id,
                                           gint64                  entitlement_id)
{
  Dialog *d = dialog_new (self);
  const StrataEntitlement *e = NULL;
  GtkWidget *grid = gtk_grid_new ();
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const char *directions[] = { _("Higher is better"), _("Lower is better"), NULL };
  AdwMessageDialog *dialog;

  if (d->model == NULL)
    {
      dialog_free (d);
      return;
    }
  if (entitlement_id != 0)
    e = strata_entitlements_lookup (d->model, entitlement_id);
  d->id = e ? entitlement_id : 0;
  d->stage_id = stage_id;

  for (StrataEntitlementKind k = STRATA_ENTITLEMENT_INCLUDED; k <= STRATA_ENTITLEMENT_TEXT; k++)
    gtk_string_list_append (kinds, strata_entitlement_kind_label (k));
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  d->name = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (d->name), TRUE);
  d->kind = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kinds)), NULL);
  d->unit = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (d->unit), _("For example h or days"));
  d->direction = gtk_drop_down_new_from_strings (directions);
  d->levels = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (d->levels), _("Standard, Priority, Dedicated"));
  d->cost = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (d->cost), _("None"));
  gtk_widget_add_css_class (d->cost, "numeric");

  form_row (GTK_GRID (grid), 0, _("_Name"), d->name);
  form_row (GTK_GRID (grid), 1, _("_Kind"), d->kind);
  form_row (GTK_GRID (grid), 2, _("_Unit"), d->unit);
  form_row (GTK_GRID (grid), 3, _("_Direction"), d->direction);
  form_row (GTK_GRID (grid), 4, _("_Levels, lowest first"), d->levels);
  form_row (GTK_GRID (grid), 5, _("_Cost per customer"), d->cost);

  if (e != NULL)
    {
      g_autoptr(GStrvBuilder) shown = g_strv_builder_new ();
      g_auto(GStrv) shown_levels = NULL;
      g_autofree char *levels = NULL;

      /* Seeded names as the reader reads them; left as they are, they keep
       * their stored text (strata_entitlements_update()). */
      for (guint l = 0; e->levels[l]; l++)
        g_strv_builder_add (shown, strata_entitlement_display_text (e, e->levels[l]));
      shown_levels = g_strv_builder_end (shown);
      levels = g_strjoinv (", ", shown_levels);
      gtk_editable_set_text (GTK_EDITABLE (d->name), strata_entitlement_get_display_label (e));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (d->kind), e->kind);
      gtk_editable_set_text (GTK_EDITABLE (d->unit), strata_entitlement_display_text (e, e->unit));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (d->direction), e->higher_is_better ? 0 : 1);
      gtk_editable_set_text (GTK_EDITABLE (d->levels), levels);
      if (!isnan (e->cost))
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          gtk_editable_set_text (GTK_EDITABLE (d->cost), g_ascii_dtostr (buf, sizeof buf, e->cost));
        }
    }
  g_signal_connect_swapped (d->kind, "notify::selected", G_CALLBACK (sync_kind_fields), d);
  sync_kind_fields (d);

  dialog = message_dialog (self, e ? _("Edit Entitlement") : _("Add Entitlement"),
                           e ? _("_Save") : _("_Add"), grid);
  if (e != NULL)
    adw_message_dialog_set_body (dialog, _("Values that no longer fit a changed kind or list of "
                                           "levels are removed; Undo brings them back."));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_entitlement_response), d,
                         dialog_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Copy a tier column ---- */

static void
on_copy_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Dialog           *d)
{
  GPtrArray *tiers;
  g_autoptr(GError) error = NULL;
  guint from, to;

  if (!g_str_equal (response, "apply") || !still_current (d))
    return;
  tiers = strata_entitlements_get_tiers (d->model);
  from = gtk_drop_down_get_selected (GTK_DROP_DOWN (d->from));
  to = gtk_drop_down_get_selected (GTK_DROP_DOWN (d->to));
  if (from >= tiers->len || to >= tiers->len || from == to)
    return;
  if (!strata_entitlements_copy_tier (d->model,
                                      ((StrataEntitlementTier *) g_ptr_array_index (tiers, from))->id,
                                      ((StrataEntitlementTier *) g_ptr_array_index (tiers, to))->id,
                                      &error))
    strata_entitlements_page_show_error (d->page, error->message);
  else
    strata_entitlements_page_clear_error (d->page);
}

void
strata_entitlements_page_ask_copy_tier (StrataEntitlementsPage *self)
{
  Dialog *d = dialog_new (self);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *grid = gtk_grid_new ();
  AdwMessageDialog *dialog;
  GPtrArray *tiers;

  if (d->model == NULL)
    {
      dialog_free (d);
      return;
    }
  tiers = strata_entitlements_get_tiers (d->model);
  for (guint t = 0; t < tiers->len; t++)
    {
      StrataEntitlementTier *tier = g_ptr_array_index (tiers, t);
      g_autofree char *name = g_strdup_printf ("%s · %s", tier->id, tier->label);

      gtk_string_list_append (names, name);
    }
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  d->from = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  d->to = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (d->to), tiers->len > 1 ? 1 : 0);
  form_row (GTK_GRID (grid), 0, _("_From tier"), d->from);
  form_row (GTK_GRID (grid), 1, _("_To tier"), d->to);

  dialog = message_dialog (self, _("Copy Tier Column"), _("_Copy"), grid);
  adw_message_dialog_set_body (dialog, _("Every value of the second tier is replaced by the "
                                         "first tier's. Undo brings them back."));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_copy_response), d,
                         dialog_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
