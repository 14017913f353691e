/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-quadrant-chart-private.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

static void strata_quadrant_chart_iface_init (StrataChartInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StrataQuadrantChart, strata_quadrant_chart, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (STRATA_TYPE_CHART,
                                                      strata_quadrant_chart_iface_init))

static void
clear_data (StrataQuadrantChart *self)
{
  /* A job may still read these (or the owner's). */
  if (self->owner != NULL)
    {
      self->x = self->y = self->z = self->revenue = NULL;
      strata_quadrant_chart_retire_full (self, &self->owner, self->owner_free);
      self->owner_free = NULL;
    }
  strata_quadrant_chart_retire (self, (gpointer *) &self->x);
  strata_quadrant_chart_retire (self, (gpointer *) &self->y);
  strata_quadrant_chart_retire (self, (gpointer *) &self->revenue);
  strata_quadrant_chart_retire (self, (gpointer *) &self->tier);
  strata_quadrant_chart_retire (self, (gpointer *) &self->ux);
  strata_quadrant_chart_retire (self, (gpointer *) &self->uy);
  g_clear_pointer (&self->size, g_free);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->cell_start, g_free);
  g_clear_pointer (&self->cell_items, g_free);
  g_clear_pointer (&self->tier_hidden, g_free);
  g_clear_pointer (&self->tiers, g_array_unref);
  g_clear_pointer (&self->x_title, g_free);
  g_clear_pointer (&self->y_title, g_free);
  g_clear_pointer (&self->z_title, g_free);
  for (guint q = 0; q < 4; q++)
    {
      g_clear_pointer (&self->quadrant_names[q], g_free);
      g_clear_pointer (&self->quadrant_actions[q], g_free);
    }
  self->n = 0;
  /* What was counted or drawn of the old data is not shown meanwhile. */
  self->counts_known = self->quadrants_known = FALSE;
  self->wants_log[0] = self->wants_log[1] = -1;
  g_clear_pointer (&self->density_stale, cairo_surface_destroy);
}

/* The quadrant counts change (thresholds, colouring, filter, data): the
 * last ones stay for a deferred frame to show until a job counts again. */
static void
invalidate_quadrants (StrataQuadrantChart *self)
{
  self->generation++;
  if (self->quadrant_counts[0] != G_MAXUINT)
    {
      memcpy (self->stale_counts, self->quadrant_counts, sizeof self->stale_counts);
      memcpy (self->stale_share, self->quadrant_share, sizeof self->stale_share);
    }
  self->quadrant_counts[0] = G_MAXUINT;
}

void
strata_quadrant_chart_invalidate (StrataQuadrantChart *self)
{
  invalidate_quadrants (self);
  self->counts_valid = FALSE;
  if (self->density_cache != NULL)
    {
      g_clear_pointer (&self->density_stale, cairo_surface_destroy);
      self->density_stale = g_steal_pointer (&self->density_cache);
    }
  g_clear_pointer (&self->points_cache, cairo_surface_destroy);
}

static void
strata_quadrant_chart_finalize (GObject *object)
{
  StrataQuadrantChart *self = STRATA_QUADRANT_CHART (object);

  g_assert (self->jobs == 0);  /* each job holds a reference */
  strata_quadrant_chart_invalidate (self);
  clear_data (self);
  g_clear_pointer (&self->density_stale, cairo_surface_destroy);
  g_ptr_array_unref (self->graveyard);
  g_free (self->title);
  g_array_unref (self->selection);
  g_array_unref (self->labels);
  g_ptr_array_unref (self->label_names);
  g_array_unref (self->moves);
  G_OBJECT_CLASS (strata_quadrant_chart_parent_class)->finalize (object);
}

static void
strata_quadrant_chart_class_init (StrataQuadrantChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_quadrant_chart_finalize;
}

static void
strata_quadrant_chart_init (StrataQuadrantChart *self)
{
  self->tiers = g_array_new (FALSE, TRUE, sizeof (StrataTierInfo));
  self->tier_hidden = g_new0 (gboolean, 1);
  self->selection = g_array_new (FALSE, FALSE, sizeof (guint));
  self->labels = g_array_new (FALSE, FALSE, sizeof (guint));
  self->label_names = g_ptr_array_new_with_free_func (g_free);
  self->moves = g_array_new (FALSE, FALSE, sizeof (StrataQuadrantMove));
  self->graveyard = g_ptr_array_new_with_free_func (strata_quadrant_grave_free);
  self->wants_log[0] = self->wants_log[1] = -1;
  self->highlight = -1;
  self->quadrant_counts[0] = G_MAXUINT;
  self->show_captions = TRUE;
  self->density_limit = 20000;
  self->x_axis.kind = self->y_axis.kind = STRATA_METRIC_NUMBER;
  self->x_axis.max = self->y_axis.max = 1;
}

