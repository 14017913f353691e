/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "strata-types.h"
#include "strata-enums.h"
