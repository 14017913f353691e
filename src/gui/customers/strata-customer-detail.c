/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-format.h"
#include "strata-customer-detail.h"
#include "strata-funnel-chart.h"
#include "strata-funnel-text.h"
#include "strata-period-results.h"
#include "strata-override.h"
#include "strata-page.h"
#include "strata-period.h"
#include "strata-receipt-view.h"
#include "strata-review-chart.h"
#include "strata-write-error.h"

struct _StrataCustomerDetail
{
  GtkBox              parent_instance;

  StrataContext      *context;        /* borrowed */
  StrataScoring      *scoring;        /* borrowed */
  StrataEntitlements *entitlements;   /* borrowed */
  GHashTable         *period_results; /* period id (gint64*) -> StrataPeriodResults* */
  int                 row;

  GtkWidget          *empty;
  GtkWidget          *content;
  GtkLabel           *title;
  GtkLabel           *subtitle;
  GtkLabel           *score;
  GtkLabel           *tier_chip;
  StrataReceiptView  *receipt;
  GtkGrid            *history;
  GtkGrid            *entitlement_grid;
  GtkWidget          *funnel_heading;
  GtkWidget          *funnel_chart;
  GtkLabel           *funnel_note;
  GtkLabel           *override_state;
  GtkDropDown        *override_tier;
  GtkEntry           *override_reason;
  GtkButton          *override_set;
  GtkButton          *override_remove;
  GtkLabel           *override_error;
};

G_DEFINE_FINAL_TYPE (StrataCustomerDetail, strata_customer_detail, GTK_TYPE_BOX)

static GtkWidget *
cell (const char *text,
      gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_wrap (GTK_LABEL (label), !numeric);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* Removes the lines from first_row on; those above come from the template. */
static void
clear_grid (GtkGrid *grid,
            int      first_row)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (grid));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      int row;

      gtk_grid_query_child (grid, child, NULL, &row, NULL, NULL);
      if (row >= first_row)
        gtk_grid_remove (grid, child);
      child = next;
    }
}

void
strata_customer_detail_invalidate (StrataCustomerDetail *self)
{
  g_return_if_fail (STRATA_IS_CUSTOMER_DETAIL (self));
  g_hash_table_remove_all (self->period_results);
}

static StrataPeriodResults *
results_for (StrataCustomerDetail *self,
             gint64                period_id)
{
  StrataPeriodResults *results = g_hash_table_lookup (self->period_results, &period_id);
  g_autoptr(GError) error = NULL;

  if (results != NULL)
    return results;
  /* The current period's over the window's data (the funnel's columns read
   * into it), not a second copy of the period. */
  if (period_id == strata_scoring_get_period_id (self->scoring))
    {
      const char *funnel[STRATA_FUNNEL_N_STEPS];
      const char *keys[STRATA_FUNNEL_N_STEPS + 1];
      guint n_keys = 0;

      strata_funnel_resolve_keys (strata_scoring_get_data (self->scoring), funnel);
      for (guint s = 0; s < STRATA_FUNNEL_N_STEPS; s++)
        if (funnel[s] != NULL)
          keys[n_keys++] = funnel[s];
      keys[n_keys] = NULL;
      results = strata_period_results_load_shared (strata_scoring_get_workspace (self->scoring), period_id,
                                                   (StrataPeriodData *) strata_scoring_get_data (self->scoring),
                                                   strata_scoring_get_published_result (self->scoring),
                                                   strata_scoring_get_published_version (self->scoring),
                                                   keys, &error);
    }
  else
    results = strata_period_results_load (strata_scoring_get_workspace (self->scoring), period_id, &error);
  if (results == NULL)
    {
      g_debug ("No results for period %" G_GINT64_FORMAT ": %s", period_id, error->message);
      return NULL;
    }
  g_hash_table_insert (self->period_results, g_memdup2 (&period_id, sizeof period_id), results);
  return results;
}

