/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The quadrant chart's passes over every point: counting the visible ones
 * (and whether they pile up), counting each quadrant, and binning the
 * density image. The chart runs them itself when it draws (an export, the
 * presentation); the window's view draws "deferred" instead and runs them
 * as a job on a worker thread, so that a million points never stall a
 * frame (strata_quadrant_chart_draw_deferred). Both paths call the same
 * functions below, so the pictures are the same. */
#include "config.h"

#include "strata-quadrant-chart-private.h"

#include <math.h>
#include <string.h>

/* In AUTO mode, when one spot (1/128 of each axis) holds at least 64
 * customers and 2% of all shown, overdrawn points hide how many there
 * are: density reads better. */
#define PILE_BINS  128
#define PILE_LIMIT 64

static guint main_passes;

guint
strata_quadrant_chart_get_main_thread_passes (void)
{
  return g_atomic_int_get (&main_passes);
}

/* A pass over every point: counted when the main thread (the owner of the
 * default main context, which GTK runs) does it. */
void
strata_quadrant_note_pass (void)
{
  if (g_main_context_is_owner (g_main_context_default ()))
    g_atomic_int_inc (&main_passes);
}

void
strata_quadrant_input_init (StrataQuadrantInput *in,
                            StrataQuadrantChart *self)
{
  memset (in, 0, sizeof *in);
  in->n = self->n;
  in->x = self->x;
  in->y = self->y;
  in->revenue = self->revenue;
  in->tier = self->tier;
  in->ux = self->ux;
  in->uy = self->uy;
  in->tier_hidden = self->tier_hidden;
  in->n_tiers = self->tiers->len;
  in->x_threshold = self->x_threshold;
  in->y_threshold = self->y_threshold;
  in->colouring = self->colouring;
  in->mode = self->mode;
  in->density_limit = self->density_limit;
}

static inline gboolean
in_visible (const StrataQuadrantInput *in,
            gsize                      i)
{
  int t = in->tier[i];

  if (!isfinite (in->x[i]) || !isfinite (in->y[i]))
    return FALSE;
  return !in->tier_hidden[t < 0 ? in->n_tiers : (guint) t];
}

/* As strata_quadrant_chart_classify: ">= threshold is high". */
static inline StrataQuadrant
in_classify (const StrataQuadrantInput *in,
             gsize                      i)
{
  gboolean high_x, high_y;

  if (!isfinite (in->x[i]) || !isfinite (in->y[i]))
    return STRATA_QUADRANT_NONE;
  high_x = in->x[i] >= in->x_threshold;
  high_y = in->y[i] >= in->y_threshold;
  if (high_y)
    return high_x ? STRATA_QUADRANT_A : STRATA_QUADRANT_B;
  return high_x ? STRATA_QUADRANT_C : STRATA_QUADRANT_D;
}

gsize
strata_quadrant_count_visible (const StrataQuadrantInput *in,
                               gboolean                  *piled)
{
  g_autofree guint *bins = NULL;
  gsize n = 0;
  guint max = 0, limit;

  strata_quadrant_note_pass ();
  *piled = FALSE;
  for (gsize i = 0; i < in->n; i++)
    n += in_visible (in, i);
  if (in->mode != STRATA_POINT_MODE_AUTO || n <= 2000 || n > in->density_limit)
    return n;

  bins = g_new0 (guint, PILE_BINS * PILE_BINS);
  limit = MAX (PILE_LIMIT, n / 50);
  for (gsize i = 0; i < in->n && max <= limit; i++)
    if (in_visible (in, i))
      {
        guint bx = MIN ((guint) (in->ux[i] * PILE_BINS), PILE_BINS - 1);
        guint by = MIN ((guint) (in->uy[i] * PILE_BINS), PILE_BINS - 1);
        max = MAX (max, ++bins[by * PILE_BINS + bx]);
      }
  *piled = max > limit;
  return n;
}

void
strata_quadrant_count_quadrants (const StrataQuadrantInput *in,
                                 guint                      counts[4],
                                 double                     share[4])
{
  double revenue[4] = { 0 }, total = 0;

  strata_quadrant_note_pass ();
  for (guint q = 0; q < 4; q++)
    counts[q] = 0;
  for (gsize i = 0; i < in->n; i++)
    {
      StrataQuadrant q;
      if (!in_visible (in, i))
        continue;
      q = in_classify (in, i);
      counts[q - STRATA_QUADRANT_A]++;
      if (in->revenue != NULL && isfinite (in->revenue[i]))
        {
          revenue[q - STRATA_QUADRANT_A] += in->revenue[i];
          total += in->revenue[i];
        }
    }
  for (guint q = 0; q < 4; q++)
    share[q] = total > 0 ? revenue[q] / total : 0;
}

