/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataMetric: one metric definition (order amount, referrals...). The
 * objects are immutable snapshots of a row; StrataMetricList replaces an
 * item when its row changes, so views never see half-updated metrics. */
#include "config.h"

#include "strata-i18n.h"
#include <string.h>

#include "strata-enums.h"
#include "strata-catalog.h"
#include "strata-metric.h"

struct _StrataMetric
{
  GObject           parent_instance;

  gint64            id;
  char             *key;
  char             *label;
  char             *label_zh_cn;
  char             *label_zh_tw;
  char             *unit;
  StrataMetricKind  kind;
  gboolean          builtin;
};

G_DEFINE_FINAL_TYPE (StrataMetric, strata_metric, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KEY,
  PROP_LABEL,
  PROP_LOCALIZED_LABEL,
  PROP_KIND,
  PROP_UNIT,
  PROP_BUILTIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The canonical built-in metrics (see the common brief): every area uses
 * these keys. Labels in the three languages live in the workspace so that
 * imports can match a column header in any of them. */
static const struct
{
  const char       *key;
  StrataMetricKind  kind;
  const char       *label;
  const char       *label_zh_cn;
  const char       *label_zh_tw;
  const char       *unit;
} builtin_metrics[] = {
  { "order_amount", STRATA_METRIC_MONEY, "Annual order amount", "年度订单金额", "年度訂單金額", "CNY" },
  { "referrals", STRATA_METRIC_COUNT, "Referred customers", "转介绍客户数", "轉介紹客戶數", "" },
  { "business_lines", STRATA_METRIC_COUNT, "Business lines", "业务线数量", "業務線數量", "" },
  { "high_growth", STRATA_METRIC_BOOLEAN, "High growth potential", "高成长潜力", "高成長潛力", "" },
  { "listed_company", STRATA_METRIC_BOOLEAN, "Listed company", "上市公司", "上市公司", "" },
  { "overdue_invoices", STRATA_METRIC_COUNT, "Overdue invoices", "逾期账单数", "逾期帳單數", "" },
  { "fault_tickets", STRATA_METRIC_COUNT, "Fault tickets", "故障工单数", "故障工單數", "" },
  { "monthly_inquiries", STRATA_METRIC_COUNT, "Monthly inquiries", "月询价数", "月詢價數", "" },
  { "listed_products", STRATA_METRIC_COUNT, "Qualified products listed", "合格上架产品数", "合格上架產品數", "" },
  { "login_days", STRATA_METRIC_COUNT, "Login days", "登录天数", "登入天數", "days" },
  { "order_count", STRATA_METRIC_COUNT, "Orders", "订单数", "訂單數", "" },
  { "distinct_products", STRATA_METRIC_COUNT, "Distinct products", "产品种类数", "產品種類數", "" },
  { "active_months", STRATA_METRIC_COUNT, "Active months", "活跃月数", "活躍月數", "months" },
  { "last_order_date", STRATA_METRIC_DATE, "Last order date", "最后下单日期", "最後下單日期", "" },
};

static const char *kind_names[] = { "number", "money", "count", "boolean", "date" };

const char *
strata_metric_kind_to_string (StrataMetricKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), "number");
  return kind_names[kind];
}

gboolean
strata_metric_kind_from_string (const char       *text,
                                StrataMetricKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = (StrataMetricKind) i;
        return TRUE;
      }
  return FALSE;
}

/* g_get_language_names() follows LANGUAGE, LC_ALL, LC_MESSAGES and LANG in
 * gettext's order and notices when they change. The first language we know
 * wins; "C" means English. */
StrataLabelLanguage
strata_label_language (void)
{
  const char *report_language = strata_catalog_get_thread_language ();
  const char *one[] = { report_language, NULL };
  const char * const *names = report_language ? one : g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *n = names[i];

      if (g_str_has_prefix (n, "zh"))
        {
          if (strstr (n, "TW") || strstr (n, "HK") || strstr (n, "MO") ||
              strstr (n, "Hant") || strstr (n, "hant"))
            return STRATA_LABEL_ZH_TW;
          return STRATA_LABEL_ZH_CN;
        }
      if (g_str_has_prefix (n, "en") || g_str_equal (n, "C") ||
          g_str_has_prefix (n, "C.") || g_str_equal (n, "POSIX"))
        return STRATA_LABEL_ENGLISH;
    }
  return STRATA_LABEL_ENGLISH;
}

