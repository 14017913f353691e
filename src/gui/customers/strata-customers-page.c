/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The list is an array of row indexes (StrataRowList), filtered here with
 * the pure functions of strata-customer-view.c and sorted with a radix sort
 * over one key per row (strata-customer-order.h), not a GtkSorter call per
 * comparison of two objects. The column headers keep GTK's sorter for the
 * arrows and clicks; which column it sorts by is found by asking it to
 * compare two rows.
 * Cells read the columns at bind time, so only rows on screen cost. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-customer-detail.h"
#include "strata-customer-order.h"
#include "strata-format.h"
#include "strata-customer-view.h"
#include "strata-customers-page-private.h"
#include "strata-customers-query.h"
#include "strata-prev-tiers.h"
#include "strata-period.h"
#include "strata-customer-cell.h"
#include "strata-row-list.h"
#include "strata-scoring.h"
#include "strata-window.h"
#include "strata-worker-rows.h"

typedef struct
{
  StrataCustomersPage *page;
  StrataCustomerSort   column;
} SortSpec;

#define N_SORTS (STRATA_CUSTOMER_SORT_CHANGE + 1)

struct _StrataCustomersPage
{
  StrataPage             parent_instance;

  StrataMetricList      *metrics;
  StrataEntitlements    *entitlements;
  StrataRules           *rules;         /* of the result shown: a copy, because the
                                         * scoring frees its draft at the next edit,
                                         * before this page's reload, while cells
                                         * still show its tier ids */
  StrataResult          *result;        /* draft's, or published while the draft is invalid */
  StrataCustomerColumns  cols;
  /* The previous period: read and scored on a worker, kept until the file changes. */
  StrataCustomersPagePrevious previous;
  char                 **tier_ids;
  /* Sort orders of the period (strata-customer-order.h), from workers. */
  StrataCustomersPageOrders orders;
  gboolean               sort_waiting;  /* the sort shown waits for its order */
  /* Filters and sorts of a large period, on a worker. */
  StrataCustomersQueryRunner queries;
  StrataSortedRows      *sorted;        /* the orders of the whole period kept for them */
  guint                  query_async_rows;
  char                  *search;        /* folded */
  guint8                *attribute_mask;
  GPtrArray             *attribute_pairs; /* "key\tvalue" */
  GCancellable          *attributes_load;
  StrataCustomersPageCells cells;      /* of the rows GTK keeps bound */
  SortSpec               sorts[N_SORTS];
  int                    probe_column;   /* set by sort_compare while probing */
  StrataRowList         *list;
  GtkSingleSelection    *selection;
  GtkCssProvider        *tier_css;
  gboolean               syncing;

  GtkStack              *stack;
  AdwStatusPage         *empty_page;
  GtkSearchEntry        *search_entry;
  GtkDropDown           *tier_filter;
  GtkDropDown           *quadrant_filter;
  GtkDropDown           *attribute_filter;
  GtkColumnView         *view;
  GtkLabel              *count_label;
  GtkSpinner            *sort_spinner;
  StrataCustomerDetail  *detail;
  AdwFlap               *flap;
};

G_DEFINE_FINAL_TYPE (StrataCustomersPage, strata_customers_page, STRATA_TYPE_PAGE)

/* The period shown: the context's shared scoring's. */
static const StrataPeriodData *
period_data (StrataCustomersPage *self)
{
  StrataScoring *scoring = strata_page_get_scoring (STRATA_PAGE (self));

  return scoring != NULL ? strata_scoring_get_data (scoring) : NULL;
}


static const char *quadrant_letters[] = { "", "A", "B", "C", "D" };

/* Filtering and sorting ------------------------------------------------ */

static StrataCustomerFilter
current_filter (StrataCustomersPage *self)
{
  guint tier = gtk_drop_down_get_selected (self->tier_filter);
  guint quadrant = gtk_drop_down_get_selected (self->quadrant_filter);
  StrataCustomerFilter filter = {
    .search = self->search,
    /* Tier list: 0 = all, then the tiers best first. */
    .tier = tier == GTK_INVALID_LIST_POSITION || tier == 0 ? -1 : (int) tier - 1,
    /* Quadrant list: 0 = all, 1..4 = A..D, which are StrataQuadrant 1..4. */
    .quadrant = quadrant == GTK_INVALID_LIST_POSITION || quadrant == 0 ? -1 : (int) quadrant,
    .attribute = self->attribute_mask,
  };

  return filter;
}

