/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The default entitlement matrix follows the reader's language: a workspace
 * created in English (the C locale) reads in Chinese through the matrix's
 * API (what the page, the customer detail, the slides and the report show),
 * its CSV and JSON, the PDF report and strata-cli entitlements; one created
 * in Chinese reads in English; a name the user typed stays as typed in
 * every language, through undo and redo; a value picked or typed as shown
 * is stored as the seed stored it. */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cli-test-util.h"
#include "report-test-util.h"
#include "strata-catalog-private.h"
#include "strata-demo.h"
#include "strata-entitlements.h"
#include "strata-i18n.h"
#include "strata-ruleset-store.h"
#include "strata-seed.h"
#include "workspace-test-util.h"

static char *dir;
static char *en_path;   /* a demo written in the C locale */
static char *localedir;

typedef struct
{
  const char *language;
  const char *demand, *presales, *sla, *platinum, *dedicated, *hour, *free;
} Reading;

static const Reading english = { NULL, "Demand", "Pre-sales solution design", "SLA level",
                                 "Platinum", "Dedicated", "1 h", "Free" };
static const Reading zh_cn = { "zh_CN", "需求", "售前方案设计", "SLA 等级", "白金", "专属",
                               "1 小时", "免费" };
static const Reading zh_tw = { "zh_TW", "需求", "售前方案設計", "SLA 等級", "白金", "專屬",
                               "1 小時", "免費" };

/* Reads as a reader of r->language does: the calling thread's catalogue,
 * what a report in that language uses too. */
static StrataCatalog *
read_in (const Reading *r)
{
  StrataCatalog *catalog;

  if (r->language == NULL)
    return NULL;
  catalog = strata_catalog_new_for_language (r->language);
  if (!strata_catalog_has_messages (catalog))
    {
      g_object_unref (catalog);
      return NULL;
    }
  strata_catalog_push_thread_default (catalog);
  return catalog;
}

static void
stop_reading (StrataCatalog *catalog)
{
  if (catalog == NULL)
    return;
  strata_catalog_pop_thread_default (catalog);
  g_object_unref (catalog);
}

static gboolean
have_catalogues (void)
{
  g_autoptr(StrataCatalog) catalog = strata_catalog_new_for_language ("zh_TW");

  if (strata_catalog_has_messages (catalog))
    return TRUE;
  g_test_skip ("the zh_CN and zh_TW catalogues are not built");
  return FALSE;
}

/* The line of the entitlement shown as label; fails the test without one. */
static const StrataEntitlementLine *
find_line (GPtrArray  *lines,
           const char *label)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_str_equal (((StrataEntitlementLine *) lines->pdata[i])->label, label))
      return lines->pdata[i];
  g_error ("no line “%s”", label);
}

/* What tiers A and B get, as people read it, in r's language. */
static void
assert_reads (StrataEntitlements *m,
              const Reading      *r)
{
  g_autoptr(GPtrArray) a = strata_entitlements_list_for_tier (m, "A");
  g_autoptr(GPtrArray) b = strata_entitlements_list_for_tier (m, "B");
  const StrataEntitlementLine *line;

  g_assert_cmpstr (((StrataEntitlementLine *) a->pdata[0])->stage, ==, r->demand);
  line = find_line (a, r->presales);
  g_assert_nonnull (line);
  g_assert_cmpstr (line->stage, ==, r->demand);
  g_assert_cmpstr (line->value, ==, r->dedicated);
  line = find_line (a, r->sla);
  g_assert_nonnull (line);
  g_assert_cmpstr (line->value, ==, r->platinum);
  line = find_line (a, _("SLA response time"));
  g_assert_nonnull (line);
  g_assert_cmpstr (line->value, ==, r->hour);
  /* B's migration off legacy products is "Free". */
  g_assert_cmpstr (((StrataEntitlementLine *) b->pdata[b->len - 1])->value, ==, r->free);
}

/* Every text the seed wrote (stage and entitlement names, units, levels,
 * text values) reads differently in Chinese than in English: none was left
 * out of the names that follow the reader (strata-entitlement-names.c keeps
 * its own list of the seed's strings). */
