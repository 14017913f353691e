/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the benchmarks share: wall clock, medians, sizes from the command
 * line or the environment, dropping a file from the OS page cache (a cold
 * figure), and timing a whole command as a process from start to exit (what
 * a user waits for). Header-only: each benchmark is one executable. */
#pragma once

#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Resident memory in MB (/proc/self/status): field "VmRSS:" now,
 * "RssAnon:" its anonymous part, "VmHWM:" the most since the last
 * bench_reset_peak(); -1 where the kernel does not say. */
static inline double
bench_status_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (p = strstr (status, field)) == NULL)
    return -1;
  return g_ascii_strtod (p + strlen (field), NULL) / 1024;
}

/* Starts VmHWM again from the current resident size (clear_refs 5). */
static inline void
bench_reset_peak (void)
{
  FILE *refs = fopen ("/proc/self/clear_refs", "w");

  if (refs != NULL)
    {
      fputs ("5", refs);
      fclose (refs);
    }
}

static inline double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

static inline int
bench_cmp_double (const void *a,
                  const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts v. */
static inline double
bench_median (double *v,
              guint   n)
{
  qsort (v, n, sizeof *v, bench_cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* A size: the option when given (> 0), else the environment variable, else
 * the default. Full-size runs are the defaults; meson's benchmark() and the
 * bench-smoke tests pass small ones. */
static inline guint
bench_size (int         option,
            const char *env,
            guint       fallback)
{
  const char *value = g_getenv (env);

  if (option > 0)
    return (guint) option;
  if (value != NULL && *value != '\0')
    return (guint) g_ascii_strtoull (value, NULL, 10);
  return fallback;
}

/* A program of the build tree: $ENV when set (meson sets STRATA_CLI), else
 * relative to this benchmark (tests/ and src/ are siblings in _build). */
static inline char *
bench_build_path (const char *argv0,
                  const char *env,
                  const char *relative)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (env != NULL && g_getenv (env) != NULL)
    return g_strdup (g_getenv (env));
  dir = g_path_get_dirname (argv0);
  path = g_build_filename (dir, "..", relative, NULL);
  return g_canonicalize_filename (path, NULL);
}

/* Share of path's pages in the OS page cache, 0 to 1 (-1: cannot tell). */
static inline double
bench_resident (const char *path)
{
  long page = sysconf (_SC_PAGESIZE);
  struct stat st;
  unsigned char *vec;
  void *map;
  gsize n, in = 0;
  int fd = g_open (path, O_RDONLY, 0);

  if (fd < 0)
    return -1;
  if (fstat (fd, &st) != 0 || st.st_size == 0)
    {
      close (fd);
      return st.st_size == 0 ? 0 : -1;
    }
  map = mmap (NULL, st.st_size, PROT_READ, MAP_SHARED, fd, 0);
  close (fd);
  if (map == MAP_FAILED)
    return -1;
  n = (st.st_size + page - 1) / page;
  vec = g_malloc (n);
  if (mincore (map, st.st_size, vec) == 0)
    for (gsize i = 0; i < n; i++)
      in += vec[i] & 1;
  else
    in = G_MAXSIZE;
  munmap (map, st.st_size);
  g_free (vec);
  return in == G_MAXSIZE ? -1 : (double) in / n;
}

static inline void
bench_drop_one (const char *path)
{
  int fd = g_open (path, O_RDONLY, 0);

  if (fd < 0)
    return;
  fdatasync (fd);
  posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
  close (fd);
}

/* Drops path (and its -wal and -shm) from the OS page cache so that the
 * next read comes from the disk. Returns a label for the figure that
 * follows: "cold" when at most 1 % of path stayed cached, else says
 * plainly that the cache is warm. Any user may drop the clean pages of a
 * file it can open; pages another process keeps mapped stay. */
static inline const char *
bench_drop_cache (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  double left;

  bench_drop_one (path);
  bench_drop_one (wal);
  bench_drop_one (shm);
  left = bench_resident (path);
  if (left < 0)
    return "OS cache state unknown";
  return left <= 0.01 ? "cold" : "OS cache WARM (could not drop it)";
}

/* Runs argv (stdout to /dev/null unless keep_stdout) and returns its wall
 * time in ms, from spawn to exit. Aborts when it fails: a benchmark of a
 * command that does not work measures nothing. */
static inline double
bench_spawn_ms (const char * const *argv,
                const char * const *envp,
                gboolean            keep_stdout,
                char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  double t = bench_now_ms ();
  GSpawnFlags flags = G_SPAWN_SEARCH_PATH | (keep_stdout || out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL);

  if (!g_spawn_sync (NULL, (char **) argv, (char **) envp, flags, NULL, NULL,
                     out, &err, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_autofree char *cmd = g_strjoinv (" ", (char **) argv);

      fprintf (stderr, "%s: %s\n%s", cmd, error->message, err ? err : "");
      exit (1);
    }
  return bench_now_ms () - t;
}

/* One line a person reads: "what (how): median ms (median of k)". */
static inline void
bench_print (const char *what,
             const char *how,
             double     *v,
             guint       n)
{
  g_autofree char *label = g_strdup_printf ("%s, %s:", what, how);

  if (n == 1)
    printf ("  %-60s %9.3f ms (1 run)\n", label, v[0]);
  else
    printf ("  %-60s %9.3f ms (median of %u)\n", label, bench_median (v, n), n);
}

static inline void
bench_print_ratio (const char *what,
                   double      ratio)
{
  g_autofree char *label = g_strdup_printf ("%s:", what);

  printf ("  %-60s %9.2f x\n", label, ratio);
}

/* The whole command as a user runs it, as a process from start to exit:
 * `runs` times cold (file dropped from the OS cache before each) and
 * `runs` times warm. Medians in *cold and *warm. */
static inline void
bench_command (const char         *what,
               const char         *file,
               const char * const *argv,
               const char * const *envp,
               guint               runs,
               double             *cold,
               double             *warm)
{
  g_autofree double *c = g_new0 (double, runs);
  g_autofree double *w = g_new0 (double, runs);
  const char *how = "cold";

  for (guint k = 0; k < runs; k++)
    {
      const char *state = bench_drop_cache (file);

      if (g_strcmp0 (state, "cold") != 0)
        how = state;
      c[k] = bench_spawn_ms (argv, envp, FALSE, NULL);
    }
  for (guint k = 0; k < runs; k++)
    w[k] = bench_spawn_ms (argv, envp, FALSE, NULL);
  bench_print (what, how, c, runs);
  bench_print (what, "warm", w, runs);
  *cold = bench_median (c, runs);
  *warm = bench_median (w, runs);
}

/* The calling thread's CPU time: what a step costs a window's main
 * thread, whatever the wall clock waited for. */
static inline double
bench_thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Removes a workspace the benchmark wrote, with its -wal and -shm. */
static inline void
bench_remove_workspace (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* Removes dir and the files in it (not folders). */
static inline void
bench_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

/* How long the main thread went without running a heartbeat: how long a
 * window was frozen (bench-window, bench-review). Add bench_stall_beat as
 * a 1 ms G_PRIORITY_HIGH timeout with the BenchStall as its data. */
typedef struct
{
  gint64 last;
  gint64 worst;
} BenchStall;

static inline gboolean
bench_stall_beat (gpointer data)
{
  BenchStall *stall = data;
  gint64 now = g_get_monotonic_time ();

  stall->worst = MAX (stall->worst, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

static inline void
bench_stall_reset (BenchStall *stall)
{
  stall->last = g_get_monotonic_time ();
  stall->worst = 0;
}

/* The longest stall since the reset, in ms, up to now. */
static inline double
bench_stall_ms (BenchStall *stall)
{
  bench_stall_beat (stall);
  return stall->worst / 1000.0;
}

