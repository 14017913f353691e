/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The list's items stand for positions (strata-quadrant-rows.h); cells
 * read the row at their position at bind time, so only rows on screen
 * cost text.
 * Each column has a GtkCustomSorter on the values, not on the text.
 * While a threshold line is dragged the quadrant cells on screen (and the
 * order, when sorted by quadrant) follow it, at most once a frame. The
 * quadrant of every row is classified once per threshold change into a
 * byte per row, which cells and the sort read (a sort by quadrant called
 * the chart's classification twice per comparison). The table sorts
 * itself (a permutation of the rows, in StrataQuadrantRows) by the column the
 * view's sorter names; above STRATA_WORKER_POINTS on a worker, the last
 * order shown meanwhile, so that sorting a million rows never freezes the
 * window (a GtkSortListModel sorted them on the main thread, GObjects all). */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "strata-customer-order.h"
#include "strata-format.h"
#include "strata-list-grow.h"
#include "strata-task.h"
#include "strata-quadrant-rows.h"
#include "strata-quadrant-table.h"
#include "strata-worker-rows.h"

typedef struct
{
  StrataQuadrantTable       *table;
  StrataQuadrantTableColumn  column;
} ColumnSpec;

struct _StrataQuadrantTable
{
  GtkWidget            parent_instance;

  StrataPeriodResults *results;
  StrataQuadrantChart *chart;
  const double        *values[3];   /* y, x, z columns of the data (NULL: none) */
  guint8              *quadrants;   /* StrataQuadrant per row, at the chart's thresholds */
  guint                incremental_rows;
  StrataQuadrantRows  *rows;          /* the list, in the order shown */
  GtkSliceListModel   *shown;         /* of rows, what the view is given */
  StrataListGrow       grow;          /* shown growing over frames */
  gboolean             probing;       /* asking the column view which column sorts */
  StrataQuadrantTableColumn probed;
  guint                sort_serial;   /* bumped by every change of data or order */
  gboolean             sort_running;  /* a worker sorts */
  int                  shown_sort;    /* column * 2 + descending of the order shown, -1: none */
  GtkWidget           *scroller;
  GtkColumnView       *view;
  GtkColumnViewColumn *columns[STRATA_QUADRANT_TABLE_N_COLUMNS];
  ColumnSpec           specs[STRATA_QUADRANT_TABLE_N_COLUMNS];
  GHashTable          *quadrant_cells; /* bound GtkListItems of the quadrant column */
  GHashTable          *bound_cells;    /* every bound GtkListItem -> its ColumnSpec */
  guint                refresh_tick;
  gboolean             refresh_pending; /* thresholds moved while unmapped */
};

G_DEFINE_FINAL_TYPE (StrataQuadrantTable, strata_quadrant_table, GTK_TYPE_WIDGET)

static gboolean
is_numeric (StrataQuadrantTableColumn column)
{
  return column >= STRATA_QUADRANT_TABLE_RESULT;
}

static double
value_of (StrataQuadrantTable      *self,
          guint                     row,
          StrataQuadrantTableColumn column)
{
  const double *values = self->values[column - STRATA_QUADRANT_TABLE_RESULT];

  return values != NULL ? values[row] : NAN;
}

static guint
tier_of (StrataQuadrantTable *self,
         guint                row)
{
  return self->results->result->final_tier[row];
}

/* One pass (the chart's classification of every row), when the data or
 * the thresholds change. */
static void
classify_rows (StrataQuadrantTable *self)
{
  guint n = self->results != NULL ? self->results->data->n : 0;

  g_clear_pointer (&self->quadrants, g_free);
  if (self->results == NULL)
    return;
  self->quadrants = g_new (guint8, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->quadrants[i] = (guint8) strata_quadrant_chart_classify (self->chart, i);
}

static StrataQuadrant
quadrant_of (StrataQuadrantTable *self,
             guint                row)
{
  return self->quadrants != NULL ? self->quadrants[row] : strata_quadrant_chart_classify (self->chart, row);
}

char *
strata_quadrant_table_cell_text (StrataQuadrantTable      *self,
                                 guint                     row,
                                 StrataQuadrantTableColumn column)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  const StrataPeriodData *pd;

  g_return_val_if_fail (STRATA_IS_QUADRANT_TABLE (self), NULL);
  if (self->results == NULL || row >= self->results->data->n)
    return g_strdup ("");
  pd = self->results->data;
  switch (column)
    {
    case STRATA_QUADRANT_TABLE_ID:
      return g_strdup (strata_period_data_get_ext_id (pd, row) ? strata_period_data_get_ext_id (pd, row) : "");
    case STRATA_QUADRANT_TABLE_NAME:
      return g_strdup (strata_period_data_get_name (pd, row) ? strata_period_data_get_name (pd, row) : "");
    case STRATA_QUADRANT_TABLE_TIER:
      {
        const GPtrArray *tiers = self->results->rules->tiers;
        guint t = tier_of (self, row);
        const StrataTier *tier = t < tiers->len ? tiers->pdata[t] : NULL;

        return g_strdup (tier == NULL ? "–" : *strata_tier_get_display_label (tier)
                         ? strata_tier_get_display_label (tier) : tier->id);
      }
    case STRATA_QUADRANT_TABLE_QUADRANT:
      {
        static const char *letters[] = { "–", "A", "B", "C", "D" };
        StrataQuadrant q = quadrant_of (self, row);

        return g_strdup (letters[q <= 4 ? q : 0]);
      }
    case STRATA_QUADRANT_TABLE_RESULT:
    case STRATA_QUADRANT_TABLE_PROCESS:
    case STRATA_QUADRANT_TABLE_STICKINESS:
      {
        double v = value_of (self, row, column);

        if (!isfinite (v))
          return g_strdup ("–");
        return v == floor (v) ? strata_format_integer (fmt, v) : strata_format_decimal (fmt, v, 2);
      }
    case STRATA_QUADRANT_TABLE_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
compare_numbers (double a,
                 double b)
{
  /* Customers without a value come last. */
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);
  return (a > b) - (a < b);
}

/* What a sort reads: the table's data, or on a worker a snapshot of the
 * quadrants (the columns are the results', which never change). */
typedef struct
{
  StrataPeriodResults       *results;
  const double              *values[3];
  const guint8              *quadrants;
  const guint32             *ranks;     /* the ID or Name column's collation ranks, or NULL */
  StrataQuadrantTableColumn  column;
  gboolean                   descending;
} SortInput;

static int
compare_input (const SortInput *in,
               guint            ra,
               guint            rb)
{
  const StrataPeriodData *pd = in->results->data;
  const guint8 *tiers = in->results->result->final_tier;
  int order = 0;

  if (in->ranks != NULL)
    order = (in->ranks[ra] > in->ranks[rb]) - (in->ranks[ra] < in->ranks[rb]);
  else switch (in->column)
    {
    case STRATA_QUADRANT_TABLE_ID:
      order = g_utf8_collate (strata_period_data_get_ext_id (pd, ra) ? strata_period_data_get_ext_id (pd, ra) : "",
                              strata_period_data_get_ext_id (pd, rb) ? strata_period_data_get_ext_id (pd, rb) : "");
      break;
    case STRATA_QUADRANT_TABLE_NAME:
      order = g_utf8_collate (strata_period_data_get_name (pd, ra) ? strata_period_data_get_name (pd, ra) : "", strata_period_data_get_name (pd, rb) ? strata_period_data_get_name (pd, rb) : "");
      break;
    case STRATA_QUADRANT_TABLE_TIER:
      order = (tiers[ra] > tiers[rb]) - (tiers[ra] < tiers[rb]);
      break;
    case STRATA_QUADRANT_TABLE_QUADRANT:
      order = (in->quadrants[ra] > in->quadrants[rb]) - (in->quadrants[ra] < in->quadrants[rb]);
      break;
    case STRATA_QUADRANT_TABLE_RESULT:
    case STRATA_QUADRANT_TABLE_PROCESS:
    case STRATA_QUADRANT_TABLE_STICKINESS:
      {
        const double *v = in->values[in->column - STRATA_QUADRANT_TABLE_RESULT];

        if (v != NULL)
          order = compare_numbers (v[ra], v[rb]);
        break;
      }
    case STRATA_QUADRANT_TABLE_N_COLUMNS:
    default:
      break;
    }
  /* Ties in the data's order, so that a sort is stable and repeatable. */
  if (order == 0)
    order = (ra > rb) - (ra < rb);
  return in->descending ? -order : order;
}

static void
sort_input_init (SortInput                 *in,
                 StrataQuadrantTable       *self,
                 StrataQuadrantTableColumn  column)
{
  in->results = self->results;
  memcpy (in->values, self->values, sizeof in->values);
  in->quadrants = self->quadrants;
  in->ranks = NULL;
  in->column = column;
  in->descending = FALSE;
}

/* The columns' sorters (the column view shows their direction); the
 * table sorts with compare_input itself (see resort). */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  ColumnSpec *spec = data;
  StrataQuadrantTable *self = spec->table;
  /* Only asked to compare two rows by sorted_by (): positions 0 and 1
   * stand for the data rows 0 and 1 there. */
  guint ra = strata_quadrant_row_get_position ((gpointer) a);
  guint rb = strata_quadrant_row_get_position ((gpointer) b);
  SortInput in;
  int order;

  if (self->probing && self->probed == STRATA_QUADRANT_TABLE_N_COLUMNS)
    self->probed = spec->column;
  if (self->results == NULL || self->quadrants == NULL)
    return GTK_ORDERING_EQUAL;
  sort_input_init (&in, self, spec->column);
  order = compare_input (&in, ra, rb);
  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            ColumnSpec               *spec)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), is_numeric (spec->column) ? 1 : 0);
  if (spec->column == STRATA_QUADRANT_TABLE_NAME)
    {
      /* The one column that takes the width there is: at least a name's
       * first words when the window is narrow. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 16);
    }
  if (is_numeric (spec->column))
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

/* The cell's text for the row its position shows now. */
static void
fill_cell (GtkListItem *item,
           ColumnSpec  *spec)
{
  guint position = gtk_list_item_get_position (item);
  g_autofree char *text = NULL;

  if (position == GTK_INVALID_LIST_POSITION || spec->table->results == NULL)
    return;
  text = strata_quadrant_table_cell_text (spec->table, strata_quadrant_rows_row_at (spec->table->rows, position),
                                          spec->column);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ColumnSpec               *spec)
{
  fill_cell (item, spec);
  g_hash_table_insert (spec->table->bound_cells, item, spec);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ColumnSpec               *spec)
{
  if (spec->table->bound_cells != NULL)
    g_hash_table_remove (spec->table->bound_cells, item);
}

/* Every cell GTK keeps bound, for the rows their positions show now. */
static void
refill_cells (StrataQuadrantTable *self)
{
  GHashTableIter iter;
  gpointer item, spec;

  g_hash_table_iter_init (&iter, self->bound_cells);
  while (g_hash_table_iter_next (&iter, &item, &spec))
    fill_cell (item, spec);
}

/* Long metric names as headers ("Qualified products listed") would make
 * their columns wider than their numbers and squeeze the Name column at
 * 800 pixels: the titles end in "…" and say the whole name in a tooltip.
 * GTK 4.8 has no API for it, so the header's labels are set directly. */
static void
ellipsize_titles (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        {
          const char *text = gtk_label_get_text (GTK_LABEL (child));

          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
          gtk_widget_set_tooltip_text (child, text && *text ? text : NULL);
        }
      else
        ellipsize_titles (child);
    }
}

