/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page's four lists of movers (upgrades, downgrades, new, lost),
 * every mover of each. Each list is a list view in a scrolled box of its
 * own that makes and binds only the rows about the ones on screen: a
 * one-column GtkGridView, as GTK 4.8's GtkListView keeps 200 rows around
 * the visible ones, a grid view about 30. Its model (StrataMoverModel)
 * makes an item when asked for one, a row's reasons are formatted when it
 * is bound (the movement keeps them as facts), and the row is a
 * StrataMoverRow, which costs no text layout until it is drawn. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-format.h"
#include "strata-mover-model.h"
#include "strata-mover-row.h"
#include "strata-review-page-private.h"

/* A list's height: about five rows, then it scrolls. A list view's
 * natural height counts only the rows it has made, so the height is asked
 * for (a row is about this high in the default font). */
#define ROW_HEIGHT 88           /* a title and three lines of reasons */
#define ROW_HEIGHT_SHORT 58     /* a title and one line (new and lost customers) */
#define LIST_ROWS 5

static char *
tier_change (StrataMovement    *movement,
             const StrataMover *mover)
{
  const char *from = mover->from_tier >= 0 ? strata_movement_get_tier (movement, mover->from_tier)->id
                                           : "–";
  const char *to = mover->to_tier >= 0 ? strata_movement_get_tier (movement, mover->to_tier)->id
                                       : "–";
  return g_strdup_printf ("%s → %s", from, to);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           StrataReviewPage         *self)
{
  GtkWidget *row = strata_mover_row_new ();
  StrataMoveKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "strata-move-kind"));

  if (kind == STRATA_MOVE_NEW || kind == STRATA_MOVE_LOST)
    strata_mover_row_set_subtitle_lines (STRATA_MOVER_ROW (row), 1);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          StrataReviewPage         *self)
{
  StrataMoverItem *mi = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  const StrataMover *m = strata_mover_item_get_mover (mi);
  g_autofree char *reasons = strata_mover_describe_reasons (m, "; ");
  g_autofree char *change = tier_change (strata_mover_item_get_movement (mi), m);

  strata_mover_row_set (STRATA_MOVER_ROW (row), m->name ? m->name : "", reasons, change,
                        m->customer_id);
  /* A click or Enter activates the list view (list_activated). */
  gtk_list_item_set_activatable (item, m->customer_id != 0);
}

static void
list_activated (GtkGridView      *view,
                guint             position,
                StrataReviewPage *self)
{
  g_autoptr(StrataMoverItem) mi = g_list_model_get_item (G_LIST_MODEL (gtk_grid_view_get_model (view)),
                                                         position);

  const StrataMover *m = mi != NULL ? strata_mover_item_get_mover (mi) : NULL;

  if (m != NULL && m->customer_id != 0)
    strata_review_page_follow_customer (self, m->customer_id);
}

static GtkWidget *
mover_view (StrataReviewPage *self,
            StrataMoveKind    kind)
{
  GListModel *model = strata_mover_model_new (self->deck, kind);
  guint n = g_list_model_get_n_items (model);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *view, *scrolled;

  g_object_set_data (G_OBJECT (factory), "strata-move-kind", GUINT_TO_POINTER (kind));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  view = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (model)), factory);
  gtk_grid_view_set_min_columns (GTK_GRID_VIEW (view), 1);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (view), 1);
  gtk_grid_view_set_single_click_activate (GTK_GRID_VIEW (view), TRUE);
  gtk_widget_add_css_class (view, "strata-mover-list");
  g_signal_connect (view, "activate", G_CALLBACK (list_activated), self);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              (kind == STRATA_MOVE_NEW || kind == STRATA_MOVE_LOST
                                               ? ROW_HEIGHT_SHORT : ROW_HEIGHT) * MIN (n, LIST_ROWS));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_valign (scrolled, GTK_ALIGN_START);
  return scrolled;
}

static GtkWidget *
strata_review_page_mover_list (StrataReviewPage *self,
                               StrataMoveKind    kind)
{
  static const char *titles[] = { N_("Upgrades"), N_("Downgrades"), N_("New Customers"),
                                   N_("Lost Customers") };
  StrataMovement *movement = strata_review_deck_get_movement (self->deck);
  GPtrArray *movers = strata_movement_get_movers (movement, kind);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *n = strata_format_integer (NULL, movers->len);
  g_autofree char *heading = g_strdup_printf ("%s (%s)", _(titles[kind]), n);
  GtkWidget *label = gtk_label_new (heading);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  if (movers->len == 0)
    {
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *row = adw_action_row_new ();

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_valign (list, GTK_ALIGN_START);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      gtk_box_append (GTK_BOX (box), list);
      return box;
    }
  gtk_box_append (GTK_BOX (box), mover_view (self, kind));
  return box;
}

/* One list a main-loop turn, below the redraw's priority: a list view
 * makes its first 30 or so rows as soon as it gets its model, 6-8 ms a
 * list, and the page's turn that shows a new comparison should not pay for
 * four. Paused while the page is hidden (a list added then would be laid
 * out with the others when shown). */
static gboolean
lists_idle (gpointer data)
{
  StrataReviewPage *self = data;
  guint k;

  if (self->deck == NULL || self->lists_next >= STRATA_N_MOVE_KINDS ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->lists_id = 0;
      return G_SOURCE_REMOVE;
    }
  k = self->lists_next++;
  gtk_grid_attach (self->lists_grid, strata_review_page_mover_list (self, k), k % 2, k / 2, 1, 1);
  if (self->lists_next < STRATA_N_MOVE_KINDS)
    return G_SOURCE_CONTINUE;
  self->lists_id = 0;
  return G_SOURCE_REMOVE;
}

void
strata_review_page_resume_lists (StrataReviewPage *self)
{
  if (self->lists_id == 0 && self->deck != NULL && self->lists_next < STRATA_N_MOVE_KINDS)
    self->lists_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, lists_idle, self, NULL);
}

void
strata_review_page_fill_lists (StrataReviewPage *self)
{
  strata_review_clear_grid (self->lists_grid);
  self->lists_next = 0;
  strata_review_page_resume_lists (self);
}
