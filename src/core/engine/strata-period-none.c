/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifdef __linux__
#define _GNU_SOURCE  /* memfd_create */
#endif
#include "config.h"

#include <math.h>
#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif

#include "strata-period-data-private.h"

/* The column of metrics without any value: one array of NaN for the whole
 * process (8 MB at a million customers, once instead of once per data set
 * held), counted, freed with its last holder. A data set takes the longest
 * one alive that is long enough, else a new one (a power of two long, so
 * that a slightly bigger period shares it too).
 *
 * On Linux a long one is one 64 KB page of NaN (a memfd) mapped read-only
 * again and again: a left-out metric's column (a subset load) reads as
 * missing, but until something reads it no page of it is resident (a
 * read maps pages, which RSS counts, but the machine holds the one page
 * however long the column). */
typedef struct
{
  double   *values;
  gsize     len;
  guint     holders;
  gboolean  mapped;   /* by map_nans (else g_new) */
} NoneColumn;

G_LOCK_DEFINE_STATIC (nones);
static GArray *nones;

#define CHUNK_VALUES (64 * 1024 / sizeof (double))

#ifdef __linux__
static int chunk_fd = -1;    /* the page of NaN, made once (under the lock) */

/* len NaN (a multiple of CHUNK_VALUES) as the one chunk mapped len /
 * CHUNK_VALUES times, or NULL (then the caller fills an array). */
static double *
map_nans (gsize len)
{
  gsize bytes = len * sizeof (double), chunk = CHUNK_VALUES * sizeof (double);
  guint8 *region;

  if (len < CHUNK_VALUES || len % CHUNK_VALUES != 0)
    return NULL;
  if (chunk_fd < 0)
    {
      int fd = memfd_create ("strata-none", MFD_CLOEXEC);
      double *fill;

      if (fd < 0)
        return NULL;
      if (ftruncate (fd, chunk) != 0 ||
          (fill = mmap (NULL, chunk, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED)
        {
          close (fd);
          return NULL;
        }
      for (gsize i = 0; i < CHUNK_VALUES; i++)
        fill[i] = NAN;
      munmap (fill, chunk);
      chunk_fd = fd;
    }
  /* Address space for all of it, then the chunk over each part. */
  region = mmap (NULL, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED)
    return NULL;
  for (gsize off = 0; off < bytes; off += chunk)
    if (mmap (region + off, chunk, PROT_READ, MAP_SHARED | MAP_FIXED, chunk_fd, 0) == MAP_FAILED)
      {
        munmap (region, bytes);
        return NULL;
      }
  return (double *) (gpointer) region;
}
#else
static double *
map_nans (gsize len)
{
  return NULL;
}
#endif

double *
strata_period_none_acquire (gsize n)
{
  NoneColumn *best = NULL;
  NoneColumn fresh = { NULL, 1024, 0, FALSE };
  double *values;

  G_LOCK (nones);
  if (nones == NULL)
    nones = g_array_new (FALSE, FALSE, sizeof (NoneColumn));
  for (guint i = 0; i < nones->len; i++)
    {
      NoneColumn *c = &g_array_index (nones, NoneColumn, i);

      if (c->len >= n && (best == NULL || c->len > best->len))
        best = c;
    }
  if (best == NULL)
    {
      while (fresh.len < n)
        fresh.len *= 2;
      fresh.values = map_nans (fresh.len);
      fresh.mapped = fresh.values != NULL;
      if (fresh.values == NULL)
        {
          fresh.values = g_new (double, fresh.len);
          for (gsize i = 0; i < fresh.len; i++)
            fresh.values[i] = NAN;
        }
      g_array_append_val (nones, fresh);
      best = &g_array_index (nones, NoneColumn, nones->len - 1);
    }
  best->holders++;
  values = best->values;
  G_UNLOCK (nones);
  return values;
}

void
strata_period_none_release (double *values)
{
  G_LOCK (nones);
  for (guint i = 0; nones != NULL && i < nones->len; i++)
    {
      NoneColumn *c = &g_array_index (nones, NoneColumn, i);

      if (c->values == values && --c->holders == 0)
        {
#ifdef __linux__
          if (c->mapped)
            munmap (c->values, c->len * sizeof (double));
          else
#endif
            g_free (c->values);
          g_array_remove_index_fast (nones, i);
          break;
        }
    }
  G_UNLOCK (nones);
}
