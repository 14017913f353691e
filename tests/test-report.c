/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PDF report read back with poppler: pages, sections, figures that
 * match the engine, Chinese names and a Chinese report, embedded fonts,
 * metadata, links and bookmarks, paper sizes; and strata-cli report. */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "cli-test-util.h"
#include "strata-demo.h"
#include "strata-format.h"
#include "strata-i18n.h"
#include "strata-period-data.h"
#include "strata-period-results.h"
#include "strata-review-deck.h"
#include "import-test-util.h"
#include "report-test-util.h"
#include "strata-report.h"
#include "strata-ruleset-store.h"
#include "strata-engine-private.h"
#include "strata-catalog-private.h"

static char *dir;
static char *ws_path;

static char *
write_report (const char        *name,
              StrataReportPaper  paper,
              const char        *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);
  StrataReportOptions options = { .paper = paper, .language = language };
  char *path = g_build_filename (dir, name, NULL);

  g_assert_no_error (error);
  g_assert_true (strata_report_write_pdf (ws, &options, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static void
check_fonts_embedded (PopplerDocument *doc)
{
  g_autoptr(PopplerFontInfo) info = poppler_font_info_new (doc);
  PopplerFontsIter *iter = NULL;
  guint n = 0;

  while (poppler_font_info_scan (info, 20, &iter))
    {
      if (iter == NULL)
        continue;
      do
        {
          g_assert_true (poppler_fonts_iter_is_embedded (iter));
          n++;
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  g_assert_cmpuint (n, >, 0);
}

/* Each link of the contents page goes to a named destination on a page
 * after the contents. */
static void
check_toc_links (PopplerDocument *doc)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, 1);
  GList *links = poppler_page_get_link_mapping (page);
  int n_pages = poppler_document_get_n_pages (doc);
  guint n = 0;

  for (GList *l = links; l != NULL; l = l->next)
    {
      PopplerLinkMapping *m = l->data;
      PopplerDest *dest;
      int target;

      g_assert_cmpint (m->action->type, ==, POPPLER_ACTION_GOTO_DEST);
      dest = m->action->goto_dest.dest;
      if (dest->type == POPPLER_DEST_NAMED)
        {
          PopplerDest *found = poppler_document_find_dest (doc, dest->named_dest);
          g_assert_nonnull (found);
          target = found->page_num;
          poppler_dest_free (found);
        }
      else
        target = dest->page_num;
      g_assert_cmpint (target, >=, 3);
      g_assert_cmpint (target, <=, n_pages);
      n++;
    }
  poppler_page_free_link_mapping (links);
  /* Seven sections and a sub-section per tier. */
  g_assert_cmpuint (n, >=, 12);
}

static StrataPeriodResults *
latest_results (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);
  gint64 id = 0;
  StrataPeriodResults *results;

  g_assert_no_error (error);
  g_assert_true (strata_period_find (ws, NULL, &id, NULL, &error));
  results = strata_period_results_load (ws, id, &error);
  g_assert_no_error (error);
  return results;
}

/* The report workspace's upgrades from 2026-Q2 to 2026-Q3, held by *deck. */
static GPtrArray *
load_upgrades (StrataWorkspace   *ws,
               StrataReviewDeck **deck)
{
  g_autoptr(GError) error = NULL;
  gint64 from = 0, to = 0;

  g_assert_true (strata_period_find (ws, "2026-Q2", &from, NULL, &error));
  g_assert_true (strata_period_find (ws, "2026-Q3", &to, NULL, &error));
  *deck = strata_review_deck_load (ws, from, to, FALSE, &error);
  g_assert_no_error (error);
  return strata_movement_get_movers (strata_review_deck_get_movement (*deck), STRATA_MOVE_UP);
}

/* The movers' reasons wrap in their cell instead of ending in "…". The
 * text alone cannot tell (an ellipsis carries the text it hides, for
 * copying), so the end of the longest reason of the top upgrades must sit
 * lower on the page than the three lines a row used to be cut at. */
static void
check_reasons_whole (PopplerDocument *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);
  g_autoptr(StrataReviewDeck) deck = NULL;
  g_autofree char *longest = NULL;
  const StrataMover *mover = NULL;
  GPtrArray *movers;
  gboolean seen = FALSE;

  g_assert_no_error (error);
  movers = load_upgrades (ws, &deck);
  for (guint i = 0; i < movers->len && i < 10; i++)
    {
      g_autofree char *r = strata_mover_describe_reasons (movers->pdata[i], "; ");
      if (longest == NULL || strlen (r) > strlen (longest))
        {
          g_free (longest);
          longest = g_steal_pointer (&r);
          mover = movers->pdata[i];
        }
    }
  g_assert_nonnull (longest);
  g_assert_cmpuint (g_utf8_strlen (longest, -1), >, 200);   /* more than three lines of its cell */

  for (int i = 0; i < poppler_document_get_n_pages (doc) && !seen; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree PopplerRectangle *rects = NULL;
      g_autoptr(GString) flat = g_string_new (NULL);
      g_autoptr(GArray) at = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GString) want = g_string_new (NULL);
      guint n_rects = 0, c = 0, id_char, end_char;
      const char *id, *hit;

      if (strstr (text, "Top upgrades") == NULL || (id = strstr (text, mover->ext_id)) == NULL)
        continue;
      g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
      /* The page's text without white space, each byte with its character. */
      for (const char *p = text; *p; p = g_utf8_next_char (p), c++)
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          for (const char *q = p; q < g_utf8_next_char (p); q++)
            {
              g_string_append_c (flat, *q);
              g_array_append_val (at, c);
            }
      for (const char *p = longest; *p; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (want, *p);
      id_char = g_utf8_pointer_to_offset (text, id);
      hit = strstr (flat->str, want->str);
      g_assert_nonnull (hit);
      end_char = g_array_index (at, guint, hit - flat->str + want->len - 1);
      g_assert_cmpuint (end_char, <, n_rects);
      g_assert_cmpfloat (rects[end_char].y1 - rects[id_char].y1, >, 3 * 10.5);
      seen = TRUE;
    }
  g_assert_true (seen);
}