static void
show_history (StrataCustomerDetail *self,
              gint64                customer_id)
{
  GListModel *periods = strata_context_get_periods (self->context);
  guint n = g_list_model_get_n_items (periods);
  int line = 1;

  clear_grid (self->history, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StrataPeriod) period = g_list_model_get_item (periods, i);
      gint64 period_id = strata_period_get_id (period);
      const char *name = strata_period_get_name (period);
      g_autoptr(StrataPeriodResults) results = NULL;
      g_autoptr(GError) error = NULL;
      int row;

      /* That customer's row of each period, read through the keys: the
       * whole period of a million customers is not needed for one line. */
      results = strata_period_results_load_customer (strata_scoring_get_workspace (self->scoring),
                                                     period_id, customer_id, &error);
      if (results == NULL)
        g_debug ("No results for period %" G_GINT64_FORMAT ": %s", period_id, error->message);
      if (results == NULL || (row = strata_period_data_find_id (results->data, customer_id)) < 0)
        {
          gtk_grid_attach (self->history, cell (name, FALSE), 0, line, 1, 1);
          gtk_grid_attach (self->history, cell ("—", TRUE), 1, line, 1, 1);
          gtk_grid_attach (self->history, cell (_("not a customer"), FALSE), 2, line, 1, 1);
        }
      else
        {
          g_autofree char *score = strata_format_number (results->result->score[row]);
          const char *tier = strata_period_results_get_tier_id (results, row);
          /* Translators: a closed period's tier is the one frozen at closing. */
          g_autofree char *tier_text = results->frozen ? g_strdup_printf (_("%s (closed)"), tier ? tier : "—")
                                                       : g_strdup (tier ? tier : "—");

          gtk_grid_attach (self->history, cell (name, FALSE), 0, line, 1, 1);
          gtk_grid_attach (self->history, cell (score, TRUE), 1, line, 1, 1);
          gtk_grid_attach (self->history, cell (tier_text, FALSE), 2, line, 1, 1);
        }
      line++;
    }
}

static void
show_entitlements (StrataCustomerDetail *self,
                   const char           *tier)
{
  g_autoptr(GPtrArray) lines = NULL;

  clear_grid (self->entitlement_grid, 0);
  if (self->entitlements == NULL || tier == NULL)
    return;
  lines = strata_entitlements_list_for_tier (self->entitlements, tier);
  for (guint i = 0; lines && i < lines->len; i++)
    {
      StrataEntitlementLine *line = lines->pdata[i];
      GtkWidget *stage = cell (line->stage, FALSE);
      GtkWidget *label = cell (line->label, FALSE);
      GtkWidget *value = cell (line->value, FALSE);

      /* Wrapping labels of a fixed width: GtkGrid measures the height of
       * free ones for other widths than it gives them, and the rows then
       * run into the section below. */
      gtk_label_set_wrap (GTK_LABEL (stage), FALSE);
      gtk_widget_add_css_class (stage, "dim-label");
      gtk_label_set_width_chars (GTK_LABEL (label), 16);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
      gtk_label_set_width_chars (GTK_LABEL (value), 10);
      gtk_label_set_max_width_chars (GTK_LABEL (value), 10);
      gtk_grid_attach (self->entitlement_grid, stage, 0, i, 1, 1);
      gtk_grid_attach (self->entitlement_grid, label, 1, i, 1, 1);
      gtk_grid_attach (self->entitlement_grid, value, 2, i, 1, 1);
    }
  if (lines == NULL || lines->len == 0)
    gtk_grid_attach (self->entitlement_grid, cell (_("No entitlements for this tier."), FALSE), 0, 0, 3, 1);
}

