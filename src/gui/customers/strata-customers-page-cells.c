/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Customers page's cells: one StrataCustomerCell per column of each
 * row GTK keeps bound (about 200 rows in GTK 4.8, of which a screenful is
 * in view), 9 cells a row, each its own GtkListItem. An answer keeps the list's items, which then stand for other
 * rows: rebinding all of them cost 1,800 cells at every answer. Only the
 * rows in view are rebound at once; the others are marked stale and are
 * rebound from a tick callback, those in view first, a few rows a frame,
 * before the frame's layout (GTK aborts on a rebind from `map`). */
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
  gtk_list_item_set_child (item, strata_customer_cell_new (GPOINTER_TO_INT (data)));
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

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GINT_TO_POINTER (field));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), cells);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), cells);
  return factory;
}

/* The positions in view, a row more on each side for rounding (last may
 * lie past the end): from the adjustment alone (GTK 4.8's list gives every row the same height here,
 * so upper is n rows' height), so that it holds before the next layout.
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

static guint
distance (guint position,
          guint first,
          guint last)
{
  return position < first ? first - position : position > last ? position - last : 0;
}

static gboolean rebind_stale (GtkWidget     *widget,
                              GdkFrameClock *clock,
                              gpointer       data);

static void
schedule (StrataCustomersPageCells *cells)
{
  if (cells->tick_id == 0 && cells->n_stale > 0)
    cells->tick_id = gtk_widget_add_tick_callback (cells->view, rebind_stale, cells, NULL);
}

/* Each frame while cells are stale: those in view, then up to
 * CELLS_PER_TICK others, the nearest (within a page) first. */
static gboolean
rebind_stale (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  StrataCustomersPageCells *cells = data;
  guint n = cells->list ? g_list_model_get_n_items (cells->list) : 0;
  guint first = 0, last = G_MAXUINT, budget = CELLS_PER_TICK;
  gboolean known = view_range (cells, n, &first, &last);
  guint limits[] = { 0, known ? last - first : G_MAXUINT, G_MAXUINT };

  for (guint round = 0; round < G_N_ELEMENTS (limits) && cells->n_stale > 0 && budget > 0; round++)
    {
      GHashTableIter iter;
      gpointer item, state;

      g_hash_table_iter_init (&iter, cells->bound);
      while (g_hash_table_iter_next (&iter, &item, &state))
        {
          if (state != STALE ||
              (known && distance (gtk_list_item_get_position (item), first, last) > limits[round]))
            continue;
          if (round > 0)
            {
              if (budget == 0)
                break;
              budget--;
            }
          g_hash_table_iter_replace (&iter, FRESH);
          cells->n_stale--;
          bind_item (cells, item);
        }
    }
  if (cells->n_stale > 0)
    return G_SOURCE_CONTINUE;
  cells->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
adjustment_moved (StrataCustomersPageCells *cells)
{
  schedule (cells);
}

/* Follows the view's adjustment: a scroll brings stale rows into view. */
static void
watch_adjustment (StrataCustomersPageCells *cells)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (cells->view));

  if (adj == cells->adjustment)
    return;
  if (cells->adjustment != NULL)
    g_signal_handlers_disconnect_by_data (cells->adjustment, cells);
  g_set_object (&cells->adjustment, adj);
  if (adj != NULL)
    {
      g_signal_connect_swapped (adj, "value-changed", G_CALLBACK (adjustment_moved), cells);
      g_signal_connect_swapped (adj, "changed", G_CALLBACK (adjustment_moved), cells);
    }
}

void
strata_customers_page_cells_init (StrataCustomersPageCells    *cells,
                                  const StrataCustomerColumns *cols,
                                  GListModel                  *list,
                                  GtkWidget                   *view)
{
  memset (cells, 0, sizeof *cells);
  cells->cols = cols;
  cells->list = list;
  cells->view = view;
  cells->bound = g_hash_table_new (NULL, NULL);
}

void
strata_customers_page_cells_clear (StrataCustomersPageCells *cells)
{
  if (cells->tick_id != 0 && cells->view != NULL)
    gtk_widget_remove_tick_callback (cells->view, cells->tick_id);
  cells->tick_id = 0;
  if (cells->adjustment != NULL)
    g_signal_handlers_disconnect_by_data (cells->adjustment, cells);
  g_clear_object (&cells->adjustment);
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
  gboolean known = cells->bound != NULL && view_range (cells, n_before, &first, &last) && last <= n + 1;

  if (cells->bound == NULL)
    return;
  watch_adjustment (cells);
  cells->binds = 0;
  g_hash_table_iter_init (&iter, cells->bound);
  while (g_hash_table_iter_next (&iter, &item, &state))
    {
      guint position = gtk_list_item_get_position (item);

      if (!known || (position >= first && position <= last))
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
