/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

int strata_cli_products (int argc, char **argv);
