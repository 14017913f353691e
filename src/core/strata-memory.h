/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Large arrays an import fills once: backed by 2 MiB pages where the
 * kernel offers them on request (transparent huge pages in "madvise"
 * mode, Debian's default), so that filling them takes one page fault per
 * 2 MiB instead of one per 4 KiB. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Below this an array spans no whole 2 MiB page worth asking for. */
#define STRATA_MEMORY_HUGE_MIN (4 * 1024 * 1024)

/* Asks for huge pages under the whole 2 MiB pages of [memory, memory +
 * size), before they are first written. Nothing happens where the system
 * has none; the memory stays the caller's (free it as allocated).
 * Returns whether the kernel took the advice (for tests). */
gboolean strata_memory_prefer_huge_pages (gpointer memory,
                                          gsize    size);

G_END_DECLS