/* Beside the count: a sort waiting for its order, or a query that has
 * taken longer than a frame. */
static void
update_spinner (StrataCustomersPage *self)
{
  gboolean spin = self->sort_waiting || self->queries.busy_shown;

  if (self->sort_spinner == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->sort_spinner), spin);
  gtk_spinner_set_spinning (self->sort_spinner, spin);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sort_spinner),
                               self->sort_waiting ? _("Sorting…") : _("Updating the list…"));
}

static void
set_sort_waiting (StrataCustomersPage *self,
                  gboolean             waiting)
{
  self->sort_waiting = waiting;
  update_spinner (self);
}

/* Stops the query on its worker and drops the one waiting for it. */
static void
forget_query (StrataCustomersPage *self)
{
  strata_customers_query_runner_stop (&self->queries);
}

static void
forget_order (StrataCustomersPage *self)
{
  strata_customers_page_orders_forget (&self->orders);
  self->cols.name_is_folded = NULL;
  set_sort_waiting (self, FALSE);
}

static void apply (StrataCustomersPage *self);

/* An order came from its worker: a sort that waited for it runs now. */
static void load_previous (StrataCustomersPage *self, const StrataPeriodData *data);

static void
order_ready (StrataCustomersPage *self)
{
  self->cols.name_is_folded = self->orders.name_is_folded;
  if (self->previous.waits && self->orders.load == NULL && period_data (self) != NULL)
    load_previous (self, period_data (self));
  if (self->sort_waiting)
    apply (self);
}

static int
sort_compare (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  SortSpec *spec = data;
  int c;

  if (spec->page->probe_column < 0)
    spec->page->probe_column = spec->column;
  c = strata_customer_view_compare (&spec->page->cols, spec->column,
                                    strata_customer_row_get_row ((gpointer) a),
                                    strata_customer_row_get_row ((gpointer) b));
  return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* Which column the header sorter sorts by, and in which direction: asks it
 * to compare rows 0 and 1 and notes which column's sorter answered first
 * (GTK 4.8 has no getter for it). FALSE when nothing is sorted. */
static gboolean
sort_column (StrataCustomersPage *self,
             StrataCustomerSort  *column,
             int                 *sign)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->view);
  g_autoptr(StrataCustomerRow) a = NULL;
  g_autoptr(StrataCustomerRow) b = NULL;
  GtkOrdering order;
  int natural;

  if (self->cols.n < 2 || gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE)
    return FALSE;
  a = strata_customer_row_new (0);
  b = strata_customer_row_new (1);
  self->probe_column = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (self->probe_column < 0 || order == GTK_ORDERING_EQUAL)
    return FALSE;
  *column = self->probe_column;
  natural = strata_customer_view_compare (&self->cols, *column, 0, 1);
  *sign = (natural < 0) == (order == GTK_ORDERING_SMALLER) ? 1 : -1;
  return TRUE;
}

static void update_count  (StrataCustomersPage *self);
static int  selected_row  (StrataCustomersPage *self);

/* Selects the row at position, there at once even while the rows grow. */
static void
select_position (StrataCustomersPage *self,
                 guint                position)
{
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->cells.shown)))
    strata_customers_page_cells_show_all (&self->cells);
  gtk_single_selection_set_selected (self->selection, position);
}

/* The cells in view show the rows now (the others follow frame by frame);
 * n_before: the rows listed before the change. */
static void
refresh_cells (StrataCustomersPage *self,
               guint                n_before)
{
  strata_customers_page_cells_refresh (&self->cells, n_before);
}

