/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The slides are ordinary widgets in a GtkStack: text is GtkLabel (so it
 * wraps, translates and reads out), charts are StrataReviewChart in the
 * projector style. Sizes come from strata-review.css. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "strata-format.h"
#include "strata-presentation.h"
#include "strata-review-arrows.h"
#include "strata-product-mix-chart.h"
#include "strata-review-chart.h"
#include "strata-review-charts.h"
#include "strata-slide.h"
#include "strata-slide-mover.h"
#include "strata-slide-receipt.h"

/* Lines a list slide holds at 1024x768 with 32 px text. */
#define MAX_LINES 7
#define MAX_MOVERS 4

struct _StrataPresentation
{
  GtkWindow         parent_instance;

  StrataReviewDeck *deck;
  StrataQuadrantChart *quadrant_chart;  /* the movers' arrows, from the page's worker */
  GtkStack         *stack;
  GtkLabel         *counter;
  GtkLabel         *footer;
  GArray           *kinds;      /* StrataSlideKind of each slide shown */
  guint             position;
  guint             compact_id; /* the idle that restyles for the window's size */
};

G_DEFINE_FINAL_TYPE (StrataPresentation, strata_presentation, GTK_TYPE_WINDOW)

static GtkWidget *
label (const char *text,
       const char *css_class)
{
  GtkWidget *widget = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (widget), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
  return widget;
}

static GtkWidget *
chart_widget (StrataChart *chart)
{
  GtkWidget *widget = strata_review_chart_new ();

  strata_review_chart_set_projector (STRATA_REVIEW_CHART (widget), TRUE);
  strata_review_chart_set_chart (STRATA_REVIEW_CHART (widget), chart);
  gtk_widget_set_vexpand (widget, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  return widget;
}

static const char *
to_name (StrataPresentation *self)
{
  return strata_movement_get_to_name (strata_review_deck_get_movement (self->deck));
}

static const char *
from_name (StrataPresentation *self)
{
  return strata_movement_get_from_name (strata_review_deck_get_movement (self->deck));
}

/* Slides ------------------------------------------------------------------- */

static GtkWidget *
stat (const char *number,
      const char *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), label (number, "slide-number"));
  gtk_box_append (GTK_BOX (box), label (caption, "slide-text"));
  return box;
}

static GtkWidget *
title_slide (StrataPresentation *self)
{
  GtkWidget *box = strata_slide_new (NULL);
  GtkWidget *stats = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 96);
  StrataMovement *movement = strata_review_deck_get_movement (self->deck);
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  g_autofree char *subtitle = NULL;
  g_autofree char *customers = strata_format_integer (fmt, strata_movement_get_n_to (movement));
  g_autofree char *revenue = strata_format_compact (fmt, strata_review_deck_get_revenue (self->deck));
  g_autofree char *compared = NULL;

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), label (strata_review_deck_get_company (self->deck), "slide-hero"));
  /* Translators: the title slide, e.g. "Quarterly tier review 2026-Q3" */
  subtitle = g_strdup_printf (_("Tier review %s"), to_name (self));
  gtk_box_append (GTK_BOX (box), label (subtitle, "slide-subtitle"));
  gtk_box_append (GTK_BOX (stats), stat (customers, g_dngettext (NULL, "customer", "customers",
                                                                   strata_movement_get_n_to (movement))));
  gtk_box_append (GTK_BOX (stats), stat (revenue, _("annual order amount")));
  gtk_widget_set_margin_top (stats, 48);
  gtk_box_append (GTK_BOX (box), stats);
  /* Translators: the title slide: "Compared with 2026-Q2" */
  compared = g_strdup_printf (_("Compared with %s"), from_name (self));
  gtk_box_append (GTK_BOX (box), label (compared, "slide-small"));
  return box;
}

static GtkWidget *
pyramid_slide (StrataPresentation *self)
{
  g_autofree char *title = g_strdup_printf ("%s · %s", _("Tier pyramid"), to_name (self));
  GtkWidget *box = strata_slide_new (title);
  /* One pyramid, wide enough for its labels from the back of the room. */
  g_autoptr(StrataPyramidChart) chart = strata_review_pyramid_chart (self->deck, FALSE);

  gtk_box_append (GTK_BOX (box), chart_widget (STRATA_CHART (chart)));
  return box;
}

