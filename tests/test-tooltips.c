/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tooltips in Chinese: GTK 4.8 wraps "主菜单" one character per line unless
 * strata-tooltip-fix.c corrects its label. Shows real tooltips (the window
 * covers the screen, so the pointer is over the button wherever it is) and
 * measures the label GTK lays out. */

#include "gui-test-util.h"
#include "strata-tooltip-fix.h"

static GtkWidget *
find_tooltip_label (GtkWindow *window)
{
  GType type = g_type_from_name ("GtkTooltipWindow");

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (window));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (type != G_TYPE_INVALID && G_TYPE_CHECK_INSTANCE_TYPE (child, type)
        && gtk_widget_get_mapped (child))
      return gui_test_find_widget (child, GTK_TYPE_LABEL);
  return NULL;
}

static gboolean
tooltip_shows (GtkWindow  *window,
               const char *text)
{
  GtkWidget *label = find_tooltip_label (window);

  return label != NULL && gtk_widget_get_mapped (label)
         && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0
         && gtk_widget_get_width (label) > 0;
}

/* The pixel size of text set in one line in label's font. */
static void
text_size (GtkWidget  *label,
           const char *text,
           int        *width,
           int        *height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, text);

  pango_layout_get_pixel_size (layout, width, height);
}

static GtkWidget *
show_tooltip (GtkWindow  *window,
              GtkWidget  *button,
              const char *text)
{
  GtkWidget *label;

  gtk_widget_set_tooltip_text (button, text);
  gtk_widget_trigger_tooltip_query (button);
  gui_test_wait (tooltip_shows (window, text));
  label = find_tooltip_label (window);
  gui_test_wait_frame (label);
  return label;
}

static void
test_short_cjk_one_line (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  GdkRectangle screen;
  GtkWidget *button = gtk_button_new_with_label ("Menu");
  GtkWindow *window;
  GtkWidget *label;
  int text_w, text_h, line_w, line_h;
  static const char *long_text =
    "将此客户的等级固定为所选等级，直到您删除覆盖为止；评分规则的变化不会再移动此客户，"
    "所有页面和报告都会显示这个覆盖及其原因。";

  strata_tooltip_fix_install ();
  gdk_monitor_get_geometry (monitor, &screen);
  window = gui_test_show (button, screen.width, screen.height);

  /* "主菜单" (the main menu button): one line, as wide as its text. */
  label = show_tooltip (window, button, "主菜单");
  text_size (label, "主菜单", &text_w, &text_h);
  text_size (label, "主", &line_w, &line_h);
  g_test_message ("主菜单: label %d×%d px, text %d×%d px",
                  gtk_widget_get_width (label), gtk_widget_get_height (label),
                  text_w, text_h);
  g_assert_cmpint (gtk_widget_get_width (label), >=, text_w);
  g_assert_cmpint (gtk_widget_get_height (label), <, 2 * line_h);

  /* A Latin one is unchanged: one line. */
  label = show_tooltip (window, button, "Main Menu");
  text_size (label, "Main Menu", &text_w, &text_h);
  g_assert_cmpint (gtk_widget_get_width (label), >=, text_w);
  g_assert_cmpint (gtk_widget_get_height (label), <, 2 * line_h);

  /* A long Chinese one still wraps, at a width one can read: several
   * lines, each of many characters, well inside the screen. */
  label = show_tooltip (window, button, long_text);
  g_test_message ("long: label %d×%d px, one character %d px",
                  gtk_widget_get_width (label), gtk_widget_get_height (label),
                  line_w);
  g_assert_cmpint (gtk_widget_get_height (label), >=, 2 * line_h);
  g_assert_cmpint (gtk_widget_get_height (label), <=, 5 * line_h);
  g_assert_cmpint (gtk_widget_get_width (label), >=, 12 * line_w);
  g_assert_cmpint (gtk_widget_get_width (label), <=, 40 * line_w);

  /* And again the short one after the long one. */
  label = show_tooltip (window, button, "主菜单");
  g_assert_cmpint (gtk_widget_get_height (label), <, 2 * line_h);

  gui_test_destroy (window);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tooltips/short-cjk-one-line", test_short_cjk_one_line);
  return g_test_run ();
}
