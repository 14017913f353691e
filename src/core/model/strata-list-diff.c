/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "strata-list-diff.h"

gboolean
strata_list_diff (guint                n_old,
                  guint                n_new,
                  StrataListEqualFunc  equal,
                  gpointer             user_data,
                  guint               *position,
                  guint               *removed,
                  guint               *added)
{
  guint prefix = 0;
  guint suffix = 0;
  guint limit = MIN (n_old, n_new);

  while (prefix < limit && equal (user_data, prefix, prefix))
    prefix++;
  /* The suffix must not overlap the prefix in either list. */
  while (suffix < limit - prefix &&
         equal (user_data, n_old - 1 - suffix, n_new - 1 - suffix))
    suffix++;

  *position = prefix;
  *removed = n_old - prefix - suffix;
  *added = n_new - prefix - suffix;
  return *removed > 0 || *added > 0;
}