StrataMetric *
strata_metric_new (gint64            id,
                   const char       *key,
                   const char       *label,
                   const char       *label_zh_cn,
                   const char       *label_zh_tw,
                   StrataMetricKind  kind,
                   const char       *unit,
                   gboolean          builtin)
{
  StrataMetric *self;

  g_return_val_if_fail (key != NULL, NULL);

  self = g_object_new (STRATA_TYPE_METRIC, NULL);
  self->id = id;
  self->key = g_strdup (key);
  self->label = g_strdup (label && *label ? label : key);
  self->label_zh_cn = g_strdup (label_zh_cn ? label_zh_cn : "");
  self->label_zh_tw = g_strdup (label_zh_tw ? label_zh_tw : "");
  self->kind = kind;
  self->unit = g_strdup (unit ? unit : "");
  self->builtin = builtin;
  return self;
}

gint64
strata_metric_get_id (StrataMetric *self)
{
  g_return_val_if_fail (STRATA_IS_METRIC (self), 0);
  return self->id;
}

const char *
strata_metric_get_key (StrataMetric *self)
{
  g_return_val_if_fail (STRATA_IS_METRIC (self), NULL);
  return self->key;
}

const char *
strata_metric_get_label (StrataMetric *self)
{
  g_return_val_if_fail (STRATA_IS_METRIC (self), NULL);
  return self->label;
}

const char *
strata_metric_get_label_zh_cn (StrataMetric *self)
{
  g_return_val_if_fail (STRATA_IS_METRIC (self), NULL);
  return self->label_zh_cn;
}

const char *
strata_metric_get_label_zh_tw (StrataMetric *self)
{
  g_return_val_if_fail (STRATA_IS_METRIC (self), NULL);
  return self->label_zh_tw;
}

const char *
strata_metric_get_localized_label (StrataMetric *self)
{
  g_return_val_if_fail (STRATA_IS_METRIC (self), NULL);

  switch (strata_label_language ())
    {
    case STRATA_LABEL_ZH_CN:
      return *self->label_zh_cn ? self->label_zh_cn : self->label;
    case STRATA_LABEL_ZH_TW:
      return *self->label_zh_tw ? self->label_zh_tw : self->label;
    case STRATA_LABEL_ENGLISH:
    default:
      return self->label;
    }
}

StrataMetricKind
strata_metric_get_kind (StrataMetric *self)
{
  g_return_val_if_fail (STRATA_IS_METRIC (self), STRATA_METRIC_NUMBER);
  return self->kind;
}

const char *
strata_metric_get_unit (StrataMetric *self)
{
  g_return_val_if_fail (STRATA_IS_METRIC (self), NULL);
  return self->unit;
}

gboolean
strata_metric_get_builtin (StrataMetric *self)
{
  g_return_val_if_fail (STRATA_IS_METRIC (self), FALSE);
  return self->builtin;
}

static char *
fold_label (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autofree char *normal = g_utf8_normalize (copy, -1, G_NORMALIZE_NFKC);

  return g_utf8_casefold (normal ? normal : copy, -1);
}

gboolean
strata_metric_matches_label (StrataMetric *self,
                             const char   *text)
{
  g_autofree char *want = NULL;
  const char *candidates[4];

  g_return_val_if_fail (STRATA_IS_METRIC (self), FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  want = fold_label (text);
  if (*want == '\0')
    return FALSE;

  candidates[0] = self->key;
  candidates[1] = self->label;
  candidates[2] = self->label_zh_cn;
  candidates[3] = self->label_zh_tw;
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *have = NULL;

      if (candidates[i] == NULL || *candidates[i] == '\0')
        continue;
      have = fold_label (candidates[i]);
      if (g_str_equal (have, want))
        return TRUE;
    }
  return FALSE;
}

