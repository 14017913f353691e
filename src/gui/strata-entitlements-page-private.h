/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the page and its dialogs (strata-entitlements-dialogs.c). */
#pragma once

#include <adwaita.h>

#include "strata-entitlements-page.h"

G_BEGIN_DECLS

/* Shows message under the toolbar (and as the page's error) until the next
 * successful edit. */
void strata_entitlements_page_show_error      (StrataEntitlementsPage *self,
                                               const char             *message);
void strata_entitlements_page_clear_error     (StrataEntitlementsPage *self);

/* Asks for a name (stage names): calls apply with the text on "apply". */
typedef void (*StrataNameCallback) (StrataEntitlementsPage *self,
                                    const char             *text,
                                    gint64                  id);
void strata_entitlements_page_ask_name        (StrataEntitlementsPage *self,
                                               const char             *heading,
                                               const char             *initial,
                                               const char             *apply_label,
                                               gint64                  id,
                                               StrataNameCallback      apply);

/* Adds an entitlement to stage_id (entitlement_id 0) or edits one: name,
 * kind, unit, levels, direction and cost per customer. */
void strata_entitlements_page_edit_entitlement (StrataEntitlementsPage *self,
                                                gint64                  stage_id,
                                                gint64                  entitlement_id);

/* Asks which tier column to copy onto which. */
void strata_entitlements_page_ask_copy_tier   (StrataEntitlementsPage *self);

G_END_DECLS