static void
test_english (void)
{
  g_autofree char *path = write_report ("en.pdf", STRATA_REPORT_PAPER_A4, "en");
  g_autoptr(PopplerDocument) doc = report_test_open_pdf (path);
  g_autoptr(StrataPeriodResults) res = latest_results ();
  g_autofree guint *counts = strata_result_count_tiers (res->result);
  const StrataTier *tier_a = res->rules->tiers->pdata[0];
  g_autofree char *text = report_test_text (doc, -1);
  g_autofree char *first = report_test_page_text (doc, 0);
  g_autofree char *heading = g_strdup_printf ("Tier %s · %s", tier_a->id, tier_a->label);
  g_autofree char *count_line = g_strdup_printf ("%u customers, revenue", counts[0]);
  const char *sections[] = { "Contents", "Summary", "Tier pyramid", "Movement", "Top upgrades",
                             "Top downgrades", "Quadrants", "Customers by tier", "Entitlements",
                             "Appendix: the scoring model", "Base indicators", "Quadrant thresholds" };
  const char *cjk_name = NULL;
  double w, h;
  gboolean found = FALSE;
  time_t created;

  g_assert_cmpint (poppler_document_get_n_pages (doc), >, 10);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (strstr (text, sections[i]) == NULL)
      g_error ("section “%s” not in the report", sections[i]);

  /* The title page: title, comparison, rule-set version. */
  g_assert_nonnull (strstr (first, "Customer tiers 2026-Q3"));
  g_assert_nonnull (strstr (first, "Compared with 2026-Q2"));
  g_assert_nonnull (strstr (first, "Rule set"));
  /* Running header and page numbers. */
  {
    g_autofree char *third = report_test_page_text (doc, 2);
    g_autofree char *footer = g_strdup_printf ("Page 3 of %d", poppler_document_get_n_pages (doc));
    g_assert_nonnull (strstr (third, footer));
    g_assert_nonnull (strstr (third, "2026-Q3"));
  }

  /* Tier A's section states the engine's count of tier A customers. */
  for (int i = 2; i < poppler_document_get_n_pages (doc) && !found; i++)
    {
      g_autofree char *p = report_test_page_text (doc, i);
      const char *at = strstr (p, heading);
      if (at != NULL)
        {
          g_assert_nonnull (strstr (at, count_line));
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_assert_cmpuint (counts[0], >, 0);

  /* A Chinese customer name of tier A is listed. */
  for (guint i = 0; i < res->data->n && cjk_name == NULL; i++)
    if (res->result->final_tier[i] == 0 && !g_str_is_ascii (strata_period_data_get_name (res->data, i)))
      cjk_name = strata_period_data_get_name (res->data, i);
  g_assert_nonnull (cjk_name);
  g_assert_nonnull (strstr (text, cjk_name));

  check_fonts_embedded (doc);
  check_toc_links (doc);
  check_reasons_whole (doc);

  g_assert_cmpstr (poppler_document_get_title (doc), ==, "Customer tiers 2026-Q3");
  g_assert_nonnull (poppler_document_get_author (doc));
  g_assert_cmpstr (poppler_document_get_author (doc), !=, "");
  g_assert_nonnull (strstr (poppler_document_get_subject (doc), "2026-Q2"));
  created = poppler_document_get_creation_date (doc);
  g_assert_cmpint (ABS (time (NULL) - created), <, 3600);

  /* Bookmarks. */
  {
    PopplerIndexIter *index = poppler_index_iter_new (doc);
    g_assert_nonnull (index);
    poppler_index_iter_free (index);
  }

  {
    g_autoptr(PopplerPage) page = poppler_document_get_page (doc, 3);
    poppler_page_get_size (page, &w, &h);
    g_assert_cmpfloat_with_epsilon (w, 595, 1);
    g_assert_cmpfloat_with_epsilon (h, 842, 1);
  }
}

static void
test_letter (void)
{
  g_autofree char *path = write_report ("letter.pdf", STRATA_REPORT_PAPER_LETTER, "en");
  g_autoptr(PopplerDocument) doc = report_test_open_pdf (path);
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, 0);
  double w, h;

  poppler_page_get_size (page, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 612, 1);
  g_assert_cmpfloat_with_epsilon (h, 792, 1);
  g_assert_cmpint (poppler_document_get_n_pages (doc), >, 10);
}

/* Many customers in a tier: the best top_n by score, then totals. */
static void
test_top_n (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);
  StrataReportOptions options = { .language = "en", .top_n = 5 };
  g_autofree char *path = g_build_filename (dir, "top.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = report_test_write_text (ws, &options, path);
  g_assert_nonnull (strstr (text, "the 5 best by score are listed"));
  g_assert_nonnull (strstr (text, "more customers"));
  g_assert_nonnull (strstr (text, "Total:"));
}

static void
count_progress (double   fraction,
                gpointer data)
{
  double *last = data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

/* Progress reaches 1; a cancelled report leaves no file behind. */
static void
test_progress_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (dir, "cancel.pdf", NULL);
  g_autoptr(GDir) d = NULL;
  const char *name;
  double last = 0;

  g_assert_no_error (error);
  g_assert_true (strata_report_write_pdf (ws, NULL, path, count_progress, &last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
  g_unlink (path);

  g_cancellable_cancel (cancellable);
  g_assert_false (strata_report_write_pdf (ws, NULL, path, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".cancel.pdf"));
}

/* A workspace of one period: nothing to compare, said so. */
static void
test_one_period (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *one = g_build_filename (dir, "one.strata", NULL);
  g_autofree char *path = g_build_filename (dir, "one.pdf", NULL);
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;

  g_assert_true (strata_demo_write (one, 40, 3, 1, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  ws = strata_workspace_open (one, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (strata_report_write_pdf (ws, NULL, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = report_test_open_pdf (path);
  text = report_test_text (doc, -1);
  g_assert_nonnull (strstr (text, "There is no earlier period to compare with."));
  g_assert_null (strstr (text, "Top upgrades"));
  g_assert_cmpstr (poppler_document_get_subject (doc), ==, "Customer tiering of 2026-Q3");
  g_assert_cmpint (poppler_document_get_n_pages (doc), >, 6);
}

static void
test_bad_period (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);
  StrataReportOptions options = { .period = "1999-Q1" };
  g_autoptr(StrataReport) report = NULL;

  g_assert_no_error (error);
  report = strata_report_new (ws, &options, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "1999-Q1"));
}

/* text without its white space (a PDF's lines break anywhere). */
static char *
without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
  return g_string_free (out, FALSE);
}

/* In Chinese a top upgrade's reasons read an amount as the Customers page
 * writes it (strata_format_compact: 万), in the PDF as on the page. */
static void
check_reasons_chinese (PopplerDocument *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);
  g_autoptr(StrataReviewDeck) deck = NULL;
  g_autofree char *text = report_test_text (doc, -1);
  g_autofree char *flat = without_spaces (text);
  g_autofree char *reasons = NULL;
  GPtrArray *movers;

  g_assert_no_error (error);
  movers = load_upgrades (ws, &deck);
  for (guint i = 0; i < movers->len && i < 10 && reasons == NULL; i++)
    {
      const StrataMover *m = movers->pdata[i];

      for (guint r = 0; r < strata_mover_get_n_reasons (m) && reasons == NULL; r++)
        {
          const StrataReason *reason = strata_mover_get_reason (m, r);

          if (reason->kind == STRATA_REASON_METRIC && g_str_equal (reason->key, "order_amount"))
            {
              g_autofree char *a = strata_format_compact (NULL, reason->old_value);
              g_autofree char *b = strata_format_compact (NULL, reason->new_value);
              g_autofree char *change = g_strdup_printf ("%s → %s", a, b);
              g_autofree char *line = strata_mover_format_reason (m, r);

              /* Unless compact writes both alike (then with more digits). */
              if (g_strcmp0 (a, b) != 0)
                g_assert_true (g_str_has_suffix (line, change));
              g_assert_nonnull (strstr (line, "万"));
              reasons = strata_mover_describe_reasons (m, "; ");
            }
        }
    }
  g_assert_nonnull (reasons);
  {
    g_autofree char *want = without_spaces (reasons);
    g_assert_nonnull (strstr (flat, want));
  }
}

static void
test_chinese (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  const char *summary;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  summary = g_dgettext (GETTEXT_PACKAGE, "Summary");
  if (g_str_equal (summary, "Summary"))
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }
  path = write_report ("zh_CN.pdf", STRATA_REPORT_PAPER_A4, "zh_CN");
  doc = report_test_open_pdf (path);
  text = report_test_text (doc, -1);
  g_assert_nonnull (strstr (text, summary));
  g_assert_nonnull (strstr (text, g_dgettext (GETTEXT_PACKAGE, "Contents")));
  g_assert_nonnull (strstr (text, g_dgettext (GETTEXT_PACKAGE, "Entitlements")));
  g_assert_nonnull (strstr (text, g_dgettext (GETTEXT_PACKAGE, "Appendix: the scoring model")));
  /* The footer in Chinese; numbers grouped the Chinese way. */
  g_assert_null (strstr (text, "Page 3 of"));
  check_fonts_embedded (doc);
  check_toc_links (doc);
  check_reasons_chinese (doc);
  g_unsetenv ("LANGUAGE");
}

/* Traditional Chinese: its catalogue and the traditional glyph forms. */
static void
test_traditional (void)
{
  g_autofree char *path = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerFontInfo) info = NULL;
  g_autofree char *text = NULL;
  PopplerFontsIter *iter = NULL;
  gboolean tc = FALSE;

  g_setenv ("LANGUAGE", "zh_TW", TRUE);
  setlocale (LC_ALL, "");
  if (g_str_equal (g_dgettext (GETTEXT_PACKAGE, "Contents"), "Contents"))
    {
      g_test_skip ("the zh_TW catalogue is not built");
      return;
    }
  path = write_report ("zh_TW.pdf", STRATA_REPORT_PAPER_A4, "zh_TW");
  doc = report_test_open_pdf (path);
  text = report_test_text (doc, 3);
  g_assert_nonnull (strstr (text, "目錄"));
  info = poppler_font_info_new (doc);
  while (poppler_font_info_scan (info, 20, &iter))
    {
      if (iter == NULL)
        continue;
      do
        tc |= strstr (poppler_fonts_iter_get_name (iter), "CJKtc") != NULL;
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  g_assert_true (tc);
  g_unsetenv ("LANGUAGE");
}

static gpointer
translate_summary (gpointer data)
{
  return g_strdup (_("Summary"));
}

/* A report in Chinese while the process runs in C: the report reads its
 * own catalogue, and the process's LANGUAGE and textdomain stay as they
 * were (other threads translate meanwhile). */
static void
test_language_not_global (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *domain = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *other_thread = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(StrataCatalog) catalog = NULL;

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  catalog = strata_catalog_new_for_language ("zh_CN.UTF-8");
  if (!strata_catalog_has_messages (catalog))
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }
  g_assert_cmpstr (strata_catalog_gettext (catalog, "Summary"), ==, "摘要");
  g_assert_cmpstr (strata_catalog_ngettext (catalog, "%s customer", "%s customers", 5), ==, "%s 位客户");

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  g_setenv ("LANGUAGE", "en", TRUE);
  domain = g_strdup (textdomain (NULL));

  path = write_report ("language.pdf", STRATA_REPORT_PAPER_A4, "zh_CN");
  doc = report_test_open_pdf (path);
  text = report_test_text (doc, -1);
  g_assert_nonnull (strstr (text, "摘要"));
  g_assert_nonnull (strstr (text, "目录"));
  g_assert_nonnull (strstr (text, "各层级客户"));
  g_assert_null (strstr (text, "Summary"));
  g_assert_null (strstr (text, "Page 3 of"));

  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");
  g_assert_cmpstr (textdomain (NULL), ==, domain);
  g_assert_cmpstr (_("Summary"), ==, "Summary");

  /* A catalogue pushed on this thread translates this thread only. */
  strata_catalog_push_thread_default (catalog);
  g_assert_cmpstr (_("Summary"), ==, "摘要");
  other_thread = g_thread_join (g_thread_new ("translate", translate_summary, NULL));
  g_assert_cmpstr (other_thread, ==, "Summary");
  strata_catalog_pop_thread_default (catalog);
  g_assert_cmpstr (_("Summary"), ==, "Summary");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* A workspace created in English read in Chinese: the tier, item and
 * quadrant names of the default rules are in Chinese, with their keys (as written now) and
 * without (the rules of an older workspace, found from the English label). */
static void
test_tier_names_language (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.strata", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataCatalog) catalog = NULL;

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  catalog = strata_catalog_new_for_language ("zh_CN");
  if (!strata_catalog_has_messages (catalog))
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }

  g_assert_true (strata_demo_write (old_path, 120, 3, 2, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(StrataWorkspace) ws = strata_workspace_open (old_path, NULL, &error);
    g_autoptr(StrataRules) rules = strata_ruleset_store_get_draft (ws, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (((StrataTier *) rules->tiers->pdata[0])->label, ==, "Strategic");
    for (guint i = 0; i < rules->tiers->len; i++)
      g_clear_pointer (&((StrataTier *) rules->tiers->pdata[i])->label_key, g_free);
    for (guint i = 0; i < rules->adjustments->len; i++)
      g_clear_pointer (&((StrataAdjustment *) rules->adjustments->pdata[i])->label_key, g_free);
    for (guint q = 0; q < 4; q++)
      {
        g_clear_pointer (&rules->quadrant.label_key[q], g_free);
        g_clear_pointer (&rules->quadrant.action_key[q], g_free);
      }
    g_assert_true (strata_ruleset_store_publish (ws, rules, "older rules", NULL, &error));
    g_assert_no_error (error);
  }

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(StrataWorkspace) ws = strata_workspace_open (k == 0 ? ws_path : old_path, NULL, &error);
      StrataReportOptions options = { .paper = STRATA_REPORT_PAPER_A4, .language = "zh_CN" };
      g_autofree char *path = g_build_filename (dir, k == 0 ? "names.pdf" : "names-old.pdf", NULL);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = report_test_write_text (ws, &options, path);
      /* The tier table and the appendix's items. */
      g_assert_nonnull (strstr (text, "A · 战略客户"));
      g_assert_nonnull (strstr (text, "E · 普通客户"));
      g_assert_nonnull (strstr (text, "业务线三条及以上"));
      g_assert_null (strstr (text, "Strategic"));
      g_assert_null (strstr (text, "Ordinary"));
      g_assert_null (strstr (text, "Three or more business lines"));
      g_assert_nonnull (strstr (text, "头部客户"));
      g_assert_null (strstr (text, "Head customers"));
      g_assert_null (strstr (text, "Effort without results"));
      /* Metric labels follow the report's language, not the process's. */
      g_assert_nonnull (strstr (text, "年度订单金额"));
      g_assert_null (strstr (text, "Annual order amount"));
    }
}

static void
test_cli (void)
{
  g_autofree char *out = g_build_filename (dir, "cli.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.strata", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "no-such-dir", "x.pdf", NULL);
  g_auto(CliRun) r = { 0, };

  if (g_getenv ("STRATA_CLI") == NULL)
    {
      g_test_skip ("STRATA_CLI is not set");
      return;
    }
  cli_run_clear (&r);
  r.status = run_cli (NULL, &r.err, "report", ws_path, "-o", out, "--paper", "letter", "--period", "2026-Q3", "--compare", "2026-Q1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(PopplerDocument) doc = report_test_open_pdf (out);
    g_autofree char *first = report_test_page_text (doc, 0);
    g_assert_nonnull (strstr (first, "2026-Q1"));
  }
  /* Bad usage: 1. */
  cli_run_clear (&r);
  r.status = run_cli (NULL, &r.err, "report", ws_path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "-o"));
  cli_run_clear (&r);
  r.status = run_cli (NULL, &r.err, "report", ws_path, "-o", out, "--paper", "a3", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "a3"));
  cli_run_clear (&r);
  r.status = run_cli (NULL, &r.err, "report", ws_path, "-o", out, "--lang", "fr", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "fr"));
  /* Bad input: 2, one line naming the file or the period. */
  cli_run_clear (&r);
  r.status = run_cli (NULL, &r.err, "report", missing, "-o", out, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "missing.strata"));
  cli_run_clear (&r);
  r.status = run_cli (NULL, &r.err, "report", ws_path, "-o", out, "--period", "2031-Q9", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "2031-Q9"));
  cli_run_clear (&r);
  r.status = run_cli (NULL, &r.err, "report", ws_path, "-o", unwritable, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "x.pdf"));
  g_assert_cmpint (strchr (r.err, '\n') - r.err + 1, ==, (int) strlen (r.err));
}

