/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "strata-format.h"
#include "strata-impact-panel.h"
#include "strata-tier-bars.h"

struct _StrataImpactPanel
{
  GtkBox              parent_instance;

  StrataTierBars     *bars;
  GtkLabel           *summary;
  GtkLabel           *stale;
  GtkFlowBox         *transitions;
  GtkListView        *movers;
  GtkStringList      *mover_lines;
  GtkSingleSelection *mover_selection;
  GtkLabel           *more_movers;
  GtkWidget          *receipt_scroller;
  StrataReceiptView  *receipt;
  GArray             *mover_rows;      /* guint: customer row per listed mover */
  gboolean            updating;
  gboolean            has_problems;    /* the draft has problems */
  gboolean            counting;        /* newer figures are on their way */
};

G_DEFINE_FINAL_TYPE (StrataImpactPanel, strata_impact_panel, GTK_TYPE_BOX)

enum {
  MOVER_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
selection_changed (StrataImpactPanel *self)
{
  int row;

  if (self->updating)
    return;
  row = strata_impact_panel_get_selected_row (self);
  gtk_widget_set_visible (self->receipt_scroller, row >= 0);
  if (row >= 0)
    g_signal_emit (self, signals[MOVER_SELECTED], 0, (guint) row);
}

/* The two parts of a mover's line (see strata-impact-mover.ui). */
static char *
mover_who (GtkListItem *item,
           const char  *line)
{
  const char *split = line ? strchr (line, '\x1f') : NULL;

  return split ? g_strndup (line, split - line) : g_strdup (line);
}

static char *
mover_change (GtkListItem *item,
              const char  *line)
{
  const char *split = line ? strchr (line, '\x1f') : NULL;

  return g_strdup (split ? split + 1 : "");
}

static void
strata_impact_panel_finalize (GObject *object)
{
  StrataImpactPanel *self = STRATA_IMPACT_PANEL (object);

  g_array_unref (self->mover_rows);
  G_OBJECT_CLASS (strata_impact_panel_parent_class)->finalize (object);
}

static void
strata_impact_panel_class_init (StrataImpactPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = strata_impact_panel_finalize;

  /* ::mover-selected (customer row): show that customer's receipt. */
  signals[MOVER_SELECTED] = g_signal_new ("mover-selected", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_set_css_name (widget_class, "impact-panel");

  g_type_ensure (STRATA_TYPE_TIER_BARS);
  g_type_ensure (STRATA_TYPE_RECEIPT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-impact-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataImpactPanel, bars);
  gtk_widget_class_bind_template_child (widget_class, StrataImpactPanel, summary);
  gtk_widget_class_bind_template_child (widget_class, StrataImpactPanel, stale);
  gtk_widget_class_bind_template_child (widget_class, StrataImpactPanel, transitions);
  gtk_widget_class_bind_template_child (widget_class, StrataImpactPanel, movers);
  gtk_widget_class_bind_template_child (widget_class, StrataImpactPanel, mover_lines);
  gtk_widget_class_bind_template_child (widget_class, StrataImpactPanel, mover_selection);
  gtk_widget_class_bind_template_child (widget_class, StrataImpactPanel, more_movers);
  gtk_widget_class_bind_template_child (widget_class, StrataImpactPanel, receipt_scroller);
  gtk_widget_class_bind_template_child (widget_class, StrataImpactPanel, receipt);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed);
}

static void
strata_impact_panel_init (StrataImpactPanel *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->mover_rows = g_array_new (FALSE, FALSE, sizeof (guint));

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "mover_who", G_CALLBACK (mover_who),
                                           "mover_change", G_CALLBACK (mover_change),
                                           NULL);
  factory = gtk_builder_list_item_factory_new_from_resource (scope,
                                                             "/io/github/strata/Strata/strata-impact-mover.ui");
  gtk_list_view_set_factory (self->movers, factory);
}

GtkWidget *
strata_impact_panel_new (void)
{
  return g_object_new (STRATA_TYPE_IMPACT_PANEL, NULL);
}

