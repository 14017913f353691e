/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page's four lists of movers (upgrades, downgrades, new, lost),
 * up to MAX_ROWS rows each. A row with its three-line reasons costs several
 * milliseconds to format, build and measure, so each list is a list view
 * in a scrolled box of its own that makes and binds only the rows about the
 * ones on screen, and a row's reasons are formatted when it is bound (the
 * movement keeps them as facts). It is a one-column GtkGridView: GTK 4.8's
 * GtkListView keeps 200 rows around the visible ones (all of a list's 101),
 * a grid view 30 rows. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-format.h"
#include "strata-review-page-private.h"

/* Rows listed per list; the rest is counted in a last row (the CLI and the
 * CSV export have all of them). */
#define MAX_ROWS 100
/* A list's height: its rows, up to about five with their three-line
 * reasons, then it scrolls. A list view's natural height counts only the
 * rows it has made, so the height is asked for. */
#define ROW_HEIGHT 84
#define LIST_ROWS 5

/* One row of a list: a mover, or (mover NULL) the count of the rest. */
#define STRATA_TYPE_MOVER_ITEM (strata_mover_item_get_type ())
G_DECLARE_FINAL_TYPE (StrataMoverItem, strata_mover_item, STRATA, MOVER_ITEM, GObject)

struct _StrataMoverItem
{
  GObject            parent_instance;
  StrataMovement    *movement;   /* the list's deck holds both */
  const StrataMover *mover;
  guint              n_movers;   /* for the last row: all of the kind */
};

G_DEFINE_FINAL_TYPE (StrataMoverItem, strata_mover_item, G_TYPE_OBJECT)

static void
strata_mover_item_class_init (StrataMoverItemClass *klass)
{
}

static void
strata_mover_item_init (StrataMoverItem *self)
{
}

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
row_activated (AdwActionRow     *row,
               StrataReviewPage *self)
{
  strata_review_page_mover_activated (self, row);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           StrataReviewPage         *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *suffix = gtk_label_new (NULL);

  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_add_css_class (suffix, "numeric");
  gtk_widget_add_css_class (suffix, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  g_object_set_data (G_OBJECT (row), "suffix", suffix);
  /* Tests and assistive technology activate the row itself; a click or
   * Enter activates the list view (list_activated). */
  g_signal_connect (row, "activated", G_CALLBACK (row_activated), self);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          StrataReviewPage         *self)
{
  StrataMoverItem *mi = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkLabel *suffix = g_object_get_data (G_OBJECT (row), "suffix");
  const StrataMover *m = mi->mover;

  if (m == NULL)
    {
      g_autofree char *rest = strata_format_integer (NULL, mi->n_movers - MAX_ROWS);
      g_autofree char *more = g_strdup_printf (g_dngettext (NULL, "and %s more customer",
                                                            "and %s more customers",
                                                            mi->n_movers - MAX_ROWS), rest);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "");
      gtk_label_set_label (suffix, "");
      gtk_list_item_set_activatable (item, FALSE);
      return;
    }
  else
    {
      g_autofree char *reasons = strata_mover_describe_reasons (m, "; ");
      g_autofree char *change = tier_change (mi->movement, m);
      g_autofree char *title = g_markup_escape_text (m->name ? m->name : "", -1);
      g_autofree char *subtitle = g_markup_escape_text (reasons, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_label_set_label (suffix, change);
      gtk_list_item_set_activatable (item, m->customer_id != 0);
      if (m->customer_id != 0)
        {
          g_object_set_data_full (G_OBJECT (row), "customer-id",
                                  g_memdup2 (&m->customer_id, sizeof (gint64)), g_free);
          gtk_widget_set_tooltip_text (row, _("Show this customer's arrow on the quadrant chart"));
        }
    }
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            StrataReviewPage         *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (row), "customer-id", NULL);
  gtk_widget_set_tooltip_text (row, NULL);
}

static void
list_activated (GtkGridView      *view,
                guint             position,
                StrataReviewPage *self)
{
  g_autoptr(StrataMoverItem) mi = g_list_model_get_item (G_LIST_MODEL (gtk_grid_view_get_model (view)),
                                                         position);

  if (mi != NULL && mi->mover != NULL && mi->mover->customer_id != 0)
    strata_review_page_follow_customer (self, mi->mover->customer_id);
}

static GtkWidget *
mover_view (StrataReviewPage *self,
            StrataMoveKind    kind)
{
  StrataMovement *movement = strata_review_deck_get_movement (self->deck);
  GPtrArray *movers = strata_movement_get_movers (movement, kind);
  GListStore *store = g_list_store_new (STRATA_TYPE_MOVER_ITEM);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *view, *scrolled;

  for (guint i = 0; i < MIN (movers->len, MAX_ROWS) + (movers->len > MAX_ROWS); i++)
    {
      g_autoptr(StrataMoverItem) item = g_object_new (STRATA_TYPE_MOVER_ITEM, NULL);

      item->movement = movement;
      item->mover = i < MAX_ROWS ? movers->pdata[i] : NULL;
      item->n_movers = movers->len;
      g_list_store_append (store, item);
    }
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  view = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (store))),
                            factory);
  gtk_grid_view_set_min_columns (GTK_GRID_VIEW (view), 1);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (view), 1);
  gtk_grid_view_set_single_click_activate (GTK_GRID_VIEW (view), TRUE);
  gtk_widget_add_css_class (view, "strata-mover-list");
  g_signal_connect (view, "activate", G_CALLBACK (list_activated), self);
  /* The items point into the deck's movement. */
  g_object_set_data_full (G_OBJECT (view), "deck", g_object_ref (self->deck),
                          (GDestroyNotify) strata_review_release_deck);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              ROW_HEIGHT * MIN (g_list_model_get_n_items (G_LIST_MODEL (store)),
                                                                LIST_ROWS));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_valign (scrolled, GTK_ALIGN_START);
  return scrolled;
}

GtkWidget *
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
