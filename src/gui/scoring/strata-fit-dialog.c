/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Fit to Data dialog (see the header). It opens at once: the metric
 * columns the window did not read and the renewals (the next period) are
 * read on a worker, with its own connection, while a spinner turns
 * (hundreds of milliseconds at a million customers). Fitting then runs at
 * every change: it sorts one column and scores three times
 * (bench-calibrate), so from async_rows customers on a worker, one fit at
 * a time: changes meanwhile are coalesced and the last options win, while
 * Apply stays greyed until the fit shown is the fit of the options shown. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "strata-fit-dialog.h"
#include "strata-task.h"
#include "strata-format.h"
#include "strata-renewal-view.h"
#include "strata-worker-rows.h"
#include "strata-workspace-task.h"

struct _StrataFitDialog
{
  AdwWindow             parent_instance;

  StrataRules          *draft;
  StrataPeriodData     *data;
  StrataPeriodData     *outcome_data;   /* NULL: no two consecutive periods */
  guint8               *outcomes;
  char                 *outcome_to;
  GPtrArray            *metric_keys;  /* char*, parallel to metric_row's model */
  GPtrArray            *spins;        /* GtkSpinButton*, one per tier */
  StrataCalibration    *fit;
  gboolean              building;
  GCancellable         *load;         /* the worker reading the data, NULL when done */
  guint                 async_rows;   /* from this many customers, fit on a worker */
  guint                 serial;       /* bumped by every change of the options */
  guint                 fit_serial;   /* the options self->fit was fitted with */
  gboolean              fitting;      /* a worker fits */
  gboolean              disposed;     /* closed while a worker fitted */

  AdwComboRow          *metric_row;
  AdwComboRow          *method_row;
  AdwActionRow         *renewal_row;
  GtkSpinButton        *renewal_spin;
  GtkSwitch            *renewal_switch;
  AdwPreferencesGroup  *shares_group;
  GtkGrid              *pyramid;
  GtkLabel             *summary;
  GtkButton            *apply_button;
  AdwPreferencesGroup  *curves_group;
  GtkCheckButton       *log_check;
  StrataRenewalView    *result_curve;
  StrataRenewalView    *process_curve;
  GtkLabel             *intro;
  AdwPreferencesGroup  *pyramid_group;
  GtkSpinner           *spinner;
  GtkWidget            *scroller;
  gboolean              quadrant_only;  /* the Quadrant page's: thresholds alone */
};

G_DEFINE_FINAL_TYPE (StrataFitDialog, strata_fit_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
grid_label (const char *text,
            float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
show_pyramid (StrataFitDialog *self)
{
  const StrataNumberFormat *fmt = strata_number_format_get_default ();
  const StrataCalibration *c = self->fit;
  guint top = 1;

  clear_grid (self->pyramid);
  if (c == NULL)
    return;
  for (guint t = 0; t < c->n_tiers; t++)
    top = MAX (top, MAX (c->after[t], c->before[t]));
  gtk_grid_attach (self->pyramid, grid_label (_("Tier"), 0), 0, 0, 1, 1);
  gtk_grid_attach (self->pyramid, grid_label (_("Now"), 1), 2, 0, 1, 1);
  gtk_grid_attach (self->pyramid, grid_label (_("Fitted"), 1), 3, 0, 1, 1);
  for (guint t = 0; t < c->n_tiers; t++)
    {
      const StrataTier *tier = c->rules->tiers->pdata[t];
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, top);
      g_autofree char *name = g_strdup_printf ("%s  %s", tier->id, strata_tier_get_display_label (tier));
      g_autofree char *before = strata_format_integer (fmt, c->before[t]);
      g_autofree char *after = strata_format_integer (fmt, c->after[t]);
      g_autofree char *share = strata_format_percent (fmt, c->n_customers ? (double) c->after[t] / c->n_customers : 0, 1);
      g_autofree char *fitted = g_strdup_printf ("%s (%s)", after, share);

      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), c->after[t]);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_grid_attach (self->pyramid, grid_label (name, 0), 0, t + 1, 1, 1);
      gtk_grid_attach (self->pyramid, bar, 1, t + 1, 1, 1);
      gtk_grid_attach (self->pyramid, grid_label (before, 1), 2, t + 1, 1, 1);
      gtk_grid_attach (self->pyramid, grid_label (fitted, 1), 3, t + 1, 1, 1);
    }
}

/* The renewal curves of the quadrant fit, with the thresholds chosen or
 * why there are none; a log axis is offered when a curve spans more
 * than two decades. */
