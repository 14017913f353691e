/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Products page (see the header). The product mix is computed on a
 * worker thread with its own connection, over the window's period when it
 * is the page's (not a second copy), in one pass over the period's product
 * lines that also sums the product list; it keeps only the migration rows
 * the page shows. The main thread fills the chart and the grids. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "strata-context.h"
#include "strata-format.h"
#include "strata-product-list.h"
#include "strata-products-page.h"
#include "strata-review-chart.h"

/* The migration list shows this many customers; the CLI lists them all. */
#define MIGRATION_ROWS 50
/* The product list shows the products with the most revenue; patterns and
 * the catalogue reach the rest. */
#define PRODUCT_ROWS 100

/* What the worker read: the mix and the product list. */
typedef struct
{
  StrataProductMix *mix;
  GPtrArray        *products;   /* StrataProductInfo* */
} ProductsLoad;

static void
products_load_free (gpointer data)
{
  ProductsLoad *l = data;

  g_clear_pointer (&l->mix, strata_product_mix_free);
  g_clear_pointer (&l->products, g_ptr_array_unref);
  g_free (l);
}

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
  GtkWidget             *products_grid;
  GtkWidget             *products_more;

  GPtrArray             *products;     /* StrataProductInfo*, the list shown */
  GtkStringList         *category_labels;  /* the drop-downs' model, mix->categories' order */

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
    {
      /* Headings wrap, so that the table fits an 800-pixel window. */
      gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_NONE);
      gtk_label_set_wrap (GTK_LABEL (cell), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (cell), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (cell), numeric ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
      gtk_widget_add_css_class (cell, "dim-label");
    }
  else if (numeric)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_grid_attach (GTK_GRID (grid), cell, column, row, 1, 1);
}

static void
set_cell (GtkWidget  *grid,
          const char *text,
          int         column,
          int         row,
          gboolean    numeric)
{
  GtkWidget *cell = gtk_grid_get_child_at (GTK_GRID (grid), column, row);

  if (cell != NULL)
    gtk_label_set_text (GTK_LABEL (cell), text);
  else
    add_cell (grid, text, column, row, numeric);
}

/* Removes the rows from row on. The grids are updated in place otherwise:
 * GTK 4.8 warns when a selectable label under the pointer is removed. */
static void
trim_grid (GtkWidget *grid,
           int        row)
{
  GtkWidget *child = gtk_widget_get_first_child (grid);

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      int top;

      gtk_grid_query_child (GTK_GRID (grid), child, NULL, &top, NULL, NULL);
      if (top >= row)
        gtk_grid_remove (GTK_GRID (grid), child);
      child = next;
    }
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

  trim_grid (self->customers_grid, mix->tiers->len + 1);
  set_cell (self->customers_grid, _("Tier"), 0, 0, FALSE);
  set_cell (self->customers_grid, _("Customers"), 1, 0, TRUE);
  for (guint c = 0; c < n_categories; c++)
    set_cell (self->customers_grid, ((StrataProductCategory *) mix->categories->pdata[c])->label,
              2 + c, 0, TRUE);
  set_cell (self->customers_grid, _("New-product adoption"), 2 + n_categories, 0, TRUE);
  for (guint t = 0; t < mix->tiers->len; t++)
    {
      const StrataProductMixTier *tier = mix->tiers->pdata[t];
      g_autofree char *customers = strata_format_integer (fmt, tier->customers);
      g_autofree char *adoption = isnan (tier->adoption) ? g_strdup ("—")
                                  : strata_format_percent (fmt, tier->adoption, 0);

      set_cell (self->customers_grid, tier->label, 0, t + 1, FALSE);
      set_cell (self->customers_grid, customers, 1, t + 1, TRUE);
      for (guint c = 0; c < n_categories; c++)
        {
          const StrataProductMixRow *r = mix->rows->pdata[(gsize) t * n_categories + c];
          g_autofree char *n = strata_format_integer (fmt, r->customers);

          set_cell (self->customers_grid, n, 2 + c, t + 1, TRUE);
        }
      set_cell (self->customers_grid, adoption, 2 + n_categories, t + 1, TRUE);
    }
}