StrataQuadrantChart *
strata_quadrant_chart_new (void)
{
  return g_object_new (STRATA_TYPE_QUADRANT_CHART, NULL);
}

/* Unit-square positions, for the axes in p (their kind and scale; fitted
 * here to the values and thresholds). A pure function of its inputs, so
 * it runs on any thread. */
void
strata_quadrant_positions_compute (StrataQuadrantPositions *p,
                                   const double            *x,
                                   const double            *y,
                                   gsize                    n,
                                   double                   x_threshold,
                                   double                   y_threshold)
{
  double extra_x = x_threshold, extra_y = y_threshold;

  strata_axis_fit (&p->x_axis, x, n, &extra_x, 1, 8);
  strata_axis_fit (&p->y_axis, y, n, &extra_y, 1, 8);

  p->ux = g_new (float, MAX (n, 1));
  p->uy = g_new (float, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      double u = strata_axis_to_unit (&p->x_axis, x[i]);
      double v = strata_axis_to_unit (&p->y_axis, y[i]);
      /* Missing values (NaN) are never drawn nor hit; park them at 0. */
      p->ux[i] = isfinite (u) ? CLAMP (u, 0.0, 1.0) : 0;
      p->uy[i] = isfinite (v) ? CLAMP (v, 0.0, 1.0) : 0;
    }
}

/* The hit-test grid over the positions, made when a pointer or a
 * selection first asks (one pass over the points; 4 bytes a point and 4 a
 * cell, which a chart only looked at never holds). */
static void
ensure_grid (StrataQuadrantChart *self)
{
  gsize n = self->n;
  guint cells;

  if (self->cell_items != NULL)
    return;
  strata_quadrant_note_pass ();
  /* About four points per cell on average. */
  self->grid = (guint) CLAMP (sqrt (n / 4.0), 1, 1024);
  cells = self->grid * self->grid;
  self->cell_start = g_new0 (guint, cells + 1);
  self->cell_items = g_new (guint, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      guint cx = MIN ((guint) (self->ux[i] * self->grid), self->grid - 1);
      guint cy = MIN ((guint) (self->uy[i] * self->grid), self->grid - 1);
      self->cell_start[cy * self->grid + cx + 1]++;
    }
  for (guint c = 1; c <= cells; c++)
    self->cell_start[c] += self->cell_start[c - 1];
  {
    g_autofree guint *fill = g_memdup2 (self->cell_start, sizeof (guint) * cells);
    for (gsize i = 0; i < n; i++)
      {
        guint cx = MIN ((guint) (self->ux[i] * self->grid), self->grid - 1);
        guint cy = MIN ((guint) (self->uy[i] * self->grid), self->grid - 1);
        self->cell_items[fill[cy * self->grid + cx]++] = (guint) i;
      }
  }
}

void
strata_quadrant_chart_drop_hit_index (StrataQuadrantChart *self)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  g_clear_pointer (&self->cell_start, g_free);
  g_clear_pointer (&self->cell_items, g_free);
  self->grid = 0;
}

void
strata_quadrant_positions_clear (StrataQuadrantPositions *p)
{
  g_clear_pointer (&p->ux, g_free);
  g_clear_pointer (&p->uy, g_free);
}

/* Takes p's arrays; the old positions are retired (a job may read them). */
void
strata_quadrant_chart_install_positions (StrataQuadrantChart     *self,
                                         StrataQuadrantPositions *p)
{
  strata_quadrant_chart_retire (self, (gpointer *) &self->ux);
  strata_quadrant_chart_retire (self, (gpointer *) &self->uy);
  g_clear_pointer (&self->cell_start, g_free);
  g_clear_pointer (&self->cell_items, g_free);
  self->x_axis = p->x_axis;
  self->y_axis = p->y_axis;
  self->ux = g_steal_pointer (&p->ux);
  self->uy = g_steal_pointer (&p->uy);
  self->grid = 0;
  strata_quadrant_chart_invalidate (self);
}

/* Unit-square positions and the hit-test grid. Run when the data or the
 * axis scales change, never per frame or per pointer motion. */
