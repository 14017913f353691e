/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata_memory_prefer_huge_pages: the kernel marks the whole 2 MiB pages
 * of a large array for transparent huge pages (VmFlags "hg" in
 * /proc/self/smaps), and leaves small arrays alone. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "strata-memory.h"

/* The VmFlags of the mapping that holds address, or NULL. */
static char *
vm_flags_at (guintptr address)
{
  g_autofree char *smaps = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean inside = FALSE;

  if (!g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
    return NULL;
  lines = g_strsplit (smaps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 from, to;

      if (sscanf (lines[i], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x ", &from, &to) == 2 &&
          strchr (lines[i], ' ') != NULL && strchr (lines[i], '-') < strchr (lines[i], ' '))
        inside = address >= from && address < to;
      else if (inside && g_str_has_prefix (lines[i], "VmFlags:"))
        return g_strdup (lines[i] + strlen ("VmFlags:"));
    }
  return NULL;
}

static void
test_huge (void)
{
  gsize size = 16 * 1024 * 1024;
  char *big = g_malloc (size);
  char *small = g_malloc (64 * 1024);
  guintptr aligned = ((guintptr) big + 2 * 1024 * 1024 - 1) & ~((guintptr) 2 * 1024 * 1024 - 1);
  g_autofree char *flags = NULL;

  if (!g_file_test ("/sys/kernel/mm/transparent_hugepage/enabled", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no transparent huge pages here");
      g_free (big);
      g_free (small);
      return;
    }
  g_assert_false (strata_memory_prefer_huge_pages (small, 64 * 1024));
  g_assert_false (strata_memory_prefer_huge_pages (NULL, size));
  g_assert_true (strata_memory_prefer_huge_pages (big, size));
  memset (big, 1, size);
  flags = vm_flags_at (aligned + 4096);
  g_assert_nonnull (flags);
  g_assert_nonnull (strstr (flags, " hg"));
  g_free (big);
  g_free (small);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/memory/huge", test_huge);
  return g_test_run ();
}