static void
update_titles (StrataQuadrantTable *self)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->view));

  /* The header comes first; the rows (a list view) after it. */
  if (header != NULL && !GTK_IS_LIST_VIEW (header) && !GTK_IS_SCROLLABLE (header))
    ellipsize_titles (header);
}

static void
bind_quadrant_cell (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    ColumnSpec               *spec)
{
  bind_cell (factory, item, spec);
  g_hash_table_add (spec->table->quadrant_cells, item);
}

static void
unbind_quadrant_cell (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      ColumnSpec               *spec)
{
  unbind_cell (factory, item, spec);
  if (spec->table->quadrant_cells != NULL)
    g_hash_table_remove (spec->table->quadrant_cells, item);
}

/* The quadrant cells on screen and the order by quadrant, for the chart's
 * thresholds now. */
static void
refresh_quadrants (StrataQuadrantTable *self)
{
  GtkColumnViewColumn *column = self->columns[STRATA_QUADRANT_TABLE_QUADRANT];
  GHashTableIter iter;
  gpointer key;

  self->refresh_pending = FALSE;
  if (self->results == NULL)
    return;
  classify_rows (self);
  g_hash_table_iter_init (&iter, self->quadrant_cells);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    fill_cell (key, &self->specs[STRATA_QUADRANT_TABLE_QUADRANT]);
  /* The view's sorter re-sorts only when it sorts by this column (GTK 4.8
   * cannot tell us which column that is). */
  gtk_sorter_changed (gtk_column_view_column_get_sorter (column), GTK_SORTER_CHANGE_DIFFERENT);
}

