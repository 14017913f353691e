/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "strata-impact-panel.h"
#include "strata-tier-bars.h"

struct _StrataImpactPanel
{
  GtkBox              parent_instance;

  StrataTierBars     *bars;
  GtkLabel           *summary;
  GtkLabel           *stale;
  GtkFlowBox         *transitions;
  GtkStringList      *mover_lines;
  GtkSingleSelection *mover_selection;
  GtkLabel           *more_movers;
  GtkWidget          *receipt_scroller;
  StrataReceiptView  *receipt;
  GArray             *mover_rows;      /* guint: customer row per listed mover */
  gboolean            updating;
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

/* A mover's row: "C000002  Name" gives way (ellipsized) to the tiers and
 * scores at its end. The line holds both parts, split by '\x1f'. */
static void
mover_setup (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *who = gtk_label_new (NULL);
  GtkWidget *change = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (who), 0);
  gtk_label_set_ellipsize (GTK_LABEL (who), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (who, TRUE);
  gtk_widget_add_css_class (change, "numeric");
  gtk_box_append (GTK_BOX (box), who);
  gtk_box_append (GTK_BOX (box), change);
  gtk_list_item_set_child (item, box);
}

static void
mover_bind (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  const char *line = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *who = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  const char *split = strchr (line, '\x1f');
  g_autofree char *first = split ? g_strndup (line, split - line) : g_strdup (line);

  gtk_label_set_text (GTK_LABEL (who), first);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (who)), split ? split + 1 : "");
}

static GtkWidget *
section_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
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
  G_OBJECT_CLASS (klass)->finalize = strata_impact_panel_finalize;

  /* ::mover-selected (customer row): show that customer's receipt. */
  signals[MOVER_SELECTED] = g_signal_new ("mover-selected", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "impact-panel");
}

static void
strata_impact_panel_init (StrataImpactPanel *self)
{
  GtkListItemFactory *factory;
  GtkWidget *list;
  GtkWidget *scroller;

  self->mover_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 8);

  gtk_box_append (GTK_BOX (self), section_heading (_("Impact of the draft")));
  {
    GtkWidget *legend = gtk_label_new (_("Grey: published rules · colour: draft"));

    gtk_label_set_xalign (GTK_LABEL (legend), 0);
    gtk_widget_add_css_class (legend, "caption");
    gtk_widget_add_css_class (legend, "dim-label");
    gtk_box_append (GTK_BOX (self), legend);
  }

  self->stale = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->stale, TRUE);
  gtk_label_set_xalign (self->stale, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->stale), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->stale), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->stale));

  self->bars = STRATA_TIER_BARS (strata_tier_bars_new ());
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->bars));

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->summary), "impact-summary");
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "title-4");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->summary));

  self->transitions = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->transitions), "impact-transitions");
  gtk_flow_box_set_selection_mode (self->transitions, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->transitions, 4);
  gtk_flow_box_set_homogeneous (self->transitions, TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->transitions));

  gtk_box_append (GTK_BOX (self), section_heading (_("Customers who change tier")));
  self->mover_lines = gtk_string_list_new (NULL);
  self->mover_selection = gtk_single_selection_new (G_LIST_MODEL (self->mover_lines));
  gtk_single_selection_set_autoselect (self->mover_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->mover_selection, TRUE);
  g_signal_connect_swapped (self->mover_selection, "notify::selected",
                            G_CALLBACK (selection_changed), self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (mover_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (mover_bind), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (self->mover_selection), factory);
  gtk_widget_set_name (list, "impact-movers");
  gtk_widget_add_css_class (list, "navigation-sidebar");
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_size_request (scroller, -1, 120);
  gtk_widget_add_css_class (scroller, "card");
  gtk_box_append (GTK_BOX (self), scroller);

  self->more_movers = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->more_movers, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->more_movers), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->more_movers), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->more_movers));

  self->receipt = STRATA_RECEIPT_VIEW (strata_receipt_view_new ());
  self->receipt_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->receipt_scroller),
                                 GTK_WIDGET (self->receipt));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->receipt_scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->receipt_scroller, TRUE);
  gtk_widget_set_visible (self->receipt_scroller, FALSE);
  gtk_box_append (GTK_BOX (self), self->receipt_scroller);
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
                              const char * const *ext_ids,
                              const char * const *names)
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
      g_ptr_array_add (lines, g_strdup_printf ("%s  %s\x1f%s", ext_ids ? ext_ids[m->customer] : "",
                                               names ? names[m->customer] : "", change));
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
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more customer",
                                                            "and %u more customers",
                                                            n_movers - shown),
                                               n_movers - shown);
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
  gtk_widget_set_opacity (GTK_WIDGET (self->bars), message ? 0.5 : 1.0);
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
