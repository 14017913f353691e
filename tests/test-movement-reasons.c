/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The movers' reasons are kept as facts and formatted only when shown: on a
 * generated workspace (the demo, 1,500 customers, two quarters), every
 * mover's reasons, formatted once the movement is made and its periods'
 * results are gone, equal the lines the movement wrote out eagerly before
 * (tests/fixtures/movement-reasons-demo.txt, written by `strata-cli
 * movement --format json` of the build before, at d30bace), in the same
 * order, mover by mover; a restated movement too. */
#include "config.h"

#include <locale.h>

#include "strata-demo.h"
#include "strata-movement.h"
#include "workspace-test-util.h"

#define N_CUSTOMERS 1500

static char *dir;
static char *path;

/* kind TAB ext id TAB reason TAB reason ..., one line per mover, in the
 * movement's order; a line "restated" between the plain and the restated
 * movement. */
static GString *
describe (StrataMovement *movement)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < STRATA_N_MOVE_KINDS; k++)
    {
      GPtrArray *movers = strata_movement_get_movers (movement, k);

      for (guint i = 0; i < movers->len; i++)
        {
          const StrataMover *m = movers->pdata[i];
          g_autofree char *joined = strata_mover_describe_reasons (m, "\t");
          GString *again = g_string_new (NULL);

          g_string_append_printf (out, "%s\t%s", strata_move_kind_to_string (k), m->ext_id);
          for (guint r = 0; r < strata_mover_get_n_reasons (m); r++)
            {
              g_autofree char *text = strata_mover_format_reason (m, r);

              g_assert_cmpuint (strata_mover_get_reason (m, r)->kind, <=, STRATA_REASON_PRESENCE);
              g_string_append_printf (out, "\t%s", text);
              g_string_append_printf (again, "%s%s", r ? "\t" : "", text);
            }
          /* describe_reasons is the same lines joined. */
          g_assert_cmpstr (joined, ==, again->str);
          g_string_free (again, TRUE);
          g_string_append_c (out, '\n');
        }
    }
  return out;
}

static gint64
period_id (StrataWorkspace *ws,
           guint            index)
{
  g_autofree char *name = strata_demo_period_name (index, 2);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM periods WHERE name = '%s'", name);

  return test_query_int (ws, sql);
}

static void
test_lazy_equals_eager (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (path, NULL, &error);
  g_autoptr(StrataMovement) plain = NULL;
  g_autoptr(StrataMovement) restated = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                    "movement-reasons-demo.txt", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GString) got = NULL;
  g_auto(GStrv) want_lines = NULL;
  g_auto(GStrv) got_lines = NULL;
  guint n_reasons = 0;

  g_assert_no_error (error);
  plain = strata_movement_compute (ws, period_id (ws, 0), period_id (ws, 1), FALSE, &error);
  g_assert_no_error (error);
  restated = strata_movement_compute (ws, period_id (ws, 0), period_id (ws, 1), TRUE, &error);
  g_assert_no_error (error);
  /* The periods are read, scored and freed inside compute: whatever the
   * lines need now is the movement's own. */
  got = describe (plain);
  g_string_append (got, "restated\n");
  {
    g_autoptr(GString) r = describe (restated);
    g_string_append (got, r->str);
  }

  g_assert_true (g_file_get_contents (fixture, &expected, NULL, &error));
  g_assert_no_error (error);
  want_lines = g_strsplit (expected, "\n", -1);
  got_lines = g_strsplit (got->str, "\n", -1);
  for (guint i = 0; want_lines[i] != NULL && got_lines[i] != NULL; i++)
    {
      g_assert_cmpstr (got_lines[i], ==, want_lines[i]);
      for (const char *c = got_lines[i]; *c; c++)
        n_reasons += *c == '\t';
    }
  g_assert_cmpuint (g_strv_length (got_lines), ==, g_strv_length (want_lines));
  /* Enough movers and reasons to mean something: hundreds of each. */
  g_assert_cmpuint (g_strv_length (got_lines), >, 200);
  g_assert_cmpuint (n_reasons, >, 1000);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  dir = test_make_tmp_dir ("strata-movement-reasons-XXXXXX");
  path = g_build_filename (dir, "demo.strata", NULL);
  g_assert_true (strata_demo_write (path, N_CUSTOMERS, STRATA_DEMO_DEFAULT_SEED, 2,
                                    STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/movement-reasons/lazy-equals-eager", test_lazy_equals_eager);
  status = g_test_run ();

  test_remove_dir (dir);
  g_free (path);
  g_free (dir);
  return status;
}