/* The column the view sorts by and its direction, asked of the view's
 * sorter (GTK 4.8 has no getter): it compares two rows with the primary
 * column's sorter first, which says who it is; rows never tie (the data's
 * order breaks ties), so its answer against ours gives the direction. */
static gboolean
sorted_by (StrataQuadrantTable       *self,
           StrataQuadrantTableColumn *column,
           gboolean                  *descending)
{
  g_autoptr(StrataQuadrantRow) a = NULL;
  g_autoptr(StrataQuadrantRow) b = NULL;
  GtkOrdering got;
  SortInput in;

  if (strata_quadrant_rows_get_n (self->rows) < 2)
    return FALSE;
  a = g_list_model_get_item (G_LIST_MODEL (self->rows), 0);
  b = g_list_model_get_item (G_LIST_MODEL (self->rows), 1);
  self->probing = TRUE;
  self->probed = STRATA_QUADRANT_TABLE_N_COLUMNS;
  got = gtk_sorter_compare (gtk_column_view_get_sorter (self->view), a, b);
  self->probing = FALSE;
  if (self->probed == STRATA_QUADRANT_TABLE_N_COLUMNS)
    return FALSE;
  *column = self->probed;
  sort_input_init (&in, self, *column);
  *descending = (got == GTK_ORDERING_SMALLER) != (compare_input (&in, 0, 1) < 0);
  return TRUE;
}