static void
rebuild_index (StrataQuadrantChart *self)
{
  StrataQuadrantPositions p = { self->x_axis, self->y_axis };

  strata_quadrant_note_pass ();
  strata_quadrant_positions_compute (&p, self->x, self->y, self->n, self->x_threshold, self->y_threshold);
  strata_quadrant_chart_install_positions (self, &p);
}

/* Worst tier first so the best customers end up on top; a counting sort.
 * Only drawing the points one by one needs it (at most the density limit
 * at a time in the window, or a vector export), so a chart drawn as a
 * density image never holds it: 4 bytes a point. */
const guint *
strata_quadrant_chart_get_order (StrataQuadrantChart *self)
{
  guint n_tiers = self->tiers->len;
  g_autofree guint *tier_start = NULL;

  if (self->order != NULL)
    return self->order;
  tier_start = g_new0 (guint, n_tiers + 2);
  for (gsize i = 0; i < self->n; i++)
    {
      int t = self->tier[i];
      guint slot = (t < 0 || (guint) t >= n_tiers) ? 0 : n_tiers - (guint) t;
      tier_start[slot + 1]++;
    }
  for (guint s = 1; s < n_tiers + 2; s++)
    tier_start[s] += tier_start[s - 1];
  self->order = g_new (guint, MAX (self->n, 1));
  for (gsize i = 0; i < self->n; i++)
    {
      int t = self->tier[i];
      guint slot = (t < 0 || (guint) t >= n_tiers) ? 0 : n_tiers - (guint) t;
      self->order[tier_start[slot]++] = (guint) i;
    }
  return self->order;
}

static inline float
z_size (double z,
        double lo,
        double hi)
{
  double t = (hi > lo && isfinite (z)) ? (z - lo) / (hi - lo) : 0.5;

  return (float) sqrt (CLAMP (t, 0, 1));
}

static void
set_data (StrataQuadrantChart      *self,
          const StrataQuadrantData *data,
          gpointer                  owner,
          GDestroyNotify            owner_free)
{
  clear_data (self);
  self->n = data->n_points;
  if (owner != NULL)
    {
      self->owner = owner;
      self->owner_free = owner_free;
      self->x = data->x;
      self->y = data->y;
      self->revenue = data->revenue;
    }
  else
    {
      self->x = g_memdup2 (data->x, sizeof (double) * self->n);
      self->y = g_memdup2 (data->y, sizeof (double) * self->n);
      if (data->revenue != NULL)
        self->revenue = g_memdup2 (data->revenue, sizeof (double) * self->n);
    }
  self->tier = g_new (gint16, MAX (self->n, 1));
  for (gsize i = 0; i < self->n; i++)
    {
      int t = data->tier != NULL ? data->tier[i] : -1;
      self->tier[i] = (t >= 0 && (guint) t < data->n_tiers) ? t : -1;
    }
  if (data->z != NULL && self->n > 0)
    {
      /* Area grows with z (radius with its square root), the honest way
       * to size points; scaled between the smallest and largest z. */
      double lo = INFINITY, hi = -INFINITY;
      for (gsize i = 0; i < self->n; i++)
        if (isfinite (data->z[i]))
          lo = MIN (lo, data->z[i]), hi = MAX (hi, data->z[i]);
      self->z_lo = lo;
      self->z_hi = hi;
      /* Borrowed, the sizes come from z when asked (only points drawn one
       * by one and the hit test ask): no array of 4 bytes a point. */
      if (owner != NULL)
        self->z = data->z;
      else
        {
          self->size = g_new (float, self->n);
          for (gsize i = 0; i < self->n; i++)
            self->size[i] = z_size (data->z[i], lo, hi);
        }
    }
  self->tiers = strata_tier_info_copy (data->tiers, data->n_tiers);
  self->tier_hidden = g_new0 (gboolean, data->n_tiers + 1);
  self->x_title = g_strdup (data->x_title);
  self->y_title = g_strdup (data->y_title);
  self->z_title = g_strdup (data->z_title);
  for (guint q = 0; q < 4; q++)
    {
      self->quadrant_names[q] = g_strdup (data->quadrant_names[q]);
      self->quadrant_actions[q] = g_strdup (data->quadrant_actions[q]);
    }
  self->x_threshold = data->x_threshold;
  self->y_threshold = data->y_threshold;
  self->x_axis.kind = data->x_kind;
  self->y_axis.kind = data->y_kind;

  /* Indexes into the old data mean nothing now. */
  g_array_set_size (self->selection, 0);
  g_array_set_size (self->labels, 0);
  g_ptr_array_set_size (self->label_names, 0);
  g_array_set_size (self->moves, 0);
  self->highlight = -1;
  rebuild_index (self);
}

