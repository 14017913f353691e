/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-catalog.h. */
#pragma once

#include "strata-catalog.h"

G_BEGIN_DECLS

/* FALSE when no .mo file was found for the language. */
gboolean       strata_catalog_has_messages     (StrataCatalog *self);

G_END_DECLS