typedef struct
{
  SortInput  in;
  guint8    *quadrants;  /* the snapshot in.quadrants points to */
  guint32   *ranks;      /* in.ranks, made by sort_job_run () */
  guint      n;
  guint      serial;
  guint     *order;
} SortJob;

/* The first row at the top, as the list's own "scroll to item" puts it
 * (the list view inside the column view has the action): an adjustment
 * set to 0 left it a few pixels under the header, the list keeping the
 * anchor it had measured for the rows shown before. */
static void
scroll_to_top (StrataQuadrantTable *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child) && g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0)
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
        return;
      }
}

/* Takes order (NULL: the rows' own): the cells on screen show the rows
 * now at their positions, from the first when first is set. */
static void
set_order (StrataQuadrantTable *self,
           guint               *order,
           gboolean             first)
{
  strata_quadrant_rows_set_order (self->rows, order);
  refill_cells (self);
  if (first)
    scroll_to_top (self);
}

/* The order of job shown. A new column or direction shows its first rows
 * (the list would otherwise follow the row at the top to its new place);
 * a threshold moved keeps the place. */
static void
show_order (StrataQuadrantTable *self,
            SortJob             *job)
{
  int key = job->in.column * 2 + (job->in.descending ? 1 : 0);

  set_order (self, g_steal_pointer (&job->order), key != self->shown_sort);
  self->shown_sort = key;
}

