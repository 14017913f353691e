/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-format.h"
#include "strata-receipt-view.h"

struct _StrataReceiptView
{
  GtkBox            parent_instance;
  StrataMetricList *metrics;
  GtkGrid          *grid;
  int               row;
};

G_DEFINE_FINAL_TYPE (StrataReceiptView, strata_receipt_view, GTK_TYPE_BOX)

static const char *
metric_name (StrataReceiptView *self,
             const char        *key)
{
  StrataMetric *metric = self->metrics ? strata_metric_list_lookup_key (self->metrics, key) : NULL;

  return metric ? strata_metric_get_localized_label (metric) : key;
}

static char *
signed_points (double points)
{
  g_autofree char *n = strata_format_number (fabs (points));

  return g_strdup_printf ("%s%s", points < 0 ? "−" : "+", n);
}

static void
add_line (StrataReceiptView *self,
          const char        *what,
          const char        *detail,
          const char        *points,
          gboolean           dim,
          gboolean           strong)
{
  GtkWidget *l_what = gtk_label_new (what);
  GtkWidget *l_detail = gtk_label_new (detail);
  GtkWidget *l_points = gtk_label_new (points);

  gtk_label_set_xalign (GTK_LABEL (l_what), 0);
  gtk_label_set_wrap (GTK_LABEL (l_what), TRUE);
  gtk_label_set_xalign (GTK_LABEL (l_detail), 0);
  gtk_label_set_wrap (GTK_LABEL (l_detail), TRUE);
  gtk_widget_set_hexpand (l_detail, TRUE);
  gtk_label_set_xalign (GTK_LABEL (l_points), 1);
  gtk_widget_add_css_class (l_detail, "dim-label");
  gtk_widget_add_css_class (l_points, "numeric");
  if (dim)
    {
      gtk_widget_add_css_class (l_what, "dim-label");
      gtk_widget_add_css_class (l_points, "dim-label");
    }
  if (strong)
    {
      gtk_widget_add_css_class (l_what, "heading");
      gtk_widget_add_css_class (l_points, "heading");
    }
  gtk_grid_attach (self->grid, l_what, 0, self->row, 1, 1);
  gtk_grid_attach (self->grid, l_detail, 1, self->row, 1, 1);
  gtk_grid_attach (self->grid, l_points, 2, self->row, 1, 1);
  self->row++;
}

static void
add_heading (StrataReceiptView *self,
             const char        *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_margin_top (label, self->row > 0 ? 8 : 0);
  gtk_grid_attach (self->grid, label, 0, self->row++, 3, 1);
}

static const char *
tier_text (const StrataRules *rules,
           int                tier,
           char             **out)
{
  const StrataTier *t;

  if (tier < 0 || (guint) tier >= rules->tiers->len)
    return *out = g_strdup ("—");
  t = rules->tiers->pdata[tier];
  return *out = g_strdup_printf ("%s · %s", t->id, strata_tier_get_display_label (t));
}

void
strata_receipt_view_set_receipt (StrataReceiptView   *self,
                                 const StrataReceipt *r)
{
  GtkWidget *child;

  g_return_if_fail (STRATA_IS_RECEIPT_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))))
    gtk_grid_remove (self->grid, child);
  self->row = 0;
  if (r == NULL)
    return;

  add_heading (self, _("Base indicators"));
  for (guint i = 0; i < r->indicators->len; i++)
    {
      const StrataReceiptIndicator *ri = &g_array_index (r->indicators, StrataReceiptIndicator, i);
      g_autofree char *points = strata_format_number (ri->points);
      g_autofree char *detail = strata_receipt_describe_indicator (r, i);

      add_line (self, metric_name (self, ri->indicator->metric), detail, points, FALSE, FALSE);
    }

  add_heading (self, _("Adjustments"));
  for (guint i = 0; i < r->adjustments->len; i++)
    {
      const StrataReceiptAdjustment *ra = &g_array_index (r->adjustments, StrataReceiptAdjustment, i);
      g_autofree char *points = ra->applied ? signed_points (ra->points) : g_strdup ("—");
      g_autofree char *value = strata_receipt_adjustment_value (r, i);
      g_autofree char *rule = strata_adjustment_describe_rule (ra->adjustment);
      g_autofree char *detail = NULL;

      if (!ra->adjustment->enabled)
        detail = g_strdup_printf (_("turned off (%s)"), rule);
      else if (ra->capped)
        /* Translators: the value, the rule; the cap limited the points. */
        detail = g_strdup_printf (_("%s (%s: capped)"), value, rule);
      else
        /* Translators: the value, the rule: "2 (+5 each, at most 15)" */
        detail = g_strdup_printf (_("%s (%s)"), value, rule);

      add_line (self, strata_adjustment_get_display_label (ra->adjustment), detail, points, !ra->applied, FALSE);
    }

  {
    g_autofree char *base = strata_format_number (r->base_points);
    g_autofree char *adj = signed_points (r->adjustment_points);
    g_autofree char *score = strata_format_number (r->score);
    g_autofree char *base_tier = NULL, *tier = NULL, *final_tier = NULL;

    add_heading (self, _("Result"));
    add_line (self, _("Base points"), "", base, FALSE, FALSE);
    add_line (self, _("Adjustments"), "", adj, FALSE, FALSE);
    add_line (self, _("Score"), "", score, FALSE, TRUE);
    add_line (self, _("Base tier"), tier_text (r->rules, r->base_tier, &base_tier), "", FALSE, FALSE);
    add_line (self, _("Tier"), tier_text (r->rules, r->tier, &tier), "", FALSE, TRUE);
    if (r->tier_above >= 0 && r->points_to_next > 0)
      {
        g_autofree char *to_next = strata_format_number (r->points_to_next);
        g_autofree char *text = g_strdup_printf (_("%s points short of tier %s"), to_next,
                                                 ((StrataTier *) r->rules->tiers->pdata[r->tier_above])->id);

        add_line (self, "", text, "", TRUE, FALSE);
      }
    if (r->has_override)
      {
        g_autofree char *text = NULL;
        g_autofree char *date = strata_format_timestamp (NULL, r->override_date);

        tier_text (r->rules, r->override_tier, &final_tier);
        /* Translators: override tier, reason, author, date. */
        text = g_strdup_printf (_("%s — “%s” (%s, %s)"),
                                r->override_tier >= 0 ? final_tier : r->override_tier_id,
                                r->override_reason, r->override_author, date);
        add_line (self, _("Manual override"), text, "", FALSE, TRUE);
      }
  }
}

static void
strata_receipt_view_finalize (GObject *object)
{
  StrataReceiptView *self = STRATA_RECEIPT_VIEW (object);

  g_clear_object (&self->metrics);
  G_OBJECT_CLASS (strata_receipt_view_parent_class)->finalize (object);
}

static void
strata_receipt_view_class_init (StrataReceiptViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = strata_receipt_view_finalize;
  gtk_widget_class_set_css_name (widget_class, "receipt-view");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-receipt-view.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataReceiptView, grid);
}

static void
strata_receipt_view_init (StrataReceiptView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
strata_receipt_view_new (void)
{
  return g_object_new (STRATA_TYPE_RECEIPT_VIEW, NULL);
}

void
strata_receipt_view_set_metrics (StrataReceiptView *self,
                                 StrataMetricList  *metrics)
{
  g_return_if_fail (STRATA_IS_RECEIPT_VIEW (self));
  g_set_object (&self->metrics, metrics);
}
