/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page's movers (upgrades, downgrades, new, lost), every mover
 * of each: a switcher of the four movements, a count each, and ONE list
 * that shows the movement chosen. The list is a list view that makes and
 * binds only the rows about the ones on screen: a one-column GtkGridView,
 * as GTK 4.8's GtkListView keeps 200 rows around the visible ones, a grid
 * view about 30. Its model (StrataMoverModel, strata-mover-model.c)
 * makes an item when asked for one (hundreds of thousands of movers at a
 * million customers), a row's reasons are formatted when it is bound (the
 * movement keeps them as facts), and the row is a StrataMoverRow, which
 * costs no text layout until it is drawn.
 *
 * The list sits at the foot of the page's scrolled window and is as high
 * as the page's view, so scrolled to the end the page shows the switcher
 * and a screenful of movers. It scrolls only then: a scroll over it while
 * the page is not at its end scrolls the page (and back up at the list's
 * top), so a pointer that lands on the list never stops the page. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "strata-format.h"
#include "strata-mover-model.h"
#include "strata-mover-row.h"
#include "strata-review-page-private.h"

/* A row's height in the default font (a title and three lines of reasons;
 * one line for new and lost customers): how high the list need be when
 * its movers are fewer than a screenful. */
#define ROW_HEIGHT 88
#define ROW_HEIGHT_SHORT 58
/* The list is never lower than this, even in a low window. */
#define MIN_LIST_HEIGHT 240
/* The content box's bottom margin and the gap left above the card. */
#define PAGE_MARGIN_BOTTOM 18
#define CARD_GAP 6

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

static gboolean
is_short (StrataMoveKind kind)
{
  return kind == STRATA_MOVE_NEW || kind == STRATA_MOVE_LOST;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           StrataReviewPage         *self)
{
  gtk_list_item_set_child (item, strata_mover_row_new ());
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

  /* New and lost customers' reasons are one short sentence. */
  strata_mover_row_set_subtitle_lines (STRATA_MOVER_ROW (row), is_short (self->movers_kind) ? 1 : 3);
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

GListModel *
strata_review_page_mover_model (StrataReviewPage *self,
                                StrataMoveKind    kind)
{
  g_return_val_if_fail (self->deck != NULL, NULL);
  return strata_mover_model_new (self->deck, kind);
}

static guint
n_movers (StrataReviewPage *self,
          StrataMoveKind    kind)
{
  return self->deck != NULL
         ? strata_movement_get_movers (strata_review_deck_get_movement (self->deck), kind)->len : 0;
}

/* The list's height: the page's view less the switcher, so that scrolled
 * to its end the page shows the card whole; less when no movement has a
 * screenful, so that a short list leaves no empty box. The same for every
 * movement: switching never moves the switcher under the pointer. */
static gboolean
size_list (gpointer data)
{
  StrataReviewPage *self = data;
  GtkAdjustment *page = gtk_scrolled_window_get_vadjustment (self->page_scrolled);
  int header = 0, view, need = 0, height;

  self->height_id = 0;
  gtk_widget_measure (GTK_WIDGET (self->movers_switcher), GTK_ORIENTATION_VERTICAL, -1, NULL, &header,
                      NULL, NULL);
  /* The switcher's height with its margins, the separator, the card's border. */
  header += 1 + 2;
  view = (int) gtk_adjustment_get_page_size (page) - PAGE_MARGIN_BOTTOM - CARD_GAP - header;
  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    need = MAX (need, (int) MIN (n_movers (self, k), 10000) * (is_short (k) ? ROW_HEIGHT_SHORT : ROW_HEIGHT));
  height = MAX (MIN (need, view), MIN_LIST_HEIGHT);
  if (gtk_scrolled_window_get_min_content_height (self->movers_scrolled) != height)
    gtk_scrolled_window_set_min_content_height (self->movers_scrolled, height);
  return G_SOURCE_REMOVE;
}

/* The page's view changes size during its allocation: size the list after. */
static void
queue_size_list (StrataReviewPage *self)
{
  if (self->height_id == 0)
    self->height_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, size_list, self, NULL);
}

/* A scroll over the list, seen before the list's own scrolled window: the
 * list takes it only while the page is scrolled to its end (the list then
 * fills the view), or going up while it is not at its top; else the page
 * scrolls, by what its own scrolled window would have. */