static void
assert_all_translated (JsonNode *en,
                       JsonNode *zh)
{
  JsonArray *en_stages = json_object_get_array_member (json_node_get_object (en), "stages");
  JsonArray *zh_stages = json_object_get_array_member (json_node_get_object (zh), "stages");
  guint n_texts = 0;

  g_assert_cmpuint (json_array_get_length (en_stages), ==, 5);
  for (guint s = 0; s < json_array_get_length (en_stages); s++)
    {
      JsonObject *es = json_array_get_object_element (en_stages, s);
      JsonObject *zs = json_array_get_object_element (zh_stages, s);
      JsonArray *ee = json_object_get_array_member (es, "entitlements");
      JsonArray *ze = json_object_get_array_member (zs, "entitlements");

      g_assert_cmpstr (json_object_get_string_member (es, "label"), !=,
                       json_object_get_string_member (zs, "label"));
      for (guint i = 0; i < json_array_get_length (ee); i++)
        {
          JsonObject *a = json_array_get_object_element (ee, i);
          JsonObject *b = json_array_get_object_element (ze, i);
          const char *unit = json_object_get_string_member (a, "unit");
          const char *kind = json_object_get_string_member (a, "kind");

          g_test_message ("%s", json_object_get_string_member (a, "key"));
          g_assert_cmpstr (json_object_get_string_member (a, "label"), !=,
                           json_object_get_string_member (b, "label"));
          n_texts++;
          if (*unit && !g_str_equal (unit, "%"))
            {
              g_assert_cmpstr (unit, !=, json_object_get_string_member (b, "unit"));
              n_texts++;
            }
          if (g_str_equal (kind, "level"))
            {
              JsonArray *la = json_object_get_array_member (a, "levels");
              JsonArray *lb = json_object_get_array_member (b, "levels");

              for (guint l = 0; l < json_array_get_length (la); l++, n_texts++)
                g_assert_cmpstr (json_array_get_string_element (la, l), !=,
                                 json_array_get_string_element (lb, l));
            }
          if (g_str_equal (kind, "level") || g_str_equal (kind, "text"))
            {
              JsonObject *va = json_object_get_object_member (a, "values");
              JsonObject *vb = json_object_get_object_member (b, "values");
              const char *tiers[] = { "A", "B", "C", "D", "E" };

              for (guint t = 0; t < G_N_ELEMENTS (tiers); t++, n_texts++)
                g_assert_cmpstr (json_object_get_string_member (va, tiers[t]), !=,
                                 json_object_get_string_member (vb, tiers[t]));
            }
        }
    }
  /* 16 names, 3 units, 10 levels, 15 level and 5 text values. */
  g_assert_cmpuint (n_texts, ==, 16 + 3 + 10 + 15 + 5);
}

/* A demo written in English reads in Chinese everywhere the matrix is read,
 * and the file keeps what was stored. */
static void
test_english_read_in_chinese (void)
{
  const Reading *readings[] = { &english, &zh_cn, &zh_tw };
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataEntitlements) m = NULL;

  if (!have_catalogues ())
    return;
  ws = strata_workspace_open (en_path, NULL, &error);
  g_assert_no_error (error);
  m = strata_entitlements_new (ws, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonNode) en = strata_entitlements_to_json (m);
    StrataCatalog *catalog = read_in (&zh_tw);
    g_autoptr(JsonNode) zh = strata_entitlements_to_json (m);

    stop_reading (catalog);
    assert_all_translated (en, zh);
  }

  for (guint k = 0; k < G_N_ELEMENTS (readings); k++)
    {
      const Reading *r = readings[k];
      StrataCatalog *catalog = read_in (r);
      g_autofree char *csv = strata_entitlements_to_csv (m);
      g_autoptr(JsonNode) json = strata_entitlements_to_json (m);
      g_autofree char *json_text = json_to_string (json, FALSE);

      g_test_message ("reading in %s", r->language ? r->language : "English");
      assert_reads (m, r);
      g_assert_nonnull (strstr (csv, r->demand));
      g_assert_nonnull (strstr (csv, r->sla));
      g_assert_nonnull (strstr (csv, r->platinum));
      g_assert_nonnull (strstr (json_text, r->presales));
      g_assert_nonnull (strstr (json_text, r->dedicated));
      if (r->language != NULL)
        {
          g_assert_null (strstr (csv, "Demand"));
          g_assert_null (strstr (csv, "Platinum"));
          g_assert_null (strstr (json_text, "Dedicated"));
        }
      /* The seeded matrix is consistent in every language. */
      g_assert_cmpuint (strata_entitlements_check (m)->len, ==, 0);
      stop_reading (catalog);
    }

  /* Stored as seeded: reading changes nothing. */
  g_assert_cmpstr (((StrataEntitlementStage *) strata_entitlements_get_stages (m)->pdata[0])->label,
                   ==, "Demand");
  g_assert_cmpstr (strata_entitlements_lookup_key (m, "sla_level")->label, ==, "SLA level");
  g_assert_cmpint (test_query_int (ws, "SELECT count(*) FROM entitlements WHERE label = 'SLA level'"),
                   ==, 1);
}

