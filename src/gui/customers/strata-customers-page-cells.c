/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers page's cells: one StrataCustomerCell per column of each
 * row GTK keeps bound (about 200 rows in GTK 4.8, of which a screenful is
 * in view), each its own GtkListItem. An answer keeps the list's items,
 * which then stand for other rows: rebinding all of them cost 1,845 cells
 * at every answer. Only the
 * rows in view are rebound at once; the others are marked stale and are
 * rebound when a scroll maps them (after the frame's layout: GTK aborted
 * on a rebind from `map`) and from a tick callback, a few rows a frame. */
#include "config.h"

#include <math.h>

#include "strata-customer-cell.h"
#include "strata-customers-page-private.h"
#include "strata-row-list.h"

/* Stale cells rebound per frame beyond those in view (24 rows of 9). */
#define CELLS_PER_TICK 216

/* A bound item's state in cells->bound. */
#define FRESH GINT_TO_POINTER (1)
#define STALE GINT_TO_POINTER (2)

static void
bind_item (StrataCustomersPageCells *cells,
           GtkListItem              *item)
{
  strata_customer_cell_bind (STRATA_CUSTOMER_CELL (gtk_list_item_get_child (item)), cells->cols,
                             strata_customer_row_get_row (gtk_list_item_get_item (item)));
  cells->binds++;
}

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  StrataCustomersPageCells *cells = g_object_get_data (G_OBJECT (factory), "strata-cells");

  gtk_list_item_set_child (item, strata_customer_cell_new (GPOINTER_TO_INT (data)));
  cells->cells_made++;
}

static void
forget_item (StrataCustomersPageCells *cells,
             GtkListItem              *item)
{
  if (cells->bound == NULL)
    return;
  if (g_hash_table_lookup (cells->bound, item) == STALE)
    cells->n_stale--;
  g_hash_table_remove (cells->bound, item);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           StrataCustomersPageCells *cells)
{
  if (cells->bound == NULL)
    return;
  forget_item (cells, item);
  g_hash_table_insert (cells->bound, item, FRESH);
  bind_item (cells, item);
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             StrataCustomersPageCells *cells)
{
  forget_item (cells, item);
}

GtkListItemFactory *
strata_customers_page_cells_factory (StrataCustomersPageCells *cells,
                                     StrataCustomerField       field)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "strata-cells", cells);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GINT_TO_POINTER (field));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), cells);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), cells);
  return factory;
}

/* The positions in view, about, a row more on each side (last may lie
 * past the end): from the adjustment, whose upper is n rows' height.
 * FALSE when it cannot tell (no rows, not yet allocated). */
static gboolean
view_range (StrataCustomersPageCells *cells,
            guint                     n,
            guint                    *first,
            guint                    *last)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (cells->view));
  double upper, page, value, height;

  if (adj == NULL || n == 0)
    return FALSE;
  upper = gtk_adjustment_get_upper (adj);
  page = gtk_adjustment_get_page_size (adj);
  value = gtk_adjustment_get_value (adj);
  if (upper <= 0 || page <= 0)
    return FALSE;
  height = upper / n;
  *first = (guint) MAX (0.0, floor (value / height) - 1);
  *last = (guint) MIN ((double) G_MAXINT, ceil ((value + page) / height) + 1);
  return TRUE;
}

/* GTK 4.8 maps the rows in view and unmaps those it keeps out of it: a
 * cell is in view when mapped. */
static gboolean
in_view (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  return child == NULL || gtk_widget_get_mapped (child);
}

/* Rebinds the stale cells in view, or up to budget others (G_MAXUINT:
 * all). */
static void
rebind (StrataCustomersPageCells *cells,
        gboolean                  visible,
        guint                     budget)
{
  GHashTableIter iter;
  gpointer item, state;

  g_hash_table_iter_init (&iter, cells->bound);
  while (cells->n_stale > 0 && g_hash_table_iter_next (&iter, &item, &state))
    {
      if (state != STALE || (visible && !in_view (item)))
        continue;
      if (!visible && budget-- == 0)
        break;
      g_hash_table_iter_replace (&iter, FRESH);
      cells->n_stale--;
      bind_item (cells, item);
    }
}