/* The page's deck (loaded sharing the window's period) keeps the product
 * mix's migration list only as its count; the report's deck keeps the
 * list, as many customers, and both have the same mix otherwise. */
static void
test_deck_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = strata_workspace_open (ws_path, NULL, &error);
  g_autoptr(StrataReviewDeck) full = NULL;
  g_autoptr(StrataReviewDeck) page = NULL;
  const StrataProductMix *a, *b;
  gint64 from = 0, to = 0;

  g_assert_no_error (error);
  g_assert_true (strata_period_find (ws, "2026-Q2", &from, NULL, &error));
  g_assert_true (strata_period_find (ws, "2026-Q3", &to, NULL, &error));
  full = strata_review_deck_load (ws, from, to, FALSE, &error);
  g_assert_no_error (error);
  page = strata_review_deck_load_sharing (ws, from, to, FALSE, NULL, &error);
  g_assert_no_error (error);
  a = strata_review_deck_get_product_mix (full);
  b = strata_review_deck_get_product_mix (page);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (a->has_products);
  g_assert_cmpuint (a->migration->len, >, 0);
  g_assert_cmpuint (strata_review_deck_get_n_migration (full), ==, a->migration->len);
  g_assert_cmpuint (strata_review_deck_get_n_migration (page), ==, a->migration->len);
  g_assert_cmpuint (b->migration->len, ==, 0);
  g_assert_cmpuint (b->rows->len, ==, a->rows->len);
  for (guint i = 0; i < a->rows->len; i++)
    {
      const StrataProductMixRow *ra = a->rows->pdata[i], *rb = b->rows->pdata[i];

      g_assert_cmpstr (ra->tier, ==, rb->tier);
      g_assert_cmpstr (ra->category, ==, rb->category);
      g_assert_cmpuint (ra->customers, ==, rb->customers);
      g_assert_cmpfloat (ra->revenue, ==, rb->revenue);
    }
  /* The page's deck never builds the list, yet its tiers are the same. */
  g_assert_cmpuint (b->migration_total, ==, a->migration->len);
  g_assert_cmpuint (b->tiers->len, ==, a->tiers->len);
  for (guint i = 0; i < a->tiers->len; i++)
    {
      const StrataProductMixTier *ta = a->tiers->pdata[i], *tb = b->tiers->pdata[i];

      g_assert_cmpstr (ta->tier, ==, tb->tier);
      g_assert_cmpuint (ta->customers, ==, tb->customers);
      g_assert_cmpuint (ta->adopters, ==, tb->adopters);
      g_assert_cmpfloat (ta->revenue, ==, tb->revenue);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("strata-report-XXXXXX", &error);
  g_assert_no_error (error);
  ws_path = g_build_filename (dir, "demo.strata", NULL);
  g_assert_true (strata_demo_write (ws_path, 300, 7, 4, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/report/english", test_english);
  g_test_add_func ("/report/letter", test_letter);
  g_test_add_func ("/report/top-n", test_top_n);
  g_test_add_func ("/report/progress-cancel", test_progress_cancel);
  g_test_add_func ("/report/bad-period", test_bad_period);
  g_test_add_func ("/report/one-period", test_one_period);
  g_test_add_func ("/report/cli", test_cli);
  g_test_add_func ("/report/chinese", test_chinese);
  g_test_add_func ("/report/traditional", test_traditional);
  g_test_add_func ("/report/language-not-global", test_language_not_global);
  g_test_add_func ("/report/tier-names-language", test_tier_names_language);
  g_test_add_func ("/report/deck-migration", test_deck_migration);
  status = g_test_run ();

  test_remove_dir (dir);
  g_free (ws_path);
  g_free (dir);
  return status;
}