/* Shows a query's answer, keeping the selected customer selected. */
static void
show_answer (StrataCustomersPage   *self,
             StrataCustomersQuery  *query,
             StrataCustomersAnswer *answer,
             gboolean               from_worker)
{
  int selected = selected_row (self);
  guint position = answer->selected;
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (self->cells.shown));
  GArray *rows;

  /* The order is on its way (order_ready applies again): the rows shown
   * stay as they are, or a new filter's show unsorted meanwhile. */
  if (query->waiting && answer->same_set)
    {
      refresh_cells (self, n_before);
      return;
    }
  if (answer->same_rows)
    {
      /* Only the values changed (new scores, the previous period read). */
      refresh_cells (self, n_before);
      update_count (self);
      return;
    }
  /* Another customer was picked while the worker ran. */
  if (selected != query->selected)
    {
      position = G_MAXUINT;
      for (guint i = 0; selected >= 0 && i < answer->rows->len; i++)
        if (g_array_index (answer->rows, guint, i) == (guint) selected)
          {
            position = i;
            break;
          }
    }
  rows = g_steal_pointer (&answer->rows);
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  strata_customers_page_cells_grow (&self->cells, n_before, rows->len);
  /* A large list that shrinks (a search) keeps its row widgets blank, and
   * lets them go over the next frames: the answer first. */
  strata_row_list_set_rows_keeping (self->list, rows,
                                    from_worker && !self->cells.grow.at_once ? STRATA_LIST_GROW_ROWS : 0);
  /* The items on screen now stand for other rows. */
  refresh_cells (self, n_before);
  strata_customers_page_cells_shrink (&self->cells, self->list);
  if (selected >= 0 && position != G_MAXUINT)
    select_position (self, position);
  self->syncing = FALSE;
  update_count (self);
}

static void
query_answered (gpointer               owner,
                StrataCustomersQuery  *query,
                StrataCustomersAnswer *answer)
{
  show_answer (STRATA_CUSTOMERS_PAGE (owner), query, answer, TRUE);
}

static void
query_busy (gpointer owner)
{
  update_spinner (STRATA_CUSTOMERS_PAGE (owner));
}

/* Filters and sorts the rows: in place for a small period, on a worker
 * for a large one (the rows shown stay until its answer). */
static void
apply (StrataCustomersPage *self)
{
  StrataCustomerFilter filter = current_filter (self);
  g_autoptr(StrataCustomersQuery) query = NULL;
  StrataCustomerSort column;
  int sign;

  query = strata_customers_query_new (&self->cols, self->cols.n > 0 ? self->cols.overrides : NULL,
                                      self->cols.n > 0 ? self->result : NULL, &filter);
  if (!sort_column (self, &column, &sign))
    set_sort_waiting (self, FALSE);
  else if (strata_customers_page_orders_ensure (&self->orders, &self->cols,
                                                column == STRATA_CUSTOMER_SORT_NAME))
    {
      set_sort_waiting (self, FALSE);
      query->by_id = g_bytes_ref (self->orders.by_id_bytes);
      if (self->orders.name_rank_bytes != NULL)
        query->name_rank = g_bytes_ref (self->orders.name_rank_bytes);
      query->column = column;
      query->descending = sign < 0;
    }
  else
    {
      set_sort_waiting (self, TRUE);
      query->waiting = TRUE;
    }
  if (self->orders.name_is_folded_bytes != NULL)
    query->name_is_folded = g_bytes_ref (self->orders.name_is_folded_bytes);
  query->shown = strata_row_list_ref_rows (self->list);
  query->selected = selected_row (self);
  query->sorted = strata_sorted_rows_ref (self->sorted);

  if (self->cols.n >= self->query_async_rows)
    strata_customers_query_runner_start (&self->queries, g_steal_pointer (&query));
  else
    {
      g_autoptr(StrataCustomersAnswer) answer = NULL;

      /* This answer is newer than any on a worker. */
      forget_query (self);
      answer = strata_customers_query_run (query, NULL);
      show_answer (self, query, answer, FALSE);
    }
}

static void
update_count (StrataCustomersPage *self)
{
  guint shown = 0;
  g_autofree char *shown_text = NULL;
  g_autofree char *all_text = strata_format_integer (NULL, self->cols.n);
  g_autofree char *text = NULL;

  /* The rows, not the blank positions a shrinking list keeps a moment. */
  strata_row_list_get_rows (self->list, &shown);
  shown_text = strata_format_integer (NULL, shown);

  if (shown == self->cols.n)
    /* Translators: the number comes grouped: "953,403 customers" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers", shown), shown_text);
  else
    /* Translators: "12 of 567 customers" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s customer", "%s of %s customers",
                                         self->cols.n),
                            shown_text, all_text);
  gtk_label_set_text (self->count_label, text);
}

static void
filters_changed (StrataCustomersPage *self)
{
  g_free (self->search);
  self->search = strata_customer_view_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  if (!self->syncing)
    apply (self);
}

/* The entry says so once more after its delay when the change was also
 * announced at once: the same search is not asked again. */
static void
search_changed (StrataCustomersPage *self)
{
  g_autofree char *search = strata_customer_view_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  if (g_strcmp0 (search, self->search) != 0)
    filters_changed (self);
}

static void
attribute_changed (StrataCustomersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->attribute_filter);
  const StrataPeriodData *data = period_data (self);

  g_clear_pointer (&self->attribute_mask, g_free);
  if (data != NULL && selected != GTK_INVALID_LIST_POSITION && selected > 0 &&
      selected - 1 < self->attribute_pairs->len)
    {
      g_auto(GStrv) pair = g_strsplit (self->attribute_pairs->pdata[selected - 1], "\t", 2);
      g_autoptr(sqlite3_stmt) stmt =
        strata_workspace_prepare (strata_page_get_workspace (STRATA_PAGE (self)),
                                  "SELECT customer_id FROM attributes WHERE key = ?1 AND value = ?2",
                                  NULL);

      self->attribute_mask = g_new0 (guint8, MAX (data->n, 1));
      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, pair[0], -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, pair[1], -1, SQLITE_TRANSIENT);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              int row = strata_period_data_find_id (data, sqlite3_column_int64 (stmt, 0));

              if (row >= 0)
                self->attribute_mask[row] = 1;
            }
        }
    }
  filters_changed (self);
}

