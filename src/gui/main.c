/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "strata-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StrataApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* STRATA_LOCALEDIR: the build tree's catalogues (meson devenv sets it). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("STRATA_LOCALEDIR") != NULL
                                   ? g_getenv ("STRATA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = strata_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
