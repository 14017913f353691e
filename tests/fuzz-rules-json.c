/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target for the rules JSON reader: any bytes must be read (or
 * refused with an error) without a crash, a leak or undefined behaviour, and
 * whatever is read must write and read back the same.
 * Build: CC=clang CFLAGS=-fsanitize=fuzzer-no-link,address,undefined \
 *          meson setup _build-fuzz -Dfuzzing=true
 * Run:   _build-fuzz/tests/fuzz-rules-json tests/fixtures/fuzz-rules-json -max_total_time=600 */
#include <stdint.h>
#include <string.h>

#include "strata-rules-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  StrataRules *rules;
  char *json, *again_json;
  StrataRules *again;
  GPtrArray *problems;

  rules = strata_rules_from_json ((const char *) data, size, "fuzz.json", &error);
  if (rules == NULL)
    {
      /* Refused: the message must be there and be text. */
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        __builtin_trap ();
      return 0;
    }

  problems = strata_rules_validate (rules, NULL);
  g_ptr_array_unref (problems);

  /* What was read writes and reads back unchanged. */
  json = strata_rules_to_json (rules);
  again = strata_rules_from_json (json, -1, "again.json", NULL);
  if (again == NULL)
    __builtin_trap ();
  again_json = strata_rules_to_json (again);
  if (strcmp (json, again_json) != 0 || !strata_rules_equal (rules, again))
    __builtin_trap ();

  g_free (again_json);
  g_free (json);
  strata_rules_free (again);
  strata_rules_free (rules);
  return 0;
}