static GtkWidget *
movement_slide (StrataPresentation *self)
{
  g_autofree char *title = g_strdup_printf ("%s · %s → %s", _("Tier movement"), from_name (self),
                                            to_name (self));
  GtkWidget *box = strata_slide_new (title);
  g_autoptr(StrataMovementChart) chart = strata_review_movement_chart (strata_review_deck_get_movement (self->deck));
  g_autofree char *split = strata_review_deck_describe_split (self->deck);

  gtk_box_append (GTK_BOX (box), chart_widget (STRATA_CHART (chart)));
  if (split != NULL)
    gtk_box_append (GTK_BOX (box), label (split, "slide-text"));
  return box;
}

static void
customer_clicked (StrataSlideMover   *button,
                  StrataPresentation *self)
{
  strata_presentation_show_receipt (self, strata_slide_mover_get_customer_id (button));
}

static GtkWidget *
movers_column (StrataPresentation *self,
               StrataMoveKind      kind)
{
  StrataMovement *movement = strata_review_deck_get_movement (self->deck);
  GPtrArray *movers = strata_movement_get_movers (movement, kind);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *n = strata_format_integer (NULL, movers->len);
  g_autofree char *heading = g_strdup_printf ("%s (%s)", kind == STRATA_MOVE_UP ? _("Upgrades")
                                                                                 : _("Downgrades"),
                                              n);
  GtkWidget *head = label (heading, "slide-subtitle");

  gtk_widget_add_css_class (head, kind == STRATA_MOVE_UP ? "slide-up" : "slide-down");
  gtk_widget_set_hexpand (column, TRUE);
  gtk_box_append (GTK_BOX (column), head);
  if (movers->len == 0)
    gtk_box_append (GTK_BOX (column), label (_("None"), "slide-text"));
  for (guint i = 0; i < MIN (movers->len, MAX_MOVERS); i++)
    {
      const StrataMover *m = movers->pdata[i];
      g_autofree char *reason = m->n_reasons > 0 ? strata_mover_format_reason (m, 0) : NULL;
      g_autofree char *change = g_strdup_printf ("%s → %s",
                                                 strata_movement_get_tier (movement, m->from_tier)->id,
                                                 strata_movement_get_tier (movement, m->to_tier)->id);
      GtkWidget *button = strata_slide_mover_new (m->customer_id, change, m->name,
                                                  reason ? reason : "",
                                                  kind == STRATA_MOVE_UP);

      g_signal_connect (button, "clicked", G_CALLBACK (customer_clicked), self);
      gtk_box_append (GTK_BOX (column), button);
    }
  return column;
}

static GtkWidget *
movers_slide (StrataPresentation *self)
{
  GtkWidget *box = strata_slide_new (_("Top upgrades and downgrades"));
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 48);

  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_box_append (GTK_BOX (columns), movers_column (self, STRATA_MOVE_UP));
  gtk_box_append (GTK_BOX (columns), movers_column (self, STRATA_MOVE_DOWN));
  gtk_box_append (GTK_BOX (box), columns);
  return box;
}

typedef struct
{
  guint from, to, count;
} Flow;

static int
compare_flows (gconstpointer a,
               gconstpointer b)
{
  const Flow *fa = a, *fb = b;

  if (fa->count != fb->count)
    return fa->count < fb->count ? 1 : -1;
  return (int) (fa->from * 8 + fa->to) - (int) (fb->from * 8 + fb->to);
}

static GtkWidget *
quadrant_slide (StrataPresentation *self)
{
  static const char *names[] = { "–", "A", "B", "C", "D" };
  StrataMovement *movement = strata_review_deck_get_movement (self->deck);
  g_autofree char *title = g_strdup_printf ("%s · %s", _("Quadrant"), to_name (self));
  GtkWidget *box = strata_slide_new (title);
  g_autoptr(StrataQuadrantChart) chart = NULL;
  g_autoptr(GArray) flows = g_array_new (FALSE, FALSE, sizeof (Flow));
  g_autoptr(GString) moves = g_string_new (NULL);

  /* A point per customer: at a million, built with the deck on the
   * page's worker rather than here, on the main thread. */
  if (self->quadrant_chart != NULL)
    chart = g_object_ref (self->quadrant_chart);
  else
    chart = strata_review_arrows_chart (self->deck, STRATA_REVIEW_ARROWS_MOVERS, 0, NULL, NULL);
  /* Boxed captions would cover the arrows: the names go in the corners. */
  strata_quadrant_chart_set_show_captions (chart, FALSE);
  strata_quadrant_chart_set_corner_names (chart, TRUE);
  gtk_box_append (GTK_BOX (box), chart_widget (STRATA_CHART (chart)));
  /* The largest flows between quadrants, under the chart with its arrows. */
  for (guint f = STRATA_QUADRANT_A; f <= STRATA_QUADRANT_D; f++)
    for (guint t = STRATA_QUADRANT_A; t <= STRATA_QUADRANT_D; t++)
      {
        Flow flow = { f, t, strata_movement_get_quadrant_count (movement, f, t) };
        if (f != t && flow.count > 0)
          g_array_append_val (flows, flow);
      }
  g_array_sort (flows, compare_flows);
  for (guint i = 0; i < MIN (flows->len, 4); i++)
    {
      const Flow *flow = &g_array_index (flows, Flow, i);
      g_string_append_printf (moves, "%s%s → %s: %u", i ? "    " : "", names[flow->from],
                              names[flow->to], flow->count);
    }
  if (flows->len == 0)
    g_string_append (moves, _("No customer changed quadrant."));
  gtk_box_append (GTK_BOX (box), label (moves->str, "slide-text"));
  return box;
}

