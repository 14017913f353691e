/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "strata-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StrataApplication) app = NULL;

#ifdef __GLIBC__
  /* A period's columns (8 MB each at a million customers) come and go on
   * worker threads; glibc would raise its mmap threshold after the first
   * is freed and keep the next ones in the workers' arenas after they are
   * freed. A fixed threshold maps each one and returns it when freed. */
  mallopt (M_MMAP_THRESHOLD, 1024 * 1024);
#endif
  setlocale (LC_ALL, "");
  /* STRATA_LOCALEDIR: the build tree's catalogues (meson devenv sets it). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STRATA_LOCALEDIR") != NULL
                                   ? g_getenv ("STRATA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = strata_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
