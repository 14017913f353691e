/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Products page (see the header). The product mix is computed on a
 * worker thread with its own connection (it scores the period and reads
 * every product line); the main thread fills the chart and the grids. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "strata-context.h"
#include "strata-format.h"
#include "strata-products-page.h"
#include "strata-review-chart.h"

/* The migration list shows this many customers; the CLI lists them all. */
#define MIGRATION_ROWS 50

struct _StrataProductsPage
{
  StrataPage             parent_instance;

  GtkWidget             *stack;
  GtkWidget             *status;
  GtkWidget             *title;
  GtkWidget             *chart_view;
  GtkWidget             *customers_grid;
  GtkWidget             *migration_heading;
  GtkWidget             *migration_grid;

  StrataProductMixChart *chart;
  StrataProductMix      *mix;
};

G_DEFINE_FINAL_TYPE (StrataProductsPage, strata_products_page, STRATA_TYPE_PAGE)

static void
show_empty (StrataProductsPage *self,
            const char         *title,
            const char         *description)
{
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status), description);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
}

static gboolean
show_nothing (StrataProductsPage *self)
{
  StrataContext *context = strata_page_get_context (STRATA_PAGE (self));

  if (context == NULL)
    show_empty (self, _("No Workspace Open"), _("Open a workspace to see its products by tier."));
  else if (strata_context_get_period_id (context) == 0)
    show_empty (self, _("No Period"), _("Import order lines with a product column to see the products each tier buys."));
  else
    return FALSE;
  return TRUE;
}

static void
clear_grid (GtkWidget *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (grid)) != NULL)
    gtk_grid_remove (GTK_GRID (grid), child);
}

static void
add_cell (GtkWidget  *grid,
          const char *text,
          int         column,
          int         row,
          gboolean    numeric)
{
  GtkWidget *cell = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (cell), numeric ? 1 : 0);
  gtk_label_set_selectable (GTK_LABEL (cell), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (cell), numeric ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  if (row == 0)
    gtk_widget_add_css_class (cell, "dim-label");
  else if (numeric)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_grid_attach (GTK_GRID (grid), cell, column, row, 1, 1);
}

static const char *
tier_label (const StrataProductMix *mix,
            const char             *tier)
{
  for (guint t = 0; t < mix->tiers->len; t++)
    {
      const StrataProductMixTier *info = mix->tiers->pdata[t];

      if (g_str_equal (info->tier, tier))
        return info->label;
    }
  return tier;
}

/* Per tier: its customers, those using each category, new-product adoption. */
static void
fill_customers (StrataProductsPage *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  const StrataProductMix *mix = self->mix;
  guint n_categories = mix->categories->len;

  clear_grid (self->customers_grid);
  add_cell (self->customers_grid, _("Tier"), 0, 0, FALSE);
  add_cell (self->customers_grid, _("Customers"), 1, 0, TRUE);
  for (guint c = 0; c < n_categories; c++)
    add_cell (self->customers_grid, ((StrataProductCategory *) mix->categories->pdata[c])->label,
              2 + c, 0, TRUE);
  add_cell (self->customers_grid, _("New-product adoption"), 2 + n_categories, 0, TRUE);
  for (guint t = 0; t < mix->tiers->len; t++)
    {
      const StrataProductMixTier *tier = mix->tiers->pdata[t];
      g_autofree char *customers = strata_format_integer (fmt, tier->customers);
      g_autofree char *adoption = isnan (tier->adoption) ? g_strdup ("—")
                                  : strata_format_percent (fmt, tier->adoption, 0);

      add_cell (self->customers_grid, tier->label, 0, t + 1, FALSE);
      add_cell (self->customers_grid, customers, 1, t + 1, TRUE);
      for (guint c = 0; c < n_categories; c++)
        {
          const StrataProductMixRow *r = mix->rows->pdata[(gsize) t * n_categories + c];
          g_autofree char *n = strata_format_integer (fmt, r->customers);

          add_cell (self->customers_grid, n, 2 + c, t + 1, TRUE);
        }
      add_cell (self->customers_grid, adoption, 2 + n_categories, t + 1, TRUE);
    }
}