static gboolean
list_scroll (GtkEventControllerScroll *controller,
             double                    dx,
             double                    dy,
             StrataReviewPage         *self)
{
  GtkAdjustment *page = gtk_scrolled_window_get_vadjustment (self->page_scrolled);
  GtkAdjustment *list = gtk_scrolled_window_get_vadjustment (self->movers_scrolled);
  double value = gtk_adjustment_get_value (page);
  double end = gtk_adjustment_get_upper (page) - gtk_adjustment_get_page_size (page);
  double step;

  if (dy == 0)
    return GDK_EVENT_PROPAGATE;
  if (value >= end - 1 &&
      (dy > 0 || gtk_adjustment_get_value (list) > gtk_adjustment_get_lower (list)))
    return GDK_EVENT_PROPAGATE;
  /* GtkScrolledWindow's step for a wheel's notch; smooth scrolling is in pixels. */
  step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
         ? pow (gtk_adjustment_get_page_size (page), 2.0 / 3.0) : 1.0;
  gtk_adjustment_set_value (page, CLAMP (value + dy * step, gtk_adjustment_get_lower (page), MAX (end, 0)));
  return GDK_EVENT_STOP;
}

static const char *const titles[] = { N_("Upgrades"), N_("Downgrades"), N_("New Customers"),
                                      N_("Lost Customers") };

/* What the list area says when the movement has no mover. */
static void
show_empty (StrataReviewPage *self,
            StrataMoveKind    kind)
{
  static const char *const icons[] = { "go-up-symbolic", "go-down-symbolic", "contact-new-symbolic",
                                       "system-users-symbolic" };
  StrataMovement *movement = strata_review_deck_get_movement (self->deck);
  const char *from = strata_movement_get_from_name (movement);
  const char *to = strata_movement_get_to_name (movement);
  const char *title = NULL;
  g_autofree char *description = NULL;

  switch (kind)
    {
    case STRATA_MOVE_UP:
      title = _("No Upgrades");
      /* Translators: the periods compared, e.g. "between 2026-Q2 and 2026-Q3" */
      description = g_strdup_printf (_("No customer moved up a tier between %s and %s."), from, to);
      break;
    case STRATA_MOVE_DOWN:
      title = _("No Downgrades");
      description = g_strdup_printf (_("No customer moved down a tier between %s and %s."), from, to);
      break;
    case STRATA_MOVE_NEW:
      title = _("No New Customers");
      description = g_strdup_printf (_("No customer was added between %s and %s."), from, to);
      break;
    default:
      title = _("No Lost Customers");
      description = g_strdup_printf (_("No customer was lost between %s and %s."), from, to);
      break;
    }
  adw_status_page_set_icon_name (self->movers_empty, icons[kind]);
  adw_status_page_set_title (self->movers_empty, title);
  adw_status_page_set_description (self->movers_empty, description);
  gtk_stack_set_visible_child_name (self->movers_stack, "empty");
}

/* The list shows the movers of the kind chosen: a new model on the same
 * view, scrolled to its top. */
static void
set_list_model (StrataReviewPage *self)
{
  StrataMoveKind kind = self->movers_kind;

  if (self->deck == NULL)
    {
      gtk_grid_view_set_model (self->movers_view, NULL);
      return;
    }
  if (n_movers (self, kind) == 0)
    {
      gtk_grid_view_set_model (self->movers_view, NULL);
      show_empty (self, kind);
      return;
    }
  {
    g_autoptr(GtkSelectionModel) model = GTK_SELECTION_MODEL (gtk_no_selection_new (strata_mover_model_new (self->deck, kind)));

    gtk_grid_view_set_model (self->movers_view, model);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->movers_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(titles[kind]), -1);
  gtk_stack_set_visible_child_name (self->movers_stack, "list");
}

void
strata_review_page_show_movers (StrataReviewPage *self,
                                StrataMoveKind    kind)
{
  g_return_if_fail (kind < STRATA_N_MOVE_KINDS);

  if (!gtk_toggle_button_get_active (self->movers_toggles[kind]))
    {
      /* Its toggled handler comes back here. */
      gtk_toggle_button_set_active (self->movers_toggles[kind], TRUE);
      return;
    }
  if (self->movers_kind == kind && self->lists_id == 0 &&
      (gtk_grid_view_get_model (self->movers_view) != NULL || n_movers (self, kind) == 0))
    return;
  self->movers_kind = kind;
  /* A deck whose list is still to come gets it then (lists_idle). */
  if (self->lists_id == 0)
    set_list_model (self);
}

