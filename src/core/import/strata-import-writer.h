/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A thread that runs an import's writes in order while the import goes on
 * reading the file: parsing and SQLite then use a core each, and a large
 * import takes about as long as its writes alone. While it runs, the
 * writer is the only user of the workspace's connection. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _StrataImportWriter StrataImportWriter;

/* A write; FALSE with error set stops the writer. */
typedef gboolean (*StrataImportJob) (gpointer   data,
                                     GError   **error);

/* At most max_jobs jobs queued or running (0: no limit): the reader waits
 * for the writer instead of holding all the file's batches in memory when
 * it writes slower than the file is read. */
StrataImportWriter *strata_import_writer_start  (guint                max_jobs);
/* Queues job (run in the order queued); free (data) once it has run, or
 * without running it after a failure. Waits while max_jobs are queued. */
void                strata_import_writer_push   (StrataImportWriter  *self,
                                                 StrataImportJob      job,
                                                 gpointer             data,
                                                 GDestroyNotify       free);
/* Whether a job has failed: the caller can stop early. */
gboolean            strata_import_writer_failed (StrataImportWriter  *self);
/* The most jobs queued or running at once so far (for tests). */
guint               strata_import_writer_get_peak_jobs (StrataImportWriter *self);
/* Waits for the queued jobs and frees the writer: FALSE with the first
 * failure's error. */
gboolean            strata_import_writer_finish (StrataImportWriter  *self,
                                                 GError             **error);

G_END_DECLS