static void
add_lines (GtkWidget  *box,
           GPtrArray  *lines)
{
  for (guint i = 0; i < MIN (lines->len, MAX_LINES); i++)
    {
      g_autofree char *bullet = g_strdup_printf ("• %s", (const char *) lines->pdata[i]);
      gtk_box_append (GTK_BOX (box), label (bullet, "slide-text"));
    }
  if (lines->len > MAX_LINES)
    {
      guint more = lines->len - MAX_LINES;
      g_autofree char *n = strata_format_integer (NULL, more);
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "and %s more change",
                                                            "and %s more changes", more), n);
      gtk_box_append (GTK_BOX (box), label (text, "slide-small"));
    }
}

static GtkWidget *
retention_slide (StrataPresentation *self)
{
  GtkWidget *box = strata_slide_new (_("Retention"));
  g_autoptr(StrataRetentionChart) chart = strata_review_retention_chart (self->deck);

  gtk_box_append (GTK_BOX (box), chart_widget (STRATA_CHART (chart)));
  return box;
}

static GtkWidget *
entitlements_slide (StrataPresentation *self)
{
  GtkWidget *box = strata_slide_new (_("Entitlement changes"));
  GPtrArray *changes = strata_review_deck_get_entitlement_changes (self->deck);
  const char *since = strata_review_deck_get_since (self->deck);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;

  if (since != NULL)
    /* Translators: "Since 2026-Q2 was closed on 2026-07-03" */
    subtitle = g_strdup_printf (_("Since %s was closed on %.10s"), from_name (self), since);
  else
    subtitle = g_strdup (_("Every recorded change (the earlier period is not closed)"));
  gtk_box_append (GTK_BOX (box), label (subtitle, "slide-small"));

  if (changes->len == 0)
    {
      gtk_box_append (GTK_BOX (box), label (_("No changes: every tier keeps the entitlements it had."),
                                            "slide-text"));
      return box;
    }
  /* The newest edits matter most in a meeting: show those. */
  for (guint i = changes->len; i > 0; i--)
    {
      const StrataEntitlementChange *c = changes->pdata[i - 1];
      g_ptr_array_add (lines, g_strdup_printf ("%.10s  %s", c->at, c->text));
    }
  add_lines (box, lines);
  return box;
}

/* The product mix per tier and how many customers to move off costly
 * products (the list itself is on the Products page and in the report). */
static GtkWidget *
products_slide (StrataPresentation *self)
{
  g_autofree char *title = g_strdup_printf ("%s · %s", _("Products by tier"), to_name (self));
  GtkWidget *box = strata_slide_new (title);
  const StrataProductMix *mix = strata_review_deck_get_product_mix (self->deck);
  g_autoptr(StrataProductMixChart) chart = strata_product_mix_chart_new ();

  strata_product_mix_chart_set_mix (chart, mix);
  gtk_box_append (GTK_BOX (box), chart_widget (STRATA_CHART (chart)));
  if (mix != NULL && mix->has_products)
    {
      guint n_migration = strata_review_deck_get_n_migration (self->deck);
      g_autofree char *count = strata_format_integer (strata_number_format_get_default (),
                                                      n_migration);
      /* Translators: under the product mix slide; %s is a number of customers. */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Migration list: %s customer on costly-to-run products",
                                                            "Migration list: %s customers on costly-to-run products",
                                                            n_migration), count);
      gtk_box_append (GTK_BOX (box), label (text, "slide-small"));
    }
  return box;
}