static void
toggle_toggled (GtkToggleButton  *toggle,
                StrataReviewPage *self)
{
  if (gtk_toggle_button_get_active (toggle))
    strata_review_page_show_movers (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "strata-move-kind")));
}

void
strata_review_page_init_movers (StrataReviewPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *scroll;

  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      GtkWidget *toggle = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *count = gtk_label_new (NULL);

      gtk_box_append (GTK_BOX (box), gtk_label_new (_(titles[k])));
      gtk_widget_add_css_class (count, "numeric");
      gtk_widget_add_css_class (count, "dim-label");
      gtk_box_append (GTK_BOX (box), count);
      gtk_button_set_child (GTK_BUTTON (toggle), box);
      if (k > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), self->movers_toggles[0]);
      else
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
      g_object_set_data (G_OBJECT (toggle), "strata-move-kind", GUINT_TO_POINTER (k));
      g_signal_connect (toggle, "toggled", G_CALLBACK (toggle_toggled), self);
      gtk_box_append (self->movers_switcher, toggle);
      self->movers_toggles[k] = GTK_TOGGLE_BUTTON (toggle);
      self->movers_counts[k] = GTK_LABEL (count);
    }
  self->movers_kind = STRATA_MOVE_UP;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  self->movers_view = GTK_GRID_VIEW (gtk_grid_view_new (NULL, factory));
  gtk_grid_view_set_min_columns (self->movers_view, 1);
  gtk_grid_view_set_max_columns (self->movers_view, 1);
  gtk_grid_view_set_single_click_activate (self->movers_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->movers_view), "strata-mover-list");
  g_signal_connect (self->movers_view, "activate", G_CALLBACK (list_activated), self);
  gtk_scrolled_window_set_child (self->movers_scrolled, GTK_WIDGET (self->movers_view));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (scroll, "strata-movers-scroll");
  g_signal_connect (scroll, "scroll", G_CALLBACK (list_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->movers_scrolled), scroll);
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->page_scrolled), "notify::page-size",
                            G_CALLBACK (queue_size_list), self);
}

/* The list's model a main-loop turn after the deck is shown, below the
 * redraw's priority: a list view makes its first 30 or so rows as soon as
 * it gets its model (6-8 ms), and the turn that shows a new comparison
 * should not pay for them too. Paused while the page is hidden (a list
 * filled then would be laid out when shown). */
static gboolean
lists_idle (gpointer data)
{
  StrataReviewPage *self = data;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->lists_id = 0;
      return G_SOURCE_REMOVE;
    }
  self->lists_id = 0;
  set_list_model (self);
  return G_SOURCE_REMOVE;
}

void
strata_review_page_resume_lists (StrataReviewPage *self)
{
  if (self->lists_id == 0 && self->deck != NULL && gtk_grid_view_get_model (self->movers_view) == NULL &&
      n_movers (self, self->movers_kind) > 0)
    self->lists_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, lists_idle, self, NULL);
}

void
strata_review_page_fill_lists (StrataReviewPage *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();

  g_clear_handle_id (&self->lists_id, g_source_remove);
  /* The old deck's list goes now; the new one's comes on a later turn. */
  gtk_grid_view_set_model (self->movers_view, NULL);
  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      guint n = n_movers (self, k);
      g_autofree char *count = strata_format_integer (fmt, n);
      g_autofree char *customers = g_strdup_printf (g_dngettext (NULL, "%s customer", "%s customers", n), count);
      /* Translators: a movement and its customers, read for its switch:
       * "Upgrades, 1,234 customers" */
      g_autofree char *label = g_strdup_printf (_("%s, %s"), _(titles[k]), customers);

      gtk_label_set_label (self->movers_counts[k], count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->movers_toggles[k]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
    }
  queue_size_list (self);
  if (self->deck != NULL && n_movers (self, self->movers_kind) == 0)
    show_empty (self, self->movers_kind);
  else
    {
      gtk_stack_set_visible_child_name (self->movers_stack, "list");
      strata_review_page_resume_lists (self);
    }
}