void
strata_quadrant_chart_set_data (StrataQuadrantChart      *self,
                                const StrataQuadrantData *data)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (data->n_points == 0 || (data->x != NULL && data->y != NULL));
  g_return_if_fail (data->n_tiers <= G_MAXINT16);  /* tiers are kept 16-bit */

  set_data (self, data, NULL, NULL);
}

void
strata_quadrant_chart_set_data_borrowed (StrataQuadrantChart      *self,
                                         const StrataQuadrantData *data,
                                         gpointer                  owner,
                                         GDestroyNotify            owner_free)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (data->n_points == 0 || (data->x != NULL && data->y != NULL));
  g_return_if_fail (data->n_tiers <= G_MAXINT16);  /* tiers are kept 16-bit */
  g_return_if_fail (owner != NULL && owner_free != NULL);

  set_data (self, data, owner, owner_free);
}

gsize
strata_quadrant_chart_get_n_points (StrataQuadrantChart *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), 0);
  return self->n;
}

void
strata_quadrant_chart_set_thresholds (StrataQuadrantChart *self,
                                      double               x_threshold,
                                      double               y_threshold)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));

  self->x_threshold = x_threshold;
  self->y_threshold = y_threshold;
  /* Coloured by tier, the points and their density do not depend on the
   * lines: only the quadrant counts do. */
  if (self->colouring == STRATA_QUADRANT_COLOUR_BY_TIER)
    invalidate_quadrants (self);
  else
    strata_quadrant_chart_invalidate (self);
  /* Dragging inside the shown range keeps the axes still; only a value
   * outside it (typed in the table) refits them. */
  if (x_threshold < self->x_axis.min || x_threshold > self->x_axis.max
      || y_threshold < self->y_axis.min || y_threshold > self->y_axis.max)
    rebuild_index (self);
}

void
strata_quadrant_chart_get_thresholds (StrataQuadrantChart *self,
                                      double              *x_threshold,
                                      double              *y_threshold)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  if (x_threshold != NULL)
    *x_threshold = self->x_threshold;
  if (y_threshold != NULL)
    *y_threshold = self->y_threshold;
}

void
strata_quadrant_chart_set_scales (StrataQuadrantChart *self,
                                  StrataAxisScale      x_scale,
                                  StrataAxisScale      y_scale)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  if (self->x_axis.scale == x_scale && self->y_axis.scale == y_scale)
    return;
  self->x_axis.scale = x_scale;
  self->y_axis.scale = y_scale;
  rebuild_index (self);
}

gboolean
strata_quadrant_chart_wants_log (StrataQuadrantChart *self,
                                 StrataThresholdLine  axis)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), FALSE);
  g_return_val_if_fail (axis != STRATA_THRESHOLD_NONE, FALSE);

  /* The values stay until new data: asked once per axis. */
  if (self->wants_log[axis == STRATA_THRESHOLD_Y] < 0)
    {
      strata_quadrant_note_pass ();
      self->wants_log[axis == STRATA_THRESHOLD_Y] =
        strata_axis_spans_decades (axis == STRATA_THRESHOLD_Y ? self->y : self->x, self->n, 2);
    }
  return self->wants_log[axis == STRATA_THRESHOLD_Y] > 0;
}

const StrataAxis *
strata_quadrant_chart_get_axis (StrataQuadrantChart *self,
                                StrataThresholdLine  which)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), NULL);
  return which == STRATA_THRESHOLD_Y ? &self->y_axis : &self->x_axis;
}

void
strata_quadrant_chart_set_colouring (StrataQuadrantChart     *self,
                                     StrataQuadrantColouring  colouring)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  if (self->colouring == colouring)
    return;
  self->colouring = colouring;
  strata_quadrant_chart_invalidate (self);
}

void
strata_quadrant_chart_set_point_mode (StrataQuadrantChart *self,
                                      StrataPointMode      mode,
                                      gsize                density_limit)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  self->mode = mode;
  self->density_limit = density_limit > 0 ? density_limit : 20000;
  strata_quadrant_chart_invalidate (self);
}

gboolean
strata_quadrant_chart_get_drew_density (StrataQuadrantChart *self)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), FALSE);
  return self->drew_density;
}