static void
show_curves (StrataFitDialog *self)
{
  const StrataCalibration *c = self->fit;
  const StrataQuadrantRules *q;
  g_autofree char *result_title = NULL;
  g_autofree char *process_title = NULL;
  g_autofree char *ythr = NULL;
  gboolean process_ok, offer;

  if (c == NULL || isnan (c->renewal))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->curves_group), FALSE);
      return;
    }
  q = &c->rules->quadrant;
  result_title = g_strdup_printf (_("Renewal by %s"), q->y_metric ? q->y_metric : "-");
  strata_renewal_view_set_curve (self->result_curve, result_title, c->result_steps, c->renewal,
                                 c->quadrant_fitted ? q->y_threshold : NAN,
                                 c->quadrant_fitted ? NULL : c->quadrant_note);
  ythr = strata_format_decimal (strata_number_format_get_default (), q->y_threshold,
                                q->y_threshold == round (q->y_threshold) ? 0 : 1);
  process_title = g_strdup_printf (_("Reaching %s ≥ %s, by %s"), q->y_metric ? q->y_metric : "-",
                                   ythr, q->x_metric ? q->x_metric : "-");
  process_ok = c->quadrant_fitted && c->process_steps != NULL && c->quadrant_note == NULL;
  strata_renewal_view_set_curve (self->process_curve, process_title, c->process_steps, 0.5,
                                 process_ok ? q->x_threshold : NAN,
                                 process_ok ? NULL
                                 : c->quadrant_fitted ? c->quadrant_note
                                 : _("Needs the result threshold first"));
  offer = strata_renewal_view_wants_log (self->result_curve) ||
          strata_renewal_view_wants_log (self->process_curve);
  gtk_widget_set_visible (GTK_WIDGET (self->log_check), offer);
  if (!offer)
    gtk_check_button_set_active (self->log_check, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->curves_group), TRUE);
}

static void
log_toggled (StrataFitDialog *self)
{
  gboolean log_x = gtk_check_button_get_active (self->log_check);

  strata_renewal_view_set_log (self->result_curve, log_x);
  strata_renewal_view_set_log (self->process_curve, log_x);
}

/* One fit: the options it was asked with, and what it gave. The draft,
 * the data and the outcomes are the dialog's, which the task keeps alive
 * (its source object) and which never change once loaded. */
typedef struct
{
  const StrataRules      *draft;
  StrataPeriodData       *data;
  StrataPeriodData       *outcome_data;
  const guint8           *outcomes;
  char                   *outcome_to;
  StrataCalibrateOptions  options;
  guint                   serial;
  StrataCalibration      *fit;
  GError                 *error;
} FitJob;

static void
fit_job_free (gpointer p)
{
  FitJob *job = p;

  g_clear_pointer (&job->data, strata_period_data_unref);
  g_clear_pointer (&job->outcome_data, strata_period_data_unref);
  g_free (job->outcome_to);
  g_free (job->options.metric);
  g_free (job->options.shares);
  g_clear_pointer (&job->fit, strata_calibration_free);
  g_clear_error (&job->error);
  g_free (job);
}

/* The options the dialog shows, for a fit; greys the controls that do not
 * apply to them. */
static FitJob *
fit_job_new (StrataFitDialog *self)
{
  FitJob *job = g_new0 (FitJob, 1);
  guint metric = adw_combo_row_get_selected (self->metric_row);
  guint method = adw_combo_row_get_selected (self->method_row);

  job->draft = self->draft;
  job->data = strata_period_data_ref (self->data);
  job->outcome_data = self->outcome_data ? strata_period_data_ref (self->outcome_data) : NULL;
  job->outcomes = self->outcomes;
  job->outcome_to = g_strdup (self->outcome_to);
  job->options.shares = g_new (double, MAX (self->spins->len, 1));
  for (guint t = 0; t < self->spins->len; t++)
    {
      job->options.shares[t] = gtk_spin_button_get_value (self->spins->pdata[t]);
      gtk_widget_set_sensitive (self->spins->pdata[t], method == STRATA_CALIBRATE_SHARES);
    }
  job->options.method = method <= STRATA_CALIBRATE_BREAKS ? (StrataCalibrateMethod) method : STRATA_CALIBRATE_SHARES;
  job->options.metric = g_strdup (metric < self->metric_keys->len ? self->metric_keys->pdata[metric] : NULL);
  job->options.renewal = NAN;
  if (self->outcome_data != NULL && gtk_switch_get_active (self->renewal_switch))
    job->options.renewal = gtk_spin_button_get_value (self->renewal_spin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->renewal_spin), !isnan (job->options.renewal));
  job->serial = self->serial;
  return job;
}

