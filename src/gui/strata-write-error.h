/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An edit the workspace could not take (another program writing it, a
 * full disk): a dialog that keeps the edit and offers Try Again and Save a
 * Copy As… (the workspace copied elsewhere with the edit made in the copy).
 * strata-write-error.c. */
#pragma once

#include "strata-page.h"

G_BEGIN_DECLS

/* Makes the edit again on the workspace, reporting any failure itself. */
typedef void     (*StrataWriteRetry) (gpointer         data);
/* Makes the edit on copy, a copy of the workspace. */
typedef gboolean (*StrataWriteCopy)  (StrataWorkspace *copy,
                                      gpointer         data,
                                      GError         **error);

/* TRUE for the errors that trying again or elsewhere can cure. */
gboolean   strata_write_error_is_retryable (const GError     *error);
/* The dialog alone (Close, Save a Copy As…, Try Again: responses "close",
 * "copy", "retry"), transient for widget's window, not yet shown: for the
 * writes that keep their own state (the draft, an import). */
GtkWidget *strata_write_error_dialog_new   (GtkWidget        *widget,
                                            const char       *heading,
                                            const GError     *error);
/* Shows the dialog (transient for page's window) and returns it; the page
 * keeps data (freed with destroy) until a newer one or the next edit error
 * replaces it. */
GtkWidget *strata_write_error_show         (StrataPage       *page,
                                            const char       *heading,
                                            const GError     *error,
                                            StrataWriteRetry  retry,
                                            StrataWriteCopy   copy,
                                            gpointer          data,
                                            GDestroyNotify    destroy);
/* What Save a Copy As… does once a path is chosen. */
gboolean   strata_write_error_save_copy    (StrataPage       *page,
                                            const char       *path,
                                            GError          **error);

G_END_DECLS