static void
fill_migration (StrataProductsPage *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  const StrataProductMix *mix = self->mix;
  g_autofree char *count = strata_format_integer (fmt, mix->migration_total);
  g_autofree char *heading = NULL;
  guint shown = MIN (mix->migration->len, MIGRATION_ROWS);

  /* Translators: heading of the migration list; %s is a number of customers. */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Migration List: %s Customer on Costly Products",
                                          "Migration List: %s Customers on Costly Products",
                                          mix->migration_total), count);
  gtk_label_set_text (GTK_LABEL (self->migration_heading), heading);
  /* Rows past the customers shown (and the "more" line) go. */
  trim_grid (self->migration_grid, mix->migration_total == 0 ? 0 : shown + 1);
  if (mix->migration_total == 0)
    return;
  set_cell (self->migration_grid, _("ID"), 0, 0, FALSE);
  set_cell (self->migration_grid, _("Name"), 1, 0, FALSE);
  set_cell (self->migration_grid, _("Tier"), 2, 0, FALSE);
  set_cell (self->migration_grid, _("On costly products"), 3, 0, TRUE);
  set_cell (self->migration_grid, _("Order amount"), 4, 0, TRUE);
  set_cell (self->migration_grid, _("Products"), 5, 0, FALSE);
  for (guint i = 0; i < shown; i++)
    {
      const StrataProductMigration *m = mix->migration->pdata[i];
      g_autofree char *revenue = strata_format_compact (fmt, m->revenue);
      g_autofree char *total = strata_format_compact (fmt, m->total);

      set_cell (self->migration_grid, m->ext_id, 0, i + 1, FALSE);
      set_cell (self->migration_grid, m->name, 1, i + 1, FALSE);
      set_cell (self->migration_grid, tier_label (mix, m->tier), 2, i + 1, FALSE);
      set_cell (self->migration_grid, revenue, 3, i + 1, TRUE);
      set_cell (self->migration_grid, total, 4, i + 1, TRUE);
      set_cell (self->migration_grid, m->products, 5, i + 1, FALSE);
    }
  if (shown < mix->migration_total)
    {
      g_autofree char *rest = strata_format_integer (fmt, mix->migration_total - shown);
      /* Translators: below the migration list; %s is a number of customers. */
      g_autofree char *more = g_strdup_printf (_("and %s more (strata-cli products --migration lists all)"), rest);
      GtkWidget *label = gtk_label_new (more);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (self->migration_grid), label, 0, shown + 1, 6, 1);
    }
}

static void
show_error (StrataProductsPage *self,
            const char         *heading,
            const GError       *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A row's drop-down changed: assign its product the chosen category (the
 * workspace then emits "products" and the page reloads). */
static void
on_category_selected (GtkDropDown        *drop_down,
                      GParamSpec         *pspec,
                      StrataProductsPage *self)
{
  StrataWorkspace *ws = strata_page_get_workspace (STRATA_PAGE (self));
  const char *code = g_object_get_data (G_OBJECT (drop_down), "code");
  guint selected = gtk_drop_down_get_selected (drop_down);
  g_autoptr(GError) error = NULL;
  const StrataProductCategory *category;

  if (ws == NULL || self->mix == NULL || selected >= self->mix->categories->len)
    return;
  category = self->mix->categories->pdata[selected];
  if (!strata_products_set_category (ws, code, category->key, &error))
    show_error (self, _("Cannot Assign the Category"), error);
}

static guint
category_position (const StrataProductMix *mix,
                   const char             *key)
{
  for (guint c = 0; c < mix->categories->len; c++)
    if (g_str_equal (((StrataProductCategory *) mix->categories->pdata[c])->key, key))
      return c;
  return GTK_INVALID_LIST_POSITION;
}

/* Per product: code, description, its category (a drop-down that assigns
 * it), its revenue in the period. A reload updates the rows in place:
 * removing a drop-down under the pointer upsets GTK 4.8's pointer focus. */