static void
stop_watching_layout (StrataCustomersPageCells *cells)
{
  /* A clock disposed with its surface has dropped its handlers. */
  if (cells->layout_id != 0 && g_signal_handler_is_connected (cells->clock, cells->layout_id))
    g_signal_handler_disconnect (cells->clock, cells->layout_id);
  cells->layout_id = 0;
  g_clear_object (&cells->clock);
}

/* After the window's layout: a scroll has mapped stale rows. Their new
 * text asks for another layout, which the frame clock runs before it
 * paints (a rebind from `map` itself, inside the allocation, aborted). */
static void
laid_out (GdkFrameClock            *clock,
          StrataCustomersPageCells *cells)
{
  rebind (cells, TRUE, 0);
  if (cells->n_stale == 0)
    stop_watching_layout (cells);
}

static void stop_shrinking (StrataCustomersPageCells *cells);

static gboolean rebind_stale (GtkWidget     *widget,
                              GdkFrameClock *clock,
                              gpointer       data);

static void
schedule (StrataCustomersPageCells *cells)
{
  GdkFrameClock *clock;

  if (cells->n_stale == 0)
    return;
  if (cells->tick_id == 0)
    cells->tick_id = gtk_widget_add_tick_callback (cells->view, rebind_stale, cells, NULL);
  clock = gtk_widget_get_frame_clock (cells->view);
  if (clock != NULL && clock != cells->clock)
    {
      stop_watching_layout (cells);
      cells->clock = g_object_ref (clock);
      cells->layout_id = g_signal_connect_after (clock, "layout", G_CALLBACK (laid_out), cells);
    }
}

/* Each frame while cells are stale: up to CELLS_PER_TICK of them, so that
 * none is left stale for long. */
static gboolean
rebind_stale (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  StrataCustomersPageCells *cells = data;

  schedule (cells);
  rebind (cells, TRUE, 0);
  rebind (cells, FALSE, CELLS_PER_TICK);
  if (cells->n_stale > 0)
    return G_SOURCE_CONTINUE;
  stop_watching_layout (cells);
  cells->tick_id = 0;
  return G_SOURCE_REMOVE;
}

void
strata_customers_page_cells_init (StrataCustomersPageCells    *cells,
                                  const StrataCustomerColumns *cols,
                                  GtkSliceListModel           *shown,
                                  GtkWidget                   *view)
{
  memset (cells, 0, sizeof *cells);
  cells->cols = cols;
  cells->shown = shown;
  cells->list = G_LIST_MODEL (shown);
  cells->view = view;
  cells->bound = g_hash_table_new (NULL, NULL);
  strata_list_grow_init (&cells->grow, shown, view);
}

void
strata_customers_page_cells_clear (StrataCustomersPageCells *cells)
{
  if (cells->tick_id != 0 && cells->view != NULL)
    gtk_widget_remove_tick_callback (cells->view, cells->tick_id);
  cells->tick_id = 0;
  if (cells->view != NULL)
    strata_list_grow_clear (&cells->grow);
  stop_shrinking (cells);
  stop_watching_layout (cells);
  g_clear_pointer (&cells->bound, g_hash_table_unref);
  cells->view = NULL;
  cells->list = NULL;
}

void
strata_customers_page_cells_refresh (StrataCustomersPageCells *cells,
                                     guint                     n_before)
{
  GHashTableIter iter;
  gpointer item, state;
  guint n = cells->list ? g_list_model_get_n_items (cells->list) : 0;
  guint first = 0, last = G_MAXUINT;
  /* The adjustment still measures the rows before the answer; a view past
   * the new end moves at the next layout, so then all rows are rebound. */
  gboolean known = cells->bound != NULL && !cells->rebind_all && gtk_widget_get_mapped (cells->view) &&
                   view_range (cells, n_before, &first, &last) && last <= n + 1;

  if (cells->bound == NULL)
    return;
  cells->binds = 0;
  g_hash_table_iter_init (&iter, cells->bound);
  while (g_hash_table_iter_next (&iter, &item, &state))
    {
      if (!known || in_view (item))
        {
          if (state == STALE)
            cells->n_stale--;
          g_hash_table_iter_replace (&iter, FRESH);
          bind_item (cells, item);
        }
      else if (state != STALE)
        {
          g_hash_table_iter_replace (&iter, STALE);
          cells->n_stale++;
        }
    }
  cells->answer_binds = cells->binds;
  schedule (cells);
}