static void
add_column (StrataCustomersPage *self,
            StrataCustomerField  field,
            const char          *title,
            StrataCustomerSort   sort,
            gboolean             expand)
{
  GtkListItemFactory *factory = strata_customers_page_cells_factory (&self->cells, field);
  g_autoptr(GtkColumnViewColumn) col = NULL;
  GtkSorter *sorter;

  col = gtk_column_view_column_new (title, factory);
  self->sorts[sort].page = self;
  self->sorts[sort].column = sort;
  sorter = GTK_SORTER (gtk_custom_sorter_new (sort_compare, &self->sorts[sort], NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  g_object_unref (sorter);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (self->view, col);
}

/* Loading ----------------------------------------------------------------- */

/* Stops a read of the attribute pairs; clear: and lists none. */
static void
forget_attributes (StrataCustomersPage *self,
                   gboolean             clear)
{
  if (self->attributes_load != NULL)
    g_cancellable_cancel (self->attributes_load);
  g_clear_object (&self->attributes_load);
  if (clear)
    {
      g_autoptr(GtkStringList) none = strata_customers_page_attribute_model (_("All attributes"), NULL);

      self->syncing = TRUE;
      gtk_drop_down_set_model (self->attribute_filter, G_LIST_MODEL (none));
      self->syncing = FALSE;
      g_ptr_array_set_size (self->attribute_pairs, 0);
    }
}

/* The pairs read: the choice made meanwhile stays if the pair is still there. */
static void
attributes_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  StrataCustomersPage *self = STRATA_CUSTOMERS_PAGE (source);
  g_autoptr(GCancellable) load = user_data;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GtkStringList) model = NULL;
  guint selected = gtk_drop_down_get_selected (self->attribute_filter);
  const char *chosen = NULL;
  guint keep = 0;

  pairs = strata_customers_page_load_attributes_finish (STRATA_PAGE (self), result, NULL);
  if (g_cancellable_is_cancelled (load) || load != self->attributes_load || pairs == NULL)
    return;
  g_clear_object (&self->attributes_load);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected - 1 < self->attribute_pairs->len)
    chosen = self->attribute_pairs->pdata[selected - 1];
  for (guint i = 0; chosen != NULL && keep == 0 && i < pairs->len; i++)
    if (strcmp (pairs->pdata[i], chosen) == 0)
      keep = i + 1;
  model = strata_customers_page_attribute_model (_("All attributes"), pairs);
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->attribute_filter, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->attribute_filter, keep);
  self->syncing = FALSE;
  g_ptr_array_unref (self->attribute_pairs);
  self->attribute_pairs = g_steal_pointer (&pairs);
  if (chosen != NULL && keep == 0)
    attribute_changed (self);
}