gboolean
strata_metrics_ensure_builtin (StrataWorkspace  *workspace,
                               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int inserted = 0;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  if (!strata_workspace_begin (workspace, error))
    return FALSE;

  stmt = strata_workspace_prepare (workspace,
                                   "INSERT OR IGNORE INTO metrics (key, label, label_zh_cn,"
                                   " label_zh_tw, kind, unit, builtin, position)"
                                   " VALUES (?, ?, ?, ?, ?, ?, 1, ?)", error);
  if (stmt == NULL)
    goto fail;

  for (guint i = 0; i < G_N_ELEMENTS (builtin_metrics); i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, builtin_metrics[i].key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, builtin_metrics[i].label, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, builtin_metrics[i].label_zh_cn, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, builtin_metrics[i].label_zh_tw, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, strata_metric_kind_to_string (builtin_metrics[i].kind), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, builtin_metrics[i].unit, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 7, (int) i);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          strata_workspace_set_db_error (workspace, error, _("adding the built-in metrics"));
          goto fail;
        }
      inserted += sqlite3_changes (strata_workspace_get_db (workspace));
    }

  if (inserted > 0)
    {
      g_autofree char *detail = g_strdup_printf ("%d", inserted);

      if (!strata_workspace_audit (workspace, "metrics.builtin", "", detail, error))
        goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!strata_workspace_commit (workspace, error))
    return FALSE;
  if (inserted > 0)
    strata_workspace_emit_changed (workspace, "metrics");
  return TRUE;

fail:
  strata_workspace_rollback (workspace);
  return FALSE;
}

static gboolean
valid_key (const char *key)
{
  if (key == NULL || *key == '\0' || strlen (key) > 64 || g_ascii_isdigit (*key))
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_'))
      return FALSE;
  return TRUE;
}

StrataMetric *
strata_metric_create (StrataWorkspace   *workspace,
                      const char        *key,
                      const char        *label,
                      const char        *label_zh_cn,
                      const char        *label_zh_tw,
                      StrataMetricKind   kind,
                      const char        *unit,
                      GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean_label = NULL;
  gint64 id;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!valid_key (key))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("“%s” is not a valid metric key: use lower-case letters, digits and “_”, "
                     "starting with a letter"), key);
      return NULL;
    }
  clean_label = g_strstrip (g_strdup (label ? label : ""));
  if (*clean_label == '\0')
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("The metric “%s” needs a label"), key);
      return NULL;
    }
  if (strata_metric_id_for_key (workspace, key, NULL) != 0)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("A metric with the key “%s” already exists"), key);
      return NULL;
    }

  if (!strata_workspace_begin (workspace, error))
    return NULL;
  stmt = strata_workspace_prepare (workspace,
                                   "INSERT INTO metrics (key, label, label_zh_cn, label_zh_tw,"
                                   " kind, unit, builtin, position)"
                                   " VALUES (?, ?, ?, ?, ?, ?, 0,"
                                   " (SELECT COALESCE (MAX (position), -1) + 1 FROM metrics))",
                                   error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, clean_label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, label_zh_cn ? label_zh_cn : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, label_zh_tw ? label_zh_tw : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, strata_metric_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, unit ? unit : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, _("adding a metric"));
      goto fail;
    }
  id = sqlite3_last_insert_rowid (strata_workspace_get_db (workspace));
  if (!strata_workspace_audit (workspace, "metric.create", key, clean_label, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!strata_workspace_commit (workspace, error))
    return NULL;
  strata_workspace_emit_changed (workspace, "metrics");

  return strata_metric_new (id, key, clean_label, label_zh_cn, label_zh_tw, kind, unit, FALSE);

fail:
  strata_workspace_rollback (workspace);
  return NULL;
}

gint64
strata_metric_id_for_key (StrataWorkspace  *workspace,
                          const char       *key,
                          GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), 0);

  stmt = strata_workspace_prepare (workspace, "SELECT id FROM metrics WHERE key = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
               _("%s: there is no metric “%s”"), strata_workspace_get_path (workspace), key);
  return 0;
}

static void
strata_metric_finalize (GObject *object)
{
  StrataMetric *self = (StrataMetric *) object;

  g_free (self->key);
  g_free (self->label);
  g_free (self->label_zh_cn);
  g_free (self->label_zh_tw);
  g_free (self->unit);

  G_OBJECT_CLASS (strata_metric_parent_class)->finalize (object);
}

static void
strata_metric_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StrataMetric *self = STRATA_METRIC (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_LOCALIZED_LABEL:
      g_value_set_string (value, strata_metric_get_localized_label (self));
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_BUILTIN:
      g_value_set_boolean (value, self->builtin);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_metric_class_init (StrataMetricClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = strata_metric_finalize;
  object_class->get_property = strata_metric_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCALIZED_LABEL] =
    g_param_spec_string ("localized-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, STRATA_TYPE_METRIC_KIND, STRATA_METRIC_NUMBER,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUILTIN] =
    g_param_spec_boolean ("builtin", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
strata_metric_init (StrataMetric *self)
{
}