/* The palette of the density cells: the quadrants' or the tiers' colours,
 * the last group (no tier) in the style's density colour. */
StrataRgba *
strata_quadrant_density_palette (StrataQuadrantChart *self,
                                 StrataRgba           density,
                                 guint               *n_groups)
{
  guint groups = self->colouring == STRATA_QUADRANT_COLOUR_BY_QUADRANT ? 4 : self->tiers->len + 1;
  StrataRgba *palette = g_new (StrataRgba, groups);

  for (guint g = 0; g < groups; g++)
    {
      if (self->colouring == STRATA_QUADRANT_COLOUR_BY_QUADRANT)
        palette[g] = strata_quadrant_colour (g + 1);
      else if (g < self->tiers->len)
        palette[g] = g_array_index (self->tiers, StrataTierInfo, g).colour;
      else
        palette[g] = density;
    }
  *n_groups = groups;
  return palette;
}

cairo_surface_t *
strata_quadrant_bin_density (const StrataQuadrantInput *in,
                             int                        cols,
                             int                        rows,
                             const StrataRgba          *palette,
                             guint                      groups,
                             double                    *density_max)
{
  g_autofree guint32 *counts = g_new0 (guint32, (gsize) cols * rows);
  g_autofree guint32 *by_group = g_new0 (guint32, (gsize) cols * rows * groups);
  guint32 max = 0;
  cairo_surface_t *image;
  unsigned char *data;
  int stride;

  strata_quadrant_note_pass ();
  for (gsize i = 0; i < in->n; i++)
    {
      int cx, cy;
      gsize c;
      guint g;
      if (!in_visible (in, i))
        continue;
      cx = MIN ((int) (in->ux[i] * cols), cols - 1);
      cy = MIN ((int) ((1 - in->uy[i]) * rows), rows - 1);
      c = (gsize) cy * cols + cx;
      if (in->colouring == STRATA_QUADRANT_COLOUR_BY_QUADRANT)
        g = in_classify (in, i) - 1;
      else
        g = in->tier[i] >= 0 ? (guint) in->tier[i] : in->n_tiers;
      counts[c]++;
      by_group[c * groups + g]++;
      max = MAX (max, counts[c]);
    }
  *density_max = max;

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cols, rows);
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < rows; y++)
    {
      guint32 *row = (guint32 *) (gpointer) (data + (gsize) y * stride);
      for (int x = 0; x < cols; x++)
        {
          gsize c = (gsize) y * cols + x;
          guint best = 0;
          double a;
          StrataRgba col;
          if (counts[c] == 0)
            {
              row[x] = 0;
              continue;
            }
          /* The cell takes the colour of its most common group; intensity
           * grows with the log of the count so sparse areas stay visible. */
          for (guint g = 1; g < groups; g++)
            if (by_group[c * groups + g] > by_group[c * groups + best])
              best = g;
          col = palette[best];
          a = 0.22 + 0.78 * (max > 1 ? log1p (counts[c]) / log1p (max) : 1);
          row[x] = ((guint32) (a * 255) << 24) | ((guint32) (col.r * a * 255) << 16)
                   | ((guint32) (col.g * a * 255) << 8) | (guint32) (col.b * a * 255);
        }
    }
  cairo_surface_mark_dirty (image);
  return image;
}

/* ---- Jobs ---- */

struct _StrataQuadrantJob
{
  StrataQuadrantChart *chart;
  guint                generation;
  StrataQuadrantInput  in;        /* the chart's arrays (kept by chart->jobs) */
  gboolean            *hidden;    /* a copy of the tier filter */
  gboolean             need_counts;
  gboolean             need_quadrants;
  int                  cols;      /* 0: no density image wanted */
  int                  rows;
  guint                groups;
  StrataRgba          *palette;

  gsize                n_visible;
  gboolean             piled;
  guint                counts[4];
  double               share[4];
  cairo_surface_t     *image;
  double               density_max;
};