void
strata_quadrant_chart_set_tier_visible (StrataQuadrantChart *self,
                                        guint                tier_index,
                                        gboolean             visible)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  g_return_if_fail (tier_index <= self->tiers->len);
  if (self->tier_hidden[tier_index] == !visible)
    return;
  self->tier_hidden[tier_index] = !visible;
  strata_quadrant_chart_invalidate (self);
}

void
strata_quadrant_chart_set_show_captions (StrataQuadrantChart *self,
                                         gboolean             show)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  self->show_captions = show;
}

void
strata_quadrant_chart_set_corner_names (StrataQuadrantChart *self,
                                        gboolean             show)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  self->corner_names = show;
}

void
strata_quadrant_chart_set_title (StrataQuadrantChart *self,
                                 const char          *title)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  g_free (self->title);
  self->title = g_strdup (title);
}

static void
set_indices (GArray      *array,
             const guint *indices,
             gsize        n,
             gsize        limit)
{
  g_array_set_size (array, 0);
  for (gsize i = 0; i < n; i++)
    if (indices[i] < limit)
      g_array_append_val (array, indices[i]);
}

void
strata_quadrant_chart_set_selection (StrataQuadrantChart *self,
                                     const guint         *indices,
                                     gsize                n_indices)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  g_return_if_fail (indices != NULL || n_indices == 0);
  set_indices (self->selection, indices, n_indices, self->n);
}

void
strata_quadrant_chart_set_highlight (StrataQuadrantChart *self,
                                     gssize               index)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  self->highlight = (index >= 0 && (gsize) index < self->n) ? index : -1;
}

void
strata_quadrant_chart_set_labels (StrataQuadrantChart *self,
                                  const guint         *indices,
                                  const char * const  *names,
                                  gsize                n_labels)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  g_return_if_fail (n_labels == 0 || (indices != NULL && names != NULL));

  g_array_set_size (self->labels, 0);
  g_ptr_array_set_size (self->label_names, 0);
  for (gsize i = 0; i < n_labels; i++)
    if (indices[i] < self->n && names[i] != NULL)
      {
        g_array_append_val (self->labels, indices[i]);
        g_ptr_array_add (self->label_names, g_strdup (names[i]));
      }
}

void
strata_quadrant_chart_set_movement (StrataQuadrantChart *self,
                                    const guint         *indices,
                                    const double        *previous_x,
                                    const double        *previous_y,
                                    gsize                n_moves)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  g_return_if_fail (n_moves == 0 || (indices && previous_x && previous_y));

  g_array_set_size (self->moves, 0);
  for (gsize i = 0; i < n_moves; i++)
    if (indices[i] < self->n && isfinite (previous_x[i]) && isfinite (previous_y[i]))
      {
        StrataQuadrantMove m = { indices[i], previous_x[i], previous_y[i] };
        g_array_append_val (self->moves, m);
      }
}

/* ">= threshold is high", as the scoring engine decides it. */
/* "Qualified products listed: 84 · Monthly inquiries: 31", for a tooltip. */
char *
strata_quadrant_chart_describe_point (StrataQuadrantChart *self,
                                      gsize                i)
{
  g_autoptr(StrataChartStyle) style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), NULL);
  g_return_val_if_fail (i < self->n, NULL);
  x = isfinite (self->x[i]) ? strata_axis_format (&self->x_axis, style, self->x[i]) : g_strdup ("–");
  y = isfinite (self->y[i]) ? strata_axis_format (&self->y_axis, style, self->y[i]) : g_strdup ("–");
  /* Translators: a point of the quadrant chart: the two metrics and values. */
  return g_strdup_printf (_("%s: %s · %s: %s"), self->x_title ? self->x_title : "x", x,
                          self->y_title ? self->y_title : "y", y);
}

StrataQuadrant
strata_quadrant_chart_classify (StrataQuadrantChart *self,
                                gsize                i)
{
  gboolean high_x, high_y;

  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), STRATA_QUADRANT_NONE);
  g_return_val_if_fail (i < self->n, STRATA_QUADRANT_NONE);

  if (!isfinite (self->x[i]) || !isfinite (self->y[i]))
    return STRATA_QUADRANT_NONE;
  high_x = self->x[i] >= self->x_threshold;
  high_y = self->y[i] >= self->y_threshold;
  if (high_y)
    return high_x ? STRATA_QUADRANT_A : STRATA_QUADRANT_B;
  return high_x ? STRATA_QUADRANT_C : STRATA_QUADRANT_D;
}

