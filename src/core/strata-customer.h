/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

#define STRATA_TYPE_CUSTOMER (strata_customer_get_type ())
G_DECLARE_FINAL_TYPE (StrataCustomer, strata_customer, STRATA, CUSTOMER, GObject)

/* A customer: its row id, the user's own id for it (ext_id, e.g. the CRM
 * number, unique in the workspace) and its name. Attributes (industry,
 * region, account manager...) are read from the workspace on first use. */
StrataCustomer *strata_customer_new            (StrataWorkspace  *workspace,
                                                gint64            id,
                                                const char       *ext_id,
                                                const char       *name);

gint64          strata_customer_get_id         (StrataCustomer   *self);
const char     *strata_customer_get_ext_id     (StrataCustomer   *self);
const char     *strata_customer_get_name       (StrataCustomer   *self);
/* NULL when the customer has no such attribute. */
const char     *strata_customer_get_attribute  (StrataCustomer   *self,
                                                const char       *key);
/* key -> value, transfer none; empty when none (or no workspace). */
GHashTable     *strata_customer_get_attributes (StrataCustomer   *self);
/* Forgets the loaded attributes so that the next read sees the workspace. */
void            strata_customer_invalidate_attributes (StrataCustomer *self);

StrataCustomer *strata_customer_load           (StrataWorkspace  *workspace,
                                                gint64            id,
                                                GError          **error);

/* Adds a customer (and, when period_id is not 0, makes it a customer of
 * that period). attributes (key -> value, may be NULL) are stored with it.
 * Returns the new id, 0 on error. One transaction, audited; emits
 * changed::customers. */
gint64          strata_customer_add            (StrataWorkspace  *workspace,
                                                gint64            period_id,
                                                const char       *ext_id,
                                                const char       *name,
                                                GHashTable       *attributes,
                                                GError          **error);
gboolean        strata_customer_rename         (StrataWorkspace  *workspace,
                                                gint64            customer_id,
                                                const char       *name,
                                                GError          **error);
/* value NULL removes the attribute. */
gboolean        strata_customer_set_attribute  (StrataWorkspace  *workspace,
                                                gint64            customer_id,
                                                const char       *key,
                                                const char       *value,
                                                GError          **error);
/* Deletes the customer with its values and overrides. A customer in the
 * frozen results of a closed period is history and is refused. */
gboolean        strata_customer_delete         (StrataWorkspace  *workspace,
                                                gint64            customer_id,
                                                GError          **error);

G_END_DECLS