static void
fill_filter_models (StrataCustomersPage *self)
{
  g_autoptr(GtkStringList) tiers = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) quadrants = gtk_string_list_new (NULL);
  guint tier_selected = gtk_drop_down_get_selected (self->tier_filter);
  guint quadrant_selected = gtk_drop_down_get_selected (self->quadrant_filter);

  gtk_string_list_append (tiers, _("All tiers"));
  for (guint t = 0; self->rules && t < self->rules->tiers->len; t++)
    {
      const StrataTier *tier = self->rules->tiers->pdata[t];
      g_autofree char *text = g_strdup_printf ("%s · %s", tier->id,
                                               strata_tier_get_display_label (tier));

      gtk_string_list_append (tiers, text);
    }
  gtk_string_list_append (quadrants, _("All quadrants"));
  for (guint q = 0; q < 4; q++)
    {
      const char *label = self->rules ? strata_rules_get_quadrant_label (self->rules, q) : NULL;
      g_autofree char *text = g_strdup_printf ("%s · %s", quadrant_letters[q + 1], label ? label : "");

      gtk_string_list_append (quadrants, text);
    }

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->tier_filter, G_LIST_MODEL (tiers));
  gtk_drop_down_set_model (self->quadrant_filter, G_LIST_MODEL (quadrants));
  gtk_drop_down_set_selected (self->tier_filter,
                              tier_selected < g_list_model_get_n_items (G_LIST_MODEL (tiers)) ? tier_selected : 0);
  gtk_drop_down_set_selected (self->quadrant_filter, quadrant_selected < 5 ? quadrant_selected : 0);
  gtk_drop_down_set_selected (self->attribute_filter, 0);
  g_clear_pointer (&self->attribute_mask, g_free);
  self->syncing = FALSE;
  forget_attributes (self, FALSE);
  if (strata_page_get_workspace (STRATA_PAGE (self)) != NULL)
    {
      self->attributes_load = g_cancellable_new ();
      strata_customers_page_load_attributes (STRATA_PAGE (self), self->attributes_load,
                                             attributes_loaded, g_object_ref (self->attributes_load));
    }
}

static void
forget_previous (StrataCustomersPage *self)
{
  strata_customers_page_previous_forget (&self->previous);
}

static void previous_ready (StrataCustomersPage *self);

/* Once the page's orders are in: on two cores the previous period's
 * scoring (a second of CPU at a million) took the cores the names' order
 * wanted, and a sort by name right after opening waited for both. */
static void
load_previous (StrataCustomersPage    *self,
               const StrataPeriodData *data)
{
  self->previous.waits = self->orders.load != NULL;
  self->cols.prev_tier = self->previous.waits
    ? strata_customers_page_previous_map (&self->previous, self->rules, NULL)
    : strata_customers_page_previous_load (&self->previous, self, data, self->rules, previous_ready);
}

/* Read for the rows shown then: when the period shown has changed its
 * rows since, read again for them. */
static void
previous_ready (StrataCustomersPage *self)
{
  if (period_data (self) != NULL)
    load_previous (self, period_data (self));
  else
    self->cols.prev_tier = strata_customers_page_previous_map (&self->previous, self->rules, NULL);
  filters_changed (self);
}

StrataCustomersPagePrevious *
strata_customers_page_get_previous (StrataCustomersPage *self)
{
  return &self->previous;
}

static int
selected_row (StrataCustomersPage *self)
{
  StrataCustomerRow *item = gtk_single_selection_get_selected_item (self->selection);

  return item ? (int) strata_customer_row_get_row (item) : -1;
}

static void
select_customer (StrataCustomersPage *self,
                 gint64               customer_id)
{
  const StrataPeriodData *data = period_data (self);
  int row = data && customer_id > 0 ? strata_period_data_find_id (data, customer_id) : -1;
  guint n;
  const guint *rows = strata_row_list_get_rows (self->list, &n);

  if (row == selected_row (self))
    {
      strata_customer_detail_show_row (self->detail, row);
      return;
    }
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; row >= 0 && i < n; i++)
    if ((int) rows[i] == row)
      {
        GtkWidget *list = gtk_widget_get_last_child (GTK_WIDGET (self->view));

        select_position (self, i);
        /* Bring it into view (GtkListBase's action in GTK 4.8). */
        if (list != NULL)
          gtk_widget_activate_action (list, "list.scroll-to-item", "u", i);
        break;
      }
  self->syncing = FALSE;
  /* Shown even when a filter hides it from the list. */
  strata_customer_detail_show_row (self->detail, row);
}