static GtkWidget *
rules_slide (StrataPresentation *self)
{
  GtkWidget *box = strata_slide_new (_("Rule changes since the last review"));
  StrataMovement *movement = strata_review_deck_get_movement (self->deck);
  GPtrArray *changes = strata_review_deck_get_rule_changes (self->deck);
  int from_version = strata_movement_get_from_version (movement);
  int to_version = strata_movement_get_to_version (movement);
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autofree char *versions = NULL;

  /* Translators: "2026-Q2: version 1 → 2026-Q3: version 3" */
  versions = g_strdup_printf (_("%s: version %d → %s: version %d"), from_name (self), from_version,
                              to_name (self), to_version);
  gtk_box_append (GTK_BOX (box), label (versions, "slide-small"));
  if (changes->len == 0)
    {
      gtk_box_append (GTK_BOX (box), label (_("No rule changes: both periods are scored alike."),
                                            "slide-text"));
      return box;
    }
  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (lines, ((StrataRuleChange *) changes->pdata[i])->text);
  add_lines (box, lines);
  return box;
}

/* Navigation ---------------------------------------------------------------- */

static void
update_counter (StrataPresentation *self)
{
  g_autofree char *text = g_strdup_printf ("%u / %u", self->position + 1, self->kinds->len);

  gtk_label_set_label (self->counter, text);
}

void
strata_presentation_go_to (StrataPresentation *self,
                           guint               position)
{
  g_autofree char *name = NULL;

  g_return_if_fail (STRATA_IS_PRESENTATION (self));

  if (self->kinds->len == 0)
    return;
  self->position = MIN (position, self->kinds->len - 1);
  name = g_strdup_printf ("slide%u", self->position);
  gtk_stack_set_visible_child_name (self->stack, name);
  update_counter (self);
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             StrataPresentation    *self)
{
  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_Page_Down:
    case GDK_KEY_space:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_Down:
      strata_presentation_go_to (self, self->position + 1);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Page_Up:
    case GDK_KEY_BackSpace:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Up:
      if (self->position > 0)
        strata_presentation_go_to (self, self->position - 1);
      return TRUE;
    case GDK_KEY_Home:
      strata_presentation_go_to (self, 0);
      return TRUE;
    case GDK_KEY_End:
      strata_presentation_go_to (self, G_MAXUINT);
      return TRUE;
    case GDK_KEY_Escape:
      gtk_window_destroy (GTK_WINDOW (self));
      return TRUE;
    default:
      return FALSE;
    }
}

GtkWindow *
strata_presentation_show_receipt (StrataPresentation *self,
                                  gint64              customer_id)
{
  StrataPeriodResults *results;
  g_autoptr(StrataReceipt) receipt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *window;
  int row;

  g_return_val_if_fail (STRATA_IS_PRESENTATION (self), NULL);

  results = strata_review_deck_get_results (self->deck);
  row = strata_period_data_find_id (results->data, customer_id);
  if (row < 0)
    return NULL;
  receipt = strata_engine_explain (results->rules, results->data, row, &error);
  text = receipt ? strata_receipt_to_text (receipt) : g_strdup (error->message);

  window = strata_slide_receipt_new (GTK_WINDOW (self), strata_period_data_get_name (results->data, row), text);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

/* GObject ------------------------------------------------------------------- */

static void
load_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded || gdk_display_get_default () == NULL)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/strata/Strata/strata-review.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
strata_presentation_dispose (GObject *object)
{
  StrataPresentation *self = STRATA_PRESENTATION (object);

  g_clear_object (&self->deck);
  g_clear_object (&self->quadrant_chart);
  g_clear_handle_id (&self->compact_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), STRATA_TYPE_PRESENTATION);
  G_OBJECT_CLASS (strata_presentation_parent_class)->dispose (object);
}

static void
strata_presentation_finalize (GObject *object)
{
  StrataPresentation *self = STRATA_PRESENTATION (object);

  g_clear_pointer (&self->kinds, g_array_unref);
  G_OBJECT_CLASS (strata_presentation_parent_class)->finalize (object);
}

/* The sizes in strata-review.css hold from 1024x768 up. A smaller screen
 * (an 800x600 projector) gets the "compact" sizes: at 52 px a title
 * wrapped to two lines there and left the chart a sliver. */
static gboolean
wants_compact (int width,
               int height)
{
  return width < 960 || height < 720;
}