/* A workspace created in Chinese reads in English and traditional Chinese. */
static void
test_chinese_read_in_english (void)
{
  g_autofree char *path = g_build_filename (dir, "zh.strata", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataEntitlements) m = NULL;
  StrataCatalog *catalog;

  if (!have_catalogues ())
    return;
  catalog = read_in (&zh_cn);
  ws = strata_seed_create_workspace (path, &error);
  g_assert_no_error (error);
  stop_reading (catalog);
  m = strata_entitlements_new (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (strata_entitlements_lookup_key (m, "sla_level")->label, ==, "SLA 等级");

  assert_reads (m, &english);
  catalog = read_in (&zh_tw);
  assert_reads (m, &zh_tw);
  stop_reading (catalog);
}

/* What the user typed stays as typed in every language, through undo and
 * redo; a name or value given as it is shown is no change of the stored
 * text; a level picked as shown is stored as the seed stored it. */
static void
test_renamed (void)
{
  const Reading *readings[] = { &english, &zh_cn, &zh_tw };
  g_autofree char *path = g_build_filename (dir, "renamed.strata", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataEntitlements) m = NULL;
  g_autoptr(StrataEntitlement) shown = NULL;
  const StrataEntitlement *sla, *presales, *response;
  gint64 demand, presales_id;
  StrataCatalog *catalog;

  if (!have_catalogues ())
    return;
  ws = strata_seed_create_workspace (path, &error);
  g_assert_no_error (error);
  m = strata_entitlements_new (ws, &error);
  g_assert_no_error (error);
  demand = ((StrataEntitlementStage *) strata_entitlements_get_stages (m)->pdata[0])->id;
  g_assert_true (strata_entitlements_rename (m, strata_entitlements_lookup_key (m, "sla_level")->id,
                                             "Service tier (ours)", &error));
  g_assert_no_error (error);
  /* Typed in English, kept in English for a Chinese reader too. */
  g_assert_true (strata_entitlements_rename_stage (m, demand, "Pipeline", &error));
  g_assert_no_error (error);

  for (guint pass = 0; pass < 2; pass++)
    {
      /* The second pass reads the file again. */
      g_autoptr(StrataEntitlements) again = pass ? strata_entitlements_new (ws, &error) : NULL;
      StrataEntitlements *read = pass ? again : m;

      g_assert_no_error (error);
      for (guint k = 0; k < G_N_ELEMENTS (readings); k++)
        {
          g_autoptr(GPtrArray) a = NULL;
          const StrataEntitlementLine *line;

          catalog = read_in (readings[k]);
          a = strata_entitlements_list_for_tier (read, "A");
          line = find_line (a, "Service tier (ours)");
          g_assert_nonnull (line);
          g_assert_cmpstr (line->value, ==, readings[k]->platinum);
          line = find_line (a, readings[k]->presales);
          g_assert_nonnull (line);
          g_assert_cmpstr (line->stage, ==, "Pipeline");
          g_assert_cmpstr (line->value, ==, readings[k]->dedicated);
          stop_reading (catalog);
        }
    }

  /* Undo gives the seeded name back, in the reader's language; redo the
   * typed one. */
  g_assert_true (strata_entitlements_undo (m, &error));
  g_assert_no_error (error);
  catalog = read_in (&zh_cn);
  {
    g_autoptr(GPtrArray) a = strata_entitlements_list_for_tier (m, "A");

    g_assert_cmpstr (((StrataEntitlementLine *) a->pdata[0])->stage, ==, "需求");
    g_assert_true (strata_entitlements_redo (m, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GPtrArray) a = strata_entitlements_list_for_tier (m, "A");

    g_assert_cmpstr (((StrataEntitlementLine *) a->pdata[0])->stage, ==, "Pipeline");
  }

  /* A Chinese reader renaming to the name shown, or picking a level as it
   * is shown, changes no stored text. */
  response = strata_entitlements_lookup_key (m, "sla_response");
  g_assert_true (strata_entitlements_rename (m, response->id, _("SLA response time"), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (strata_entitlements_lookup_key (m, "sla_response")->label, ==, "SLA response time");
  presales_id = strata_entitlements_lookup_key (m, "presales_design")->id;
  g_assert_true (strata_entitlements_set_value (m, presales_id, "D", "专属", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (strata_entitlements_get_value (m, presales_id, "D"), ==, "Dedicated");
  g_assert_true (strata_entitlements_set_value (m, presales_id, "D", "优先", &error));
  g_assert_cmpstr (strata_entitlements_get_value (m, presales_id, "D"), ==, "Priority");
  g_assert_false (strata_entitlements_set_value (m, presales_id, "D", "Gold", &error));
  g_assert_nonnull (strstr (error->message, "售前方案设计"));
  g_assert_nonnull (strstr (error->message, "标准"));
  g_clear_error (&error);

  /* The edit dialog shows the seeded name, unit and levels in Chinese;
   * applying them unchanged stores nothing new. */
  presales = strata_entitlements_lookup_key (m, "presales_design");
  shown = strata_entitlement_copy (presales);
  g_free (shown->label);
  shown->label = g_strdup ("售前方案设计");
  for (guint l = 0; shown->levels[l] != NULL; l++)
    {
      const char *zh[] = { "标准", "优先", "专属" };

      g_free (shown->levels[l]);
      shown->levels[l] = g_strdup (zh[l]);
    }
  shown->cost = 2500;
  g_assert_true (strata_entitlements_update (m, shown, &error));
  g_assert_no_error (error);
  presales = strata_entitlements_lookup_key (m, "presales_design");
  g_assert_cmpstr (presales->label, ==, "Pre-sales solution design");
  g_assert_cmpstr (presales->levels[2], ==, "Dedicated");
  g_assert_cmpfloat (presales->cost, ==, 2500);
  g_assert_cmpstr (strata_entitlements_get_value (m, presales->id, "A"), ==, "Dedicated");
  stop_reading (catalog);

  /* A level typed by the user of a seeded entitlement stays as typed. */
  sla = strata_entitlements_lookup_key (m, "sla_level");
  {
    g_autoptr(StrataEntitlement) more = strata_entitlement_copy (sla);
    g_autoptr(GStrvBuilder) levels = g_strv_builder_new ();

    g_strv_builder_addv (levels, (const char **) more->levels);
    g_strv_builder_add (levels, "Diamond");
    g_strfreev (more->levels);
    more->levels = g_strv_builder_end (levels);
    g_assert_true (strata_entitlements_update (m, more, &error));
    g_assert_no_error (error);
    sla = strata_entitlements_lookup_key (m, "sla_level");
    g_assert_true (strata_entitlements_set_value (m, sla->id, "A", "Diamond", &error));
    g_assert_no_error (error);
  }
  catalog = read_in (&zh_tw);
  {
    g_autoptr(GPtrArray) a = strata_entitlements_list_for_tier (m, "A");
    g_autoptr(GPtrArray) b = strata_entitlements_list_for_tier (m, "B");

    g_assert_cmpstr (find_line (a, "Service tier (ours)")->value, ==, "Diamond");
    g_assert_cmpstr (find_line (b, "Service tier (ours)")->value, ==, "金牌");
  }
  stop_reading (catalog);
}

/* The PDF report of the English demo, written in Chinese. */
static void
test_pdf (void)
{
  const Reading *readings[] = { &zh_cn, &zh_tw };

  if (!have_catalogues ())
    return;
  for (guint k = 0; k < G_N_ELEMENTS (readings); k++)
    {
      const Reading *r = readings[k];
      g_autofree char *name = g_strdup_printf ("%s.pdf", r->language);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(StrataWorkspace) ws = strata_workspace_open (en_path, NULL, &error);
      StrataReportOptions options = { .paper = STRATA_REPORT_PAPER_A4, .language = r->language };
      g_autoptr(PopplerDocument) doc = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_true (strata_report_write_pdf (ws, &options, path, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      doc = report_test_open_pdf (path);
      text = report_test_text (doc, -1);
      g_assert_nonnull (strstr (text, r->presales));
      g_assert_nonnull (strstr (text, r->dedicated));
      g_assert_nonnull (strstr (text, r->platinum));
      g_assert_nonnull (strstr (text, r->sla));
      g_assert_null (strstr (text, "Pre-sales solution design"));
      g_assert_null (strstr (text, "Dedicated"));
      g_assert_null (strstr (text, "Platinum"));
    }
}

/* The note of the seeded rules version reads in the reader's language
 * (the History dialog); a note typed for a later version stays as typed. */
static void
test_default_rules_note (void)
{
  const Reading *readings[] = { &english, &zh_cn, &zh_tw };
  const char *notes[] = { "Default rules", "默认规则", "預設規則" };
  g_autofree char *path = g_build_filename (dir, "notes.strata", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;

  if (!have_catalogues ())
    return;
  ws = strata_seed_create_workspace (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(StrataRules) rules = strata_ruleset_store_get_draft (ws, &error);

    g_assert_no_error (error);
    g_assert_true (strata_ruleset_store_publish (ws, rules, "Default rules", NULL, &error));
    g_assert_no_error (error);
  }
  for (guint k = 0; k < G_N_ELEMENTS (readings); k++)
    {
      StrataCatalog *catalog = read_in (readings[k]);
      g_autoptr(GPtrArray) versions = strata_ruleset_store_list_versions (ws, &error);
      const StrataRulesetVersion *v1 = versions->pdata[1];
      const StrataRulesetVersion *v2 = versions->pdata[0];

      g_assert_no_error (error);
      g_assert_cmpuint (v1->version, ==, 1);
      g_assert_cmpstr (v1->note, ==, notes[k]);
      g_assert_cmpstr (v2->note, ==, "Default rules");
      stop_reading (catalog);
    }
}

/* strata-cli entitlements run in Chinese on the English demo. */
static void
test_cli (void)
{
  g_auto(CliRun) csv = { 0 };
  g_auto(CliRun) json = { 0 };

  if (!have_catalogues ())
    return;
  g_setenv ("STRATA_LOCALEDIR", localedir, TRUE);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  csv.status = run_cli (&csv.out, &csv.err, "entitlements", en_path, NULL);
  json.status = run_cli (&json.out, &json.err, "entitlements", en_path, "--format", "json", NULL);
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpint (json.status, ==, 0);
  for (guint k = 0; k < 2; k++)
    {
      const char *out = k == 0 ? csv.out : json.out;

      g_assert_nonnull (strstr (out, "需求"));
      g_assert_nonnull (strstr (out, "售前方案设计"));
      g_assert_nonnull (strstr (out, "白金"));
      g_assert_null (strstr (out, "Dedicated"));
      /* The keys stay the stable ones. */
      g_assert_nonnull (strstr (out, "presales_design"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);
  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  dir = g_dir_make_tmp ("strata-ent-names-XXXXXX", &error);
  g_assert_no_error (error);
  en_path = g_build_filename (dir, "en.strata", NULL);
  g_assert_true (strata_demo_write (en_path, 200, 7, 2, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/entitlement-names/english-read-in-chinese", test_english_read_in_chinese);
  g_test_add_func ("/entitlement-names/chinese-read-in-english", test_chinese_read_in_english);
  g_test_add_func ("/entitlement-names/renamed", test_renamed);
  g_test_add_func ("/entitlement-names/pdf", test_pdf);
  g_test_add_func ("/entitlement-names/cli", test_cli);
  g_test_add_func ("/seeded-names/default-rules-note", test_default_rules_note);
  status = g_test_run ();

  test_remove_dir (dir);
  g_free (en_path);
  g_free (dir);
  g_free (localedir);
  return status;
}
