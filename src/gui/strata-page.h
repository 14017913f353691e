/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataPage: what every page of the window shares. It holds the
 * "context" (StrataContext *, NULL when no workspace is open), follows the
 * context's period and the workspace's ::changed signal for the kinds of
 * change the page shows, and reloads the page when it is on screen: a change
 * while it is hidden waits until it is mapped. A page whose loading takes
 * more than a frame implements load_async/load_finish: the base class runs
 * it with a spinner over the page and cancels a load that a newer one makes
 * stale. */
#pragma once

#include <gtk/gtk.h>

#include "strata-context.h"
#include "strata-workspace-task.h"

G_BEGIN_DECLS

/* What a page shows and reloads on: the kinds of the workspace's ::changed
 * signal ("all" matches any; "draft", a save of the draft rules alone,
 * reloads none: RULES are the published ones), PERIOD: the context's
 * current period, and SCORES: the context's shared StrataScoring
 * (::scores-changed; it follows the period, the draft and every kind but
 * "entitlements" by itself). */
typedef enum
{
  STRATA_PAGE_CHANGES_NONE         = 0,
  STRATA_PAGE_CHANGES_RULES        = 1 << 0,
  STRATA_PAGE_CHANGES_CUSTOMERS    = 1 << 1,
  STRATA_PAGE_CHANGES_PERIODS      = 1 << 2,
  STRATA_PAGE_CHANGES_ENTITLEMENTS = 1 << 3,
  STRATA_PAGE_CHANGES_OVERRIDES    = 1 << 4,
  STRATA_PAGE_CHANGES_METRICS      = 1 << 5,
  STRATA_PAGE_CHANGES_ALL          = 0x3f,
  STRATA_PAGE_CHANGES_SCORES       = 1 << 6,
  STRATA_PAGE_CHANGES_PERIOD       = 1 << 7,
} StrataPageChanges;

#define STRATA_TYPE_PAGE (strata_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (StrataPage, strata_page, STRATA, PAGE, GtkWidget)

struct _StrataPageClass
{
  GtkWidgetClass parent_class;

  /* What reloads the page besides a new context. Default: nothing. */
  StrataPageChanges changes;
  /* The page's actions that write to the workspace (NULL-terminated, or
   * NULL): disabled while its workspace is read-only ("editable"). */
  const char * const *edit_actions;

  /* After the context changed (the old one is disconnected): set up or
   * drop what the page keeps per context. Runs before the reload. */
  void     (*context_changed) (StrataPage           *self);
  /* Shows the context's current data; runs when the page is mapped. The
   * default starts load_async when the page has one. */
  void     (*reload)          (StrataPage           *self);
  /* Optional: loads off the main thread (a GTask; the worker opens its own
   * StrataWorkspace). load_finish runs on the main thread and shows the
   * result; it is not called for a load that was cancelled. */
  void     (*load_async)      (StrataPage           *self,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);
  gboolean (*load_finish)     (StrataPage           *self,
                               GAsyncResult         *result,
                               GError              **error);

  gpointer padding[7];
};

StrataContext   *strata_page_get_context        (StrataPage *self);
void             strata_page_set_context        (StrataPage *self,
                                                 StrataContext *context);
/* The context's workspace and shared scoring, NULL without a context. */
StrataWorkspace *strata_page_get_workspace      (StrataPage *self);
StrataScoring   *strata_page_get_scoring        (StrataPage *self);

/* FALSE while the context's workspace is open read-only ("editable"):
 * the class's edit_actions are then disabled, and the page binds the
 * sensitivity of its editing widgets to it. */
gboolean         strata_page_get_editable       (StrataPage *self);
/* gtk_widget_action_set_enabled() for an edit action: enabled only when
 * the page is editable too. */
void             strata_page_set_edit_action_enabled (StrataPage *self,
                                                      const char *action_name,
                                                      gboolean    enabled);

/* Reloads now when the page is mapped, else when it is next. */
void             strata_page_queue_reload       (StrataPage *self);
/* Runs a reload that is waiting for the page to be shown, now (for a
 * caller that needs what the page shows, such as the presentation). */
void             strata_page_reload_if_pending  (StrataPage *self);
/* Runs a pending reload now and waits (iterating the main context) until
 * its load_async has finished, for a caller that needs the loaded data at
 * once (the presentation, a scripted comparison). */
void             strata_page_finish_load        (StrataPage *self);
/* TRUE while a load_async runs, the shared scoring the page shows is
 * being loaded (its spinner is shown), or the page builds in steps. */
gboolean         strata_page_get_loading        (StrataPage *self);
/* A widget tree too large for one turn of the main loop (the rules
 * editor's tables, the entitlement matrix) is built in steps: step runs
 * from a low-priority idle until it returns FALSE, as many steps a turn as
 * fit in the build budget, so that the frame clock lays out and paints
 * between turns and no turn blocks the window. A new build (or
 * strata_page_cancel_build) stops the last one. While it runs the page is
 * loading (strata_page_get_loading, strata_page_finish_load waits for it). */
typedef gboolean (*StrataPageBuildStep) (StrataPage *self);
void             strata_page_build_in_steps     (StrataPage          *self,
                                                 StrataPageBuildStep  step);
void             strata_page_cancel_build       (StrataPage *self);
gboolean         strata_page_get_building       (StrataPage *self);
/* The turns of the main loop the last build took (1: all at once), and
 * the process's budget per turn in microseconds (default
 * STRATA_PAGE_BUILD_BUDGET_US; G_MAXINT64: every build in one turn, the
 * design before, for benchmarks and tests). */
#define STRATA_PAGE_BUILD_BUDGET_US 12000
guint            strata_page_get_build_turns    (StrataPage *self);
void             strata_page_set_build_budget   (gint64      budget_us);
/* How many times the page reloaded (its reload vfunc ran), for tests and
 * benchmarks: what a change costs the pages that do not show it. */
guint            strata_page_get_reloads        (StrataPage *self);
/* How often glibc's free memory was handed back after pages' loads. */
guint            strata_page_get_heap_trims     (void);

/* For load_async: runs func on a worker thread with a connection of its
 * own to the page's workspace file (strata_workspace_task_run()), the task's
 * source object being the page. load_finish takes the result with
 * strata_page_worker_finish(); a cancelled load gives G_IO_ERROR_CANCELLED. */
void             strata_page_run_worker         (StrataPage              *self,
                                                 StrataWorkspaceTaskFunc  func,
                                                 gpointer                 task_data,
                                                 GDestroyNotify           task_data_free,
                                                 GDestroyNotify           result_free,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
gpointer         strata_page_worker_finish      (StrataPage              *self,
                                                 GAsyncResult            *result,
                                                 GError                 **error);

/* Asks for a file in a native chooser that the page owns (one at a time:
 * a new one, or the page going, closes the last), modal on the page's
 * window. chosen runs with the file picked, not when it was cancelled. */
typedef void (*StrataPageFileChosen) (StrataPage *self,
                                      GFile      *file);
void             strata_page_choose_file        (StrataPage              *self,
                                                 GtkFileChooserAction     action,
                                                 const char              *title,
                                                 const char              *accept_label,
                                                 GtkFileFilter           *filter,
                                                 const char              *current_name,
                                                 StrataPageFileChosen     chosen);

G_END_DECLS