static gboolean
update_compact (gpointer data)
{
  StrataPresentation *self = data;
  GtkWidget *widget = GTK_WIDGET (self);

  self->compact_id = 0;
  if (wants_compact (gtk_widget_get_width (widget), gtk_widget_get_height (widget)))
    gtk_widget_add_css_class (widget, "compact");
  else
    gtk_widget_remove_css_class (widget, "compact");
  return G_SOURCE_REMOVE;
}

static void
strata_presentation_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  StrataPresentation *self = STRATA_PRESENTATION (widget);

  GTK_WIDGET_CLASS (strata_presentation_parent_class)->size_allocate (widget, width, height, baseline);
  /* Restyling inside the allocation would queue another one from within
   * it: after it, once. */
  if (wants_compact (width, height) != gtk_widget_has_css_class (widget, "compact") &&
      self->compact_id == 0)
    self->compact_id = g_idle_add (update_compact, self);
}

gboolean
strata_presentation_get_compact (StrataPresentation *self)
{
  g_return_val_if_fail (STRATA_IS_PRESENTATION (self), FALSE);
  return gtk_widget_has_css_class (GTK_WIDGET (self), "compact");
}

static void
strata_presentation_class_init (StrataPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_presentation_dispose;
  object_class->finalize = strata_presentation_finalize;
  widget_class->size_allocate = strata_presentation_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-presentation.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataPresentation, stack);
  gtk_widget_class_bind_template_child (widget_class, StrataPresentation, counter);
  gtk_widget_class_bind_template_child (widget_class, StrataPresentation, footer);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed);
}

static void
strata_presentation_init (StrataPresentation *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_css ();
  self->kinds = g_array_new (FALSE, FALSE, sizeof (StrataSlideKind));
}

GtkWidget *
strata_presentation_new (GtkWindow           *parent,
                         StrataReviewDeck    *deck,
                         const gboolean      *enabled,
                         StrataQuadrantChart *quadrant_chart)
{
  typedef GtkWidget *(*Builder) (StrataPresentation *);
  static const Builder builders[STRATA_N_SLIDES] = {
    title_slide, pyramid_slide, movement_slide, movers_slide, quadrant_slide,
    retention_slide, entitlements_slide, rules_slide, products_slide,
  };
  StrataPresentation *self;
  g_autofree char *footer = NULL;

  g_return_val_if_fail (STRATA_IS_REVIEW_DECK (deck), NULL);

  self = g_object_new (STRATA_TYPE_PRESENTATION, NULL);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  self->deck = g_object_ref (deck);
  if (quadrant_chart != NULL)
    self->quadrant_chart = g_object_ref (quadrant_chart);

  for (guint k = 0; k < STRATA_N_SLIDES; k++)
    {
      g_autofree char *name = NULL;

      if (enabled != NULL && !enabled[k])
        continue;
      name = g_strdup_printf ("slide%u", self->kinds->len);
      gtk_stack_add_titled (self->stack, builders[k] (self), name, strata_slide_kind_get_title (k));
      g_array_append_val (self->kinds, k);
    }
  /* Nothing chosen still shows the title, rather than an empty screen. */
  if (self->kinds->len == 0)
    {
      StrataSlideKind k = STRATA_SLIDE_TITLE;
      gtk_stack_add_titled (self->stack, title_slide (self), "slide0", strata_slide_kind_get_title (k));
      g_array_append_val (self->kinds, k);
    }

  footer = g_strdup_printf ("%s · %s", strata_review_deck_get_company (deck), to_name (self));
  gtk_label_set_label (self->footer, footer);
  strata_presentation_go_to (self, 0);
  gtk_window_fullscreen (GTK_WINDOW (self));
  return GTK_WIDGET (self);
}

guint
strata_presentation_get_n_slides (StrataPresentation *self)
{
  g_return_val_if_fail (STRATA_IS_PRESENTATION (self), 0);
  return self->kinds->len;
}

guint
strata_presentation_get_position (StrataPresentation *self)
{
  g_return_val_if_fail (STRATA_IS_PRESENTATION (self), 0);
  return self->position;
}

StrataSlideKind
strata_presentation_get_slide_kind (StrataPresentation *self)
{
  g_return_val_if_fail (STRATA_IS_PRESENTATION (self), STRATA_SLIDE_TITLE);
  return g_array_index (self->kinds, StrataSlideKind, self->position);
}

GtkLabel *
strata_presentation_get_counter (StrataPresentation *self)
{
  g_return_val_if_fail (STRATA_IS_PRESENTATION (self), NULL);
  return self->counter;
}
