/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The strata-rules/1 file format (exact round trip, messages that name the
 * file, the place and the value) and every validation problem. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>

#include "strata-rules-json.h"

static void
assert_round_trip (const StrataRules *rules)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = strata_rules_to_json (rules);
  g_autoptr(StrataRules) parsed = strata_rules_from_json (first, -1, "mem.json", &error);
  g_autofree char *second = NULL;
  g_autoptr(StrataRules) reparsed = NULL;

  g_assert_no_error (error);
  g_assert_true (strata_rules_equal (parsed, rules));
  second = strata_rules_to_json (parsed);
  g_assert_cmpstr (first, ==, second);
  reparsed = strata_rules_from_json (second, -1, "mem.json", &error);
  g_assert_true (strata_rules_equal (reparsed, parsed));
}

static void
test_round_trip_default (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autofree char *json = strata_rules_to_json (rules);

  assert_round_trip (rules);
  g_assert_true (g_str_has_prefix (json, "{\n  \"format\": \"strata-rules/1\",\n"));
  g_assert_nonnull (strstr (json, "{ \"from\": 10000000, \"to\": null, \"points\": 50 }"));
  g_assert_nonnull (strstr (json, "{ \"id\": \"E\", \"label\": \"Ordinary\", \"label_key\": \"tier-ordinary\", "
                                 "\"colour\": \"#8a8f98\", \"min_score\": null }"));
}

static void
test_round_trip_awkward (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  StrataIndicator *ind = strata_indicator_new ("login_days", 0.1);
  StrataAdjustment *adj;

  strata_indicator_add_band (ind, -1e300, 1.0 / 3.0, -2.5);
  strata_indicator_add_band (ind, 1.0 / 3.0, 4.9e-324, 1e-7);
  g_ptr_array_add (rules->indicators, ind);
  g_ptr_array_add (rules->indicators, strata_indicator_new ("order_count", 2));
  adj = strata_adjustment_new ("q\"uote", "Line\nbreak \\ tab\t “中文” \x01", "login_days",
                               STRATA_CONDITION_BETWEEN, 0.30000000000000004, 12345678901234567.0, -0.5);
  adj->enabled = FALSE;
  adj->cap = 0;
  g_ptr_array_add (rules->adjustments, adj);
  g_free (rules->quadrant.z_metric);
  rules->quadrant.z_metric = NULL;
  g_free (rules->quadrant.action[2]);
  rules->quadrant.action[2] = g_strdup ("");
  assert_round_trip (rules);

  g_ptr_array_set_size (rules->indicators, 0);
  g_ptr_array_set_size (rules->adjustments, 0);
  g_ptr_array_set_size (rules->tiers, 0);
  assert_round_trip (rules);
}

static void
test_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autoptr(StrataRules) loaded = NULL;
  g_autofree char *dir = g_dir_make_tmp ("strata-rules-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rules.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "nope.json", NULL);

  g_assert_true (strata_rules_save_file (rules, path, &error));
  loaded = strata_rules_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (strata_rules_equal (loaded, rules));
  g_assert_null (strata_rules_load_file (missing, &error));
  g_assert_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "nope.json"));
  g_unlink (path);
  g_rmdir (dir);
}

/* Replaces the first occurrence of from in the default rules file. */
static char *
default_with (const char *from,
              const char *to)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autofree char *json = strata_rules_to_json (rules);
  const char *at = strstr (json, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - json), json, to, at + strlen (from));
}

