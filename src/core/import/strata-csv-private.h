/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What only tests ask of strata-csv.h. */
#pragma once

#include "strata-csv.h"

G_BEGIN_DECLS

gsize            strata_csv_reader_get_field_length (StrataCsvReader *self,
                                                   guint             index);

G_END_DECLS