static void
show_override (StrataCustomerDetail *self,
               const StrataReceipt  *receipt,
               const StrataRules    *rules)
{
  g_autoptr(GtkStringList) tiers = gtk_string_list_new (NULL);

  for (guint t = 0; rules && t < rules->tiers->len; t++)
    {
      const StrataTier *tier = rules->tiers->pdata[t];
      g_autofree char *text = g_strdup_printf ("%s · %s", tier->id,
                                               strata_tier_get_display_label (tier));

      gtk_string_list_append (tiers, text);
    }
  gtk_drop_down_set_model (self->override_tier, G_LIST_MODEL (tiers));
  gtk_label_set_text (self->override_error, "");
  gtk_widget_set_visible (GTK_WIDGET (self->override_error), FALSE);

  if (receipt != NULL && receipt->has_override)
    {
      g_autofree char *date = strata_format_timestamp (NULL, receipt->override_date);
      /* Translators: tier, author, date, reason of an active override. */
      g_autofree char *text = g_strdup_printf (_("Set to %s by %s on %s: “%s”"),
                                               receipt->override_tier_id,
                                               receipt->override_author ? receipt->override_author : "",
                                               date,
                                               receipt->override_reason ? receipt->override_reason : "");

      gtk_label_set_text (self->override_state, text);
      gtk_widget_set_visible (GTK_WIDGET (self->override_remove), TRUE);
      if (receipt->override_tier >= 0)
        gtk_drop_down_set_selected (self->override_tier, receipt->override_tier);
    }
  else
    {
      gtk_label_set_text (self->override_state, _("The tier follows the score."));
      gtk_widget_set_visible (GTK_WIDGET (self->override_remove), FALSE);
      if (receipt != NULL && receipt->tier >= 0)
        gtk_drop_down_set_selected (self->override_tier, receipt->tier);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->override_reason), "");
}

/* The customer's funnel against its quadrant's median in the period; the
 * section hides when the workspace has no funnel metrics. */
static void
show_funnel (StrataCustomerDetail *self,
             gint64                period_id,
             gint64                customer_id)
{
  const StrataPeriodData *shown = strata_scoring_get_data (self->scoring);
  StrataPeriodResults *results = NULL;
  g_autoptr(StrataFunnelCustomer) funnel = NULL;
  g_autoptr(StrataFunnelChart) chart = NULL;
  g_autofree char *note = NULL;
  int row = -1;

  /* The median of the customer's quadrant is over the whole period, so
   * this one needs the period's results; only when there is a funnel. */
  if (period_id != 0 && shown != NULL && strata_funnel_text_has_funnel (shown))
    results = results_for (self, period_id);
  if (results != NULL && strata_funnel_text_has_funnel (results->data))
    row = strata_period_data_find_id (results->data, customer_id);
  if (row >= 0)
    funnel = strata_funnel_customer_compute (results, (guint) row);
  gtk_widget_set_visible (self->funnel_heading, funnel != NULL);
  gtk_widget_set_visible (self->funnel_chart, funnel != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->funnel_note), funnel != NULL);
  if (funnel == NULL)
    return;
  chart = strata_funnel_chart_new ();
  strata_funnel_chart_set_customer (chart, funnel);
  strata_review_chart_set_chart (STRATA_REVIEW_CHART (self->funnel_chart), STRATA_CHART (chart));
  note = strata_funnel_text_customer_note (funnel);
  gtk_label_set_text (self->funnel_note, note);
}

