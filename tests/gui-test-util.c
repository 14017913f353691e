/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gui-test-util.h"

#include "strata-demo.h"

GuiTestWait
gui_test_wait_begin (guint timeout_ms)
{
  return (GuiTestWait) { g_get_monotonic_time () + (gint64) timeout_ms * 1000, timeout_ms };
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
gui_test_wait_step (GuiTestWait *wait,
                    const char  *what,
                    const char  *file,
                    int          line,
                    const char  *func)
{
  if (g_get_monotonic_time () > wait->deadline)
    {
      g_autofree char *message = g_strdup_printf ("waited %u ms in vain for: %s",
                                                  wait->timeout_ms, what);

      g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
      return FALSE;
    }
  /* Nothing ready: block, but wake up soon, for conditions that a thread
   * changes without telling the main context. */
  if (!g_main_context_iteration (NULL, FALSE))
    {
      gboolean woke = FALSE;
      guint id = g_timeout_add (5, set_flag, &woke);

      g_main_context_iteration (NULL, TRUE);
      if (!woke)
        g_source_remove (id);
    }
  return TRUE;
}

void
gui_test_wait_idle (void)
{
  gui_test_wait (!g_main_context_pending (NULL));
}

static void
after_paint (GdkFrameClock *clock,
             gboolean      *painted)
{
  *painted = TRUE;
}

void
gui_test_wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong id;

  gui_test_wait (gtk_widget_get_mapped (widget));
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), &painted);
  /* A frame lays out what is pending before it paints. */
  gtk_widget_queue_draw (widget);
  gui_test_wait (painted);
  g_signal_handler_disconnect (clock, id);
}

GtkWindow *
gui_test_show (GtkWidget *child,
               int        width,
               int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  gui_test_wait_frame (child);
  return window;
}

static gboolean
is_toplevel (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (w == (GObject *) window)
        return TRUE;
    }
  return FALSE;
}

void
gui_test_destroy (GtkWindow *window)
{
  gtk_window_destroy (window);
  gui_test_wait (!is_toplevel (window));
  gui_test_wait_idle ();
}

typedef gboolean (*Match) (GtkWidget     *widget,
                           gconstpointer  data);

/* The nth (0-based) widget of type under root, depth first, that match
 * (NULL: any) accepts. */
static GtkWidget *
find_nth (GtkWidget     *root,
          GType          type,
          Match          match,
          gconstpointer  data,
          guint         *nth)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    {
      if (*nth == 0)
        return root;
      (*nth)--;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_nth (c, type, match, data, nth);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_first (GtkWidget     *root,
            GType          type,
            Match          match,
            gconstpointer  data)
{
  guint nth = 0;

  return find_nth (root, type, match, data, &nth);
}

GtkWidget *
gui_test_find_widget (GtkWidget *root,
                      GType      type)
{
  return find_first (root, type, NULL, NULL);
}

static gboolean
has_id (GtkWidget     *widget,
        gconstpointer  id)
{
  return g_strcmp0 (gtk_widget_get_name (widget), id) == 0 ||
         g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0;
}

GtkWidget *
gui_test_find_id (GtkWidget  *root,
                  GType       type,
                  const char *id,
                  guint       nth)
{
  return find_nth (root, type, has_id, id, &nth);
}

static gboolean
shows_label (GtkWidget     *widget,
             gconstpointer  label)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (widget))
    shown = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_BUTTON (widget))
    shown = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    shown = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    shown = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return g_strcmp0 (shown, label) == 0;
}

GtkWidget *
gui_test_find_label (GtkWidget  *root,
                     GType       type,
                     const char *label)
{
  return find_first (root, type, shows_label, label);
}

const char *
gui_test_grid_text (GtkWidget *grid,
                    int        column,
                    int        row)
{
  GtkWidget *cell = gtk_grid_get_child_at (GTK_GRID (grid), column, row);

  g_assert_true (GTK_IS_LABEL (cell));
  return gtk_label_get_text (GTK_LABEL (cell));
}

static gboolean
mapped_with_class (GtkWidget     *widget,
                   gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class) && gtk_widget_get_mapped (widget);
}

GtkWidget *
gui_test_find_css (GtkWidget  *root,
                   GType       type,
                   const char *css_class)
{
  return find_first (root, type, mapped_with_class, css_class);
}

void
gui_test_collect (GtkWidget *root,
                  GType      type,
                  GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    gui_test_collect (c, type, out);
}

GtkWindow *
gui_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return GTK_WINDOW (w);   /* the toplevels list keeps it */
    }
  return NULL;
}

AdwMessageDialog *
gui_test_find_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          (heading == NULL ||
           g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

void
gui_test_spin_type (GtkWidget  *spin_button,
                    const char *text)
{
  GtkWidget *entry;

  g_assert_true (GTK_IS_SPIN_BUTTON (spin_button));
  entry = gui_test_find_widget (spin_button, GTK_TYPE_TEXT);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (spin_button), text);
  /* Enter in the text emits its "activate", which the spin button takes as
   * the end of the edit. */
  g_signal_emit_by_name (entry, "activate");
}

void
gui_test_spin_set (GtkWidget *spin_button,
                   double     value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  gui_test_spin_type (spin_button, g_ascii_dtostr (text, sizeof text, value));
}

gboolean
gui_test_press_key (GtkWidget *widget,
                    guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  return handled;
}

void
gui_test_save_screenshot (GtkWidget  *widget,
                          const char *name)
{
  const char *dir = g_getenv ("STRATA_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  graphene_rect_t bounds;

  if (dir == NULL)
    return;
  gui_test_wait_frame (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  gsk_render_node_get_bounds (node, &bounds);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &bounds);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

StrataContext *
gui_test_demo_context (const char       *path,
                       guint             customers,
                       guint             seed,
                       guint             periods,
                       StrataWorkspace **ws)
{
  g_autoptr(GError) error = NULL;
  StrataContext *context;

  g_assert_true (strata_demo_write (path, customers, seed, periods, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  *ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  context = strata_context_new (*ws);
  strata_context_finish_scoring (context);
  return context;
}
