/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataEntitlements: the entitlement matrix of a workspace (what each tier
 * gets at each stage of the funnel), loaded in memory, with every edit as one
 * transaction, an audit entry and an undo/redo stack. */
#pragma once

#include <json-glib/json-glib.h>

#include "strata-engine.h"
#include "strata-entitlement.h"
#include "strata-undo-stack.h"
#include "strata-workspace.h"

G_BEGIN_DECLS

#define STRATA_TYPE_ENTITLEMENTS (strata_entitlements_get_type ())
G_DECLARE_FINAL_TYPE (StrataEntitlements, strata_entitlements, STRATA, ENTITLEMENTS, GObject)

/* Loads the matrix of workspace. The tier columns start as the default tiers
 * (A..E) until strata_entitlements_set_tiers() gives the rule set's. */
StrataEntitlements *strata_entitlements_new            (StrataWorkspace     *workspace,
                                                         GError             **error);
/* Reads the workspace again; clears the undo history (its rows may no longer
 * be what the history recorded). */
gboolean            strata_entitlements_reload         (StrataEntitlements  *self,
                                                         GError             **error);

/* The tier columns, best first: A Strategic, B Key, C Value, D Potential,
 * E Ordinary (labels translated). */
GPtrArray          *strata_entitlements_default_tiers  (void);
/* Takes the tier columns from the current rule set (the latest published
 * version, else the draft); done on creation and whenever the workspace's
 * rules change (strata-entitlements-figures.c). */
gboolean            strata_entitlements_sync_tiers     (StrataEntitlements  *self,
                                                         GError             **error);
/* Takes a copy of tiers (StrataEntitlementTier, best first). */
void                strata_entitlements_set_tiers      (StrataEntitlements  *self,
                                                         GPtrArray           *tiers);
GPtrArray          *strata_entitlements_get_tiers      (StrataEntitlements  *self);
const StrataEntitlementTier *
                    strata_entitlements_lookup_tier    (StrataEntitlements  *self,
                                                         const char          *tier);

/* Everything returned with transfer none below is valid until the next
 * ::changed: every edit reads the matrix back. Keep ids, not pointers. */

/* Stages in order (transfer none). */
GPtrArray          *strata_entitlements_get_stages     (StrataEntitlements  *self);
const StrataEntitlementStage *
                    strata_entitlements_lookup_stage   (StrataEntitlements  *self,
                                                         gint64               stage_id);
/* All entitlements, ordered by stage then position (transfer none). */
GPtrArray          *strata_entitlements_get_all        (StrataEntitlements  *self);
/* The entitlements of one stage in order (transfer container). */
GPtrArray          *strata_entitlements_get_in_stage   (StrataEntitlements  *self,
                                                         gint64               stage_id);
const StrataEntitlement *
                    strata_entitlements_lookup         (StrataEntitlements  *self,
                                                         gint64               entitlement_id);
const StrataEntitlement *
                    strata_entitlements_lookup_key     (StrataEntitlements  *self,
                                                         const char          *key);
/* The stored value of a cell, or NULL when the cell is empty. */
const char         *strata_entitlements_get_value      (StrataEntitlements  *self,
                                                         gint64               entitlement_id,
                                                         const char          *tier);

/* Edits. Each is one transaction with an audit entry, emits the workspace's
 * ::changed ("entitlements") and this object's ::changed, and can be undone.
 * position -1 means at the end. */
gint64   strata_entitlements_add_stage          (StrataEntitlements  *self,
                                                  const char          *label,
                                                  int                  position,
                                                  GError             **error);
gboolean strata_entitlements_remove_stage       (StrataEntitlements  *self,
                                                  gint64               stage_id,
                                                  GError             **error);
gboolean strata_entitlements_rename_stage       (StrataEntitlements  *self,
                                                  gint64               stage_id,
                                                  const char          *label,
                                                  GError             **error);
gboolean strata_entitlements_move_stage         (StrataEntitlements  *self,
                                                  gint64               stage_id,
                                                  int                  position,
                                                  GError             **error);
/* Adds a copy of templ (its label, kind, unit, levels, direction and cost;
 * its id, key, stage and position are chosen here). */
gint64   strata_entitlements_add                (StrataEntitlements  *self,
                                                  gint64               stage_id,
                                                  const StrataEntitlement *templ,
                                                  int                  position,
                                                  GError             **error);
gboolean strata_entitlements_remove             (StrataEntitlements  *self,
                                                  gint64               entitlement_id,
                                                  GError             **error);
gboolean strata_entitlements_rename             (StrataEntitlements  *self,
                                                  gint64               entitlement_id,
                                                  const char          *label,
                                                  GError             **error);
/* Moves an entitlement to position in stage_id (which may be another stage). */
gboolean strata_entitlements_move               (StrataEntitlements  *self,
                                                  gint64               entitlement_id,
                                                  gint64               stage_id,
                                                  int                  position,
                                                  GError             **error);
/* Changes kind, unit, levels, direction and cost of changed->id. Values that
 * no longer fit (a "gold" after the kind became a number) are removed, in the
 * same undoable step. */
gboolean strata_entitlements_update             (StrataEntitlements  *self,
                                                  const StrataEntitlement *changed,
                                                  GError             **error);
/* Parses input with strata_entitlement_parse_value() and stores it; an
 * empty input empties the cell. Bad input changes nothing and sets a
 * message naming the value, the entitlement and the tier. */
gboolean strata_entitlements_set_value          (StrataEntitlements  *self,
                                                  gint64               entitlement_id,
                                                  const char          *tier,
                                                  const char          *input,
                                                  GError             **error);
/* Makes tier to's column equal to tier from's (empty cells included). */
gboolean strata_entitlements_copy_tier          (StrataEntitlements  *self,
                                                  const char          *from,
                                                  const char          *to,
                                                  GError             **error);

