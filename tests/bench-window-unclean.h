/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-window's steps on a workspace left by an unclean shutdown (issue
 * 18 items 1 and 4: the whole-file check runs then, and the window must
 * not freeze for it): the file is made unclean afresh before each open (a
 * -wal left with a committed transaction, as a crash leaves it:
 * unclean-test-util.h), and opened in a new window of the application
 * - as the window does it: the check on a worker, the window painting it;
 * - the alternative, as before: the same open with its check on the main
 *   thread (strata_workspace_open, then the window opens the file it holds).
 * Each until the first frame after the open and until the Customers page
 * lists its rows; the stall and the main thread's CPU over the whole
 * open. Rounds alternate which goes first. The window is closed and let go
 * of (its background full check done) before the next round. Included by
 * bench-window.c after its helpers (print_row, until_painted, stall). */
#pragma once

#include "strata-window-private.h"
#include "strata-workspace-private.h"
#include "unclean-test-util.h"

typedef struct
{
  double frame_ms, frame_stall, frame_cpu;
  double rows_ms, rows_cond, stall, cpu;
  double frame_turn, turn;   /* the longest turn's CPU: until the first frame, over the open */
  double frame_wait, wait;   /* the main thread's time waiting for a core */
  char  *shown;              /* what the first frame showed */
} UncleanOpen;

static gboolean
unclean_rows_shown (gpointer data)
{
  StrataWindow *window = data;
  GtkWidget *page;

  if (strata_window_get_context (window) == NULL)
    return FALSE;
  page = strata_window_get_page (window, "customers");
  return !strata_page_get_loading (STRATA_PAGE (page)) &&
         g_list_model_get_n_items (strata_customers_page_get_model (STRATA_CUSTOMERS_PAGE (page))) > 0;
}

static const char *
unclean_shown (StrataWindow *window)
{
  GtkStack *stack = GTK_STACK (bench_find (GTK_WIDGET (window), GTK_TYPE_STACK, "main_stack", 0));
  const char *child = gtk_stack_get_visible_child_name (stack);

  if (g_strcmp0 (child, "checking") == 0)
    return "the check shown";
  if (strata_window_get_context (window) == NULL)
    return child;
  if (strata_page_get_loading (STRATA_PAGE (strata_window_get_page (window, "customers"))))
    return "the page's spinner shown";
  return "the rows shown";
}

static void
unclean_open (GApplication *app,
              const char   *path,
              gboolean      on_main_thread,
              UncleanOpen  *out)
{
  g_autoptr(GError) error = NULL;
  StrataWindow *window = strata_window_new (ADW_APPLICATION (app));
  BenchFrames frames = { 0 };
  TurnWatch turns = { 0 };
  double cpu, wait;
  guint paints, turn_id;
  gint64 t, deadline;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  bench_watch_frames (GTK_WIDGET (window), &frames);
  bench_run_for (200);
  unclean_test_make (path);

  turn_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, turn_beat, &turns, NULL);
  turn_watch_reset (&turns);
  wait = thread_wait_ms ();
  cpu = bench_thread_cpu_ms ();
  stall_reset ();
  t = g_get_monotonic_time ();
  if (on_main_thread)
    {
      g_autoptr(StrataWorkspace) checked = strata_workspace_open (path, NULL, &error);

      if (checked == NULL)
        g_error ("%s", error->message);
      if (!strata_workspace_get_was_unclean (checked))
        g_error ("%s was not taken for unclean", path);
      /* The window's open shares the connection's lock: no second check. */
      if (!strata_window_open_path (window, path, &error))
        g_error ("%s", error->message);
    }
  else if (!strata_window_open_path (window, path, &error))
    g_error ("%s", error->message);
  paints = frames.paints;
  while (frames.paints == paints)
    g_main_context_iteration (NULL, TRUE);
  out->frame_ms = (frames.last_paint - t) / 1000.0;
  out->frame_stall = bench_stall_ms (&stall);
  out->frame_cpu = bench_thread_cpu_ms () - cpu;
  out->frame_turn = turns.most_cpu;
  out->frame_wait = thread_wait_ms () - wait;
  out->shown = g_strdup (unclean_shown (window));
  out->rows_ms = until_painted (t, unclean_rows_shown, window, &frames);
  out->rows_cond = cond_ms;
  out->stall = bench_stall_ms (&stall);
  out->cpu = bench_thread_cpu_ms () - cpu;
  out->turn = turns.most_cpu;
  out->wait = thread_wait_ms () - wait;
  g_source_remove (turn_id);
  /* Checked once, on the worker whose connection the window took. */
  if (!on_main_thread &&
      !strata_workspace_get_was_unclean (strata_context_get_workspace (strata_window_get_context (window))))
    g_error ("%s: the window's connection is not the checked one", path);

  /* Closed, and the file let go of once the window's background full
   * check is done. (The window itself is not always finalized soon after
   * gtk_window_destroy: its workspace is closed first, by hand.) */
  strata_window_set_workspace (window, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;
  while (!unclean_test_lock_free (path))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s: still open %d s after its window closed", path, TIMEOUT_S);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
unclean_print (const char  *what,
               UncleanOpen *o)
{
  g_autofree char *frame = g_strdup_printf ("%s: first frame painted", what);
  g_autofree char *rows = g_strdup_printf ("%s: rows listed", what);
  g_autofree char *note = g_strdup_printf ("(%s; longest turn's CPU %.1f ms; waiting for a core %.0f ms)",
                                          o->shown, o->frame_turn, o->frame_wait);
  g_autofree char *whole = g_strdup_printf ("(stall and CPU: the whole open; longest turn's CPU %.1f ms; "
                                           "waiting for a core %.0f ms)", o->turn, o->wait);

  cond_ms = o->frame_ms;
  print_row (frame, o->frame_ms, o->frame_stall, o->frame_cpu, note);
  cond_ms = o->rows_cond;
  print_row (rows, o->rows_ms, o->stall, o->cpu, whole);
}

static void
unclean_steps (GApplication *app,
               const char   *path,
               guint         rounds)
{
  printf ("\nopening the file left by an unclean shutdown (made so afresh before each open), in a new window:\n");
  fflush (stdout);
  for (guint r = 0; r < rounds; r++)
    for (guint k = 0; k < 2; k++)
      {
        gboolean main_thread = (k + r) % 2 == 1;
        UncleanOpen o = { 0 };

        unclean_open (app, path, main_thread, &o);
        unclean_print (main_thread ? "alternative: unclean, check on the main thread"
                                   : "unclean open, check on a worker", &o);
        g_free (o.shown);
        fflush (stdout);
      }
}
