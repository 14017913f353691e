/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli demo FILE [--customers N] [--seed S] [--periods K] [--force]:
 * writes the built-in demo workspace. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "strata-cli-common.h"
#include "strata-demo.h"
#include "strata-format.h"

int strata_cli_demo (int    argc,
                     char **argv);

static void
on_progress (double   fraction,
             gpointer user_data)
{
  fprintf (stderr, "\r%3d%%", (int) (fraction * 100 + 0.5));
  fflush (stderr);
}

static gboolean
parse_count (const char  *text,
             const char  *option,
             guint64      min,
             guint64      max,
             guint64     *out)
{
  g_autoptr(GError) error = NULL;

  if (!g_ascii_string_to_unsigned (text, 10, min, max, out, &error))
    {
      strata_cli_error (_("%s: “%s” is not a whole number from %llu to %llu"), option, text,
                        (unsigned long long) min, (unsigned long long) max);
      return FALSE;
    }
  return TRUE;
}

int
strata_cli_demo (int    argc,
                 char **argv)
{
  g_autofree char *customers_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *periods_text = NULL;
  gboolean force = FALSE;
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    { "customers", 'n', 0, G_OPTION_ARG_STRING, &customers_text,
      N_("Number of customers (default 600)"), "N" },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the generator: the same seed gives the same data (default 2026)"), "S" },
    { "periods", 'p', 0, G_OPTION_ARG_STRING, &periods_text,
      N_("Number of quarters, the last being 2026-Q3 (default 4)"), "K" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Replace FILE if it exists"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_("Print nothing but errors"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — write the demo workspace"));
  g_autoptr(GError) error = NULL;
  guint64 customers = STRATA_DEMO_DEFAULT_CUSTOMERS;
  guint64 seed = STRATA_DEMO_DEFAULT_SEED;
  guint64 periods = STRATA_DEMO_DEFAULT_PERIODS;
  gboolean show_progress;
  gint64 started;
  const char *path;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 2)
    {
      strata_cli_error (argc < 2 ? _("demo: which file should be written? (strata-cli demo FILE)")
                                 : _("demo: give exactly one file"));
      return STRATA_EXIT_USAGE;
    }
  path = argv[1];

  if ((customers_text != NULL &&
       !parse_count (customers_text, "--customers", 1, STRATA_DEMO_MAX_CUSTOMERS, &customers)) ||
      (seed_text != NULL && !parse_count (seed_text, "--seed", 0, G_MAXUINT64, &seed)) ||
      (periods_text != NULL &&
       !parse_count (periods_text, "--periods", 1, STRATA_DEMO_MAX_PERIODS, &periods)))
    return STRATA_EXIT_USAGE;

  if (!force && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      strata_cli_error (_("“%s” already exists; use --force to replace it"), path);
      return STRATA_EXIT_INPUT;
    }

  /* Progress only on a terminal: scripts and logs get the final line. */
  show_progress = !quiet && isatty (fileno (stderr));
  started = g_get_monotonic_time ();
  if (!strata_demo_write (path, (guint) customers, seed, (guint) periods,
                          force ? STRATA_DEMO_OVERWRITE : STRATA_DEMO_NONE,
                          show_progress ? on_progress : NULL, NULL, &error))
    {
      if (show_progress)
        fprintf (stderr, "\r");
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  if (show_progress)
    fprintf (stderr, "\r    \r");
  if (!quiet)
    {
      g_autofree char *count = strata_format_integer (NULL, (double) customers);

      /* Translators: "Wrote demo.strata: 1,000,000 customers, 4 quarters in 0.3 s" */
      printf (_("Wrote %s: %s customers, %u quarters in %.1f s\n"), path,
              count, (guint) periods,
              (g_get_monotonic_time () - started) / 1e6);
    }
  return STRATA_EXIT_OK;
}
