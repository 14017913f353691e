/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "strata-application.h"
#include "strata-window.h"

struct _StrataApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (StrataApplication, strata_application, ADW_TYPE_APPLICATION)

static StrataWindow *
get_window (StrataApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (strata_window_new (ADW_APPLICATION (self)));
  return STRATA_WINDOW (window);
}

static void
strata_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (STRATA_APPLICATION (app))));
}

static void
show_page_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  StrataApplication *self = user_data;
  StrataWindow *window = get_window (self);
  const char *name = g_variant_get_string (parameter, NULL);

  if (!strata_window_show_page (window, name))
    g_warning ("No page called “%s”", name);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "show-page", show_page_action, "s" },
};

static void
strata_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (strata_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
}

static void
strata_application_class_init (StrataApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = strata_application_activate;
  app_class->startup = strata_application_startup;
}

static void
strata_application_init (StrataApplication *self)
{
}

StrataApplication *
strata_application_new (void)
{
  return g_object_new (STRATA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/strata/Strata",
                       NULL);
}