static void
sort_job_free (gpointer p)
{
  SortJob *job = p;

  g_clear_pointer (&job->in.results, strata_period_results_unref);
  g_free (job->quadrants);
  g_free (job->ranks);
  g_free (job->order);
  g_free (job);
}

static int
sort_job_compare (gconstpointer a,
                  gconstpointer b,
                  gpointer      in)
{
  return compare_input (in, *(const guint *) a, *(const guint *) b);
}

static void
sort_job_run (SortJob *job)
{
  /* Text columns: one collation key per row, not two per comparison
   * (g_utf8_collate () sorting a million names took over 20 s). */
  if (job->in.column == STRATA_QUADRANT_TABLE_ID)
    job->ranks = strata_customer_order_id_rank (job->in.results->data, job->n);
  else if (job->in.column == STRATA_QUADRANT_TABLE_NAME)
    job->ranks = strata_customer_order_name_rank (job->in.results->data, job->n);
  job->in.ranks = job->ranks;
  job->order = g_new (guint, MAX (job->n, 1));
  for (guint i = 0; i < job->n; i++)
    job->order[i] = i;
  g_qsort_with_data (job->order, job->n, sizeof (guint), sort_job_compare, &job->in);
}

static void
sort_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  sort_job_run (task_data);
  g_task_return_boolean (task, TRUE);
}

static void resort (StrataQuadrantTable *self);

static void
sort_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  StrataQuadrantTable *self = STRATA_QUADRANT_TABLE (source);
  SortJob *job = g_task_get_task_data (G_TASK (result));

  self->sort_running = FALSE;
  if (self->rows == NULL)
    return;
  /* The data, thresholds or column changed meanwhile: sort for them. */
  if (job->serial != self->sort_serial)
    resort (self);
  else
    show_order (self, job);
}

/* The rows in the order the view's sorter asks for: at once up to
 * incremental_rows; above, on a worker (one at a time, the last order
 * asked for wins) while the table shows the last order. */
static void
resort (StrataQuadrantTable *self)
{
  StrataQuadrantTableColumn column;
  gboolean descending;
  SortJob *job;
  g_autoptr(GTask) task = NULL;

  if (self->rows == NULL)
    return;
  self->sort_serial++;
  if (self->sort_running)
    return;
  if (self->results == NULL || !sorted_by (self, &column, &descending))
    {
      if (strata_quadrant_rows_is_ordered (self->rows))
        set_order (self, NULL, FALSE);
      self->shown_sort = -1;
      return;
    }
  job = g_new0 (SortJob, 1);
  sort_input_init (&job->in, self, column);
  job->in.descending = descending;
  job->in.results = strata_period_results_ref (self->results);
  job->n = strata_quadrant_rows_get_n (self->rows);
  job->serial = self->sort_serial;
  if (job->n <= self->incremental_rows)
    {
      sort_job_run (job);
      show_order (self, job);
      sort_job_free (job);
      return;
    }
  job->quadrants = g_memdup2 (self->quadrants, MAX (job->n, 1));
  job->in.quadrants = job->quadrants;
  self->sort_running = TRUE;
  task = g_task_new (self, NULL, sort_done, NULL);
  g_task_set_task_data (task, job, sort_job_free);
  strata_task_run_in_background (task, sort_thread);
}

static gboolean
refresh_tick (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  StrataQuadrantTable *self = STRATA_QUADRANT_TABLE (widget);

  self->refresh_tick = 0;
  refresh_quadrants (self);
  return G_SOURCE_REMOVE;
}

