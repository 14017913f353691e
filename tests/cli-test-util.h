/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Running strata-cli as a user would: the binary in $STRATA_CLI. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a run left, for tests that keep it together. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

void cli_run_clear (CliRun *r);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* Runs $STRATA_CLI with the NULL-terminated arguments and returns its exit
 * status; fills out and err with what it wrote (either may be NULL: that
 * output is dropped). Fails the test when it cannot start or dies from a
 * signal. */
int run_cli   (char        **out,
               char        **err,
               const char   *first,
               ...) G_GNUC_NULL_TERMINATED;
/* The same with an argument vector (NULL-terminated). */
int run_cli_v (char        **out,
               char        **err,
               const char  *const *args);

/* strata-cli score --period 2026-Q3 and strata-cli periods of path print
 * what tests/fixtures/DIR/score-2026-Q3.csv and periods.txt hold: what the
 * release that wrote a workspace fixture printed for it. */
void cli_test_assert_fixture_output (const char *path,
                                     const char *fixture_dir);

G_END_DECLS
