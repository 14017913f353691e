/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataCatalog: the messages of one language, read from its .mo file, so
 * that a report can be written in another language than the program's
 * without touching LANGUAGE or the global textdomain (which other threads
 * read while they translate).
 *
 * A catalogue made the thread default translates every _() of core and
 * render (strata-i18n.h) on that thread only; other threads keep the
 * process's language. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STRATA_TYPE_CATALOG (strata_catalog_get_type ())
G_DECLARE_FINAL_TYPE (StrataCatalog, strata_catalog, STRATA, CATALOG, GObject)

/* The catalogue of language ("zh_CN", "zh_TW.UTF-8", "en") from the folder
 * the text domain is bound to: DIR/zh_CN/LC_MESSAGES/strata.mo, else
 * DIR/zh/…. Without one, the catalogue translates nothing (English). */
StrataCatalog *strata_catalog_new_for_language (const char    *language);
const char    *strata_catalog_gettext          (StrataCatalog *self,
                                                const char    *msgid);
const char    *strata_catalog_ngettext         (StrataCatalog *self,
                                                const char    *msgid,
                                                const char    *msgid_plural,
                                                gulong         n);

/* Makes catalog the calling thread's translator until the matching pop;
 * pushes nest. */
void           strata_catalog_push_thread_default (StrataCatalog *catalog);
void           strata_catalog_pop_thread_default  (StrataCatalog *catalog);
/* The language the thread's catalogue was made for, or NULL when none is
 * pushed: what metric labels and default number formats follow. */
const char    *strata_catalog_get_thread_language (void);

/* What _(), C_() and strata_ngettext() of core and render call: the
 * thread's catalogue if one is pushed, else gettext of the process. */
const char    *strata_gettext  (const char *msgid) G_GNUC_FORMAT (1);
const char    *strata_pgettext (const char *msgctxtid,
                                gsize       msgidoffset) G_GNUC_FORMAT (1);
const char    *strata_ngettext (const char *msgid,
                                const char *msgid_plural,
                                gulong      n) G_GNUC_FORMAT (2);

G_END_DECLS