gboolean
strata_quadrant_chart_point_visible (StrataQuadrantChart *self,
                                     gsize                i)
{
  int t = self->tier[i];

  if (!isfinite (self->x[i]) || !isfinite (self->y[i]))
    return FALSE;
  return !self->tier_hidden[t < 0 ? self->tiers->len : (guint) t];
}

void
strata_quadrant_chart_get_counts (StrataQuadrantChart *self,
                                  guint                counts[4],
                                  double               revenue_share[4])
{
  const guint *c = self->quadrant_counts;
  const double *share = self->quadrant_share;

  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));

  if (self->quadrant_counts[0] == G_MAXUINT && self->defer)
    {
      /* A deferred frame shows the last counts (none before the first). */
      static const guint none[4] = { 0 };
      static const double no_share[4] = { 0 };

      self->marks_missing = TRUE;
      c = self->quadrants_known ? self->stale_counts : none;
      share = self->quadrants_known ? self->stale_share : no_share;
    }
  else if (self->quadrant_counts[0] == G_MAXUINT)
    {
      StrataQuadrantInput in;

      strata_quadrant_input_init (&in, self);
      strata_quadrant_count_quadrants (&in, self->quadrant_counts, self->quadrant_share);
      self->quadrants_known = TRUE;
    }
  for (guint q = 0; q < 4; q++)
    {
      counts[q] = c[q];
      if (revenue_share != NULL)
        revenue_share[q] = share[q];
    }
}

double
strata_quadrant_chart_point_radius (StrataQuadrantChart *self,
                                    gsize                i)
{
  double t = self->size != NULL ? self->size[i]
             : self->z != NULL ? z_size (self->z[i], self->z_lo, self->z_hi)
             : 0.35;
  return self->radius_min + (self->radius_max - self->radius_min) * t;
}

StrataRgba
strata_quadrant_colour (StrataQuadrant q)
{
  /* Blue, teal, orange, grey: distinct for the common colour blindnesses
   * and matching the default tier palette's feel. */
  static const char *colours[] = { "#9a9996", "#1a5fb4", "#2a9d8f", "#e66100", "#77767b" };
  return strata_rgba_parse (colours[q]);
}

const char *
strata_quadrant_letter (StrataQuadrant q)
{
  static const char *letters[] = { "", "A", "B", "C", "D" };
  return letters[q];
}

StrataRgba
strata_quadrant_chart_point_colour (StrataQuadrantChart *self,
                                    gsize                i)
{
  if (self->colouring == STRATA_QUADRANT_COLOUR_BY_QUADRANT)
    return strata_quadrant_colour (strata_quadrant_chart_classify (self, i));
  if (self->tier[i] >= 0)
    return g_array_index (self->tiers, StrataTierInfo, self->tier[i]).colour;
  return strata_rgba_parse ("#9a9996");
}

void
strata_quadrant_chart_get_plot_area (StrataQuadrantChart *self,
                                     cairo_rectangle_t   *area)
{
  g_return_if_fail (STRATA_IS_QUADRANT_CHART (self));
  *area = self->plot;
}

double
strata_quadrant_chart_value_to_pixel (StrataQuadrantChart *self,
                                      StrataThresholdLine  axis,
                                      double               value)
{
  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), 0);
  if (axis == STRATA_THRESHOLD_Y)
    return self->plot.y + self->plot.height
           - strata_axis_to_unit (&self->y_axis, value) * self->plot.height;
  return self->plot.x + strata_axis_to_unit (&self->x_axis, value) * self->plot.width;
}

double
strata_quadrant_chart_pixel_to_value (StrataQuadrantChart *self,
                                      StrataThresholdLine  axis,
                                      double               pixel)
{
  double u;

  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), 0);
  if (axis == STRATA_THRESHOLD_Y)
    {
      u = (self->plot.y + self->plot.height - pixel) / MAX (self->plot.height, 1);
      return strata_axis_from_unit (&self->y_axis, CLAMP (u, 0, 1));
    }
  u = (pixel - self->plot.x) / MAX (self->plot.width, 1);
  return strata_axis_from_unit (&self->x_axis, CLAMP (u, 0, 1));
}