static void
reload (StrataCustomersPage *self)
{
  const StrataPeriodData *data = period_data (self);
  StrataContext *context = strata_page_get_context (STRATA_PAGE (self));
  StrataScoring *scoring = strata_page_get_scoring (STRATA_PAGE (self));
  gint64 selected_id = context ? strata_context_get_selected_customer (context) : 0;
  const StrataRules *rules;

  g_clear_pointer (&self->result, strata_result_unref);
  g_clear_pointer (&self->tier_ids, g_free);
  g_clear_pointer (&self->rules, strata_rules_free);
  /* Orders of other scores, or of another period: of no use any more. */
  strata_sorted_rows_clear (self->sorted);
  memset (&self->cols, 0, sizeof self->cols);
  strata_customer_detail_invalidate (self->detail);

  if (data == NULL || data->n == 0)
    {
      forget_order (self);
      forget_query (self);
      strata_row_list_set_rows (self->list, g_array_new (FALSE, FALSE, sizeof (guint)));
      update_count (self);
      adw_status_page_set_title (self->empty_page, context ? _("No Customers Yet") : _("No Workspace Open"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      strata_customer_detail_show_row (self->detail, -1);
      return;
    }

  /* The draft's scores; the published ones while the draft has problems. */
  self->result = strata_scoring_get_draft_result (scoring);
  rules = strata_scoring_get_draft (scoring);
  if (self->result == NULL)
    {
      self->result = strata_scoring_get_published_result (scoring);
      rules = strata_scoring_get_published (scoring);
    }
  if (self->result != NULL)
    strata_result_ref (self->result);
  self->rules = rules ? strata_rules_copy (rules) : NULL;

  self->tier_ids = g_new0 (char *, (self->rules ? self->rules->tiers->len : 0) + 1);
  for (guint t = 0; self->rules && t < self->rules->tiers->len; t++)
    self->tier_ids[t] = ((StrataTier *) self->rules->tiers->pdata[t])->id;

  self->cols.n = self->result ? data->n : 0;
  self->cols.strings = data;
  self->cols.order_amount = strata_period_data_get_column (data, "order_amount");
  self->cols.referrals = strata_period_data_get_column (data, "referrals");
  self->cols.inquiries = strata_period_data_get_column (data, "monthly_inquiries");
  self->cols.score = self->result ? self->result->score : NULL;
  self->cols.tier = self->result ? self->result->final_tier : NULL;
  self->cols.quadrant = self->result ? self->result->quadrant : NULL;
  self->cols.tier_ids = (const char **) self->tier_ids;
  self->cols.n_tiers = self->rules ? self->rules->tiers->len : 0;
  self->cols.overrides = data;
  strata_customers_page_orders_set_data (&self->orders, self, self->cols.n > 0 ? data : NULL,
                                         order_ready);
  self->cols.name_is_folded = self->orders.name_is_folded;
  load_previous (self, data);

  strata_customers_page_cells_load_tier_css (self->tier_css, self->rules);
  fill_filter_models (self);

  gtk_stack_set_visible_child_name (self->stack, "list");
  filters_changed (self);
  select_customer (self, selected_id);
}

static void
selection_changed (StrataCustomersPage *self)
{
  const StrataPeriodData *data = period_data (self);
  int row = selected_row (self);

  if (self->syncing || data == NULL)
    return;
  strata_customer_detail_show_row (self->detail, row);
  /* Narrow, the detail is hidden beside the list: a customer picked by the
   * user slides it in. */
  if (row >= 0 && adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, TRUE);
  if (row >= 0 && strata_page_get_context (STRATA_PAGE (self)) != NULL)
    {
      self->syncing = TRUE;
      strata_context_set_selected_customer (strata_page_get_context (STRATA_PAGE (self)), data->ids[row]);
      self->syncing = FALSE;
    }
}

static void
context_selected_changed (StrataCustomersPage *self)
{
  if (self->syncing || strata_page_get_context (STRATA_PAGE (self)) == NULL)
    return;
  select_customer (self, strata_context_get_selected_customer (strata_page_get_context (STRATA_PAGE (self))));
}

static void
previous_changed (StrataCustomersPage *self,
                  const char          *what)
{
  /* The previous period's tiers are the published rules' (as the review's). */
  if (g_strcmp0 (what, "entitlements") != 0 && g_strcmp0 (what, "draft") != 0)
    forget_previous (self);
}

/* What the page keeps per context: the metrics and the entitlements the
 * detail shows; the scores are the context's shared scoring. */
static void
strata_customers_page_context_changed (StrataPage *page)
{
  StrataCustomersPage *self = STRATA_CUSTOMERS_PAGE (page);
  StrataContext *context = strata_page_get_context (page);
  StrataScoring *scoring = strata_page_get_scoring (page);

  strata_customer_detail_set_source (self->detail, NULL, NULL, NULL, NULL);
  forget_previous (self);
  forget_attributes (self, TRUE);
  self->previous.period = 0;
  /* Another workspace opens without the last one's search and filters. */
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->tier_filter, 0);
  gtk_drop_down_set_selected (self->quadrant_filter, 0);
  gtk_drop_down_set_selected (self->attribute_filter, 0);
  self->syncing = FALSE;
  g_clear_pointer (&self->attribute_mask, g_free);
  g_clear_pointer (&self->search, g_free);   /* NULL: all */
  g_clear_object (&self->metrics);
  g_clear_object (&self->entitlements);
  if (context == NULL)
    return;
  /* While the scores are read, the list's headers under the spinner, not
   * the last reload's "No Workspace Open"; the reload that follows them
   * shows the rows or says there are none. */
  gtk_label_set_text (self->count_label, "");
  gtk_stack_set_visible_child_name (self->stack, "list");
  self->metrics = strata_metric_list_new (strata_page_get_workspace (page));
  self->entitlements = strata_entitlements_new (strata_page_get_workspace (page), NULL);
  /* Any change but the entitlements and the draft may change the previous
   * period's tiers. */
  g_signal_connect_object (strata_page_get_workspace (page), "changed",
                           G_CALLBACK (previous_changed), self, G_CONNECT_SWAPPED);
  if (scoring == NULL)
    return;
  g_signal_connect_object (context, "notify::selected-customer",
                           G_CALLBACK (context_selected_changed), self, G_CONNECT_SWAPPED);
  strata_customer_detail_set_source (self->detail, context, scoring, self->metrics,
                                     self->entitlements);
}

static void
strata_customers_page_reload (StrataPage *page)
{
  reload (STRATA_CUSTOMERS_PAGE (page));
}

GListModel *
strata_customers_page_get_model (StrataCustomersPage *self)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMERS_PAGE (self), NULL);
  return G_LIST_MODEL (self->list);
}