/* On any thread. */
static void
fit_job_run (FitJob *job)
{
  job->fit = strata_calibrate_data (job->draft, job->data, job->outcome_data, job->outcomes,
                                    &job->options, &job->error);
  if (job->fit != NULL && job->outcome_data != NULL)
    job->fit->outcome_to = g_strdup (job->outcome_to);
}

static gboolean
fit_current (StrataFitDialog *self)
{
  return self->fit_serial == self->serial && !self->fitting;
}

/* The fit of the options shown: the pyramid, the curves, the summary. */
static void
show_fit (StrataFitDialog *self,
          FitJob          *job)
{
  g_autofree char *text = NULL;

  g_clear_pointer (&self->fit, strata_calibration_free);
  self->fit = g_steal_pointer (&job->fit);
  self->fit_serial = job->serial;
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary), "dim-label");
  show_pyramid (self);
  show_curves (self);
  if (self->fit == NULL)
    {
      gtk_label_set_text (self->summary, job->error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
      return;
    }
  /* The Quadrant page's dialog fits no bands nor tiers: it says nothing of them. */
  if (self->quadrant_only)
    text = strata_calibration_quadrant_to_text (self->fit, strata_number_format_get_default ());
  else
    text = strata_calibration_to_text (self->fit, strata_number_format_get_default ());
  if (*text == '\0')
    gtk_label_set_text (self->summary, _("Needs two consecutive periods to see who renewed"));
  else
    gtk_label_set_text (self->summary, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button),
                            self->quadrant_only ? self->fit->quadrant_fitted
                                                : strata_calibration_fitted_anything (self->fit));
}

static void start_fit (StrataFitDialog *self);

static void
fit_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  fit_job_run (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
fit_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  StrataFitDialog *self = STRATA_FIT_DIALOG (source);
  FitJob *job = g_task_get_task_data (G_TASK (result));

  self->fitting = FALSE;
  if (self->disposed)
    return;
  /* The options changed meanwhile: their fit instead, this one is never shown. */
  if (job->serial != self->serial)
    start_fit (self);
  else
    show_fit (self, job);
}

/* Fits the options shown on a worker; the last fit stays, dimmed, until
 * then. One worker at a time: fit_done starts the next for the options
 * shown by then. */
static void
start_fit (StrataFitDialog *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->fitting)
    return;
  self->fitting = TRUE;
  task = g_task_new (self, NULL, fit_done, NULL);
  g_task_set_task_data (task, fit_job_new (self), fit_job_free);
  strata_task_run_in_background (task, fit_thread);
}

static void
refit (StrataFitDialog *self)
{
  if (self->building || self->load != NULL)
    return;
  self->serial++;
  if (self->data->n < self->async_rows)
    {
      FitJob *job = fit_job_new (self);

      fit_job_run (job);
      show_fit (self, job);
      fit_job_free (job);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "dim-label");
  if (self->fitting)
    {
      /* Greys what does not apply to the options shown now. */
      fit_job_free (fit_job_new (self));
      return;
    }
  start_fit (self);
}

static void
options_changed (StrataFitDialog *self)
{
  refit (self);
}

static void
apply_clicked (StrataFitDialog *self)
{
  if (!fit_current (self) || self->fit == NULL || !strata_calibration_fitted_anything (self->fit) ||
      (self->quadrant_only && !self->fit->quadrant_fitted))
    return;
  g_signal_emit (self, signals[SIGNAL_APPLY], 0);
  gtk_window_close (GTK_WINDOW (self));
}

const StrataRules *
strata_fit_dialog_get_rules (StrataFitDialog *self)
{
  g_return_val_if_fail (STRATA_IS_FIT_DIALOG (self), NULL);

  return fit_current (self) && self->fit != NULL && strata_calibration_fitted_anything (self->fit)
         ? self->fit->rules : NULL;
}

gboolean
strata_fit_dialog_get_fitting (StrataFitDialog *self)
{
  g_return_val_if_fail (STRATA_IS_FIT_DIALOG (self), FALSE);
  return self->load != NULL || !fit_current (self);
}

void
strata_fit_dialog_set_async_rows (StrataFitDialog *self,
                                  guint            rows)
{
  g_return_if_fail (STRATA_IS_FIT_DIALOG (self));
  self->async_rows = rows;
}