StrataQuadrantJob *
strata_quadrant_chart_job_new (StrataQuadrantChart *self)
{
  StrataQuadrantJob *job;

  g_return_val_if_fail (STRATA_IS_QUADRANT_CHART (self), NULL);

  job = g_new0 (StrataQuadrantJob, 1);
  job->chart = g_object_ref (self);
  job->generation = self->generation;
  strata_quadrant_input_init (&job->in, self);
  job->hidden = g_memdup2 (self->tier_hidden, sizeof (gboolean) * (self->tiers->len + 1));
  job->in.tier_hidden = job->hidden;
  job->need_counts = !self->counts_valid;
  job->need_quadrants = self->quadrant_counts[0] == G_MAXUINT;
  if (self->want_cols > 0 && self->want_rows > 0)
    {
      job->cols = self->want_cols;
      job->rows = self->want_rows;
      job->palette = strata_quadrant_density_palette (self, self->cache_colours[1], &job->groups);
    }
  /* Until the job is done, arrays the chart replaces stay alive. */
  self->jobs++;
  return job;
}

void
strata_quadrant_job_run (StrataQuadrantJob *job)
{
  g_return_if_fail (job != NULL);

  if (job->need_counts)
    job->n_visible = strata_quadrant_count_visible (&job->in, &job->piled);
  if (job->need_quadrants)
    strata_quadrant_count_quadrants (&job->in, job->counts, job->share);
  if (job->cols > 0)
    job->image = strata_quadrant_bin_density (&job->in, job->cols, job->rows, job->palette,
                                              job->groups, &job->density_max);
}

gboolean
strata_quadrant_job_finish (StrataQuadrantJob *job)
{
  StrataQuadrantChart *self;
  gboolean current;

  g_return_val_if_fail (job != NULL, FALSE);
  self = job->chart;

  /* Nothing changed since the job started: its figures are the chart's. */
  current = job->generation == self->generation;
  if (current && job->need_counts && !self->counts_valid)
    {
      self->counts_valid = self->counts_known = TRUE;
      self->n_visible = job->n_visible;
      self->piled = job->piled;
    }
  if (current && job->need_quadrants && self->quadrant_counts[0] == G_MAXUINT)
    {
      memcpy (self->quadrant_counts, job->counts, sizeof job->counts);
      memcpy (self->quadrant_share, job->share, sizeof job->share);
      memcpy (self->stale_counts, job->counts, sizeof job->counts);
      memcpy (self->stale_share, job->share, sizeof job->share);
      self->quadrants_known = TRUE;
    }
  if (current && job->image != NULL)
    {
      g_clear_pointer (&self->density_cache, cairo_surface_destroy);
      g_clear_pointer (&self->density_stale, cairo_surface_destroy);
      self->density_cache = g_steal_pointer (&job->image);
      self->density_cols = job->cols;
      self->density_rows = job->rows;
      self->density_max = job->density_max;
    }
  strata_quadrant_job_free (job);
  return current;
}

void
strata_quadrant_job_free (StrataQuadrantJob *job)
{
  StrataQuadrantChart *self;

  if (job == NULL)
    return;
  self = job->chart;
  g_assert (self->jobs > 0);
  if (--self->jobs == 0)
    g_ptr_array_set_size (self->graveyard, 0);
  g_clear_pointer (&job->image, cairo_surface_destroy);
  g_free (job->hidden);
  g_free (job->palette);
  g_object_unref (self);
  g_free (job);
}

typedef struct
{
  gpointer       data;
  GDestroyNotify free_func;
} Grave;

void
strata_quadrant_grave_free (gpointer data)
{
  Grave *grave = data;

  grave->free_func (grave->data);
  g_free (grave);
}

void
strata_quadrant_chart_retire_full (StrataQuadrantChart *self,
                                   gpointer            *data,
                                   GDestroyNotify       free_func)
{
  Grave *grave;

  if (*data == NULL)
    return;
  if (self->jobs == 0)
    {
      free_func (g_steal_pointer (data));
      return;
    }
  grave = g_new (Grave, 1);
  grave->data = g_steal_pointer (data);
  grave->free_func = free_func;
  g_ptr_array_add (self->graveyard, grave);
}

void
strata_quadrant_chart_retire (StrataQuadrantChart *self,
                              gpointer            *array)
{
  strata_quadrant_chart_retire_full (self, array, g_free);
}
