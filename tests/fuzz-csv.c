/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the CSV reader, the decoder and the value parsers:
 * any bytes must be read without a crash, a leak or undefined behaviour.
 * Build: CC=clang meson setup _build-fuzz -Dfuzzing=true -Dtests=true
 * Run:   _build-fuzz/tests/fuzz-csv tests/fixtures/fuzz-csv -max_total_time=600
 * The first byte picks the delimiter and the decoder; the rest is input. */
#include <stdint.h>
#include <string.h>

#include "strata-csv.h"
#include "strata-encoding.h"
#include "strata-value.h"
#include "strata-csv-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Valid UTF-8 apart from NUL characters (which UTF-16 can encode). */
static gboolean
valid_text (const char *s,
            gsize       len)
{
  const char *end = s + len;

  while (s < end)
    {
      const char *stop = NULL;

      if (g_utf8_validate_len (s, end - s, &stop))
        return TRUE;
      if (*stop != '\0')
        return FALSE;
      s = stop + 1;
    }
  return TRUE;
}

static void
check_record (StrataCsvReader *r)
{
  guint n = strata_csv_reader_get_n_fields (r);

  for (guint i = 0; i < n; i++)
    {
      const char *f = strata_csv_reader_get_field (r, i);
      gsize len = strata_csv_reader_get_field_length (r, i);
      double d;
      gboolean b;
      gint64 day;

      /* The length and the NUL terminator must agree with the text. */
      if (memchr (f, '\0', len) == NULL && f[len] != '\0')
        __builtin_trap ();
      if (g_utf8_validate (f, len, NULL))
        {
          strata_value_parse_number (f, &d, NULL);
          strata_value_parse_boolean (f, &b, NULL);
          strata_value_parse_date (f, &day, NULL);
        }
    }
  if (strata_csv_reader_get_line (r) == 0)
    __builtin_trap ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char delimiters[] = { ',', ';', '\t', '|' };
  static const char *encodings[] = { "UTF-8", "GB18030", "UTF-16LE", "CP950" };
  StrataCsvReader *r;
  char delimiter;

  if (size < 1)
    return 0;
  delimiter = delimiters[data[0] & 3];

  /* The reader over the raw bytes. */
  r = strata_csv_reader_new_for_data ((const char *) data + 1, size - 1, delimiter);
  while (strata_csv_reader_next (r, NULL, NULL))
    check_record (r);
  strata_csv_reader_free (r);

  /* Delimiter and encoding detection. */
  g_free (strata_encoding_detect (data + 1, size - 1, data[0] & 4));
  (void) strata_csv_detect_delimiter ((const char *) data + 1, size - 1, data[0] & 8);

  /* The decoder, fed in two pieces cut where the first byte says. */
  {
    StrataDecoder *d = strata_decoder_new (encodings[(data[0] >> 4) & 3], NULL);
    GString *out = g_string_new (NULL);
    size_t cut = size > 1 ? (data[0] * 7u) % (size - 1) : 0;

    if (strata_decoder_feed (d, data + 1, cut, FALSE, out, NULL) &&
        strata_decoder_feed (d, data + 1 + cut, size - 1 - cut, TRUE, out, NULL))
      {
        if (!valid_text (out->str, out->len))
          __builtin_trap ();
        r = strata_csv_reader_new_for_data (out->str, out->len, delimiter);
        while (strata_csv_reader_next (r, NULL, NULL))
          check_record (r);
        strata_csv_reader_free (r);
      }
    g_string_free (out, TRUE);
    strata_decoder_free (d);
  }
  return 0;
}