static void
test_parse_errors (void)
{
  static const struct { const char *from, *to, *message; } cases[] = {
    { "\"format\": \"strata-rules/1\"", "\"format\": \"strata-rules/9\"",
      "r.json: $.format: “strata-rules/9” is not a rules format this version reads (strata-rules/1)" },
    { "\"weight\": 1", "\"weight\": \"one\"",
      "r.json: $.indicators[0].weight: expected a number, got \"one\"" },
    { "\"to\": 1000000", "\"to\": true",
      "r.json: $.indicators[0].bands[1].to: expected a number or null, got true" },
    { "\"condition\": \">=\"", "\"condition\": \"=>\"",
      "r.json: $.adjustments[0].condition: unknown condition “=>” (use >=, <=, >, <, ==, between or is_true)" },
    { "\"per_unit\": true", "\"per_unit\": 1",
      "r.json: $.adjustments[0].per_unit: expected true or false, got 1" },
    { "\"points\": 5,", "\"pionts\": 5,",
      "r.json: $.adjustments[0]: unknown member “pionts”" },
    { "{ \"id\": \"B\", ", "{ ",
      "r.json: $.tiers[1]: missing member “id”" },
    { "\"colour\": \"#1c5fb8\"", "\"colour\": [\"#1c5fb8\", \"#1c5fb8\", \"#1c5fb8\", \"#1c5fb8\"]",
      "r.json: $.tiers[0].colour: expected a string, got [\"#1c5fb8\",\"#1c5fb8\",\"#1c5fb8\",\"#1c5fb8\"…" },
    { "\"adjustments\": [", "\"adjustments\": 7, \"x\": [",
      "r.json: $: unknown member “x”" },
    { "\"z\": { \"metric\": \"login_days\" }", "\"z\": 3",
      "r.json: $.quadrant.z: expected an object, got 3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = default_with (cases[i].from, cases[i].to);
      g_autoptr(StrataRules) rules = strata_rules_from_json (json, -1, "r.json", &error);

      g_assert_null (rules);
      g_assert_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_PARSE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_syntax_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataRules) rules = NULL;

  rules = strata_rules_from_json ("{\n  \"format\": \"strata-rules/1\",\n  oops\n}", -1, "bad.json", &error);
  g_assert_null (rules);
  g_assert_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_PARSE);
  g_test_message ("%s", error->message);
  /* json-glib gives the line and column where it gave up. */
  g_assert_true (g_regex_match_simple ("^bad.json:[0-9]+:[0-9]+: Parse error", error->message, 0, 0));
  g_clear_error (&error);

  /* A file cut short is said to be so, not blamed on its last token. */
  rules = strata_rules_from_json ("{\"format\":\"strata-rules/1\"\n", -1, "cut.json", &error);
  g_assert_null (rules);
  g_assert_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "cut.json: Parse error: the file ends before the JSON is "
                   "complete (a closing “}” or “]” is missing)");
  g_clear_error (&error);
  rules = strata_rules_from_json ("{\"format\": \"strata-rules/1\", \"tiers\": [{\"id\": \"A\"}",
                                  -1, "cut.json", &error);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "ends before the JSON is complete"));
  g_clear_error (&error);
  /* Balanced but wrong: json-glib's place stays. */
  rules = strata_rules_from_json ("{\"a\": [1, 2}]", -1, "bad.json", &error);
  g_assert_nonnull (error);
  g_assert_true (g_regex_match_simple ("^bad.json:[0-9]+:[0-9]+: Parse error", error->message, 0, 0));
  g_clear_error (&error);

  rules = strata_rules_from_json ("", -1, "empty.json", &error);
  g_assert_null (rules);
  g_assert_nonnull (strstr (error->message, "empty.json"));
  g_clear_error (&error);

  rules = strata_rules_from_json ("[1, 2]", -1, "array.json", &error);
  g_assert_cmpstr (error->message, ==, "array.json: $: expected an object, got [1,2]");
  g_clear_error (&error);

  rules = strata_rules_from_json ("{\"format\": \"\xff\"}", -1, "latin1.json", &error);
  g_assert_cmpstr (error->message, ==, "latin1.json: not UTF-8 text");
}

typedef void (*Breaker) (StrataRules *rules);