void
strata_quadrant_table_queue_refresh (StrataQuadrantTable *self)
{
  g_return_if_fail (STRATA_IS_QUADRANT_TABLE (self));
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->refresh_pending = TRUE;
      return;
    }
  if (self->refresh_tick == 0)
    self->refresh_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), refresh_tick, NULL, NULL);
}

static void
strata_quadrant_table_map (GtkWidget *widget)
{
  StrataQuadrantTable *self = STRATA_QUADRANT_TABLE (widget);

  GTK_WIDGET_CLASS (strata_quadrant_table_parent_class)->map (widget);
  if (self->refresh_pending)
    refresh_quadrants (self);
}

static void
strata_quadrant_table_unmap (GtkWidget *widget)
{
  StrataQuadrantTable *self = STRATA_QUADRANT_TABLE (widget);

  if (self->refresh_tick != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->refresh_tick);
      self->refresh_tick = 0;
      self->refresh_pending = TRUE;
    }
  GTK_WIDGET_CLASS (strata_quadrant_table_parent_class)->unmap (widget);
}

static void
strata_quadrant_table_dispose (GObject *object)
{
  StrataQuadrantTable *self = STRATA_QUADRANT_TABLE (object);

  strata_list_grow_clear (&self->grow);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->shown);
  g_clear_object (&self->rows);
  g_clear_object (&self->chart);
  g_clear_pointer (&self->results, strata_period_results_unref);
  g_clear_pointer (&self->quadrant_cells, g_hash_table_unref);
  g_clear_pointer (&self->bound_cells, g_hash_table_unref);
  g_clear_pointer (&self->quadrants, g_free);
  G_OBJECT_CLASS (strata_quadrant_table_parent_class)->dispose (object);
}

static void
strata_quadrant_table_class_init (StrataQuadrantTableClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = strata_quadrant_table_dispose;
  GTK_WIDGET_CLASS (klass)->map = strata_quadrant_table_map;
  GTK_WIDGET_CLASS (klass)->unmap = strata_quadrant_table_unmap;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
strata_quadrant_table_init (StrataQuadrantTable *self)
{
  self->rows = strata_quadrant_rows_new ();
  self->incremental_rows = STRATA_WORKER_POINTS;
  self->shown_sort = -1;
  self->quadrant_cells = g_hash_table_new (NULL, NULL);
  self->bound_cells = g_hash_table_new (NULL, NULL);
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "data-table");
  gtk_column_view_set_show_column_separators (self->view, FALSE);
  g_signal_connect_object (gtk_column_view_get_sorter (self->view), "changed", G_CALLBACK (resort), self,
                           G_CONNECT_SWAPPED);
  self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)), 0, G_MAXUINT);
  strata_list_grow_init (&self->grow, self->shown, GTK_WIDGET (self->view));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (gtk_no_selection_new (
                               g_object_ref (G_LIST_MODEL (self->shown)))));

  for (guint c = 0; c < STRATA_QUADRANT_TABLE_N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter;

      self->specs[c].table = self;
      self->specs[c].column = c;
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), &self->specs[c]);
      if (c == STRATA_QUADRANT_TABLE_QUADRANT)
        {
          g_signal_connect (factory, "bind", G_CALLBACK (bind_quadrant_cell), &self->specs[c]);
          g_signal_connect (factory, "unbind", G_CALLBACK (unbind_quadrant_cell), &self->specs[c]);
        }
      else
        {
          g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), &self->specs[c]);
          g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), &self->specs[c]);
        }
      column = gtk_column_view_column_new (NULL, factory);
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, &self->specs[c], NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, c == STRATA_QUADRANT_TABLE_NAME);
      gtk_column_view_append_column (self->view, column);
      self->columns[c] = column;
      g_object_unref (column);
    }
  gtk_column_view_column_set_title (self->columns[STRATA_QUADRANT_TABLE_ID], _("ID"));
  gtk_column_view_column_set_title (self->columns[STRATA_QUADRANT_TABLE_NAME], _("Name"));
  gtk_column_view_column_set_title (self->columns[STRATA_QUADRANT_TABLE_TIER], _("Tier"));
  gtk_column_view_column_set_title (self->columns[STRATA_QUADRANT_TABLE_QUADRANT], _("Quadrant"));

  update_titles (self);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->view));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
