/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the walk over an .xls workbook stream that finds a
 * sheet's merged cells (src/core/import/strata-xls-merges.c, run by the
 * helper strata-xls-reader): the input is the "Workbook" stream itself,
 * put in a valid compound file here, so that mutations reach the BIFF
 * records (BOF, BOUNDSHEET, MERGEDCELLS, CONTINUE, FORMAT, XF,
 * FORMULA, STRING, RSTRING, EOF) rather than
 * break the container. No input may crash, leak or read out of bounds,
 * every range must come out with first <= last, and every value the walk
 * reads for the helper (formulas' results, rich strings) valid UTF-8.
 * Build: CC=clang meson setup _build-fuzz -Dfuzzing=true -Dtests=true
 * Run:   _build-fuzz/tests/fuzz-xls-merges tests/fixtures/fuzz-xls-merges \
 *          -dict=tests/fuzz-xlsx.dict -max_total_time=600
 * Seeds: the Workbook streams of tests/fixtures/import/customers.xls,
 * merged-header.xls and formulas.xls (`gsf cat FILE Workbook`, from
 * libgsf-bin), and values-workbook: the stream test-xls-values builds
 * (rich and phonetic shared strings across a CONTINUE, date, boolean,
 * error and string results, an RSTRING; its sheet is "S1"), and
 * split-string-workbook: the same with a STRING result that goes on in
 * two CONTINUE records (Latin-1, UTF-16, Latin-1). */
#include <gsf/gsf.h>
#include <stdint.h>

#include "strata-xls-merges.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
drop_message (const char     *domain,
              GLogLevelFlags  level,
              const char     *message,
              gpointer        user_data)
{
}

static void
check (GArray *ranges,
       guint   max)
{
  if (ranges->len > max)
    __builtin_trap ();
  for (guint i = 0; i < ranges->len; i++)
    {
      const StrataXlsRange *r = &g_array_index (ranges, StrataXlsRange, i);

      if (r->r2 < r->r1 || r->c2 < r->c1)
        __builtin_trap ();
    }
  g_array_unref (ranges);
}

static void
check_sheet (StrataXlsSheet *sheet)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, sheet->values);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_utf8_validate (value, -1, NULL))
      __builtin_trap ();
  check (g_array_ref (sheet->ranges), STRATA_XLS_MAX_MERGES);
  strata_xls_sheet_free (sheet);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean ready;
  GsfOutput *mem, *stream;
  GsfOutfile *ole;
  GsfInput *in;

  if (!ready)
    {
      gsf_init ();
      /* libgsf warns about damaged containers; the walk handles them. */
      g_log_set_default_handler (drop_message, NULL);
      ready = TRUE;
    }
  mem = gsf_output_memory_new ();
  ole = gsf_outfile_msole_new (mem);
  stream = gsf_outfile_new_child (ole, "Workbook", FALSE);
  gsf_output_write (stream, size, data);
  gsf_output_close (stream);
  g_object_unref (stream);
  gsf_output_close (GSF_OUTPUT (ole));
  g_object_unref (ole);
  in = gsf_input_memory_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (mem)),
                             gsf_output_size (mem), FALSE);
  check (strata_xls_read_merges_from (in, "客户", 0, 1, STRATA_XLS_MAX_MERGES), STRATA_XLS_MAX_MERGES);
  check (strata_xls_read_merges_from (in, NULL, 0, 1, 4), 4);
  check_sheet (strata_xls_read_sheet_from (in, "S1", 0, 1, STRATA_XLS_MAX_MERGES));
  g_object_unref (in);
  g_object_unref (mem);
  return 0;
}