static void
fill_products (StrataProductsPage *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  guint shown = MIN (self->products->len, PRODUCT_ROWS);
  GtkWidget *child;

  g_clear_object (&self->category_labels);
  self->category_labels = gtk_string_list_new (NULL);
  for (guint c = 0; c < self->mix->categories->len; c++)
    gtk_string_list_append (self->category_labels,
                            ((StrataProductCategory *) self->mix->categories->pdata[c])->label);
  set_cell (self->products_grid, _("Code"), 0, 0, FALSE);
  set_cell (self->products_grid, _("Description"), 1, 0, FALSE);
  set_cell (self->products_grid, _("Category"), 2, 0, FALSE);
  set_cell (self->products_grid, _("Revenue"), 3, 0, TRUE);
  for (guint i = 0; i < shown; i++)
    {
      const StrataProductInfo *info = self->products->pdata[i];
      g_autofree char *revenue = strata_format_decimal (fmt, info->revenue, 2);
      GtkWidget *drop_down = gtk_grid_get_child_at (GTK_GRID (self->products_grid), 2, i + 1);

      set_cell (self->products_grid, info->code, 0, i + 1, FALSE);
      set_cell (self->products_grid, info->description, 1, i + 1, FALSE);
      set_cell (self->products_grid, revenue, 3, i + 1, TRUE);
      if (drop_down == NULL)
        {
          drop_down = gtk_drop_down_new (NULL, NULL);
          gtk_widget_set_halign (drop_down, GTK_ALIGN_START);
          gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Category"), -1);
          g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_category_selected), self);
          gtk_grid_attach (GTK_GRID (self->products_grid), drop_down, 2, i + 1, 1, 1);
        }
      g_signal_handlers_block_by_func (drop_down, on_category_selected, self);
      g_object_set_data_full (G_OBJECT (drop_down), "code", g_strdup (info->code), g_free);
      gtk_drop_down_set_model (GTK_DROP_DOWN (drop_down), G_LIST_MODEL (self->category_labels));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), category_position (self->mix, info->category));
      g_signal_handlers_unblock_by_func (drop_down, on_category_selected, self);
    }
  /* Fewer products than before (another workspace): drop the rest. */
  for (int row = shown + 1; ; row++)
    {
      gboolean any = FALSE;

      for (int column = 0; column < 4; column++)
        if ((child = gtk_grid_get_child_at (GTK_GRID (self->products_grid), column, row)) != NULL)
          {
            gtk_grid_remove (GTK_GRID (self->products_grid), child);
            any = TRUE;
          }
      if (!any)
        break;
    }
  if (shown < self->products->len)
    {
      g_autofree char *rest = strata_format_integer (fmt, self->products->len - shown);
      /* Translators: below the product list; %s is a number of products. */
      g_autofree char *more = g_strdup_printf (_("and %s more: assign them by pattern or from a catalogue"), rest);

      gtk_label_set_text (GTK_LABEL (self->products_more), more);
    }
  gtk_widget_set_visible (self->products_more, shown < self->products->len);
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
  if (self->products != NULL)
    fill_products (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "mix");
}

/* On a worker thread, with its own connection (never the window's). */
static gpointer
load_thread (StrataWorkspace  *workspace,
             gpointer          task_data,
             GCancellable     *cancellable,
             GError          **error)
{
  static const char * const revenue[] = { "order_amount", NULL };
  g_autoptr(StrataPeriodResults) results = NULL;
  ProductsLoad *load;

  /* Over the window's data when it is this period's (not a second copy). */
  results = strata_shared_period_load (task_data, workspace, revenue, error);
  if (results == NULL)
    return NULL;
  load = g_new0 (ProductsLoad, 1);
  load->mix = strata_product_mix_compute_shown (workspace, results, MIGRATION_ROWS,
                                                &load->products, error);
  if (load->mix == NULL)
    {
      products_load_free (load);
      return NULL;
    }
  return load;
}

static void
strata_products_page_load_async (StrataPage          *page,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  StrataContext *context = strata_page_get_context (page);

  strata_page_run_worker (page, load_thread,
                          strata_context_share_period (context, strata_context_get_period_id (context)),
                          (GDestroyNotify) strata_shared_period_free,
                          products_load_free, cancellable, callback, user_data);
}

static gboolean
strata_products_page_load_finish (StrataPage    *page,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  ProductsLoad *load = strata_page_worker_finish (page, result, &local_error);
  StrataProductsPage *self = STRATA_PRODUCTS_PAGE (page);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_pointer (&self->products, g_ptr_array_unref);
  if (load != NULL)
    self->products = g_steal_pointer (&load->products);
  show_mix (self, load != NULL ? g_steal_pointer (&load->mix) : NULL, local_error);
  g_clear_pointer (&load, products_load_free);
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
  g_clear_pointer (&self->products, g_ptr_array_unref);
  g_clear_object (&self->category_labels);
  G_OBJECT_CLASS (strata_products_page_parent_class)->dispose (object);
}

/* Assign by Pattern…: a pattern on code or description and a category;
 * the dialog counts the matching products before anything is written. */
typedef struct
{
  StrataProductsPage *page;
  GtkWidget          *entry;
  GtkWidget          *category;
  GtkWidget          *count;
} PatternDialog;

static void
pattern_dialog_free (gpointer data)
{
  PatternDialog *d = data;

  g_object_unref (d->page);
  g_free (d);
}