void
strata_impact_panel_set_view (StrataImpactPanel  *self,
                              StrataWhatifView   *view,
                              const char * const *colours,
                              const StrataPeriodData *customers)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;
  GtkWidget *child;
  guint n_movers, shown;
  int selected_row;

  g_return_if_fail (STRATA_IS_IMPACT_PANEL (self));

  selected_row = strata_impact_panel_get_selected_row (self);
  strata_tier_bars_set_view (self->bars, view, colours);
  summary = view ? strata_whatif_view_format_summary (view) : g_strdup ("");
  gtk_label_set_text (self->summary, summary);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->transitions))))
    gtk_flow_box_remove (self->transitions, child);
  for (guint i = 0; view && i < strata_whatif_view_get_n_transitions (view); i++)
    {
      g_autofree char *text = strata_whatif_view_format_transition (view, i);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* A count is read whole or not at all: never ellipsized or wrapped. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "numeric");
      gtk_flow_box_append (self->transitions, label);
    }

  /* The list keeps the selected customer selected while the rules change. */
  n_movers = view ? strata_whatif_view_get_n_movers (view) : 0;
  shown = MIN (n_movers, STRATA_IMPACT_PANEL_MAX_MOVERS);
  g_array_set_size (self->mover_rows, 0);
  for (guint i = 0; i < shown; i++)
    {
      const StrataWhatifMover *m = strata_whatif_view_get_mover (view, i);
      g_autofree char *before = strata_format_number (m->score_before);
      g_autofree char *after = strata_format_number (m->score_after);

      g_array_append_val (self->mover_rows, m->customer);
      /* Translators: a mover's change: tier before → after, score before → after. */
      g_autofree char *change = g_strdup_printf (_("%s → %s   (%s → %s)"),
                                                 strata_whatif_view_get_tier_id (view, m->from),
                                                 strata_whatif_view_get_tier_id (view, m->to),
                                                 before, after);
      g_ptr_array_add (lines, g_strdup_printf ("%s  %s\x1f%s", customers ? strata_period_data_get_ext_id (customers, m->customer) : "",
                                               customers ? strata_period_data_get_name (customers, m->customer) : "",
                                               change));
    }
  g_ptr_array_add (lines, NULL);
  self->updating = TRUE;
  gtk_string_list_splice (self->mover_lines, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->mover_lines)),
                          (const char * const *) lines->pdata);
  gtk_single_selection_set_selected (self->mover_selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; selected_row >= 0 && i < self->mover_rows->len; i++)
    if (g_array_index (self->mover_rows, guint, i) == (guint) selected_row)
      {
        gtk_single_selection_set_selected (self->mover_selection, i);
        break;
      }
  self->updating = FALSE;
  if (strata_impact_panel_get_selected_row (self) < 0)
    gtk_widget_set_visible (self->receipt_scroller, FALSE);

  if (n_movers > shown)
    {
      g_autofree char *n_more = strata_format_integer (strata_number_format_get_default (),
                                                       n_movers - shown);
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %s more customer",
                                                            "and %s more customers",
                                                            n_movers - shown),
                                               n_more);
      gtk_label_set_text (self->more_movers, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_movers), n_movers > shown);
}

void
strata_impact_panel_set_stale (StrataImpactPanel *self,
                               const char        *message)
{
  g_return_if_fail (STRATA_IS_IMPACT_PANEL (self));

  gtk_label_set_text (self->stale, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->stale), message != NULL);
  self->has_problems = message != NULL;
  gtk_widget_set_opacity (GTK_WIDGET (self->bars), self->has_problems || self->counting ? 0.5 : 1.0);
}

void
strata_impact_panel_set_updating (StrataImpactPanel *self,
                                  gboolean           updating)
{
  g_return_if_fail (STRATA_IS_IMPACT_PANEL (self));

  updating = !!updating;
  if (self->counting == updating)
    return;
  self->counting = updating;
  /* Dimmed, not hidden: nothing moves while a spin button is held. */
  gtk_widget_set_opacity (GTK_WIDGET (self->bars), self->has_problems || updating ? 0.5 : 1.0);
  gtk_widget_set_opacity (GTK_WIDGET (self->summary), updating ? 0.5 : 1.0);
  gtk_widget_set_opacity (GTK_WIDGET (self->transitions), updating ? 0.5 : 1.0);
  gtk_widget_set_opacity (GTK_WIDGET (self->movers), updating ? 0.5 : 1.0);
}

gboolean
strata_impact_panel_get_updating (StrataImpactPanel *self)
{
  g_return_val_if_fail (STRATA_IS_IMPACT_PANEL (self), FALSE);
  return self->counting;
}

StrataReceiptView *
strata_impact_panel_get_receipt_view (StrataImpactPanel *self)
{
  g_return_val_if_fail (STRATA_IS_IMPACT_PANEL (self), NULL);
  return self->receipt;
}

int
strata_impact_panel_get_selected_row (StrataImpactPanel *self)
{
  guint selected;

  g_return_val_if_fail (STRATA_IS_IMPACT_PANEL (self), -1);
  selected = gtk_single_selection_get_selected (self->mover_selection);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->mover_rows->len)
    return -1;
  return g_array_index (self->mover_rows, guint, selected);
}

const char *
strata_impact_panel_get_summary (StrataImpactPanel *self)
{
  g_return_val_if_fail (STRATA_IS_IMPACT_PANEL (self), NULL);
  return gtk_label_get_text (self->summary);
}

char **
strata_impact_panel_get_transitions (StrataImpactPanel *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (STRATA_IS_IMPACT_PANEL (self), NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->transitions));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    g_strv_builder_add (builder, gtk_label_get_text (GTK_LABEL (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)))));
  return g_strv_builder_end (builder);
}
