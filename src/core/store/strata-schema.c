/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workspace schema. Every migration is applied inside one transaction
 * together with the PRAGMA user_version bump, so a failed migration leaves
 * the file as it was. Never edit a released migration: append a new one. */
#include "strata-schema.h"

#define NOW "(strftime('%Y-%m-%dT%H:%M:%SZ','now'))"

static const char *migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  /* Reporting periods such as 2026-Q3; position gives chronological order. A
   * closed period keeps its results in period_results under ruleset_id. */
  "CREATE TABLE periods ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),"
  "  start_date TEXT,"
  "  end_date TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),"
  "  ruleset_id INTEGER REFERENCES rulesets (id),"
  "  closed_at TEXT,"
  "  created_at TEXT NOT NULL DEFAULT " NOW
  ");"

  "CREATE TABLE customers ("
  "  id INTEGER PRIMARY KEY,"
  "  ext_id TEXT NOT NULL UNIQUE CHECK (length(ext_id) > 0),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL DEFAULT " NOW
  ");"

  /* Free-form descriptive columns: industry, region, account manager... */
  "CREATE TABLE attributes ("
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (customer_id, key)"
  ") WITHOUT ROWID;"

  /* Which customers belong to a period (they may have no metric values). */
  "CREATE TABLE period_customers ("
  "  period_id INTEGER NOT NULL REFERENCES periods (id) ON DELETE CASCADE,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (period_id, customer_id)"
  ") WITHOUT ROWID;"

  "CREATE TABLE metrics ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE CHECK (length(key) > 0),"
  "  label TEXT NOT NULL,"
  "  label_zh_cn TEXT NOT NULL DEFAULT '',"
  "  label_zh_tw TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT 'number'"
  "    CHECK (kind IN ('number', 'money', 'count', 'boolean', 'date')),"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  builtin INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"

  /* One value per (period, metric, customer); clustered by metric so that a
   * period loads as one contiguous range per column. Booleans are 0/1, dates
   * are days since 1970-01-01. A missing value has no row. */
  "CREATE TABLE metric_values ("
  "  period_id INTEGER NOT NULL REFERENCES periods (id) ON DELETE CASCADE,"
  "  metric_id INTEGER NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  value REAL NOT NULL,"
  "  PRIMARY KEY (period_id, metric_id, customer_id)"
  ") WITHOUT ROWID;"

  /* Rule sets as strata-rules/1 JSON: at most one draft, and numbered
   * published versions. */
  "CREATE TABLE rulesets ("
  "  id INTEGER PRIMARY KEY,"
  "  state TEXT NOT NULL CHECK (state IN ('draft', 'published')),"
  "  version INTEGER UNIQUE,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  author TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL DEFAULT " NOW ","
  "  published_at TEXT,"
  "  rules_json TEXT NOT NULL,"
  "  CHECK ((state = 'draft') = (version IS NULL))"
  ");"
  "CREATE UNIQUE INDEX rulesets_one_draft ON rulesets (state) WHERE state = 'draft';"

  /* Manual tier overrides: they win for the final tier, per period. Removing
   * one keeps the row (removed_at) so the audit trail stays whole. */
  "CREATE TABLE overrides ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  period_id INTEGER NOT NULL REFERENCES periods (id) ON DELETE CASCADE,"
  "  tier TEXT NOT NULL,"
  "  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),"
  "  author TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL DEFAULT " NOW ","
  "  removed_at TEXT,"
  "  removed_by TEXT"
  ");"
  "CREATE UNIQUE INDEX overrides_active ON overrides (customer_id, period_id)"
  "  WHERE removed_at IS NULL;"

  /* Results frozen when a period is closed. */
  "CREATE TABLE period_results ("
  "  period_id INTEGER NOT NULL REFERENCES periods (id) ON DELETE CASCADE,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  base_points REAL NOT NULL,"
  "  adjustment_points REAL NOT NULL,"
  "  score REAL NOT NULL,"
  "  base_tier TEXT NOT NULL,"
  "  tier TEXT NOT NULL,"
  "  quadrant TEXT,"
  "  override_tier TEXT,"
  "  PRIMARY KEY (period_id, customer_id)"
  ") WITHOUT ROWID;"

  /* The entitlement matrix: stages of the funnel, entitlements in them, and
   * one value per (entitlement, tier id). */
  "CREATE TABLE entitlement_stages ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  label TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE entitlements ("
  "  id INTEGER PRIMARY KEY,"
  "  stage_id INTEGER NOT NULL REFERENCES entitlement_stages (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL UNIQUE,"
  "  label TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('included', 'level', 'number', 'text')),"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  levels TEXT NOT NULL DEFAULT '[]',"
  "  higher_is_better INTEGER NOT NULL DEFAULT 1,"
  "  cost_per_customer REAL,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE entitlement_values ("
  "  entitlement_id INTEGER NOT NULL REFERENCES entitlements (id) ON DELETE CASCADE,"
  "  tier TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (entitlement_id, tier)"
  ") WITHOUT ROWID;"

  /* Every import, with the rows it could not read. */
  "CREATE TABLE imports ("
  "  id INTEGER PRIMARY KEY,"
  "  period_id INTEGER REFERENCES periods (id) ON DELETE SET NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('customers', 'orders')),"
  "  file_name TEXT NOT NULL,"
  "  encoding TEXT NOT NULL DEFAULT '',"
  "  delimiter TEXT NOT NULL DEFAULT '',"
  "  strict INTEGER NOT NULL DEFAULT 0,"
  "  rows_read INTEGER NOT NULL DEFAULT 0,"
  "  rows_imported INTEGER NOT NULL DEFAULT 0,"
  "  rows_rejected INTEGER NOT NULL DEFAULT 0,"
  "  rows_without_customer INTEGER NOT NULL DEFAULT 0,"
  "  started_at TEXT NOT NULL DEFAULT " NOW ","
  "  finished_at TEXT"
  ");"
  "CREATE TABLE import_rejects ("
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,"
  "  line INTEGER NOT NULL,"
  "  column_name TEXT NOT NULL DEFAULT '',"
  "  value TEXT NOT NULL DEFAULT '',"
  "  reason TEXT NOT NULL"
  ");"
  "CREATE INDEX import_rejects_by_import ON import_rejects (import_id, line);"

  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL DEFAULT " NOW ","
  "  author TEXT NOT NULL DEFAULT '',"
  "  action TEXT NOT NULL,"
  "  subject TEXT NOT NULL DEFAULT '',"
  "  detail TEXT NOT NULL DEFAULT ''"
  ");",

  /* 1 -> 2: a period's metric values move into its customer rows, as one
   * JSON object {"metric id": value, ...} per customer. An import of a
   * million customers with four metrics wrote five million B-tree entries
   * (one membership, four values); it now writes one per customer, and a
   * period loads with one row per customer. metric_values stays as a view
   * with triggers, so SQL that reads or writes it keeps working. Numbers
   * are written with 17 digits here: SQLite's own JSON output keeps only
   * 15. */
  "CREATE TABLE period_customers_v2 ("
  "  period_id INTEGER NOT NULL REFERENCES periods (id) ON DELETE CASCADE,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  values_json TEXT NOT NULL DEFAULT '{}',"
  "  PRIMARY KEY (period_id, customer_id)"
  ") WITHOUT ROWID;"
  "INSERT INTO period_customers_v2 (period_id, customer_id, values_json)"
  "  SELECT period_id, customer_id,"
  "         '{' || group_concat ('\"' || metric_id || '\":' || printf ('%!.17g', value), ',') || '}'"
  "  FROM metric_values GROUP BY period_id, customer_id;"
  "INSERT OR IGNORE INTO period_customers_v2 (period_id, customer_id)"
  "  SELECT period_id, customer_id FROM period_customers;"
  "DROP TABLE metric_values;"
  "DROP TABLE period_customers;"
  "ALTER TABLE period_customers_v2 RENAME TO period_customers;"

  "CREATE VIEW metric_values (period_id, metric_id, customer_id, value) AS"
  "  SELECT pc.period_id, CAST (j.key AS INTEGER), pc.customer_id, j.value"
  "  FROM period_customers pc, json_each (pc.values_json) j;"
  "CREATE TRIGGER metric_values_insert INSTEAD OF INSERT ON metric_values BEGIN"
  "  SELECT RAISE (ABORT, 'FOREIGN KEY constraint failed: no such metric')"
  "    WHERE NOT EXISTS (SELECT 1 FROM metrics WHERE id = NEW.metric_id);"
  "  SELECT RAISE (ABORT, 'NOT NULL constraint failed: metric_values.value')"
  "    WHERE NEW.value IS NULL;"
  "  INSERT INTO period_customers (period_id, customer_id) VALUES (NEW.period_id, NEW.customer_id)"
  "    ON CONFLICT DO NOTHING;"
  "  UPDATE period_customers"
  "    SET values_json = json_set (values_json, '$.\"' || NEW.metric_id || '\"',"
  "                                json (printf ('%!.17g', NEW.value)))"
  "    WHERE period_id = NEW.period_id AND customer_id = NEW.customer_id;"
  "END;"
  "CREATE TRIGGER metric_values_delete INSTEAD OF DELETE ON metric_values BEGIN"
  "  UPDATE period_customers"
  "    SET values_json = json_remove (values_json, '$.\"' || OLD.metric_id || '\"')"
  "    WHERE period_id = OLD.period_id AND customer_id = OLD.customer_id;"
  "END;"
  "CREATE TRIGGER metric_values_update INSTEAD OF UPDATE ON metric_values BEGIN"
  "  DELETE FROM metric_values"
  "    WHERE period_id = OLD.period_id AND metric_id = OLD.metric_id AND customer_id = OLD.customer_id;"
  "  INSERT INTO metric_values (period_id, metric_id, customer_id, value)"
  "    VALUES (NEW.period_id, NEW.metric_id, NEW.customer_id, NEW.value);"
  "END;",

  /* 2 -> 3: products. Order lines with a product column keep each
   * customer's revenue per product and period; products have a category,
   * one of the built-in keys or one the user adds. Sale dates are days
   * since 1970-01-01. A product whose category is removed is `other`. */
  "CREATE TABLE product_categories ("
  "  key TEXT PRIMARY KEY CHECK (length(trim(key)) > 0),"
  "  label TEXT NOT NULL DEFAULT '',"
  "  builtin INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ") WITHOUT ROWID;"
  "INSERT INTO product_categories (key, label, builtin, position) VALUES"
  "  ('cash_flow', 'Cash-flow products', 1, 0), ('value_added', 'Value-added services', 1, 1),"
  "  ('new', 'New products', 1, 2), ('costly', 'Costly to run', 1, 3), ('other', 'Other', 1, 1000);"
  "CREATE TABLE products ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length(code) > 0),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  category TEXT NOT NULL DEFAULT 'other'"
  "    REFERENCES product_categories (key) ON UPDATE CASCADE ON DELETE SET DEFAULT,"
  "  first_sale INTEGER,"
  "  last_sale INTEGER"
  ");"
  "CREATE INDEX products_by_category ON products (category);"
  "CREATE TABLE product_revenue ("
  "  period_id INTEGER NOT NULL REFERENCES periods (id) ON DELETE CASCADE,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  amount REAL NOT NULL,"
  "  PRIMARY KEY (period_id, customer_id, product_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX product_revenue_by_product ON product_revenue (product_id);",

  /* 3 -> 4: the columnar form of each period (strata-period-columns.h):
   * per period one packed array of its customer ids (metric_id -1) and
   * one per metric id found in its values_json (doubles, NaN = no value),
   * little-endian, in customer id order. Any change to a period's rows
   * drops its columns here; strata_workspace_commit() rebuilds every
   * period without columns before it commits (this migration's too), so
   * no committed state has stale columns, whoever wrote the rows. */
  "CREATE TABLE period_columns ("
  "  period_id INTEGER NOT NULL REFERENCES periods (id) ON DELETE CASCADE,"
  "  metric_id INTEGER NOT NULL,"
  "  data BLOB NOT NULL,"
  "  PRIMARY KEY (period_id, metric_id)"
  ");"
  "CREATE TRIGGER period_columns_stale_insert AFTER INSERT ON period_customers BEGIN"
  "  DELETE FROM period_columns WHERE period_id = NEW.period_id;"
  "END;"
  "CREATE TRIGGER period_columns_stale_update AFTER UPDATE ON period_customers BEGIN"
  "  DELETE FROM period_columns WHERE period_id IN (OLD.period_id, NEW.period_id);"
  "END;"
  "CREATE TRIGGER period_columns_stale_delete AFTER DELETE ON period_customers BEGIN"
  "  DELETE FROM period_columns WHERE period_id = OLD.period_id;"
  "END;",

  /* 4 -> 5: a metric's column is stored in the narrowest form that holds
   * its values exactly (8, 16 or 32-bit integers, amounts in cents, or
   * doubles), behind an 8-byte header saying which
   * (strata-period-columns.c). The ids' arrays are unchanged. The
   * columns of format 4 go; strata_workspace_commit() writes every
   * period's again from its rows in this migration's transaction. */
  "DELETE FROM period_columns;",

  /* 5 -> 6: the Customers list's name order of a period per collation
   * (strata-name-ranks.h), a cache checked against a hash of the names
   * it was computed from: a second or two of collating at a million
   * customers, read back in milliseconds. */
  "CREATE TABLE name_ranks ("
  "  period_id INTEGER NOT NULL REFERENCES periods (id) ON DELETE CASCADE,"
  "  collation TEXT NOT NULL,"
  "  names_hash INTEGER NOT NULL,"
  "  ranks BLOB NOT NULL,"
  "  PRIMARY KEY (period_id, collation)"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == STRATA_SCHEMA_VERSION);

const char *
strata_schema_migration (guint from_version)
{
  g_return_val_if_fail (from_version < STRATA_SCHEMA_VERSION, NULL);
  return migrations[from_version];
}
