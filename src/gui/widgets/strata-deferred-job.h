/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "strata-quadrant-chart.h"

G_BEGIN_DECLS

/* A widget's deferred drawing of a quadrant chart of many points: what a
 * frame lacks (counts, the density image) is made by a job on a worker
 * thread, one at a time; a frame that lacks marks while one runs asks for
 * another when it is done, so resizing and dragging never queue more. The
 * widget keeps one in its instance, zeroed. */
typedef struct
{
  gboolean running;
  gboolean again;   /* a frame lacked marks while it ran */
} StrataDeferredJob;

/* The chart a widget draws deferred now, or NULL (none, or drawn directly):
 * asked when a job is done, to know whether another is wanted. */
typedef StrataQuadrantChart *(*StrataDeferredChartFunc) (GtkWidget *widget);

/* Starts a job for the chart of widget (chart_func's), or marks that
 * another is wanted when one runs. When it is done, on the main thread,
 * its results are installed (unless the chart changed meanwhile), the
 * widget redrawn, and another started if asked for and still wanted. The
 * job holds a reference to widget; job lives in it. */
void strata_deferred_job_start (StrataDeferredJob       *job,
                                GtkWidget               *widget,
                                StrataDeferredChartFunc  chart_func);

G_END_DECLS
