/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the window benchmarks share (bench-window, bench-review): the
 * process set up as a window of its own, the application and its window
 * opened with the main thread's heartbeat, frames counted, waiting until a
 * condition holds and a frame is painted, and finding a widget by name.
 * Header-only, as bench-util.h: each benchmark is one executable. */
#pragma once

#include <adwaita.h>
#include <stdio.h>

#include "bench-util.h"

#include "strata-application.h"
#include "strata-customer-view.h"
#include "strata-row-list.h"
#include "strata-window.h"

/* The frames painted of one window. */
typedef struct
{
  guint  paints;
  gint64 last_paint;
} BenchFrames;

typedef gboolean (*BenchCond) (gpointer data);

static inline void
bench_print_load (void)
{
  g_autofree char *load = NULL;

  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    printf ("machine load (1, 5, 15 min; running/all; last pid): %s", load);
}

/* Settings in memory, files of its own in dir, no session bus (the process
 * is the application): the run changes nothing of the user's. Then GTK and
 * libadwaita, and the machine's load printed. */
static inline void
bench_window_init (const char *argv0,
                   const char *dir)
{
  g_autofree char *data_home = g_build_filename (dir, "data", NULL);
  g_autofree char *schemas = bench_build_path (argv0, "GSETTINGS_SCHEMA_DIR", "data");

  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, FALSE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  gtk_init ();
  adw_init ();
  bench_print_load ();
}

/* Runs the main loop for ms, so that a step's trailing work (a chart's
 * first draw, a second frame) counts in its stall. */
static inline void
bench_run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

static inline void
bench_after_paint (GdkFrameClock *clock,
                   BenchFrames   *frames)
{
  frames->paints++;
  frames->last_paint = g_get_monotonic_time ();
}

/* A frame clock that keeps running: "the next frame" always comes. */
static inline gboolean
bench_keep_ticking (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       data)
{
  return G_SOURCE_CONTINUE;
}

static inline void
bench_watch_frames (GtkWidget   *window,
                    BenchFrames *frames)
{
  gtk_widget_add_tick_callback (window, bench_keep_ticking, NULL, NULL);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (bench_after_paint), frames);
}

/* Iterates until cond holds, then until frames has painted once more: the
 * ms from t0 to that paint, -1 after timeout_s. *cond_ms (may be NULL):
 * the ms from t0 until cond held, -1 if it did not. */
static inline double
bench_until_painted (gint64       t0,
                     BenchCond    cond,
                     gpointer     data,
                     BenchFrames *frames,
                     guint        timeout_s,
                     double      *cond_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  guint paints;

  if (cond_ms != NULL)
    *cond_ms = -1;
  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        return -1;
      g_main_context_iteration (NULL, TRUE);
    }
  if (cond_ms != NULL)
    *cond_ms = (g_get_monotonic_time () - t0) / 1000.0;
  paints = frames->paints;
  while (frames->paints == paints)
    {
      if (g_get_monotonic_time () > deadline)
        return -1;
      g_main_context_iteration (NULL, TRUE);
    }
  return (frames->last_paint - t0) / 1000.0;
}

/* The application (app_id, registered, held and activated) and its window
 * at 1400 x 900, mapped, its frames counted into frames and 200 ms
 * settled; the heartbeat of stall runs from now on (*beat_id, for
 * g_source_remove). */
static inline StrataWindow *
bench_open_window (const char    *app_id,
                   BenchStall    *stall,
                   BenchFrames   *frames,
                   GApplication **app,
                   guint         *beat_id)
{
  g_autoptr(GError) error = NULL;
  StrataWindow *window;

  *app = g_object_new (STRATA_TYPE_APPLICATION,
                       "application-id", app_id,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/strata/Strata",
                       NULL);
  if (!g_application_register (*app, NULL, &error))
    g_error ("%s", error->message);
  g_application_hold (*app);
  g_application_activate (*app);
  window = STRATA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (*app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  *beat_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, bench_stall_beat, stall, NULL);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  bench_watch_frames (GTK_WIDGET (window), frames);
  bench_run_for (200);
  return window;
}

/* Closes what bench_open_window opened, then removes the demo workspace
 * at path (NULL: none) and dir with the files in it. */
static inline void
bench_close_window (StrataWindow *window,
                    GApplication *app,
                    guint         beat_id,
                    const char   *path,
                    const char   *dir)
{
  g_source_remove (beat_id);
  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (app);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (path != NULL)
    bench_remove_workspace (path);
  bench_remove_dir (dir);
}

static inline GtkWidget *
bench_find_nth (GtkWidget  *root,
                GType       type,
                const char *name,
                guint      *nth)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (g_strcmp0 (gtk_widget_get_name (root), name) == 0 ||
       g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), name) == 0) &&
      (*nth)-- == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = bench_find_nth (c, type, name, nth);

      if (found)
        return found;
    }
  return NULL;
}

/* The nth widget of type under root whose widget name or buildable id (its
 * id in the .ui template) is name; aborts when there is none: a benchmark
 * that cannot find what it times measures nothing. */
static inline GtkWidget *
bench_find (GtkWidget  *root,
            GType       type,
            const char *name,
            guint       nth)
{
  GtkWidget *w = bench_find_nth (root, type, name, &nth);

  if (w == NULL)
    g_error ("no %s called %s", g_type_name (type), name);
  return w;
}

/* The Customers page's named alternative (GtkSortListModel and
 * GtkFilterListModel over StrataCustomerRow items), in bench-window and
 * bench-customers-page: two items compared by the page's own comparison,
 * sign -1 for descending, as a GtkOrdering; an item matched by its filter. */
static inline GtkOrdering
bench_compare_rows (const StrataCustomerColumns *cols,
                    StrataCustomerSort           column,
                    int                          sign,
                    gconstpointer                a,
                    gconstpointer                b)
{
  int c = sign * strata_customer_view_compare (cols, column,
                                               strata_customer_row_get_row ((gpointer) a),
                                               strata_customer_row_get_row ((gpointer) b));

  return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static inline gboolean
bench_row_matches (const StrataCustomerColumns *cols,
                   const StrataCustomerFilter  *filter,
                   gpointer                     item)
{
  return strata_customer_view_matches (cols, filter, strata_customer_row_get_row (item));
}
