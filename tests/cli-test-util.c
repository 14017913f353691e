/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sys/wait.h>

#include "cli-test-util.h"

int
run_cli_v (char              **out,
           char              **err,
           const char *const  *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("STRATA_CLI");
  GSpawnFlags flags = G_SPAWN_DEFAULT;
  int status = -1;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  if (out == NULL)
    flags |= G_SPAWN_STDOUT_TO_DEV_NULL;
  if (err == NULL)
    flags |= G_SPAWN_STDERR_TO_DEV_NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, flags, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

int
run_cli (char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return run_cli_v (out, err, (const char *const *) args->pdata);
}

void
cli_run_clear (CliRun *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

void
cli_test_assert_fixture_output (const char *path,
                                const char *fixture_dir)
{
  g_autofree char *score_file = g_test_build_filename (G_TEST_DIST, "fixtures", fixture_dir, "score-2026-Q3.csv", NULL);
  g_autofree char *periods_file = g_test_build_filename (G_TEST_DIST, "fixtures", fixture_dir, "periods.txt", NULL);
  g_autofree char *expected = NULL, *expected_periods = NULL;
  g_auto(CliRun) r = { 0 };
  g_auto(CliRun) p = { 0 };

  g_assert_true (g_file_get_contents (score_file, &expected, NULL, NULL));
  r.status = run_cli (&r.out, &r.err, "score", path, "--period", "2026-Q3", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, expected);
  g_assert_true (g_file_get_contents (periods_file, &expected_periods, NULL, NULL));
  p.status = run_cli (&p.out, &p.err, "periods", path, NULL);
  g_assert_cmpint (p.status, ==, 0);
  g_assert_cmpstr (p.out, ==, expected_periods);
}