static void
on_pattern_changed (PatternDialog *d)
{
  StrataWorkspace *ws = strata_page_get_workspace (STRATA_PAGE (d->page));
  const char *pattern = gtk_editable_get_text (GTK_EDITABLE (d->entry));
  GtkWidget *dialog = gtk_widget_get_ancestor (d->entry, ADW_TYPE_MESSAGE_DIALOG);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  if (*pattern == '\0' || ws == NULL)
    text = g_strdup (_("Type a pattern such as POST* or *fee*."));
  else if (!strata_products_count_matching (ws, pattern, &n, &error))
    text = g_strdup (error->message);
  else
    {
      g_autofree char *count = strata_format_integer (strata_number_format_get_default (), n);

      /* Translators: in the Assign by Pattern dialog; %s is a number. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s product matches",
                                           "%s products match", n), count);
    }
  gtk_label_set_text (GTK_LABEL (d->count), text);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "assign", n > 0);
}

static void
on_pattern_response (AdwMessageDialog *dialog,
                     const char       *response,
                     PatternDialog    *d)
{
  StrataWorkspace *ws = strata_page_get_workspace (STRATA_PAGE (d->page));
  const StrataProductMix *mix = d->page->mix;
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (d->category));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "assign") || ws == NULL || mix == NULL ||
      selected >= mix->categories->len)
    return;
  if (!strata_products_categorise (ws, gtk_editable_get_text (GTK_EDITABLE (d->entry)),
                                   ((StrataProductCategory *) mix->categories->pdata[selected])->key,
                                   NULL, &error))
    show_error (d->page, _("Cannot Assign the Category"), error);
}

GtkWidget *
strata_products_page_open_pattern_dialog (StrataProductsPage *self)
{
  GtkRoot *root;
  GtkWidget *dialog, *grid, *label;
  g_autofree const char **labels = NULL;
  PatternDialog *d;

  g_return_val_if_fail (STRATA_IS_PRODUCTS_PAGE (self), NULL);
  if (self->mix == NULL || self->category_labels == NULL)
    return NULL;
  labels = g_new0 (const char *, self->mix->categories->len + 1);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Assign by Pattern"),
                                   _("Every product whose code or description matches the pattern "
                                     "(* for any text, ? for one character, any case) gets the category."));
  d = g_new0 (PatternDialog, 1);
  d->page = g_object_ref (self);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  label = gtk_label_new_with_mnemonic (_("_Pattern"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  d->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (d->entry, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), d->entry);
  gtk_grid_attach (GTK_GRID (grid), d->entry, 1, 0, 1, 1);
  label = gtk_label_new_with_mnemonic (_("_Category"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  d->category = gtk_drop_down_new (NULL, NULL);
  for (guint c = 0; c < self->mix->categories->len; c++)
    labels[c] = ((StrataProductCategory *) self->mix->categories->pdata[c])->label;
  gtk_drop_down_set_model (GTK_DROP_DOWN (d->category),
                           G_LIST_MODEL (gtk_string_list_new ((const char * const *) labels)));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), d->category);
  gtk_grid_attach (GTK_GRID (grid), d->category, 1, 1, 1, 1);
  d->count = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (d->count), 0);
  gtk_widget_add_css_class (d->count, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), d->count, 0, 2, 2, 1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "assign", _("_Assign"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "assign",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "assign");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pattern-dialog", d, pattern_dialog_free);
  g_signal_connect_swapped (d->entry, "changed", G_CALLBACK (on_pattern_changed), d);
  g_signal_connect (dialog, "response", G_CALLBACK (on_pattern_response), d);
  on_pattern_changed (d);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
assign_pattern_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  strata_products_page_open_pattern_dialog (STRATA_PRODUCTS_PAGE (widget));
}

static void
on_catalogue_chosen (GtkNativeDialog    *chooser,
                     int                 response,
                     StrataProductsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  StrataWorkspace *ws = strata_page_get_workspace (STRATA_PAGE (self));

  if (response == GTK_RESPONSE_ACCEPT && ws != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL && !strata_products_import_catalogue (ws, path, NULL, &error))
        show_error (self, _("Cannot Import the Catalogue"), error);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

/* Import Catalogue…: a CSV of code, description or name, and category. */
static void
import_catalogue_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Catalogue"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_catalogue_chosen), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const char * const edit_actions[] = {
  "products.assign-pattern", "products.import-catalogue", NULL
};

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
  gtk_widget_class_bind_template_child (widget_class, StrataProductsPage, products_grid);
  gtk_widget_class_bind_template_child (widget_class, StrataProductsPage, products_more);
  gtk_widget_class_install_action (widget_class, "products.assign-pattern", NULL, assign_pattern_action);
  gtk_widget_class_install_action (widget_class, "products.import-catalogue", NULL, import_catalogue_action);
  page_class->edit_actions = edit_actions;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "productspage");
}

static void
strata_products_page_init (StrataProductsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->chart = strata_product_mix_chart_new ();
  /* Its drop-downs assign categories: not on a read-only workspace. */
  g_object_bind_property (self, "editable", self->products_grid, "sensitive", G_BINDING_SYNC_CREATE);
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
