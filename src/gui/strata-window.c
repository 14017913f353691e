/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-window.h"

struct _StrataWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
};

G_DEFINE_FINAL_TYPE (StrataWindow, strata_window, ADW_TYPE_APPLICATION_WINDOW)

static const struct {
  const char *name;
  const char *title;
  const char *icon;
} pages[] = {
  { "customers",    N_("Customers"),    "system-users-symbolic" },
  { "scoring",      N_("Scoring"),      "view-list-symbolic" },
  { "quadrant",     N_("Quadrant"),     "view-grid-symbolic" },
  { "tiers",        N_("Tiers"),        "view-sort-descending-symbolic" },
  { "entitlements", N_("Entitlements"), "emblem-default-symbolic" },
  { "review",       N_("Review"),       "x-office-presentation-symbolic" },
};

static void
strata_window_class_init (StrataWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StrataWindow, view_stack);
}

static void
strata_window_init (StrataWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *status = adw_status_page_new ();
      AdwViewStackPage *page;

      adw_status_page_set_title (ADW_STATUS_PAGE (status), _(pages[i].title));
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), pages[i].icon);
      page = adw_view_stack_add_titled (self->view_stack, status, pages[i].name,
                                        _(pages[i].title));
      adw_view_stack_page_set_icon_name (page, pages[i].icon);
    }
}

StrataWindow *
strata_window_new (AdwApplication *application)
{
  return g_object_new (STRATA_TYPE_WINDOW, "application", application, NULL);
}

gboolean
strata_window_show_page (StrataWindow *self,
                         const char   *name)
{
  g_return_val_if_fail (STRATA_IS_WINDOW (self), FALSE);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return FALSE;
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  return TRUE;
}
