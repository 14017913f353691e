/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Translation macros of core and render: <glib/gi18n-lib.h>, with _() and
 * C_() going through the thread's StrataCatalog when one is pushed (a
 * report in another language), else through gettext as usual. Plurals:
 * strata_ngettext (). */
#pragma once

#include <glib/gi18n-lib.h>
#include <string.h>

#include "strata-catalog.h"

#undef _
#define _(String) ((char *) strata_gettext (String))
#undef C_
#define C_(Context, String) \
  ((char *) strata_pgettext (Context "\004" String, strlen (Context) + 1))
