/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A wrapping layout for a few fields (a caption over a control): as many
 * on a line as fit, in child order, so reading order and Tab order stay
 * the same at any width. Children keep their natural width (at most the
 * whole line) and take the height of their line. */
#include "config.h"

#include "strata-wrap-layout.h"

struct _StrataWrapLayout
{
  GtkLayoutManager parent_instance;
  int              column_spacing;
  int              row_spacing;
};

G_DEFINE_FINAL_TYPE (StrataWrapLayout, strata_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

static int
child_width (GtkWidget *child,
             int        available)
{
  int min = 0, nat = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return MAX (min, MIN (nat, available));
}

/* Walks the lines for a width, allocating the children when asked;
 * returns the total height. */
static int
run_lines (StrataWrapLayout *self,
           GtkWidget        *widget,
           int               width,
           gboolean          allocate)
{
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GtkWidget *line_start = NULL;
  int y = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;)
    {
      GtkWidget *next = NULL;
      int x = 0, line_height = 0, n = 0;

      /* One line: children until the next would pass the width. */
      line_start = child;
      for (next = child; next != NULL; next = gtk_widget_get_next_sibling (next))
        {
          int w, h = 0;

          if (!gtk_widget_should_layout (next))
            continue;
          w = child_width (next, width);
          if (n > 0 && x + self->column_spacing + w > width)
            break;
          x += (n > 0 ? self->column_spacing : 0) + w;
          gtk_widget_measure (next, GTK_ORIENTATION_VERTICAL, w, NULL, &h, NULL, NULL);
          line_height = MAX (line_height, h);
          n++;
        }
      if (n == 0)
        break;
      if (allocate)
        {
          x = 0;
          for (GtkWidget *c = line_start; c != next; c = gtk_widget_get_next_sibling (c))
            {
              int w;

              if (!gtk_widget_should_layout (c))
                continue;
              w = child_width (c, width);
              gtk_widget_size_allocate (c,
                                        &(GtkAllocation) { rtl ? width - x - w : x, y, w, line_height },
                                        -1);
              x += w + self->column_spacing;
            }
        }
      y += (y > 0 ? self->row_spacing : 0) + line_height;
      child = next;
    }
  return y;
}

static GtkSizeRequestMode
strata_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                     GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
strata_wrap_layout_measure (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            GtkOrientation    orientation,
                            int               for_size,
                            int              *minimum,
                            int              *natural,
                            int              *minimum_baseline,
                            int              *natural_baseline)
{
  StrataWrapLayout *self = STRATA_WRAP_LAYOUT (manager);
  int min = 0, nat = 0, n = 0;

  /* Widest child, and all of them on one line. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int cmin = 0, cnat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &cmin, &cnat, NULL, NULL);
      min = MAX (min, cmin);
      nat += (n++ > 0 ? self->column_spacing : 0) + cnat;
    }
  nat = MAX (nat, min);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = min;
      *natural = nat;
    }
  else
    {
      /* Unconstrained: the lines at the natural width. */
      int height = run_lines (self, widget, for_size >= 0 ? MAX (for_size, min) : nat, FALSE);

      *minimum = *natural = height;
    }
}

static void
strata_wrap_layout_allocate (GtkLayoutManager *manager,
                             GtkWidget        *widget,
                             int               width,
                             int               height,
                             int               baseline)
{
  run_lines (STRATA_WRAP_LAYOUT (manager), widget, width, TRUE);
}

static void
strata_wrap_layout_class_init (StrataWrapLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = strata_wrap_layout_get_request_mode;
  manager_class->measure = strata_wrap_layout_measure;
  manager_class->allocate = strata_wrap_layout_allocate;
}

static void
strata_wrap_layout_init (StrataWrapLayout *self)
{
}

GtkLayoutManager *
strata_wrap_layout_new (int column_spacing,
                        int row_spacing)
{
  StrataWrapLayout *self = g_object_new (STRATA_TYPE_WRAP_LAYOUT, NULL);

  self->column_spacing = column_spacing;
  self->row_spacing = row_spacing;
  return GTK_LAYOUT_MANAGER (self);
}