/* For the export (strata-customers-page-export.c) ------------------------- */

const StrataCustomerColumns *
strata_customers_page_get_columns (StrataCustomersPage *self,
                                   const guint        **rows,
                                   guint               *n_rows)
{
  *rows = strata_row_list_get_rows (self->list, n_rows);
  return &self->cols;
}

gboolean
strata_customers_page_get_sort_waiting (StrataCustomersPage *self)
{
  return self->sort_waiting;
}

const StrataCustomersPageOrders *
strata_customers_page_get_orders (StrataCustomersPage *self)
{
  return &self->orders;
}

void
strata_customers_page_set_query_async_rows (StrataCustomersPage *self,
                                            guint                rows)
{
  self->query_async_rows = rows;
}

StrataCustomersPageCells *
strata_customers_page_get_cells (StrataCustomersPage *self)
{
  return &self->cells;
}

gboolean
strata_customers_page_get_query_busy (StrataCustomersPage *self)
{
  return self->queries.running != NULL;
}

guint
strata_customers_page_get_queries_run (StrataCustomersPage *self)
{
  return self->queries.started;
}

const StrataRules *
strata_customers_page_get_rules (StrataCustomersPage *self)
{
  return self->rules;
}

const char *
strata_customers_page_get_period_name (StrataCustomersPage *self)
{
  const StrataPeriodData *data = period_data (self);

  return data ? data->period_name : NULL;
}

/* GObject ----------------------------------------------------------------- */

static void search_activated (GtkWidget  *widget,
                              const char *action,
                              GVariant   *param);

static void
strata_customers_page_dispose (GObject *object)
{
  StrataCustomersPage *self = STRATA_CUSTOMERS_PAGE (object);

  strata_page_set_context (STRATA_PAGE (self), NULL);
  forget_previous (self);
  forget_attributes (self, FALSE);
  forget_order (self);
  forget_query (self);
  strata_customers_page_cells_clear (&self->cells);
  /* Removing the columns changes the sorter: nothing to sort any more. */
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->view), self);
  if (self->tier_css != NULL)
    gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                   GTK_STYLE_PROVIDER (self->tier_css));
  g_clear_object (&self->tier_css);
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_CUSTOMERS_PAGE);
  G_OBJECT_CLASS (strata_customers_page_parent_class)->dispose (object);
}

