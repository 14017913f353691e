/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "strata-reload-when-shown.h"

typedef struct
{
  StrataReload reload;
  gboolean     pending;
} Pending;

static void
run_pending (GtkWidget *widget,
             Pending   *p)
{
  if (p->pending)
    {
      p->pending = FALSE;
      p->reload (widget);
    }
}

void
strata_reload_when_shown (GtkWidget    *widget,
                          StrataReload  reload)
{
  Pending *p = g_object_get_data (G_OBJECT (widget), "strata-reload-when-shown");

  g_return_if_fail (GTK_IS_WIDGET (widget) && reload != NULL);

  if (gtk_widget_get_mapped (widget))
    {
      if (p != NULL)
        p->pending = FALSE;
      reload (widget);
      return;
    }
  if (p == NULL)
    {
      p = g_new0 (Pending, 1);
      g_object_set_data_full (G_OBJECT (widget), "strata-reload-when-shown", p, g_free);
      g_signal_connect (widget, "map", G_CALLBACK (run_pending), p);
    }
  p->reload = reload;
  p->pending = TRUE;
}

void
strata_reload_if_pending (GtkWidget *widget)
{
  Pending *p = g_object_get_data (G_OBJECT (widget), "strata-reload-when-shown");

  if (p != NULL)
    run_pending (widget, p);
}
