/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Review page's four lists of movers (upgrades, downgrades, new, lost),
 * up to MAX_ROWS rows each. A row with its three-line reasons costs several
 * milliseconds to build and measure, so 400 of them froze the window for
 * seconds on the first visit (bench-window): the first rows, those on
 * screen, come at once and the rest a slice at a time from an idle below
 * the redraw's priority, so a frame is painted between slices. */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-format.h"
#include "strata-review-page-private.h"

/* Rows shown per list; the rest is counted in a last row (the CLI and the
 * CSV export have all of them). */
#define MAX_ROWS 100
/* Rows built at once: a list's part of the page on a large screen. */
#define FIRST_ROWS 8
/* Main-thread time of one slice of rows. */
#define SLICE_US 8000

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
append_row (StrataReviewPage *self,
            GtkListBox       *list,
            StrataMovement   *movement,
            const StrataMover *m)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *reasons = strata_mover_describe_reasons (m, "; ");
  g_autofree char *change = tier_change (movement, m);
  g_autofree char *title = g_markup_escape_text (m->name, -1);
  g_autofree char *subtitle = g_markup_escape_text (reasons, -1);
  GtkWidget *suffix = gtk_label_new (change);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  if (m->customer_id != 0)
    {
      g_object_set_data_full (G_OBJECT (row), "customer-id",
                              g_memdup2 (&m->customer_id, sizeof (gint64)), g_free);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Show this customer's arrow on the quadrant chart"));
      g_signal_connect_swapped (row, "activated", G_CALLBACK (strata_review_page_mover_activated), self);
    }
  gtk_widget_add_css_class (suffix, "numeric");
  gtk_widget_add_css_class (suffix, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  gtk_list_box_append (list, row);
}

static void
append_more (GtkListBox *list,
             guint       n_movers)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *rest = strata_format_integer (NULL, n_movers - MAX_ROWS);
  g_autofree char *more = g_strdup_printf (g_dngettext (NULL, "and %s more customer",
                                                        "and %s more customers",
                                                        n_movers - MAX_ROWS), rest);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
  gtk_list_box_append (list, row);
}

/* Kept on the list's box, which each idle holds: the box goes (another
 * deck, the page closing) once no idle runs. */
typedef struct
{
  StrataReviewPage *self;    /* valid while the box is on the page */
  GtkListBox       *list;
  StrataReviewDeck *deck;    /* holds the movers */
  StrataMoveKind    kind;
  guint             next;
  guint             idle;
} Slices;

static void
slices_free (gpointer data)
{
  Slices *s = data;

  strata_review_release_deck (s->deck);
  g_free (s);
}

static gboolean
add_slice (gpointer data)
{
  GtkWidget *box = data;
  Slices *s = g_object_get_data (G_OBJECT (box), "slices");
  StrataMovement *movement = strata_review_deck_get_movement (s->deck);
  GPtrArray *movers = strata_movement_get_movers (movement, s->kind);
  guint end = MIN (movers->len, MAX_ROWS);
  gint64 until = g_get_monotonic_time () + SLICE_US;

  /* Hidden: rows added now would all be measured at once when shown
   * again; the map handler goes on then. Gone: another deck replaced it. */
  if (!gtk_widget_get_mapped (box))
    {
      s->idle = 0;
      return G_SOURCE_REMOVE;
    }
  /* At least a row per slice, then a few at a time while the slice lasts. */
  do
    if (s->next < end)
      append_row (s->self, s->list, movement, movers->pdata[s->next++]);
  while (s->next < end && (s->next % 4 != 0 || g_get_monotonic_time () < until));
  if (s->next < end)
    return G_SOURCE_CONTINUE;
  if (movers->len > MAX_ROWS && s->next == MAX_ROWS)
    append_more (s->list, movers->len);
  s->next = G_MAXUINT;
  s->idle = 0;
  return G_SOURCE_REMOVE;
}

static void
resume_slices (GtkWidget *box)
{
  Slices *s = g_object_get_data (G_OBJECT (box), "slices");

  if (s->idle == 0 && s->next != G_MAXUINT && gtk_widget_get_parent (box) != NULL)
    s->idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, add_slice, g_object_ref (box), g_object_unref);
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
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *n = strata_format_integer (NULL, movers->len);
  g_autofree char *heading = g_strdup_printf ("%s (%s)", _(titles[kind]), n);
  GtkWidget *label = gtk_label_new (heading);
  Slices *s;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), list);

  if (movers->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      return box;
    }
  s = g_new0 (Slices, 1);
  s->self = self;
  s->list = GTK_LIST_BOX (list);
  s->deck = g_object_ref (self->deck);
  s->kind = kind;
  g_object_set_data_full (G_OBJECT (box), "slices", s, slices_free);
  for (; s->next < MIN (movers->len, FIRST_ROWS); s->next++)
    append_row (self, s->list, movement, movers->pdata[s->next]);
  if (s->next == movers->len)
    s->next = G_MAXUINT;
  /* The rest once the box is on screen (now, when it is already). */
  g_signal_connect (box, "map", G_CALLBACK (resume_slices), NULL);
  if (gtk_widget_get_mapped (box))
    resume_slices (box);
  return box;
}