static void break_overlap (StrataRules *r) { g_array_index (((StrataIndicator *) r->indicators->pdata[0])->bands, StrataBand, 2).from = 900000; }
static void break_gap (StrataRules *r) { g_array_index (((StrataIndicator *) r->indicators->pdata[0])->bands, StrataBand, 2).from = 1100000; }
static void break_band_order (StrataRules *r) { g_array_index (((StrataIndicator *) r->indicators->pdata[0])->bands, StrataBand, 0).from = 600000; }
static void break_open_band (StrataRules *r) { g_array_index (((StrataIndicator *) r->indicators->pdata[0])->bands, StrataBand, 0).to = INFINITY; }
static void break_no_bands (StrataRules *r) { g_array_set_size (((StrataIndicator *) r->indicators->pdata[0])->bands, 0); }
static void break_metric (StrataRules *r) { StrataIndicator *i = r->indicators->pdata[0]; g_free (i->metric); i->metric = g_strdup ("revenue"); }
static void break_adj_id (StrataRules *r) { StrataAdjustment *a = r->adjustments->pdata[2]; g_free (a->id); a->id = g_strdup ("referrals"); }
static void break_adj_label (StrataRules *r) { StrataAdjustment *a = r->adjustments->pdata[1]; g_free (a->label); a->label = g_strdup (" "); }
static void break_between (StrataRules *r) { StrataAdjustment *a = r->adjustments->pdata[1]; a->condition = STRATA_CONDITION_BETWEEN; a->a = 5; a->b = 3; }
static void break_cap (StrataRules *r) { ((StrataAdjustment *) r->adjustments->pdata[0])->cap = -15; }
static void break_tier_order (StrataRules *r) { ((StrataTier *) r->tiers->pdata[2])->min_score = 60; }
static void break_tier_id (StrataRules *r) { StrataTier *t = r->tiers->pdata[3]; g_free (t->id); t->id = g_strdup ("A"); }
static void break_colour (StrataRules *r) { StrataTier *t = r->tiers->pdata[1]; g_free (t->colour); t->colour = g_strdup ("teal"); }
static void break_tier_min (StrataRules *r) { ((StrataTier *) r->tiers->pdata[1])->min_score = NAN; }
static void break_no_tiers (StrataRules *r) { g_ptr_array_set_size (r->tiers, 0); }
static void break_quadrant (StrataRules *r) { g_free (r->quadrant.y_metric); r->quadrant.y_metric = g_strdup ("visits"); }
static void break_quadrant_label (StrataRules *r) { g_free (r->quadrant.label[3]); r->quadrant.label[3] = g_strdup (""); }

static void
test_validation (void)
{
  static const char *known[] = {
    "order_amount", "referrals", "business_lines", "high_growth", "listed_company",
    "overdue_invoices", "fault_tickets", "monthly_inquiries", "listed_products", "login_days", NULL,
  };
  static const struct
  {
    Breaker breaker;
    StrataRulesSection section;
    int index, sub_index;
    const char *field, *message, *location;
  } cases[] = {
    { break_overlap, STRATA_RULES_SECTION_BAND, 0, 2, "from",
      "Overlaps the band before it, which ends at 1000000", "Band 3 of indicator 1" },
    { break_gap, STRATA_RULES_SECTION_BAND, 0, 2, "from",
      "Gap between 1000000 and 1100000: the band should start at 1000000", "Band 3 of indicator 1" },
    { break_band_order, STRATA_RULES_SECTION_BAND, 0, 0, "to",
      "The band ends at 500000, not after its start 600000", "Band 1 of indicator 1" },
    { break_open_band, STRATA_RULES_SECTION_BAND, 0, 0, "to",
      "Only the last band can be open-ended", "Band 1 of indicator 1" },
    { break_no_bands, STRATA_RULES_SECTION_INDICATOR, 0, -1, "bands",
      "The indicator has no bands", "Indicator 1" },
    { break_metric, STRATA_RULES_SECTION_INDICATOR, 0, -1, "metric",
      "Unknown metric “revenue”", "Indicator 1" },
    { break_adj_id, STRATA_RULES_SECTION_ADJUSTMENT, 2, -1, "id",
      "The id “referrals” is used by another adjustment", "Adjustment 3" },
    { break_adj_label, STRATA_RULES_SECTION_ADJUSTMENT, 1, -1, "label",
      "The label is empty", "Adjustment 2" },
    { break_between, STRATA_RULES_SECTION_ADJUSTMENT, 1, -1, "b",
      "“Between 5 and 3”: the first number is greater than the second", "Adjustment 2" },
    { break_cap, STRATA_RULES_SECTION_ADJUSTMENT, 0, -1, "cap",
      "The cap -15 must be zero or more", "Adjustment 1" },
    { break_tier_order, STRATA_RULES_SECTION_TIER, 2, -1, "min_score",
      "Tiers are out of order: minimum 60 is not below 60 of tier “B”", "Tier 3" },
    { break_tier_id, STRATA_RULES_SECTION_TIER, 3, -1, "id",
      "The id “A” is used by another tier", "Tier 4" },
    { break_colour, STRATA_RULES_SECTION_TIER, 1, -1, "colour",
      "The colour “teal” is not of the form #rrggbb", "Tier 2" },
    { break_tier_min, STRATA_RULES_SECTION_TIER, 1, -1, "min_score",
      "Only the last tier can be without a minimum score", "Tier 2" },
    { break_no_tiers, STRATA_RULES_SECTION_RULES, -1, -1, "tiers",
      "A rule set needs at least one tier", "Rule set" },
    { break_quadrant, STRATA_RULES_SECTION_QUADRANT, -1, -1, "y",
      "Unknown metric “visits”", "Quadrants" },
    { break_quadrant_label, STRATA_RULES_SECTION_QUADRANT, 3, -1, "label",
      "The label is empty", "Quadrant D" },
  };
  g_autoptr(StrataRules) valid = strata_rules_new_default ();
  g_autoptr(GPtrArray) none = strata_rules_validate (valid, known);

  g_assert_cmpuint (none->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StrataRules) rules = strata_rules_new_default ();
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *location = NULL;
      g_autofree char *expected = NULL;
      StrataRulesProblem *p;

      cases[i].breaker (rules);
      problems = strata_rules_validate (rules, known);
      for (guint j = 0; j < problems->len; j++)
        g_test_message ("case %u: %s", i, ((StrataRulesProblem *) problems->pdata[j])->message);
      g_assert_cmpuint (problems->len, ==, 1);
      p = problems->pdata[0];
      g_assert_cmpint (p->section, ==, cases[i].section);
      g_assert_cmpint (p->index, ==, cases[i].index);
      g_assert_cmpint (p->sub_index, ==, cases[i].sub_index);
      g_assert_cmpstr (p->field, ==, cases[i].field);
      g_assert_cmpstr (p->message, ==, cases[i].message);
      location = strata_rules_problem_location (p);
      g_assert_cmpstr (location, ==, cases[i].location);
      g_assert_false (strata_rules_check (rules, known, &error));
      expected = g_strdup_printf ("%s: %s", cases[i].location, cases[i].message);
      g_assert_cmpstr (error->message, ==, expected);
    }

  /* Several problems: the first, and how many more. */
  {
    g_autoptr(StrataRules) rules = strata_rules_new_default ();
    g_autoptr(GError) error = NULL;

    break_gap (rules);
    break_colour (rules);
    break_quadrant (rules);
    g_assert_false (strata_rules_check (rules, known, &error));
    g_assert_cmpstr (error->message, ==,
                     "Band 3 of indicator 1: Gap between 1000000 and 1100000: the band should "
                     "start at 1000000 (and 2 other problems)");
    /* Without the workspace's metrics, unknown metrics are not checked. */
    g_assert_cmpuint (strata_rules_validate (rules, NULL)->len, ==, 2);
  }
}