gssize
strata_quadrant_chart_hit_test (StrataQuadrantChart *self,
                                double               x,
                                double               y)
{
  double reach, ux, uy, best = INFINITY;
  int cx0, cx1, cy0, cy1;
  gssize found = -1;

  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), -1);
  if (self->n == 0 || self->plot.width <= 0 || self->plot.height <= 0)
    return -1;

  reach = self->radius_max + self->hit_slop;
  if (x < self->plot.x - reach || x > self->plot.x + self->plot.width + reach
      || y < self->plot.y - reach || y > self->plot.y + self->plot.height + reach)
    return -1;

  ensure_grid (self);
  ux = (x - self->plot.x) / self->plot.width;
  uy = (self->plot.y + self->plot.height - y) / self->plot.height;
  cx0 = (int) floor ((ux - reach / self->plot.width) * self->grid);
  cx1 = (int) floor ((ux + reach / self->plot.width) * self->grid);
  cy0 = (int) floor ((uy - reach / self->plot.height) * self->grid);
  cy1 = (int) floor ((uy + reach / self->plot.height) * self->grid);
  cx0 = MAX (cx0, 0), cy0 = MAX (cy0, 0);
  cx1 = MIN (cx1, (int) self->grid - 1), cy1 = MIN (cy1, (int) self->grid - 1);

  for (int cy = cy0; cy <= cy1; cy++)
    for (int cx = cx0; cx <= cx1; cx++)
      {
        guint c = (guint) cy * self->grid + (guint) cx;
        for (guint k = self->cell_start[c]; k < self->cell_start[c + 1]; k++)
          {
            guint i = self->cell_items[k];
            double px = self->plot.x + self->ux[i] * self->plot.width;
            double py = self->plot.y + (1 - self->uy[i]) * self->plot.height;
            double d = hypot (px - x, py - y);
            double r = strata_quadrant_chart_point_radius (self, i) + self->hit_slop;
            /* Nearest centre wins, so a small point on top of a large one
             * can still be reached. */
            if (d <= r && d < best && strata_quadrant_chart_point_visible (self, i))
              best = d, found = i;
          }
      }
  return found;
}

/**
 * strata_quadrant_chart_select_rect:
 *
 * Returns: (transfer full): indexes (guint) of the visible points inside
 *   @rect, in widget coordinates, ascending.
 */
GArray *
strata_quadrant_chart_select_rect (StrataQuadrantChart     *self,
                                   const cairo_rectangle_t *rect)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  double u0, u1, v0, v1;
  int cx0, cx1, cy0, cy1;

  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), out);
  g_return_val_if_fail (rect != NULL, out);
  if (self->n == 0 || self->plot.width <= 0 || self->plot.height <= 0)
    return out;

  u0 = (MIN (rect->x, rect->x + rect->width) - self->plot.x) / self->plot.width;
  u1 = (MAX (rect->x, rect->x + rect->width) - self->plot.x) / self->plot.width;
  v0 = (self->plot.y + self->plot.height - MAX (rect->y, rect->y + rect->height)) / self->plot.height;
  v1 = (self->plot.y + self->plot.height - MIN (rect->y, rect->y + rect->height)) / self->plot.height;
  if (u1 < 0 || u0 > 1 || v1 < 0 || v0 > 1)
    return out;
  ensure_grid (self);
  cx0 = CLAMP ((int) floor (u0 * self->grid), 0, (int) self->grid - 1);
  cx1 = CLAMP ((int) floor (u1 * self->grid), 0, (int) self->grid - 1);
  cy0 = CLAMP ((int) floor (v0 * self->grid), 0, (int) self->grid - 1);
  cy1 = CLAMP ((int) floor (v1 * self->grid), 0, (int) self->grid - 1);

  for (int cy = cy0; cy <= cy1; cy++)
    for (int cx = cx0; cx <= cx1; cx++)
      {
        guint c = (guint) cy * self->grid + (guint) cx;
        for (guint k = self->cell_start[c]; k < self->cell_start[c + 1]; k++)
          {
            guint i = self->cell_items[k];
            if (self->ux[i] >= u0 && self->ux[i] <= u1 && self->uy[i] >= v0
                && self->uy[i] <= v1 && strata_quadrant_chart_point_visible (self, i))
              g_array_append_val (out, i);
          }
      }
  g_array_sort (out, (GCompareFunc) strata_compare_guint);
  return out;
}