strata_quadrant_table_new (void)
{
  return g_object_new (STRATA_TYPE_QUADRANT_TABLE, NULL);
}

/* n rows in their own order (the sort follows). */
static void
set_rows (StrataQuadrantTable *self,
          guint                n)
{
  guint old = strata_quadrant_rows_get_n (self->rows);

  self->sort_serial++;
  self->shown_sort = -1;
  /* GTK never sees all of a large table's rows at once: a screenful
   * first, the rest over the next frames. */
  strata_list_grow_start (&self->grow, MIN (old, n), n);
  strata_quadrant_rows_set_n (self->rows, n);
}

void
strata_quadrant_table_set_data (StrataQuadrantTable *self,
                                StrataPeriodResults *results,
                                StrataQuadrantChart *chart,
                                const char          *y_title,
                                const char          *x_title,
                                const char          *z_title)
{
  const StrataQuadrantRules *q;
  const char *titles[3] = { y_title, x_title, z_title };

  g_return_if_fail (STRATA_IS_QUADRANT_TABLE (self));
  g_return_if_fail (results == NULL || chart != NULL);

  /* The old rows go before the data they point into. */
  set_rows (self, 0);
  g_clear_pointer (&self->results, strata_period_results_unref);
  g_clear_object (&self->chart);
  g_clear_pointer (&self->quadrants, g_free);
  memset (self->values, 0, sizeof self->values);
  if (results == NULL)
    return;

  self->results = strata_period_results_ref (results);
  self->chart = g_object_ref (chart);
  classify_rows (self);
  q = &results->rules->quadrant;
  self->values[0] = strata_period_data_get_column (results->data, q->y_metric);
  self->values[1] = strata_period_data_get_column (results->data, q->x_metric);
  self->values[2] = q->z_metric ? strata_period_data_get_column (results->data, q->z_metric) : NULL;
  for (guint k = 0; k < 3; k++)
    {
      GtkColumnViewColumn *column = self->columns[STRATA_QUADRANT_TABLE_RESULT + k];

      gtk_column_view_column_set_title (column, titles[k] ? titles[k] : "");
      gtk_column_view_column_set_visible (column, self->values[k] != NULL);
    }
  update_titles (self);

  set_rows (self, results->data->n);
  resort (self);
}

GtkColumnView *
strata_quadrant_table_get_view (StrataQuadrantTable *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_TABLE (self), NULL);
  return self->view;
}

GtkColumnViewColumn *
strata_quadrant_table_get_column (StrataQuadrantTable      *self,
                                  StrataQuadrantTableColumn column)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_TABLE (self), NULL);
  g_return_val_if_fail (column < STRATA_QUADRANT_TABLE_N_COLUMNS, NULL);
  return self->columns[column];
}

guint
strata_quadrant_table_get_n_rows (StrataQuadrantTable *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_TABLE (self), 0);
  return strata_quadrant_rows_get_n (self->rows);
}

guint
strata_quadrant_table_get_row (StrataQuadrantTable *self,
                               guint                position)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_TABLE (self), 0);
  g_return_val_if_fail (position < strata_quadrant_rows_get_n (self->rows), 0);
  return strata_quadrant_rows_row_at (self->rows, position);
}

gboolean
strata_quadrant_table_get_sorting (StrataQuadrantTable *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_TABLE (self), FALSE);
  return self->sort_running;
}

void
strata_quadrant_table_set_incremental_rows (StrataQuadrantTable *self,
                                            guint                rows)
{
  g_return_if_fail (STRATA_IS_QUADRANT_TABLE (self));
  self->incremental_rows = rows;
}
