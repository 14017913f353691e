/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for GUI tests. */
#pragma once

#include <gtk/gtk.h>

/* The first widget of type in the tree under root (root included). */
static inline GtkWidget *
gui_test_find_widget (GtkWidget *root,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gui_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}
