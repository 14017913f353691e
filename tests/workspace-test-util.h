/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the tests that need a workspace file: a temporary folder that
 * goes away with everything in it, a seeded workspace in it, and SQL. */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

typedef struct
{
  char            *dir;    /* a new temporary folder */
  char            *path;   /* dir/name */
  StrataWorkspace *ws;     /* seeded (strata_seed_create_workspace) at path */
} TestWorkspace;

/* A new folder in the temporary folder, named prefix-XXXXXX. */
char *test_make_tmp_dir        (const char      *prefix);
/* Removes dir and everything below it. */
void  test_remove_dir          (const char      *dir);

/* Fills t: a temporary folder and a seeded workspace named name in it. */
void  test_workspace_setup     (TestWorkspace   *t,
                                const char      *prefix,
                                const char      *name);
/* The folder only, t->ws NULL: for tests that create the file themselves. */
void  test_workspace_setup_dir (TestWorkspace   *t,
                                const char      *prefix,
                                const char      *name);
/* The folder, and in it a copy of tests/fixtures/subdir/fixture named
 * demo.strata (an old format's file, which the test then opens). */
void  test_workspace_setup_copy (TestWorkspace  *t,
                                 const char     *prefix,
                                 const char     *subdir,
                                 const char     *fixture);
/* Closes the workspace and removes the folder. */
void  test_workspace_teardown  (TestWorkspace   *t);

/* The same as g_test_add fixture functions, the folder's prefix as the
 * test data: g_test_add (path, TestWorkspace, "strata-import",
 * test_workspace_fixture_setup_dir, func, test_workspace_fixture_teardown)
 * gives each test a folder and the path test.strata in it (not created). */
void  test_workspace_fixture_setup_dir (TestWorkspace *t,
                                        gconstpointer  prefix);
void  test_workspace_fixture_teardown  (TestWorkspace *t,
                                        gconstpointer  data);

/* Runs sql on ws; fails the test on an error. */
void  test_workspace_exec      (StrataWorkspace *ws,
                                const char      *sql);
/* Sets a metric value with SQL (the customer must be in the period). */
void  test_workspace_set_value (StrataWorkspace *ws,
                                gint64           period_id,
                                gint64           customer_id,
                                const char      *metric,
                                double           value);

/* The first column of the first row of sql (a count...). */
gint64 test_query_int          (StrataWorkspace *ws,
                                const char      *sql);
/* The same as a double. */
double test_query_double       (StrataWorkspace *ws,
                                const char      *sql);
/* The same as text (NULL for NULL), to free. */
char  *test_query_text         (StrataWorkspace *ws,
                                const char      *sql);

/* The id of the period named name; fails the test when there is none. */
gint64 test_period_id          (StrataWorkspace *ws,
                                const char      *name);

/* A list model's items-changed signals: how many, and what the last said. */
typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
} TestChanges;

/* Counts model's items-changed into c from now on (c zeroed first; it
 * must outlive model or the test). */
void  test_changes_watch       (GListModel        *model,
                                TestChanges       *c);
/* Fails the test unless c holds these. */
void  test_assert_changes      (const TestChanges *c,
                                guint              calls,
                                guint              position,
                                guint              removed,
                                guint              added);

G_END_DECLS
