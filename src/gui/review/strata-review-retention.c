/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page's retention card: the deck's retention (every pair of
 * consecutive periods, per tier and per quadrant; computed with the deck on
 * the page's worker) drawn by the chart the slide and the report use. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-format.h"
#include "strata-review-charts.h"
#include "strata-review-page-private.h"

void
strata_review_page_show_retention (StrataReviewPage *self)
{
  g_autoptr(StrataRetentionChart) chart = NULL;
  g_autofree char *caption = NULL;
  guint n_pairs;

  g_return_if_fail (STRATA_IS_REVIEW_PAGE (self));

  if (self->deck == NULL)
    {
      strata_review_chart_set_chart (self->retention_chart, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->retention_label), FALSE);
      return;
    }
  chart = strata_review_retention_chart (self->deck);
  n_pairs = strata_retention_chart_get_n_pairs (chart);
  if (n_pairs > 0)
    {
      g_autofree char *n = strata_format_integer (strata_number_format_get_default (), n_pairs);

      /* Translators: under the Retention heading of the Review page. */
      caption = g_strdup_printf (g_dngettext (NULL,
                                              "The share of each tier's and quadrant's customers still customers in the next period, over %s pair of periods",
                                              "The share of each tier's and quadrant's customers still customers in the next period, over %s pairs of periods",
                                              n_pairs), n);
    }
  gtk_label_set_label (self->retention_label, caption != NULL ? caption : "");
  gtk_widget_set_visible (GTK_WIDGET (self->retention_label), caption != NULL);
  strata_review_chart_set_chart (self->retention_chart, STRATA_CHART (chart));
}