static void
strata_customers_page_finalize (GObject *object)
{
  StrataCustomersPage *self = STRATA_CUSTOMERS_PAGE (object);

  g_clear_pointer (&self->result, strata_result_unref);
  g_clear_pointer (&self->rules, strata_rules_free);
  g_clear_pointer (&self->sorted, strata_sorted_rows_unref);
  strata_customers_page_previous_clear (&self->previous);
  g_clear_pointer (&self->tier_ids, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->attribute_mask, g_free);
  g_clear_pointer (&self->attribute_pairs, g_ptr_array_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->cells.shown);
  g_clear_object (&self->list);
  G_OBJECT_CLASS (strata_customers_page_parent_class)->finalize (object);
}

static void
strata_customers_page_class_init (StrataCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  StrataPageClass *page_class = STRATA_PAGE_CLASS (klass);

  object_class->dispose = strata_customers_page_dispose;
  object_class->finalize = strata_customers_page_finalize;
  /* The shared scoring follows the period, rules, customers, overrides. */
  page_class->changes = STRATA_PAGE_CHANGES_SCORES;
  page_class->context_changed = strata_customers_page_context_changed;
  page_class->reload = strata_customers_page_reload;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataCustomersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomersPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomersPage, tier_filter);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomersPage, quadrant_filter);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomersPage, attribute_filter);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomersPage, view);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomersPage, sort_spinner);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomersPage, detail);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomersPage, flap);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, attribute_changed);

  strata_customers_page_class_add_export (widget_class);
  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "page.search", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "customers-page");
}

static void
search_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (STRATA_CUSTOMERS_PAGE (widget)->search_entry));
}

static void
strata_customers_page_init (StrataCustomersPage *self)
{
  g_type_ensure (STRATA_TYPE_CUSTOMER_DETAIL);
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    /* The detail gets its natural height: its grids of wrapping labels
     * would otherwise run into one another. */
    GtkWidget *viewport = gtk_widget_get_parent (GTK_WIDGET (self->detail));
    if (GTK_IS_VIEWPORT (viewport))
      gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (viewport), GTK_SCROLL_NATURAL);
  }

  self->query_async_rows = STRATA_WORKER_ROWS;
  strata_customers_query_runner_init (&self->queries, G_OBJECT (self), query_answered, query_busy);
  self->sorted = strata_sorted_rows_new ();
  self->attribute_pairs = g_ptr_array_new_with_free_func (g_free);
  self->list = strata_row_list_new ();
  strata_customers_page_cells_init (&self->cells, &self->cols,
                                    gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->list)), 0,
                                                              G_MAXUINT),
                                    GTK_WIDGET (self->view));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->cells.shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed), self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->view), "changed", G_CALLBACK (apply), self,
                           G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));

  add_column (self, STRATA_CUSTOMER_FIELD_ID, _("ID"), STRATA_CUSTOMER_SORT_ID, FALSE);
  add_column (self, STRATA_CUSTOMER_FIELD_NAME, _("Name"), STRATA_CUSTOMER_SORT_NAME, TRUE);
  add_column (self, STRATA_CUSTOMER_FIELD_ORDER_AMOUNT, _("Order amount"), STRATA_CUSTOMER_SORT_ORDER_AMOUNT, FALSE);
  add_column (self, STRATA_CUSTOMER_FIELD_REFERRALS, _("Referrals"), STRATA_CUSTOMER_SORT_REFERRALS, FALSE);
  add_column (self, STRATA_CUSTOMER_FIELD_INQUIRIES, _("Inquiries"), STRATA_CUSTOMER_SORT_INQUIRIES, FALSE);
  add_column (self, STRATA_CUSTOMER_FIELD_SCORE, _("Score"), STRATA_CUSTOMER_SORT_SCORE, FALSE);
  add_column (self, STRATA_CUSTOMER_FIELD_TIER, _("Tier"), STRATA_CUSTOMER_SORT_TIER, FALSE);
  add_column (self, STRATA_CUSTOMER_FIELD_QUADRANT, _("Quadrant"), STRATA_CUSTOMER_SORT_QUADRANT, FALSE);
  add_column (self, STRATA_CUSTOMER_FIELD_CHANGE, _("Change"), STRATA_CUSTOMER_SORT_CHANGE, FALSE);

  self->tier_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->tier_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  reload (self);
}

GtkWidget *
strata_customers_page_new (void)
{
  return g_object_new (STRATA_TYPE_CUSTOMERS_PAGE, NULL);
}