void
strata_customer_detail_show_row (StrataCustomerDetail *self,
                                 int                   row)
{
  const StrataPeriodData *data;
  g_autoptr(StrataReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (STRATA_IS_CUSTOMER_DETAIL (self));

  data = self->scoring ? strata_scoring_get_data (self->scoring) : NULL;
  if (data == NULL || row < 0 || (guint) row >= data->n)
    {
      self->row = -1;
      gtk_widget_set_visible (self->content, FALSE);
      gtk_widget_set_visible (self->empty, TRUE);
      return;
    }
  self->row = row;
  gtk_widget_set_visible (self->content, TRUE);
  gtk_widget_set_visible (self->empty, FALSE);

  /* The draft's receipt; the published one while the draft has problems. */
  receipt = strata_scoring_explain (self->scoring, row, TRUE, NULL);
  if (receipt == NULL)
    receipt = strata_scoring_explain (self->scoring, row, FALSE, &error);

  gtk_label_set_text (self->title, strata_period_data_get_name (data, row));
  {
    g_autofree char *sub = g_strdup_printf ("%s · %s", strata_period_data_get_ext_id (data, row), data->period_name);

    gtk_label_set_text (self->subtitle, sub);
  }
  if (receipt != NULL)
    {
      const StrataTier *tier = receipt->final_tier >= 0 ? receipt->rules->tiers->pdata[receipt->final_tier] : NULL;
      g_autofree char *score = strata_format_number (receipt->score);
      g_autofree char *css = NULL;

      gtk_label_set_text (self->score, score);
      gtk_label_set_text (self->tier_chip, tier ? strata_tier_get_display_label (tier) : "—");
      for (guint t = 0; t < 32; t++)
        {
          g_autofree char *name = g_strdup_printf ("tier-%u", t);

          gtk_widget_remove_css_class (GTK_WIDGET (self->tier_chip), name);
        }
      if (receipt->final_tier >= 0)
        {
          css = g_strdup_printf ("tier-%d", receipt->final_tier);
          gtk_widget_add_css_class (GTK_WIDGET (self->tier_chip), css);
        }
      show_entitlements (self, tier ? tier->id : NULL);
      show_override (self, receipt, receipt->rules);
    }
  else
    {
      gtk_label_set_text (self->score, "—");
      gtk_label_set_text (self->tier_chip, error ? error->message : "");
      show_entitlements (self, NULL);
      show_override (self, NULL, strata_scoring_get_draft (self->scoring));
    }
  strata_receipt_view_set_receipt (self->receipt, receipt);
  show_history (self, data->ids[row]);
  show_funnel (self, data->period_id, data->ids[row]);
}

gboolean
strata_customer_detail_override (StrataCustomerDetail *self,
                                 const char           *tier,
                                 const char           *reason,
                                 GError              **error)
{
  g_return_val_if_fail (STRATA_IS_CUSTOMER_DETAIL (self), FALSE);

  if (self->scoring == NULL || self->row < 0)
    {
      g_set_error_literal (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                           _("No customer is selected"));
      return FALSE;
    }
  return strata_scoring_set_override (self->scoring, self->row, tier, reason, error);
}

static void
reason_changed (StrataCustomerDetail *self)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->override_reason))));

  /* The reason is required: the audit log must say why. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->override_set), *reason != '\0');
}

/* An override the workspace could not take (in use, full disk): the page's
 * Try Again / Save a Copy As… dialog keeps it (strata-write-error.h). */
typedef struct
{
  StrataPage *page;
  gint64      period_id;
  gint64      customer_id;
  char       *tier;     /* NULL: a removal */
  char       *reason;
} OverrideEdit;

static void
override_edit_free (OverrideEdit *e)
{
  g_free (e->tier);
  g_free (e->reason);
  g_free (e);
}

static gboolean
override_apply (StrataWorkspace *workspace,
                gpointer         data,
                GError         **error)
{
  OverrideEdit *e = data;

  return e->tier != NULL
         ? strata_override_set (workspace, e->period_id, e->customer_id, e->tier, e->reason, error)
         : strata_override_remove (workspace, e->period_id, e->customer_id, error);
}

static void override_failed (StrataPage   *page,
                             OverrideEdit *e,
                             const GError *error);

static void
override_retry (gpointer data)
{
  OverrideEdit *e = data;
  g_autoptr(GError) error = NULL;
  StrataWorkspace *workspace = strata_page_get_workspace (e->page);

  if (workspace == NULL || override_apply (workspace, e, &error))
    return;
  override_failed (e->page, e, error);
}

static void
override_failed (StrataPage   *page,
                 OverrideEdit *e,
                 const GError *error)
{
  OverrideEdit *copy = g_new0 (OverrideEdit, 1);

  *copy = *e;
  copy->tier = g_strdup (e->tier);
  copy->reason = g_strdup (e->reason);
  strata_write_error_show (page, e->tier != NULL ? _("The override could not be saved")
                                                 : _("The override could not be removed"),
                           error, override_retry, override_apply, copy,
                           (GDestroyNotify) override_edit_free);
}

/* The error under the controls; a write that may succeed later also gets
 * the dialog (the tier and reason stay in the controls meanwhile). */