void
strata_fit_dialog_set_quadrant_only (StrataFitDialog *self)
{
  g_return_if_fail (STRATA_IS_FIT_DIALOG (self));

  self->quadrant_only = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), _("Fit Quadrant Thresholds to Renewals"));
  gtk_label_set_text (self->intro, _("Places the quadrant thresholds where customers renew: the result threshold where the renewal rate reaches the target, the process threshold from which at least half of the customers reach that result. They become the draft's; nothing is published."));
  gtk_widget_set_visible (GTK_WIDGET (self->metric_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->method_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->shares_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->pyramid_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->renewal_switch), FALSE);
  /* While loading, loaded() turns the renewals on. */
  if (self->outcome_data != NULL)
    gtk_switch_set_active (self->renewal_switch, TRUE);
  refit (self);
}

gboolean
strata_fit_dialog_get_loading (StrataFitDialog *self)
{
  g_return_val_if_fail (STRATA_IS_FIT_DIALOG (self), FALSE);
  return self->load != NULL;
}

static gboolean
has_values (const StrataPeriodData *data,
            guint                   m)
{
  for (guint i = 0; i < data->n; i++)
    if (!isnan (data->columns[m][i]))
      return TRUE;
  return FALSE;
}

/* What the worker read: outcomes, and which metrics have values. */
typedef struct
{
  StrataPeriodData *data;
  StrataPeriodData *outcome_data;
  guint8           *outcomes;
  char             *outcome_to;
  gboolean         *has_values;  /* per metric of data */
} FitLoad;

static void
fit_load_free (gpointer p)
{
  FitLoad *l = p;

  g_clear_pointer (&l->data, strata_period_data_unref);
  g_clear_pointer (&l->outcome_data, strata_period_data_unref);
  g_free (l->outcomes);
  g_free (l->outcome_to);
  g_free (l->has_values);
  g_free (l);
}

/* On a worker, with its own connection: the columns the window left out go
 * into the shared data (only those change, so the main thread's pointers
 * into it stay valid). A column or the renewals that cannot be read leave
 * that part out, as the dialog always did. */
static gpointer
load_func (StrataWorkspace  *workspace,
           gpointer          task_data,
           GCancellable     *cancellable,
           GError          **error)
{
  StrataPeriodData *data = task_data;
  FitLoad *l = g_new0 (FitLoad, 1);
  g_autoptr(GError) local = NULL;

  l->data = strata_period_data_ref (data);
  if (!strata_period_data_ensure_metrics (data, workspace, NULL, &local))
    {
      g_warning ("Fit to Data: %s", local->message);
      g_clear_error (&local);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      fit_load_free (l);
      return NULL;
    }
  /* Renewals for the quadrant: without them the rest still fits. */
  if (data->period_id > 0 &&
      !strata_calibrate_load_outcomes (workspace, data->period_id, &l->outcome_data,
                                       &l->outcomes, &l->outcome_to, &local))
    g_warning ("Fit to Data: %s", local->message);
  l->has_values = g_new0 (gboolean, MAX (data->n_metrics, 1));
  for (guint m = 0; m < data->n_metrics; m++)
    l->has_values[m] = has_values (data, m);
  return l;
}

/* The metrics with values in this period, the draft's base indicator
 * first chosen; then the first fit. */