gboolean    strata_entitlements_can_undo        (StrataEntitlements  *self);
gboolean    strata_entitlements_can_redo        (StrataEntitlements  *self);
gboolean    strata_entitlements_undo            (StrataEntitlements  *self,
                                                  GError             **error);
gboolean    strata_entitlements_redo            (StrataEntitlements  *self,
                                                  GError             **error);

/* ---- Reading the matrix (strata-entitlements-report.c) ---- */

typedef struct
{
  gint64  entitlement_id;
  char   *tier;     /* the better tier, whose cell is wrong */
  char   *other;    /* the worse tier it is compared with */
  char   *message;  /* translated: "A (Strategic) gets 8 h, worse than B (Key): 4 h" */
} StrataEntitlementProblem;

void strata_entitlement_problem_free (StrataEntitlementProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataEntitlementProblem, strata_entitlement_problem_free)

/* For every ordered entitlement (included, level, number), each tier must get
 * at least as much as every worse tier. One problem per wrong cell, compared
 * with the best of the worse tiers. Empty cells are skipped. */
GPtrArray *strata_entitlements_check            (StrataEntitlements  *self);
/* The problem of one cell, or NULL (transfer none, from the last check run by
 * ::changed; valid until the next change). */
const StrataEntitlementProblem *
           strata_entitlements_get_problem      (StrataEntitlements  *self,
                                                  gint64               entitlement_id,
                                                  const char          *tier);

typedef struct
{
  char   *tier;
  guint   customers;
  double  cost_per_customer; /* sum of the costs of what the tier gets */
  double  cost;              /* customers x cost_per_customer */
  double  revenue;           /* NAN when not given */
} StrataEntitlementCost;

void strata_entitlement_cost_free (StrataEntitlementCost *cost);

/* What one customer of tier costs: the sum of the cost per customer of every
 * entitlement the tier gets (strata_entitlement_grants()). */
double     strata_entitlements_cost_per_customer (StrataEntitlements *self,
                                                   const char         *tier);
/* One StrataEntitlementCost per tier column, in order. customers and revenue
 * are indexed like the tier columns; revenue may be NULL. Pure: reads only
 * the matrix in memory and the arguments. */
GPtrArray *strata_entitlements_cost_totals      (StrataEntitlements  *self,
                                                  const guint         *customers,
                                                  const double        *revenue);

/* Customers per tier column and their revenue (annual order amount) in a
 * period (strata-entitlements-figures.c), indexed like the tier columns.
 * known is FALSE when the period has no tiers yet. */
gboolean   strata_entitlements_tier_figures     (StrataEntitlements  *self,
                                                  gint64               period_id,
                                                  guint               *customers,
                                                  double              *revenue,
                                                  gboolean            *known,
                                                  GError             **error);
/* The same over shared, the window's data of the period (a page's worker,
 * with its own connection: no second copy of the period), with the columns
 * it lacks read into it, and shared_result as an open period's result when
 * the latest published version is shared_version (the window's published
 * result over shared). Loads the period when shared is NULL or another
 * period's, or its customers changed since it was read. */
gboolean   strata_entitlements_tier_figures_shared (StrataEntitlements  *self,
                                                     gint64               period_id,
                                                     StrataPeriodData    *shared,
                                                     StrataResult        *shared_result,
                                                     guint                shared_version,
                                                     guint               *customers,
                                                     double              *revenue,
                                                     gboolean            *known,
                                                     GError             **error);

typedef struct
{
  char *stage;  /* stage label */
  char *label;  /* entitlement label */
  char *value;  /* as people read it: "Yes", "4 h", "gold" */
} StrataEntitlementLine;

void strata_entitlement_line_free (StrataEntitlementLine *line);

/* What a customer of tier gets, in matrix order: one line per entitlement
 * whose cell is not empty (included = no is listed as "No"). For the
 * customer detail. */
GPtrArray *strata_entitlements_list_for_tier    (StrataEntitlements  *self,
                                                  const char          *tier);

/* What one customer gets in a period: its tier there (frozen results of a
 * closed period, else scored now with the current rules, an override
 * winning) and list_for_tier() of it. tier (optional) receives the tier id,
 * NULL when the customer has none. */
GPtrArray *strata_entitlements_list_for_customer (StrataEntitlements  *self,
                                                   gint64               period_id,
                                                   gint64               customer_id,
                                                   char               **tier,
                                                   GError             **error);

/* The matrix as CSV (RFC 4180, UTF-8, header: stage, key, entitlement, kind,
 * unit, levels, direction, one column per tier id, cost_per_customer), with
 * stored values (numbers without unit, included as yes/no); names, units,
 * levels and texts as the reader reads them (seeded ones translated, see
 * strata_entitlement_get_display_label()), keys as stored. */
char      *strata_entitlements_to_csv           (StrataEntitlements  *self);
/* {"tiers": [...], "stages": [{"key", "label", "entitlements": [...]}]},
 * read like the CSV. */
JsonNode  *strata_entitlements_to_json          (StrataEntitlements  *self);
gboolean   strata_entitlements_export_csv       (StrataEntitlements  *self,
                                                  GFile               *file,
                                                  GError             **error);

/* ---- The default matrix (strata-entitlements-seed.c) ---- */

/* Writes the default stages, entitlements, costs and values for tiers A..E
 * into an empty matrix, in the language of the current locale; they are
 * shown in the reader's language while unchanged (strata-entitlement.h's
 * display names). Call inside the seeding transaction. */
gboolean   strata_entitlements_seed_defaults    (StrataWorkspace     *workspace,
                                                  GError             **error);

G_END_DECLS