static void
fill_migration (StrataProductsPage *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  const StrataProductMix *mix = self->mix;
  g_autofree char *count = strata_format_integer (fmt, mix->migration->len);
  g_autofree char *heading = NULL;
  guint shown = MIN (mix->migration->len, MIGRATION_ROWS);

  /* Translators: heading of the migration list; %s is a number of customers. */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Migration List: %s Customer on Costly Products",
                                          "Migration List: %s Customers on Costly Products",
                                          mix->migration->len), count);
  gtk_label_set_text (GTK_LABEL (self->migration_heading), heading);
  clear_grid (self->migration_grid);
  if (mix->migration->len == 0)
    return;
  add_cell (self->migration_grid, _("ID"), 0, 0, FALSE);
  add_cell (self->migration_grid, _("Name"), 1, 0, FALSE);
  add_cell (self->migration_grid, _("Tier"), 2, 0, FALSE);
  add_cell (self->migration_grid, _("On costly products"), 3, 0, TRUE);
  add_cell (self->migration_grid, _("Order amount"), 4, 0, TRUE);
  add_cell (self->migration_grid, _("Products"), 5, 0, FALSE);
  for (guint i = 0; i < shown; i++)
    {
      const StrataProductMigration *m = mix->migration->pdata[i];
      g_autofree char *revenue = strata_format_compact (fmt, m->revenue);
      g_autofree char *total = strata_format_compact (fmt, m->total);

      add_cell (self->migration_grid, m->ext_id, 0, i + 1, FALSE);
      add_cell (self->migration_grid, m->name, 1, i + 1, FALSE);
      add_cell (self->migration_grid, tier_label (mix, m->tier), 2, i + 1, FALSE);
      add_cell (self->migration_grid, revenue, 3, i + 1, TRUE);
      add_cell (self->migration_grid, total, 4, i + 1, TRUE);
      add_cell (self->migration_grid, m->products, 5, i + 1, FALSE);
    }
  if (shown < mix->migration->len)
    {
      g_autofree char *rest = strata_format_integer (fmt, mix->migration->len - shown);
      /* Translators: below the migration list; %s is a number of customers. */
      g_autofree char *more = g_strdup_printf (_("and %s more (strata-cli products --migration lists all)"), rest);
      GtkWidget *label = gtk_label_new (more);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (self->migration_grid), label, 0, shown + 1, 6, 1);
    }
}

/* Shows a mix (taking it) or why there is none. */
static void
show_mix (StrataProductsPage *self,
          StrataProductMix   *mix,
          const GError       *error)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  g_clear_pointer (&self->mix, strata_product_mix_free);
  self->mix = mix;
  strata_product_mix_chart_set_mix (self->chart, mix);
  if (mix == NULL)
    {
      show_empty (self, _("Cannot Score This Period"), error != NULL ? error->message : "");
      return;
    }
  if (!mix->has_products)
    {
      show_empty (self, _("No Product Data"),
                  _("Import order lines with a product column (such as StockCode or 产品) "
                    "to see the products each tier buys."));
      return;
    }
  /* Translators: heading of the Products page; %s is a period such as 2026-Q3. */
  title = g_strdup_printf (_("Products by Tier in %s"), mix->period_name);
  gtk_label_set_text (GTK_LABEL (self->title), title);
  strata_review_chart_set_chart (STRATA_REVIEW_CHART (self->chart_view), STRATA_CHART (self->chart));
  description = strata_chart_get_description (STRATA_CHART (self->chart));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Product mix per tier"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_set_tooltip_text (self->chart_view, description);
  gtk_widget_queue_draw (self->chart_view);
  fill_customers (self);
  fill_migration (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "mix");
}

