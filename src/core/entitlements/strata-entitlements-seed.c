/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The entitlement matrix a new workspace starts with, after the method's
 * article: at each step of the funnel (demand, contract, delivery,
 * operations, renewal) what helps the customer convert, each tier with a
 * different service level. Labels are stored in the language of the locale
 * the workspace is created in; while unchanged they are shown in the
 * reader's language, through the list of these strings in
 * strata-entitlement-names.c (keep the two the same). */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>

#include "strata-entitlements.h"

typedef struct
{
  const char *stage;
  const char *key;
  const char *label;
  StrataEntitlementKind kind;
  const char *unit;
  const char *levels[5];      /* worst first */
  gboolean higher_is_better;
  double cost;                /* per customer and period; NAN = none */
  const char *values[5];      /* A..E, in the C form given to parse_value */
} Default;

static gboolean
exec_bound (StrataWorkspace  *ws,
            sqlite3_stmt     *stmt,
            const char       *what,
            GError          **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (ws, error, what);
      return FALSE;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

gboolean
strata_entitlements_seed_defaults (StrataWorkspace  *ws,
                                   GError          **error)
{
  const char *tiers[] = { "A", "B", "C", "D", "E" };
  const struct { const char *key; const char *label; } stages[] = {
    { "demand", _("Demand") },
    { "contract", _("Contract") },
    { "delivery", _("Delivery") },
    { "operations", _("Operations") },
    { "renewal", _("Renewal") },
  };
  const char *standard = C_("level", "Standard");
  const char *priority = C_("level", "Priority");
  const char *dedicated = C_("level", "Dedicated");
  const char *silver = C_("level", "Silver");
  const char *gold = C_("level", "Gold");
  const char *platinum = C_("level", "Platinum");
  const char *express = C_("level", "Express");
  const char *hours = C_("unit", "h");
  const char *days = C_("unit", "days");
  const Default defaults[] = {
    { "demand", "presales_design", _("Pre-sales solution design"), STRATA_ENTITLEMENT_LEVEL, "",
      { standard, priority, dedicated }, TRUE, 2000,
      { dedicated, dedicated, priority, standard, standard } },
    { "demand", "new_product_trial", _("New product trial (new data centres, SaaS operations)"),
      STRATA_ENTITLEMENT_INCLUDED, "", { NULL }, TRUE, 1500,
      { "yes", "yes", "yes", "no", "no" } },
    { "contract", "order_discount", _("Order discount"), STRATA_ENTITLEMENT_NUMBER, "%",
      { NULL }, TRUE, NAN, { "15", "10", "6", "3", "0" } },
    { "contract", "payment_terms", _("Payment terms"), STRATA_ENTITLEMENT_NUMBER, days,
      { NULL }, TRUE, NAN, { "90", "60", "45", "30", "0" } },
    { "contract", "sla_level", _("SLA level"), STRATA_ENTITLEMENT_LEVEL, "",
      { standard, silver, gold, platinum }, TRUE, NAN,
      { platinum, gold, silver, standard, standard } },
    { "delivery", "delivery_priority", _("Delivery and installation priority"),
      STRATA_ENTITLEMENT_LEVEL, "", { standard, priority, express }, TRUE, 800,
      { express, priority, priority, standard, standard } },
    { "delivery", "onsite_service", _("On-site service"), STRATA_ENTITLEMENT_INCLUDED, "",
      { NULL }, TRUE, 3000, { "yes", "yes", "yes", "no", "no" } },
    { "operations", "account_manager", _("Dedicated account manager"),
      STRATA_ENTITLEMENT_INCLUDED, "", { NULL }, TRUE, 12000,
      { "yes", "yes", "no", "no", "no" } },
    { "operations", "sla_response", _("SLA response time"), STRATA_ENTITLEMENT_NUMBER, hours,
      { NULL }, FALSE, NAN, { "1", "2", "4", "8", "24" } },
    { "operations", "support_hours", _("Technical support hours a month"),
      STRATA_ENTITLEMENT_NUMBER, hours, { NULL }, TRUE, NAN, { "40", "20", "10", "4", "2" } },
    { "operations", "monitoring_24x7", _("24x7 operations monitoring"),
      STRATA_ENTITLEMENT_INCLUDED, "", { NULL }, TRUE, 6000, { "yes", "yes", "no", "no", "no" } },
    { "operations", "ddos_protection", _("DDoS protection (value-added service)"),
      STRATA_ENTITLEMENT_INCLUDED, "", { NULL }, TRUE, 4000, { "yes", "yes", "yes", "no", "no" } },
    { "operations", "cross_border_trial", _("Cross-border line trial (value-added service)"),
      STRATA_ENTITLEMENT_INCLUDED, "", { NULL }, TRUE, 2500, { "yes", "yes", "no", "no", "no" } },
    { "renewal", "business_review", _("Quarterly business review"), STRATA_ENTITLEMENT_INCLUDED,
      "", { NULL }, TRUE, 2000, { "yes", "yes", "yes", "no", "no" } },
    { "renewal", "early_renewal_discount", _("Early renewal discount"),
      STRATA_ENTITLEMENT_NUMBER, "%", { NULL }, TRUE, NAN, { "8", "5", "3", "2", "0" } },
    { "renewal", "legacy_migration", _("Migration off legacy products"),
      STRATA_ENTITLEMENT_TEXT, "", { NULL }, TRUE, NAN,
      { _("Free, with a project team"), _("Free"), _("Half price"), _("At cost"), _("At cost") } },
  };
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) ins_stage = NULL;
  g_autoptr(sqlite3_stmt) ins_ent = NULL;
  g_autoptr(sqlite3_stmt) ins_value = NULL;
  int position = 0;
  const char *last_stage = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (ws), FALSE);

  /* Only an empty matrix is seeded: never overwrite what a user made. */
  count = strata_workspace_prepare (ws, "SELECT (SELECT count(*) FROM entitlement_stages)"
                                        " + (SELECT count(*) FROM entitlements)", error);
  if (count == NULL)
    return FALSE;
  if (sqlite3_step (count) != SQLITE_ROW)
    {
      strata_workspace_set_db_error (ws, error, "entitlements");
      return FALSE;
    }
  if (sqlite3_column_int64 (count, 0) > 0)
    return TRUE;

  if (!strata_workspace_begin (ws, error))
    return FALSE;
  ins_stage = strata_workspace_prepare (ws, "INSERT INTO entitlement_stages (key, label, position)"
                                            " VALUES (?1, ?2, ?3)", error);
  ins_ent = strata_workspace_prepare (ws, "INSERT INTO entitlements (stage_id, key, label, kind,"
                                          " unit, levels, higher_is_better, cost_per_customer,"
                                          " position) VALUES ((SELECT id FROM entitlement_stages"
                                          " WHERE key = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  ins_value = strata_workspace_prepare (ws, "INSERT INTO entitlement_values (entitlement_id, tier,"
                                            " value) VALUES (?3, ?1, ?2)", error);
  if (ins_stage == NULL || ins_ent == NULL || ins_value == NULL)
    goto failed;

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      sqlite3_bind_text (ins_stage, 1, stages[i].key, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_stage, 2, stages[i].label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (ins_stage, 3, (int) i);
      if (!exec_bound (ws, ins_stage, "entitlement_stages", error))
        goto failed;
    }

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      const Default *d = &defaults[i];
      g_autoptr(StrataEntitlement) e = strata_entitlement_new ();
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *levels = NULL;
      gint64 id;

      if (g_strcmp0 (last_stage, d->stage) != 0)
        position = 0;
      last_stage = d->stage;

      json_builder_begin_array (b);
      for (guint l = 0; l < G_N_ELEMENTS (d->levels) && d->levels[l]; l++)
        json_builder_add_string_value (b, d->levels[l]);
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      levels = json_to_string (root, FALSE);

      sqlite3_bind_text (ins_ent, 1, d->stage, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_ent, 2, d->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_ent, 3, d->label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins_ent, 4, strata_entitlement_kind_to_string (d->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_ent, 5, d->unit, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (ins_ent, 6, levels, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (ins_ent, 7, d->higher_is_better);
      if (isnan (d->cost))
        sqlite3_bind_null (ins_ent, 8);
      else
        sqlite3_bind_double (ins_ent, 8, d->cost);
      sqlite3_bind_int (ins_ent, 9, position++);
      if (!exec_bound (ws, ins_ent, "entitlements", error))
        goto failed;
      id = sqlite3_last_insert_rowid (strata_workspace_get_db (ws));

      /* Values go through the same parser as a user's input, so the seed
       * can never store what the editor would refuse. */
      e->kind = d->kind;
      e->label = g_strdup (d->label);
      g_free (e->unit);
      e->unit = g_strdup (d->unit);
      g_strfreev (e->levels);
      e->levels = g_new0 (char *, G_N_ELEMENTS (d->levels) + 1);
      for (guint l = 0; l < G_N_ELEMENTS (d->levels) && d->levels[l]; l++)
        e->levels[l] = g_strdup (d->levels[l]);
      for (guint t = 0; t < G_N_ELEMENTS (tiers); t++)
        {
          g_autofree char *value = strata_entitlement_parse_value (e, d->values[t], error);

          if (value == NULL)
            goto failed;
          sqlite3_bind_text (ins_value, 1, tiers[t], -1, SQLITE_STATIC);
          sqlite3_bind_text (ins_value, 2, value, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (ins_value, 3, id);
          if (!exec_bound (ws, ins_value, "entitlement_values", error))
            goto failed;
        }
    }

  if (!strata_workspace_audit (ws, "entitlements.seed", "", _("Default entitlement matrix"), error))
    goto failed;
  return strata_workspace_commit (ws, error);

failed:
  strata_workspace_rollback (ws);
  return FALSE;
}
