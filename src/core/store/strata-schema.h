/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The schema version this build writes (PRAGMA user_version). */
#define STRATA_SCHEMA_VERSION 6

/* SQL that migrates a workspace from version (i) to (i + 1); index 0
 * creates the first schema. */
const char *strata_schema_migration (guint from_version);

G_END_DECLS
