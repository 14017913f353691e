/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The product catalogue and product categories. Products come from order
 * lines with a product column (strata-import-orders.c) or a catalogue
 * file; each has a category: a built-in one (cash_flow, value_added, new,
 * costly), one the user adds, or `other` (uncategorised). Every write is
 * one transaction with an audit row and emits the workspace's ::changed
 * "products". */
#pragma once

#include "strata-workspace.h"

G_BEGIN_DECLS

#define STRATA_PRODUCT_CATEGORY_OTHER "other"

typedef struct
{
  char     *key;
  char     *label;    /* translated for the built-in ones */
  gboolean  builtin;
} StrataProductCategory;

void       strata_product_category_free     (StrataProductCategory *category);

/* The categories in their order (`other` last), StrataProductCategory*. */
GPtrArray *strata_product_categories_list   (StrataWorkspace  *workspace,
                                             GError          **error);
/* The translated label of a built-in key, else NULL. */
const char *strata_product_category_builtin_label (const char *key);
/* The key of a category named by key or label (any language, any case);
 * with create, an unknown name becomes a new category (its key the name
 * in lower case, spaces as _). NULL with an error otherwise. */
char      *strata_product_category_resolve  (StrataWorkspace  *workspace,
                                             const char       *name,
                                             gboolean          create,
                                             GError          **error);

/* Sets one product's category (by code). */
gboolean   strata_products_set_category     (StrataWorkspace  *workspace,
                                             const char       *code,
                                             const char       *category,
                                             GError          **error);
/* Sets the category of every product whose code or description matches
 * pattern (a glob: * and ?, case-insensitive). */
gboolean   strata_products_categorise       (StrataWorkspace  *workspace,
                                             const char       *pattern,
                                             const char       *category,
                                             guint            *n_changed,
                                             GError          **error);
/* The n uncategorised products with the most revenue (all periods) get
 * category: the top sellers. */
gboolean   strata_products_categorise_top   (StrataWorkspace  *workspace,
                                             guint             n,
                                             const char       *category,
                                             guint            *n_changed,
                                             GError          **error);
/* A CSV with a category column and a code or pattern column: each row
 * assigns its category, in one transaction. */
gboolean   strata_products_categorise_csv   (StrataWorkspace  *workspace,
                                             const char       *path,
                                             guint            *n_changed,
                                             GError          **error);
/* A product catalogue (CSV: code, description or name, optional category):
 * adds the products it lacks, sets descriptions and categories. */
gboolean   strata_products_import_catalogue (StrataWorkspace  *workspace,
                                             const char       *path,
                                             guint            *n_products,
                                             GError          **error);

/* Whether the workspace has any product revenue (period_id 0: any period). */
gboolean   strata_products_has_data         (StrataWorkspace  *workspace,
                                             gint64            period_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataProductCategory, strata_product_category_free)

G_END_DECLS