typedef struct
{
  char   *path;
  gint64  period_id;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_free (d->path);
  g_free (d);
}

/* On a worker thread, with its own connection (never the window's). */
static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *d = task_data;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(GError) error = NULL;
  StrataProductMix *mix;

  ws = strata_workspace_open (d->path, cancellable, &error);
  if (ws == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  mix = strata_product_mix_compute (ws, d->period_id, &error);
  if (mix == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, mix, (GDestroyNotify) strata_product_mix_free);
}

static void
strata_products_page_load_async (StrataPage          *page,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  StrataContext *context = strata_page_get_context (page);
  g_autoptr(GTask) task = g_task_new (page, cancellable, callback, user_data);
  LoadData *d = g_new0 (LoadData, 1);

  d->path = g_strdup (strata_workspace_get_path (strata_context_get_workspace (context)));
  d->period_id = strata_context_get_period_id (context);
  g_task_set_source_tag (task, strata_products_page_load_async);
  g_task_set_task_data (task, d, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static gboolean
strata_products_page_load_finish (StrataPage    *page,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  StrataProductMix *mix = g_task_propagate_pointer (G_TASK (result), &local_error);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_mix (STRATA_PRODUCTS_PAGE (page), mix, local_error);
  return TRUE;
}

static void
strata_products_page_reload (StrataPage *page)
{
  if (!show_nothing (STRATA_PRODUCTS_PAGE (page)))
    STRATA_PAGE_CLASS (strata_products_page_parent_class)->reload (page);
}

static void
strata_products_page_dispose (GObject *object)
{
  StrataProductsPage *self = STRATA_PRODUCTS_PAGE (object);

  strata_page_set_context (STRATA_PAGE (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_PRODUCTS_PAGE);
  g_clear_object (&self->chart);
  g_clear_pointer (&self->mix, strata_product_mix_free);
  G_OBJECT_CLASS (strata_products_page_parent_class)->dispose (object);
}

static void
strata_products_page_class_init (StrataProductsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StrataPageClass *page_class = STRATA_PAGE_CLASS (klass);

  object_class->dispose = strata_products_page_dispose;
  /* The period's tiers and products ("products" is a kind the page base
   * does not list, so it reloads every page); not entitlements. */
  page_class->changes = (STRATA_PAGE_CHANGES_ALL & ~STRATA_PAGE_CHANGES_ENTITLEMENTS)
    | STRATA_PAGE_CHANGES_PERIOD;
  page_class->reload = strata_products_page_reload;
  page_class->load_async = strata_products_page_load_async;
  page_class->load_finish = strata_products_page_load_finish;

  g_type_ensure (STRATA_TYPE_REVIEW_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-products-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataProductsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StrataProductsPage, status);
  gtk_widget_class_bind_template_child (widget_class, StrataProductsPage, title);
  gtk_widget_class_bind_template_child (widget_class, StrataProductsPage, chart_view);
  gtk_widget_class_bind_template_child (widget_class, StrataProductsPage, customers_grid);
  gtk_widget_class_bind_template_child (widget_class, StrataProductsPage, migration_heading);
  gtk_widget_class_bind_template_child (widget_class, StrataProductsPage, migration_grid);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "productspage");
}

static void
strata_products_page_init (StrataProductsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->chart = strata_product_mix_chart_new ();
  show_nothing (self);
}

StrataProductMixChart *
strata_products_page_get_chart (StrataProductsPage *self)
{
  g_return_val_if_fail (STRATA_IS_PRODUCTS_PAGE (self), NULL);
  return self->chart;
}

const StrataProductMix *
strata_products_page_get_mix (StrataProductsPage *self)
{
  g_return_val_if_fail (STRATA_IS_PRODUCTS_PAGE (self), NULL);
  return self->mix;
}

const char *
strata_products_page_get_state (StrataProductsPage *self)
{
  g_return_val_if_fail (STRATA_IS_PRODUCTS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}