/* Growing and shrinking the rows shown -------------------------------------- */

/* Blank positions let go each frame: a quarter of GTK's 200 rows' widgets,
 * about 12 ms on a slow machine. */
#define BLANK_PER_FRAME 50

static void
stop_shrinking (StrataCustomersPageCells *cells)
{
  if (cells->shrink_id != 0 && cells->view != NULL)
    gtk_widget_remove_tick_callback (cells->view, cells->shrink_id);
  cells->shrink_id = 0;
  g_clear_object (&cells->shrinking);
}

static gboolean
shrink_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  StrataCustomersPageCells *cells = data;

  /* The next frame paints the answer: from the one after. */
  if (gdk_frame_clock_get_frame_counter (clock) <= cells->shrink_from + 1)
    return G_SOURCE_CONTINUE;
  if (strata_row_list_drop_blank (cells->shrinking, BLANK_PER_FRAME) > 0)
    return G_SOURCE_CONTINUE;
  cells->shrink_id = 0;
  g_clear_object (&cells->shrinking);
  return G_SOURCE_REMOVE;
}

void
strata_customers_page_cells_shrink (StrataCustomersPageCells *cells,
                                    StrataRowList            *list)
{
  GdkFrameClock *clock;

  if (cells->view == NULL || strata_row_list_get_blank (list) == 0)
    return;
  clock = gtk_widget_get_frame_clock (cells->view);
  if (clock == NULL || !gtk_widget_get_mapped (cells->view))
    {
      /* Not on screen: nothing to paint first. */
      strata_row_list_drop_blank (list, G_MAXUINT);
      return;
    }
  cells->shrink_from = gdk_frame_clock_get_frame_counter (clock);
  if (cells->shrink_id == 0)
    {
      g_set_object (&cells->shrinking, list);
      cells->shrink_id = gtk_widget_add_tick_callback (cells->view, shrink_tick, cells, NULL);
    }
}

void
strata_customers_page_cells_show_all (StrataCustomersPageCells *cells)
{
  strata_list_grow_show_all (&cells->grow);
}

void
strata_customers_page_cells_grow (StrataCustomersPageCells *cells,
                                  guint                     n_before,
                                  guint                     n_after)
{
  strata_list_grow_start (&cells->grow, n_before, n_after);
}

/* For the tests and benchmarks ------------------------------------------------ */

guint
strata_customers_page_get_answer_binds (StrataCustomersPage *self)
{
  return strata_customers_page_get_cells (self)->answer_binds;
}

guint
strata_customers_page_get_stale_cells (StrataCustomersPage *self)
{
  return strata_customers_page_get_cells (self)->n_stale;
}

guint
strata_customers_page_get_cells_made (StrataCustomersPage *self)
{
  return strata_customers_page_get_cells (self)->cells_made;
}

gboolean
strata_customers_page_get_growing (StrataCustomersPage *self)
{
  return strata_list_grow_growing (&strata_customers_page_get_cells (self)->grow);
}

void
strata_customers_page_set_grow_rows (StrataCustomersPage *self,
                                     gboolean             grow)
{
  strata_customers_page_get_cells (self)->grow.at_once = !grow;
}

void
strata_customers_page_set_rebind_all (StrataCustomersPage *self,
                                      gboolean             all)
{
  strata_customers_page_get_cells (self)->rebind_all = all;
}

void
strata_customers_page_cells_load_tier_css (GtkCssProvider    *provider,
                                           const StrataRules *rules)
{
  g_autoptr(GString) css = g_string_new (NULL);

  for (guint t = 0; rules && t < rules->tiers->len; t++)
    {
      const StrataTier *tier = rules->tiers->pdata[t];
      GdkRGBA rgba;
      double luminance;

      if (!gdk_rgba_parse (&rgba, tier->colour ? tier->colour : ""))
        gdk_rgba_parse (&rgba, "#8a8f98");
      /* Dark text on light chips, white on dark ones. */
      luminance = 0.2126 * rgba.red + 0.7152 * rgba.green + 0.0722 * rgba.blue;
      g_string_append_printf (css, ".tier-chip.tier-%u { background-color: %s; color: %s; }\n",
                              t, tier->colour, luminance > 0.6 ? "#1e1e1e" : "#ffffff");
    }
  gtk_css_provider_load_from_data (provider, css->str, -1);
}
