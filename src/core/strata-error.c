/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "strata-error.h"

G_DEFINE_QUARK (strata-workspace-error-quark, strata_workspace_error)
G_DEFINE_QUARK (strata-rules-error-quark, strata_rules_error)
G_DEFINE_QUARK (strata-import-error-quark, strata_import_error)