static void
show_override_error (StrataCustomerDetail *self,
                     const char           *tier,
                     const char           *reason,
                     const GError         *error)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), STRATA_TYPE_PAGE);

  gtk_label_set_text (self->override_error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->override_error), TRUE);
  if (page != NULL && self->scoring != NULL && self->row >= 0 &&
      strata_write_error_is_retryable (error))
    {
      OverrideEdit e = {
        .page = STRATA_PAGE (page),
        .period_id = strata_scoring_get_period_id (self->scoring),
        .customer_id = strata_scoring_get_customer_id (self->scoring, self->row),
        .tier = (char *) tier,
        .reason = (char *) reason,
      };

      override_failed (e.page, &e, error);
    }
}

static void
set_clicked (StrataCustomerDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->override_reason))));
  const StrataRules *rules = strata_scoring_get_draft (self->scoring);
  guint selected = gtk_drop_down_get_selected (self->override_tier);
  const char *tier;

  if (rules == NULL || selected >= rules->tiers->len)
    return;
  tier = ((StrataTier *) rules->tiers->pdata[selected])->id;
  if (!strata_customer_detail_override (self, tier, reason, &error))
    {
      show_override_error (self, tier, reason, error);
      gtk_widget_add_css_class (GTK_WIDGET (self->override_reason), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->override_reason), "error");
}

static void
remove_clicked (StrataCustomerDetail *self)
{
  g_autoptr(GError) error = NULL;

  if (self->scoring == NULL || self->row < 0)
    return;
  if (!strata_scoring_remove_override (self->scoring, self->row, &error))
    show_override_error (self, NULL, NULL, error);
}

static void
strata_customer_detail_finalize (GObject *object)
{
  StrataCustomerDetail *self = STRATA_CUSTOMER_DETAIL (object);

  g_hash_table_unref (self->period_results);
  G_OBJECT_CLASS (strata_customer_detail_parent_class)->finalize (object);
}

static void
strata_customer_detail_class_init (StrataCustomerDetailClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = strata_customer_detail_finalize;
  gtk_widget_class_set_css_name (widget_class, "customer-detail");

  g_type_ensure (STRATA_TYPE_RECEIPT_VIEW);
  g_type_ensure (STRATA_TYPE_REVIEW_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-customer-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, empty);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, content);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, title);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, subtitle);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, score);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, tier_chip);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, receipt);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, history);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, entitlement_grid);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, funnel_heading);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, funnel_chart);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, funnel_note);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, override_state);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, override_tier);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, override_reason);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, override_set);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, override_remove);
  gtk_widget_class_bind_template_child (widget_class, StrataCustomerDetail, override_error);
  gtk_widget_class_bind_template_callback (widget_class, reason_changed);
  gtk_widget_class_bind_template_callback (widget_class, set_clicked);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked);
}

static void
strata_customer_detail_init (StrataCustomerDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->row = -1;
  self->period_results = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                (GDestroyNotify) strata_period_results_unref);
}

GtkWidget *
strata_customer_detail_new (void)
{
  return g_object_new (STRATA_TYPE_CUSTOMER_DETAIL, NULL);
}

void
strata_customer_detail_set_source (StrataCustomerDetail *self,
                                   StrataContext        *context,
                                   StrataScoring        *scoring,
                                   StrataMetricList     *metrics,
                                   StrataEntitlements   *entitlements)
{
  g_return_if_fail (STRATA_IS_CUSTOMER_DETAIL (self));

  self->context = context;
  self->scoring = scoring;
  self->entitlements = entitlements;
  strata_receipt_view_set_metrics (self->receipt, metrics);
  g_hash_table_remove_all (self->period_results);
  {
    /* A read-only workspace shows the override but takes no new one. */
    gboolean editable = context == NULL
                        || !strata_workspace_get_read_only (strata_context_get_workspace (context));

    gtk_widget_set_sensitive (GTK_WIDGET (self->override_tier), editable);
    gtk_widget_set_sensitive (GTK_WIDGET (self->override_reason), editable);
    gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->override_set)), editable);
  }
  strata_customer_detail_show_row (self, -1);
}
