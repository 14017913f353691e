/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for GUI tests: waiting for a condition instead of sleeping,
 * finding widgets, and editing spin buttons as a user would. */
#pragma once

#include <adwaita.h>

#include "strata-context.h"

G_BEGIN_DECLS

/* How long a GUI test waits for anything before it fails. Generous: the
 * tests also run under the sanitizers on a loaded two-core machine. */
#define GUI_TEST_TIMEOUT_MS 20000

typedef struct
{
  gint64 deadline;
  guint  timeout_ms;
} GuiTestWait;

GuiTestWait gui_test_wait_begin (guint        timeout_ms);
/* One turn of the main context (blocking for at most a few ms when nothing
 * is ready); fails the test, naming what, once the deadline has passed. */
gboolean    gui_test_wait_step  (GuiTestWait *wait,
                                 const char  *what,
                                 const char  *file,
                                 int          line,
                                 const char  *func);

/* Iterates the main context until cond holds; fails the test with the
 * condition's text after timeout_ms. */
#define gui_test_wait_until(cond, timeout_ms) \
  gui_test_wait_full (cond, #cond, timeout_ms)

/* The same with GUI_TEST_TIMEOUT_MS. */
#define gui_test_wait(cond) gui_test_wait_full (cond, #cond, GUI_TEST_TIMEOUT_MS)

#define gui_test_wait_full(cond, what, timeout_ms)                              \
  G_STMT_START {                                                                \
    GuiTestWait gui_test_wait_ = gui_test_wait_begin (timeout_ms);              \
    while (!(cond) && gui_test_wait_step (&gui_test_wait_, what, __FILE__,      \
                                          __LINE__, G_STRFUNC))                 \
      ;                                                                         \
  } G_STMT_END

/* Until every source that is ready has run (deferred reloads, rebuilds,
 * pending redraws): for checking that something did not happen. */
void        gui_test_wait_idle  (void);
/* Until widget's window has laid out and drawn a frame after this call. */
void        gui_test_wait_frame (GtkWidget   *widget);

/* Presents a window of width x height holding child; returns once it is
 * mapped and drawn. */
GtkWindow  *gui_test_show       (GtkWidget   *child,
                                 int          width,
                                 int          height);
/* Destroys window and waits until it has left the toplevels. */
void        gui_test_destroy    (GtkWindow   *window);

/* The first widget of type under root (root included), depth first. */
GtkWidget  *gui_test_find_widget (GtkWidget  *root,
                                  GType       type);
/* The nth (0-based) widget of type whose widget name or buildable id
 * (the id in its .ui template) is id. */
GtkWidget  *gui_test_find_id    (GtkWidget   *root,
                                 GType        type,
                                 const char  *id,
                                 guint        nth);
/* The first widget of type that shows label: a label's text, a button's
 * label or a preferences row's title (what its accessible name comes from). */
GtkWidget  *gui_test_find_label (GtkWidget   *root,
                                 GType        type,
                                 const char  *label);
/* The text of the label at column, row of a GtkGrid (asserts it is one). */
const char *gui_test_grid_text  (GtkWidget   *grid,
                                 int          column,
                                 int          row);
/* The first mapped widget of type with css_class. */
GtkWidget  *gui_test_find_css   (GtkWidget   *root,
                                 GType        type,
                                 const char  *css_class);
/* Every widget of type under root, depth first, appended to out. */
void        gui_test_collect    (GtkWidget   *root,
                                 GType        type,
                                 GPtrArray   *out);
/* The first toplevel window of type (ADW_TYPE_MESSAGE_DIALOG...). */
GtkWindow  *gui_test_find_toplevel (GType    type);
/* The visible message dialog with that heading (NULL: any). */
AdwMessageDialog *gui_test_find_message_dialog (const char *heading);

/* Types text into the spin button and presses Enter. */
void        gui_test_spin_type  (GtkWidget   *spin_button,
                                 const char  *text);
/* Types value (as the shortest text that reads back the same) and Enter. */
void        gui_test_spin_set   (GtkWidget   *spin_button,
                                 double       value);
/* Sends a key press to the key controllers of widget, as GTK delivers it;
 * returns whether one handled it. */
gboolean    gui_test_press_key  (GtkWidget   *widget,
                                 guint        keyval);

/* A page test's workspace: a demo of customers customers (seed, periods
 * quarters) written at path and opened into *ws, and a window's context
 * on it with its scoring loaded (read on a worker, waited for here). */
StrataContext *gui_test_demo_context (const char       *path,
                                      guint             customers,
                                      guint             seed,
                                      guint             periods,
                                      StrataWorkspace **ws);

/* With STRATA_SCREENSHOT_DIR set, saves widget as dir/name (PNG). */
void        gui_test_save_screenshot (GtkWidget  *widget,
                                      const char *name);

G_END_DECLS
