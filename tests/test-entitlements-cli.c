/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli entitlements: output in CSV and JSON, exit codes and one-line
 * messages, run as a user would run it. */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "cli-test-util.h"
#include "strata-entitlements.h"
#include "workspace-test-util.h"

typedef TestWorkspace Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataEntitlements) m = NULL;

  test_workspace_setup (f, "strata-ent-cli", "demo.strata");
  m = strata_entitlements_new (f->ws, &error);
  g_assert_no_error (error);
  /* An edit the CLI must show: it reads the file, not the defaults. */
  g_assert_true (strata_entitlements_set_value (m, strata_entitlements_lookup_key (m, "order_discount")->id,
                                                "B", "11", &error));
  /* The CLI alone has the file open. */
  g_clear_object (&m);
  g_clear_object (&f->ws);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_workspace_teardown (f);
}

static void
assert_one_line (const char *err)
{
  g_assert_true (g_str_has_prefix (err, "strata-cli: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_cli (&out, &err, "entitlements", f->path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (out, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 18);
  g_assert_cmpstr (lines[0], ==, "stage,key,entitlement,kind,unit,levels,direction,A,B,C,D,E,cost_per_customer");
  g_assert_cmpstr (lines[3], ==, "Contract,order_discount,Order discount,number,%,,higher,15,11,6,3,0,");
  g_assert_cmpstr (lines[17], ==, "");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "entitlements", "--format", "csv", f->path, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "stage,key,"));
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *discount, *values;
  JsonArray *stages;

  g_assert_cmpint (run_cli (&out, &err, "entitlements", f->path, "--format=json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  stages = json_object_get_array_member (root, "stages");
  g_assert_cmpuint (json_array_get_length (stages), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stages, 1), "key"),
                   ==, "contract");
  discount = json_array_get_object_element (
               json_object_get_array_member (json_array_get_object_element (stages, 1), "entitlements"), 0);
  g_assert_cmpstr (json_object_get_string_member (discount, "key"), ==, "order_discount");
  g_assert_cmpstr (json_object_get_string_member (discount, "unit"), ==, "%");
  values = json_object_get_object_member (discount, "values");
  g_assert_cmpfloat (json_object_get_double_member (values, "A"), ==, 15);
  g_assert_cmpfloat (json_object_get_double_member (values, "B"), ==, 11);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "tiers")), ==, 5);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.strata", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  struct { int code; const char *contains; const char *args[4]; } cases[] = {
    { 1, "a workspace file is needed", { NULL } },
    { 1, "only one workspace file", { f->path, f->path, NULL } },
    { 1, "unknown format “xml”: use csv or json", { "--format", "xml", f->path, NULL } },
    { 1, "Unknown option --colour", { "--colour", f->path, NULL } },
    { 2, "missing.strata", { missing, NULL } },
    { 2, "notes.txt", { text, NULL } },
  };

  g_assert_true (g_file_set_contents (text, "not a workspace\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("case %u", i);
      g_assert_cmpint (run_cli (&out, &err, "entitlements", cases[i].args[0], cases[i].args[1],
                                cases[i].args[2], cases[i].args[3], NULL), ==, cases[i].code);
      g_assert_cmpstr (out, ==, "");
      assert_one_line (err);
      g_assert_nonnull (strstr (err, cases[i].contains));
    }
  /* The refused text file is left as it was. */
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (text, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "not a workspace\n");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/entitlements-cli/csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/entitlements-cli/json", Fixture, NULL, fixture_setup, test_json, fixture_teardown);
  g_test_add ("/entitlements-cli/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  return g_test_run ();
}