StrataThresholdLine
strata_quadrant_chart_threshold_at (StrataQuadrantChart *self,
                                    double               x,
                                    double               y)
{
  double tx, ty, slop;
  gboolean in_x, in_y;

  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), STRATA_THRESHOLD_NONE);
  if (self->plot.width <= 0)
    return STRATA_THRESHOLD_NONE;

  /* Generous for touch and for the grips drawn just outside the plot. */
  slop = self->hit_slop * 2;
  tx = strata_quadrant_chart_value_to_pixel (self, STRATA_THRESHOLD_X, self->x_threshold);
  ty = strata_quadrant_chart_value_to_pixel (self, STRATA_THRESHOLD_Y, self->y_threshold);
  in_x = y >= self->plot.y - 4 * slop && y <= self->plot.y + self->plot.height + slop;
  in_y = x >= self->plot.x - slop && x <= self->plot.x + self->plot.width + 4 * slop;
  if (in_x && fabs (x - tx) <= slop && (!in_y || fabs (x - tx) <= fabs (y - ty)))
    return STRATA_THRESHOLD_X;
  if (in_y && fabs (y - ty) <= slop)
    return STRATA_THRESHOLD_Y;
  return STRATA_THRESHOLD_NONE;
}

char *
strata_quadrant_chart_get_description (StrataQuadrantChart *self)
{
  GString *s = g_string_new (NULL);
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  guint counts[4];
  double share[4];
  guint total = 0;
  g_autofree char *n = NULL;
  g_autofree char *tx = NULL;
  g_autofree char *ty = NULL;

  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), NULL);

  strata_quadrant_chart_get_counts (self, counts, share);
  for (guint q = 0; q < 4; q++)
    total += counts[q];
  n = strata_format_integer (fmt, total);
  tx = strata_format_compact (fmt, self->x_threshold);
  ty = strata_format_compact (fmt, self->y_threshold);
  /* Translators: quadrant chart summary for screen readers; the metric
   * names and threshold values fill the placeholders. */
  g_string_append_printf (s, strata_ngettext ("Quadrant chart of %s customer: %s against %s, "
                                              "thresholds at %s and %s.",
                                              "Quadrant chart of %s customers: %s against %s, "
                                              "thresholds at %s and %s.", total),
                          n, self->y_title ? self->y_title : "", self->x_title ? self->x_title : "",
                          ty, tx);
  for (guint q = 0; q < 4; q++)
    {
      g_autofree char *c = strata_format_integer (fmt, counts[q]);
      g_autofree char *pc = strata_format_percent (fmt, total ? counts[q] / (double) total : 0, 1);
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("%s (%s): %s customers, %s of customers"),
                              strata_quadrant_letter (q + 1),
                              self->quadrant_names[q] ? self->quadrant_names[q] : "", c, pc);
      if (self->revenue != NULL)
        {
          g_autofree char *pr = strata_format_percent (fmt, share[q], 1);
          g_string_append_printf (s, _(", %s of revenue"), pr);
        }
      g_string_append_c (s, '.');
    }
  return g_string_free (s, FALSE);
}

GPtrArray *
strata_quadrant_chart_get_table (StrataQuadrantChart *self)
{
  GPtrArray *table = strata_table_new ();
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  guint counts[4], total = 0;
  double share[4];

  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), table);

  strata_quadrant_chart_get_counts (self, counts, share);
  for (guint q = 0; q < 4; q++)
    total += counts[q];
  strata_table_add_row (table, g_strdup (_("Quadrant")), g_strdup (_("Name")),
                        g_strdup (_("Customers")), g_strdup (_("Share of customers")),
                        g_strdup (_("Share of revenue")), g_strdup (_("Action")), NULL);
  for (guint q = 0; q < 4; q++)
    strata_table_add_row (table, g_strdup (strata_quadrant_letter (q + 1)),
                          g_strdup (self->quadrant_names[q] ? self->quadrant_names[q] : ""),
                          strata_format_integer (fmt, counts[q]),
                          strata_format_percent (fmt, total ? counts[q] / (double) total : 0, 1),
                          self->revenue ? strata_format_percent (fmt, share[q], 1) : g_strdup (""),
                          g_strdup (self->quadrant_actions[q] ? self->quadrant_actions[q] : ""),
                          NULL);
  return table;
}

static void
draw_iface (StrataChart            *chart,
            cairo_t                *cr,
            const StrataChartStyle *style,
            double                  width,
            double                  height)
{
  strata_quadrant_chart_draw (STRATA_QUADRANT_CHART (chart), cr, style, width, height);
}

static char *
description_iface (StrataChart *chart)
{
  return strata_quadrant_chart_get_description (STRATA_QUADRANT_CHART (chart));
}

static GPtrArray *
table_iface (StrataChart *chart)
{
  return strata_quadrant_chart_get_table (STRATA_QUADRANT_CHART (chart));
}

static void
strata_quadrant_chart_iface_init (StrataChartInterface *iface)
{
  iface->draw = draw_iface;
  iface->get_description = description_iface;
  iface->get_table = table_iface;
}
