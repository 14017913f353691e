/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for opening a damaged workspace: the input is a list of
 * byte edits applied to a copy of a small valid workspace
 * (tests/fixtures/fuzz-workspace.strata), which is then opened, its periods
 * listed, each period's data loaded and scored with the draft and the latest
 * published rules. Damage must end in an error, never a crash, a leak,
 * undefined behaviour or a critical warning.
 * Build: CC=clang CFLAGS=-fsanitize=fuzzer-no-link,address,undefined \
 *          meson setup _build-fuzz -Dfuzzing=true
 * Run:   _build-fuzz/tests/fuzz-workspace tests/fixtures/fuzz-workspace -max_total_time=600
 * Each edit is 4 bytes: page (mod the number of pages), offset in the page
 * (16 bits, mod the page size) and the byte written there, so mutations land
 * on SQLite pages (headers, cell pointers, records), not just at the end. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "strata-workspace.h"
#include "strata-period-list.h"
#include "strata-period.h"
#include "strata-period-data.h"
#include "strata-ruleset-store.h"
#include "strata-engine.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

static guint8 *fixture;
static gsize fixture_len;
static gsize page_size;
static char *copy_path;

static void
quiet_log (const char     *domain,
           GLogLevelFlags  level,
           const char     *message,
           gpointer        data)
{
  /* Messages about the damage are expected; criticals are bugs. */
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      g_printerr ("%s: %s\n", domain ? domain : "", message);
      __builtin_trap ();
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *path = g_getenv ("STRATA_FUZZ_WORKSPACE");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (path == NULL)
    path = FUZZ_FIXTURES_DIR "/fuzz-workspace.strata";
  if (!g_file_get_contents (path, (char **) &fixture, &fixture_len, &error))
    g_error ("%s", error->message);
  page_size = fixture_len >= 18 ? (fixture[16] << 8 | fixture[17]) : 0;
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || fixture_len % page_size != 0)
    g_error ("%s: not an SQLite file", path);

  dir = g_dir_make_tmp ("fuzz-workspace-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  copy_path = g_build_filename (dir, "damaged.strata", NULL);
  g_log_set_default_handler (quiet_log, NULL);
  return 0;
}

static void
score_period (StrataWorkspace   *ws,
              gint64             period_id,
              const StrataRules *draft,
              const StrataRules *published)
{
  g_autoptr(GError) error = NULL;
  StrataPeriodData *data = strata_period_data_load (ws, period_id, &error);
  const StrataRules *each[] = { draft, published };

  if (data == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (each); i++)
    {
      StrataResult *result;

      if (each[i] == NULL)
        continue;
      result = strata_engine_score (each[i], data, NULL);
      if (result != NULL)
        {
          if (result->n > 0)
            {
              StrataReceipt *receipt = strata_engine_explain (each[i], data, 0, NULL);

              if (receipt != NULL)
                g_free (strata_receipt_to_text (receipt));
              if (receipt != NULL)
                strata_receipt_free (receipt);
            }
          strata_result_unref (result);
        }
    }
  strata_period_data_unref (data);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree guint8 *bytes = g_memdup2 (fixture, fixture_len);
  gsize n_pages = fixture_len / page_size;
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataPeriodList) periods = NULL;
  g_autoptr(StrataRules) draft = NULL;
  g_autoptr(StrataRules) published = NULL;
  g_autofree char *wal = g_strconcat (copy_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (copy_path, "-shm", NULL);
  gint64 latest_id = 0;

  for (size_t i = 0; i + 4 <= size; i += 4)
    {
      gsize page = data[i] % n_pages;
      gsize offset = (data[i + 1] << 8 | data[i + 2]) % page_size;

      bytes[page * page_size + offset] = data[i + 3];
    }
  g_unlink (wal);
  g_unlink (shm);
  /* Not g_file_set_contents: its fsync would cost more than the run. */
  {
    FILE *f = fopen (copy_path, "wb");

    if (f == NULL || fwrite (bytes, 1, fixture_len, f) != fixture_len || fclose (f) != 0)
      g_error ("%s: cannot write the copy", copy_path);
  }

  ws = strata_workspace_open (copy_path, NULL, &error);
  if (ws == NULL)
    {
      if (error == NULL)
        __builtin_trap ();
      return 0;
    }

  periods = strata_period_list_new (ws);
  draft = strata_ruleset_store_get_draft (ws, NULL);
  published = strata_ruleset_store_load_version (ws, 0, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (periods)); i++)
    {
      g_autoptr(StrataPeriod) period = g_list_model_get_item (G_LIST_MODEL (periods), i);

      /* Names are shown and compared: they must be strings. */
      if (strata_period_get_name (period) == NULL)
        __builtin_trap ();
      score_period (ws, strata_period_get_id (period), draft, published);
    }
  if (strata_period_find (ws, NULL, &latest_id, NULL, NULL))
    score_period (ws, latest_id, draft, published);
  return 0;
}