static void
loaded (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  StrataFitDialog *self = STRATA_FIT_DIALOG (source);
  g_autoptr(GCancellable) load = user_data;
  g_autoptr(GError) error = NULL;
  FitLoad *l = strata_workspace_task_finish (result, &error);
  g_autoptr(GtkStringList) metrics = gtk_string_list_new (NULL);
  const char *first = self->draft->indicators->len > 0
                      ? ((StrataIndicator *) self->draft->indicators->pdata[0])->metric : NULL;
  StrataPeriodData *data = self->data;
  guint selected = 0;

  if (g_cancellable_is_cancelled (load) || self->load != load)
    {
      g_clear_pointer (&l, fit_load_free);
      return;
    }
  g_clear_object (&self->load);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_sensitive (self->scroller, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  if (l == NULL)
    {
      gtk_label_set_text (self->summary, error->message);
      return;
    }
  if (l->outcome_data != NULL && l->outcomes != NULL)
    {
      self->outcome_data = strata_period_data_ref (l->outcome_data);
      self->outcomes = g_steal_pointer (&l->outcomes);
      self->outcome_to = g_steal_pointer (&l->outcome_to);
      gtk_widget_set_sensitive (GTK_WIDGET (self->renewal_row), TRUE);
    }
  else
    adw_action_row_set_subtitle (self->renewal_row,
                                 _("Needs two consecutive periods to see who renewed"));

  self->building = TRUE;
  for (guint m = 0; m < data->n_metrics; m++)
    if (l->has_values[m])
      {
        if (g_strcmp0 (data->metric_keys[m], first) == 0)
          selected = self->metric_keys->len;
        g_ptr_array_add (self->metric_keys, g_strdup (data->metric_keys[m]));
        gtk_string_list_append (metrics, data->metric_labels[m]);
      }
  adw_combo_row_set_model (self->metric_row, G_LIST_MODEL (metrics));
  adw_combo_row_set_selected (self->metric_row, selected);
  /* The Quadrant page's dialog fits with the renewals on. */
  if (self->quadrant_only && self->outcome_data != NULL)
    gtk_switch_set_active (self->renewal_switch, TRUE);
  self->building = FALSE;
  fit_load_free (l);
  refit (self);
}

StrataFitDialog *
strata_fit_dialog_new (GtkWindow         *parent,
                       const StrataRules *draft,
                       StrataPeriodData  *data,
                       const char        *path)
{
  StrataFitDialog *self;
  g_autofree double *defaults = NULL;

  g_return_val_if_fail (draft != NULL && data != NULL && path != NULL, NULL);

  self = g_object_new (STRATA_TYPE_FIT_DIALOG, "transient-for", parent, NULL);
  defaults = strata_calibrate_default_shares (draft->tiers->len);
  self->building = TRUE;
  self->draft = strata_rules_copy (draft);
  self->data = strata_period_data_ref (data);
  /* Until the worker found the renewals. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->renewal_row), FALSE);

  for (guint t = 0; t < draft->tiers->len; t++)
    {
      const StrataTier *tier = draft->tiers->pdata[t];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 1);
      g_autofree char *title = g_strdup_printf ("%s  %s", tier->id, strata_tier_get_display_label (tier));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), defaults[t]);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_widget_set_name (spin, tier->id);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_signal_connect_object (spin, "value-changed", G_CALLBACK (options_changed), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (self->shares_group, row);
      g_ptr_array_add (self->spins, spin);
    }
  self->building = FALSE;

  self->load = g_cancellable_new ();
  gtk_widget_set_sensitive (self->scroller, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  strata_workspace_task_run (self, path, load_func, strata_period_data_ref (data),
                             (GDestroyNotify) strata_period_data_unref, fit_load_free,
                             self->load, loaded, g_object_ref (self->load));
  return self;
}

static void
strata_fit_dialog_dispose (GObject *object)
{
  StrataFitDialog *self = STRATA_FIT_DIALOG (object);

  self->disposed = TRUE;
  /* Closed while loading: loaded() then touches nothing. */
  if (self->load != NULL)
    g_cancellable_cancel (self->load);
  G_OBJECT_CLASS (strata_fit_dialog_parent_class)->dispose (object);
}

static void
strata_fit_dialog_finalize (GObject *object)
{
  StrataFitDialog *self = STRATA_FIT_DIALOG (object);

  g_clear_object (&self->load);
  g_clear_pointer (&self->draft, strata_rules_free);
  g_clear_pointer (&self->data, strata_period_data_unref);
  g_clear_pointer (&self->outcome_data, strata_period_data_unref);
  g_clear_pointer (&self->outcomes, g_free);
  g_clear_pointer (&self->outcome_to, g_free);
  g_clear_pointer (&self->fit, strata_calibration_free);
  g_ptr_array_unref (self->metric_keys);
  g_ptr_array_unref (self->spins);
  G_OBJECT_CLASS (strata_fit_dialog_parent_class)->finalize (object);
}

static void
strata_fit_dialog_class_init (StrataFitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = strata_fit_dialog_dispose;
  object_class->finalize = strata_fit_dialog_finalize;

  /* The user applied the fit: read it with strata_fit_dialog_get_rules(). */
  signals[SIGNAL_APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/strata/Strata/strata-fit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, metric_row);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, renewal_row);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, renewal_spin);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, renewal_switch);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, shares_group);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, pyramid);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, curves_group);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, intro);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, pyramid_group);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, log_check);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, result_curve);
  gtk_widget_class_bind_template_child (widget_class, StrataFitDialog, process_curve);
  gtk_widget_class_bind_template_callback (widget_class, options_changed);
  gtk_widget_class_bind_template_callback (widget_class, log_toggled);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
strata_fit_dialog_init (StrataFitDialog *self)
{
  self->metric_keys = g_ptr_array_new_with_free_func (g_free);
  self->spins = g_ptr_array_new ();
  self->building = TRUE;
  self->async_rows = STRATA_WORKER_ROWS;
  g_type_ensure (STRATA_TYPE_RENEWAL_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
}