static void
test_numbers (void)
{
  static const struct { double value; const char *text; } cases[] = {
    { 500000, "500000" }, { 0.1, "0.1" }, { -10, "-10" }, { 1e21, "1e+21" },
    { 1.0 / 3.0, "0.3333333333333333" }, { -0.0, "0" }, { 12.5, "12.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = strata_format_number (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The README's example is the default rule set, byte for byte. */
static void
test_readme_example (void)
{
  g_autofree char *readme = g_test_build_filename (G_TEST_DIST, "..", "README.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(StrataRules) rules = strata_rules_new_default ();
  g_autofree char *json = strata_rules_to_json (rules);
  g_autofree char *example = NULL;
  const char *section, *start, *end;

  g_assert_true (g_file_get_contents (readme, &text, NULL, NULL));
  section = strstr (text, "## Rules file format");
  g_assert_nonnull (section);
  start = strstr (section, "```json\n");
  g_assert_nonnull (start);
  start += strlen ("```json\n");
  end = strstr (start, "```");
  g_assert_nonnull (end);
  example = g_strndup (start, end - start);
  g_assert_cmpstr (example, ==, json);
}

/* A zh_CN user gets the default rules (and messages) in Chinese. */
static void
test_default_zh_cn (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
      g_autoptr(StrataRules) rules = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autofree char *where = NULL;

      if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
        {
          g_test_skip ("the zh_CN.UTF-8 locale is not available");
          return;
        }
      g_setenv ("LANGUAGE", "zh_CN", TRUE);
      bindtextdomain (GETTEXT_PACKAGE, po);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      rules = strata_rules_new_default ();
      g_assert_cmpstr (((StrataTier *) rules->tiers->pdata[0])->label, ==, "战略客户");
      g_assert_cmpstr (((StrataTier *) rules->tiers->pdata[4])->label, ==, "普通客户");
      g_assert_cmpstr (((StrataAdjustment *) rules->adjustments->pdata[0])->label, ==, "转介绍客户");
      g_assert_cmpstr (rules->quadrant.label[0], ==, "头部客户");
      ((StrataTier *) rules->tiers->pdata[2])->min_score = 70;
      problems = strata_rules_validate (rules, NULL);
      g_assert_cmpuint (problems->len, ==, 1);
      where = strata_rules_problem_location (problems->pdata[0]);
      g_assert_cmpstr (where, ==, "等级 3");
      g_assert_cmpstr (((StrataRulesProblem *) problems->pdata[0])->message, ==,
                       "等级顺序错误：最低分 70 没有低于等级“B”的 60");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The language people read in: LANGUAGE, with the locale and gettext's
 * cache following it. */
static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, g_str_has_prefix (language, "zh") ? "zh_CN.UTF-8" : "C.UTF-8");
}

/* The default rules made in one language, written without keys as files
 * before keys were (rules of an older workspace). */
static char *
keyless_default_json (void)
{
  g_autoptr(StrataRules) rules = strata_rules_new_default ();

  for (guint i = 0; i < rules->tiers->len; i++)
    g_clear_pointer (&((StrataTier *) rules->tiers->pdata[i])->label_key, g_free);
  for (guint i = 0; i < rules->adjustments->len; i++)
    g_clear_pointer (&((StrataAdjustment *) rules->adjustments->pdata[i])->label_key, g_free);
  for (guint q = 0; q < 4; q++)
    {
      g_clear_pointer (&rules->quadrant.label_key[q], g_free);
      g_clear_pointer (&rules->quadrant.action_key[q], g_free);
    }
  return strata_rules_to_json (rules);
}

static StrataRules *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  StrataRules *rules = strata_rules_from_json (json, -1, "mem.json", &error);

  g_assert_no_error (error);
  return rules;
}

#define TIER(rules, i) ((StrataTier *) (rules)->tiers->pdata[i])
#define ITEM(rules, i) ((StrataAdjustment *) (rules)->adjustments->pdata[i])

/* Default tier and item labels are shown in the reader's language, however
 * the workspace was created; a label the user typed is shown as typed. */
static void
test_labels_language (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
      g_autofree char *english_json = NULL, *english_keyless = NULL;
      g_autofree char *chinese_json = NULL, *chinese_keyless = NULL, *renamed_json = NULL;
      g_autoptr(StrataRules) english = NULL, chinese = NULL, rules = NULL, renamed = NULL;

      if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
        {
          g_test_skip ("the zh_CN.UTF-8 locale is not available");
          return;
        }
      bindtextdomain (GETTEXT_PACKAGE, po);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

      /* Created by an English user, with keys and without (older files). */
      use_language ("C");
      english = strata_rules_new_default ();
      g_assert_cmpstr (TIER (english, 0)->label, ==, "Strategic");
      g_assert_cmpstr (TIER (english, 0)->label_key, ==, "tier-strategic");
      english_json = strata_rules_to_json (english);
      english_keyless = keyless_default_json ();
      g_assert_null (strstr (english_keyless, "label_key"));

      /* Created by a Simplified Chinese user. */
      use_language ("zh_CN");
      chinese = strata_rules_new_default ();
      g_assert_cmpstr (TIER (chinese, 0)->label, ==, "战略客户");
      chinese_json = strata_rules_to_json (chinese);
      chinese_keyless = keyless_default_json ();

      /* Read in Chinese: the English labels are shown in Chinese. */
      for (guint k = 0; k < 2; k++)
        {
          g_clear_pointer (&rules, strata_rules_free);
          rules = parse (k == 0 ? english_json : english_keyless);
          g_assert_cmpstr (TIER (rules, 0)->label, ==, "Strategic");
          g_assert_cmpstr (TIER (rules, 0)->label_key, ==, "tier-strategic");
          g_assert_cmpstr (strata_tier_get_display_label (TIER (rules, 0)), ==, "战略客户");
          g_assert_cmpstr (strata_tier_get_display_label (TIER (rules, 4)), ==, "普通客户");
          g_assert_cmpstr (strata_adjustment_get_display_label (ITEM (rules, 0)), ==, "转介绍客户");
          g_assert_cmpstr (strata_adjustment_get_display_label (ITEM (rules, 5)), ==, "故障工单五个及以上");
          g_assert_cmpstr (rules->quadrant.label[0], ==, "Head customers");
          g_assert_cmpstr (strata_rules_get_quadrant_label (rules, 0), ==, "头部客户");
          g_assert_cmpstr (strata_rules_get_quadrant_action (rules, 0), ==, "由专属 VIP 团队服务");
        }

      /* Read in English: the Chinese labels are shown in English. */
      use_language ("C");
      for (guint k = 0; k < 2; k++)
        {
          g_clear_pointer (&rules, strata_rules_free);
          rules = parse (k == 0 ? chinese_json : chinese_keyless);
          g_assert_cmpstr (TIER (rules, 1)->label, ==, "重点客户");
          g_assert_cmpstr (TIER (rules, 1)->label_key, ==, "tier-key");
          g_assert_cmpstr (strata_tier_get_display_label (TIER (rules, 0)), ==, "Strategic");
          g_assert_cmpstr (strata_tier_get_display_label (TIER (rules, 1)), ==, "Key");
          g_assert_cmpstr (strata_adjustment_get_display_label (ITEM (rules, 3)), ==, "Listed company");
          g_assert_cmpstr (strata_rules_get_quadrant_label (rules, 3), ==, "Tail");
          g_assert_cmpstr (strata_rules_get_quadrant_action (rules, 3), ==, "Churn risk: keep in touch at low cost");
        }

      /* A Traditional Chinese label of a file without keys is a default too. */
      g_assert_cmpstr (strata_tier_label_key_for_text ("戰略客戶"), ==, "tier-strategic");
      g_assert_cmpstr (strata_adjustment_label_key_for_text (" listed COMPANY "), ==, "item-listed-company");
      g_assert_null (strata_tier_label_key_for_text ("Top accounts"));

      /* Renamed: shown as typed in every language, and written without a key. */
      strata_tier_set_label (TIER (rules, 0), "Top accounts");
      strata_adjustment_set_label (ITEM (rules, 0), "推荐人");
      strata_rules_set_quadrant_label (rules, 1, "Rising stars");
      g_assert_null (rules->quadrant.label_key[1]);
      g_assert_cmpstr (rules->quadrant.action_key[1], ==, "action-recruit-products");
      g_assert_null (TIER (rules, 0)->label_key);
      g_assert_null (ITEM (rules, 0)->label_key);
      renamed_json = strata_rules_to_json (rules);
      g_assert_nonnull (strstr (renamed_json, "{ \"id\": \"A\", \"label\": \"Top accounts\", \"colour\""));
      renamed = parse (renamed_json);
      g_assert_true (strata_rules_equal (renamed, rules));
      for (guint k = 0; k < 2; k++)
        {
          use_language (k == 0 ? "C" : "zh_CN");
          g_assert_cmpstr (strata_tier_get_display_label (TIER (renamed, 0)), ==, "Top accounts");
          g_assert_cmpstr (strata_adjustment_get_display_label (ITEM (renamed, 0)), ==, "推荐人");
          g_assert_cmpstr (strata_rules_get_quadrant_label (renamed, 1), ==, "Rising stars");
          /* The others are still the defaults. */
          g_assert_cmpstr (strata_tier_get_display_label (TIER (renamed, 1)), ==, k == 0 ? "Key" : "重点客户");
        }
      /* Typing a default label back makes it the default again. */
      strata_tier_set_label (TIER (renamed, 0), "战略客户");
      g_assert_cmpstr (TIER (renamed, 0)->label_key, ==, "tier-strategic");

      /* The round trip keeps the keys, byte for byte. */
      assert_round_trip (english);
      assert_round_trip (chinese);
      g_assert_nonnull (strstr (chinese_json, "\"label\": \"战略客户\", \"label_key\": \"tier-strategic\""));
      g_assert_nonnull (strstr (chinese_json, "\"label\": \"转介绍客户\",\n      \"label_key\": \"item-referrals\""));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rules-json/round-trip-default", test_round_trip_default);
  g_test_add_func ("/rules-json/round-trip-awkward", test_round_trip_awkward);
  g_test_add_func ("/rules-json/file", test_file);
  g_test_add_func ("/rules-json/parse-errors", test_parse_errors);
  g_test_add_func ("/rules-json/syntax-errors", test_syntax_errors);
  g_test_add_func ("/rules-json/validation", test_validation);
  g_test_add_func ("/rules-json/numbers", test_numbers);
  g_test_add_func ("/rules-json/readme-example", test_readme_example);
  g_test_add_func ("/rules-json/default-zh-cn", test_default_zh_cn);
  g_test_add_func ("/rules-json/labels-language", test_labels_language);
  return g_test_run ();
}
