/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataPeriod: a reporting period and the writes that add, rename and
 * delete periods. Periods are kept in chronological order: after every
 * change, periods.position is renumbered from the dates so that every
 * reader agrees on the order without sorting dates itself. */
#include "config.h"

#include "strata-i18n.h"
#include <stdio.h>
#include <string.h>

#include "strata-enums.h"
#include "strata-period.h"
#include "strata-period-private.h"

struct _StrataPeriod
{
  GObject            parent_instance;

  gint64             id;
  char              *name;
  char              *start_date;
  char              *end_date;
  int                position;
  StrataPeriodState  state;
  gint64             ruleset_id;
  int                ruleset_version;
};

G_DEFINE_FINAL_TYPE (StrataPeriod, strata_period, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_START_DATE,
  PROP_END_DATE,
  PROP_POSITION,
  PROP_STATE,
  PROP_RULESET_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

StrataPeriod *
strata_period_new (gint64             id,
                   const char        *name,
                   const char        *start_date,
                   const char        *end_date,
                   int                position,
                   StrataPeriodState  state,
                   gint64             ruleset_id,
                   int                ruleset_version)
{
  StrataPeriod *self = g_object_new (STRATA_TYPE_PERIOD, NULL);

  self->id = id;
  self->name = g_strdup (name ? name : "");
  self->start_date = g_strdup (start_date ? start_date : "");
  self->end_date = g_strdup (end_date ? end_date : "");
  self->position = position;
  self->state = state;
  self->ruleset_id = ruleset_id;
  self->ruleset_version = ruleset_version;
  return self;
}

StrataPeriod *
strata_period_new_from_row (sqlite3_stmt *stmt)
{
  const char *state = (const char *) sqlite3_column_text (stmt, 5);

  return strata_period_new (sqlite3_column_int64 (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2),
                            (const char *) sqlite3_column_text (stmt, 3),
                            sqlite3_column_int (stmt, 4),
                            g_strcmp0 (state, "closed") == 0 ? STRATA_PERIOD_CLOSED
                                                              : STRATA_PERIOD_OPEN,
                            sqlite3_column_int64 (stmt, 6),
                            sqlite3_column_int (stmt, 7));
}

gint64
strata_period_get_id (StrataPeriod *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD (self), 0);
  return self->id;
}

const char *
strata_period_get_name (StrataPeriod *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD (self), NULL);
  return self->name;
}

const char *
strata_period_get_start_date (StrataPeriod *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD (self), NULL);
  return self->start_date;
}

const char *
strata_period_get_end_date (StrataPeriod *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD (self), NULL);
  return self->end_date;
}

int
strata_period_get_position (StrataPeriod *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD (self), 0);
  return self->position;
}

void
strata_period_set_position (StrataPeriod *self,
                            int           position)
{
  g_return_if_fail (STRATA_IS_PERIOD (self));

  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

StrataPeriodState
strata_period_get_state (StrataPeriod *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD (self), STRATA_PERIOD_OPEN);
  return self->state;
}

gint64
strata_period_get_ruleset_id (StrataPeriod *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD (self), 0);
  return self->ruleset_id;
}

int
strata_period_get_ruleset_version (StrataPeriod *self)
{
  g_return_val_if_fail (STRATA_IS_PERIOD (self), 0);
  return self->ruleset_version;
}

/* Parses exactly N digits. */
static gboolean
parse_digits (const char **p,
              int          n,
              int         *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

gboolean
strata_period_parse_name (const char *name,
                          GDate      *start,
                          GDate      *end)
{
  const char *p = name;
  int year, n;
  GDateMonth first, last;

  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  if (name == NULL || !parse_digits (&p, 4, &year) || year < 1900 || year > 9999)
    return FALSE;

  if (*p == '\0')
    {
      first = G_DATE_JANUARY;
      last = G_DATE_DECEMBER;
    }
  else if (p[0] == '-' && (p[1] == 'Q' || p[1] == 'q') && p[2] >= '1' && p[2] <= '4' &&
           p[3] == '\0')
    {
      n = p[2] - '0';
      first = (GDateMonth) (3 * (n - 1) + 1);
      last = (GDateMonth) (3 * n);
    }
  else if (p[0] == '-' && (p++, parse_digits (&p, 2, &n)) && *p == '\0' && n >= 1 && n <= 12)
    {
      first = last = (GDateMonth) n;
    }
  else
    return FALSE;

  g_date_clear (start, 1);
  g_date_clear (end, 1);
  g_date_set_dmy (start, 1, first, (GDateYear) year);
  g_date_set_dmy (end, g_date_get_days_in_month (last, (GDateYear) year), last,
                  (GDateYear) year);
  return TRUE;
}

static gboolean
parse_iso_date (const char *text,
                GDate      *date)
{
  const char *p = text;
  int y, m, d;

  if (text == NULL || !parse_digits (&p, 4, &y) || *p++ != '-' ||
      !parse_digits (&p, 2, &m) || *p++ != '-' || !parse_digits (&p, 2, &d) || *p != '\0')
    return FALSE;
  if (y < 1 || m < 1 || m > 12 || d < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/* Renumbers periods.position in chronological order. */
static gboolean
renumber (StrataWorkspace  *workspace,
          GError          **error)
{
  return strata_workspace_exec (workspace,
                                "UPDATE periods SET position = (SELECT COUNT (*) FROM periods q"
                                " WHERE (q.start_date, q.end_date, q.id)"
                                " < (periods.start_date, periods.end_date, periods.id))",
                                error);
}

static char *
clean_name (const char  *name,
            GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));

  if (*clean == '\0' || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error_literal (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                           _("A period needs a name, such as “2026-Q3”"));
      return NULL;
    }
  if (g_utf8_strlen (clean, -1) > 64)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("The period name “%s” is too long (at most 64 characters)"), clean);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

static gboolean
name_taken (StrataWorkspace *workspace,
            const char      *name,
            gint64           except_id)
{
  g_autoptr(sqlite3_stmt) stmt =
    strata_workspace_prepare (workspace, "SELECT 1 FROM periods WHERE name = ? AND id != ?",
                              NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

StrataPeriod *
strata_period_create (StrataWorkspace  *workspace,
                      const char       *name,
                      const char       *start_date,
                      const char       *end_date,
                      GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *detail = NULL;
  GDate start, end;
  gint64 id;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  clean = clean_name (name, error);
  if (clean == NULL)
    return NULL;

  if (start_date == NULL && end_date == NULL)
    {
      if (!strata_period_parse_name (clean, &start, &end))
        {
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                       _("The period “%s” needs a start and an end date "
                         "(only names like 2026-Q3, 2026-07 or 2026 give their own dates)"),
                       clean);
          return NULL;
        }
    }
  else
    {
      if (!parse_iso_date (start_date, &start))
        {
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                       _("The start date “%s” of the period “%s” is not a date "
                         "of the form YYYY-MM-DD"), start_date ? start_date : "", clean);
          return NULL;
        }
      if (!parse_iso_date (end_date, &end))
        {
          g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                       _("The end date “%s” of the period “%s” is not a date "
                         "of the form YYYY-MM-DD"), end_date ? end_date : "", clean);
          return NULL;
        }
    }
  if (g_date_compare (&start, &end) > 0)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("The period “%s” ends before it starts"), clean);
      return NULL;
    }
  if (name_taken (workspace, clean, 0))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("There is already a period named “%s”"), clean);
      return NULL;
    }

  start_text = format_date (&start);
  end_text = format_date (&end);

  if (!strata_workspace_begin (workspace, error))
    return NULL;
  stmt = strata_workspace_prepare (workspace,
                                   "INSERT INTO periods (name, start_date, end_date)"
                                   " VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, start_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, end_text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, _("adding a period"));
      goto fail;
    }
  id = sqlite3_last_insert_rowid (strata_workspace_get_db (workspace));
  detail = g_strdup_printf ("%s..%s", start_text, end_text);
  if (!renumber (workspace, error) ||
      !strata_workspace_audit (workspace, "period.create", clean, detail, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!strata_workspace_commit (workspace, error))
    return NULL;
  strata_workspace_emit_changed (workspace, "periods");
  return strata_period_load (workspace, id, error);

fail:
  strata_workspace_rollback (workspace);
  return NULL;
}

gboolean
strata_period_rename (StrataWorkspace  *workspace,
                      gint64            period_id,
                      const char       *name,
                      GError          **error)
{
  g_autoptr(StrataPeriod) period = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  period = strata_period_load (workspace, period_id, error);
  if (period == NULL)
    return FALSE;
  clean = clean_name (name, error);
  if (clean == NULL)
    return FALSE;
  if (g_str_equal (clean, period->name))
    return TRUE;
  if (name_taken (workspace, clean, period_id))
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("There is already a period named “%s”"), clean);
      return FALSE;
    }

  if (!strata_workspace_begin (workspace, error))
    return FALSE;
  stmt = strata_workspace_prepare (workspace, "UPDATE periods SET name = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, period_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, _("renaming a period"));
      goto fail;
    }
  if (!strata_workspace_audit (workspace, "period.rename", period->name, clean, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!strata_workspace_commit (workspace, error))
    return FALSE;
  strata_workspace_emit_changed (workspace, "periods");
  return TRUE;

fail:
  strata_workspace_rollback (workspace);
  return FALSE;
}

gboolean
strata_period_delete (StrataWorkspace  *workspace,
                      gint64            period_id,
                      GError          **error)
{
  g_autoptr(StrataPeriod) period = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), FALSE);

  period = strata_period_load (workspace, period_id, error);
  if (period == NULL)
    return FALSE;
  if (period->state == STRATA_PERIOD_CLOSED)
    {
      g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                   _("The period “%s” is closed and cannot be deleted"), period->name);
      return FALSE;
    }

  if (!strata_workspace_begin (workspace, error))
    return FALSE;
  /* Foreign keys cascade to the period's customers, values, overrides and
   * results; imports keep their log with the period unset. */
  stmt = strata_workspace_prepare (workspace, "DELETE FROM periods WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, period_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      strata_workspace_set_db_error (workspace, error, _("deleting a period"));
      goto fail;
    }
  if (!renumber (workspace, error) ||
      !strata_workspace_audit (workspace, "period.delete", period->name, "", error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!strata_workspace_commit (workspace, error))
    return FALSE;
  strata_workspace_emit_changed (workspace, "periods");
  return TRUE;

fail:
  strata_workspace_rollback (workspace);
  return FALSE;
}

static StrataPeriod *
load_one (StrataWorkspace  *workspace,
          const char       *where,
          gint64            id,
          const char       *name,
          GError          **error)
{
  g_autofree char *sql = g_strconcat ("SELECT " STRATA_PERIOD_COLUMNS STRATA_PERIOD_FROM,
                                      where, NULL);
  g_autoptr(sqlite3_stmt) stmt = strata_workspace_prepare (workspace, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  else if (strstr (where, "?") != NULL)
    sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return strata_period_new_from_row (stmt);
  if (rc != SQLITE_DONE)
    strata_workspace_set_db_error (workspace, error, _("reading a period"));
  return NULL;
}

StrataPeriod *
strata_period_load (StrataWorkspace  *workspace,
                    gint64            period_id,
                    GError          **error)
{
  GError *local = NULL;
  StrataPeriod *period;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  period = load_one (workspace, " WHERE p.id = ?", period_id, NULL, &local);
  if (period == NULL && local == NULL)
    g_set_error (&local, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                 _("%s: there is no period with id %lld"),
                 strata_workspace_get_path (workspace), (long long) period_id);
  if (local != NULL)
    g_propagate_error (error, local);
  return period;
}

StrataPeriod *
strata_period_lookup_name (StrataWorkspace  *workspace,
                           const char       *name,
                           GError          **error)
{
  GError *local = NULL;
  StrataPeriod *period;

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  period = load_one (workspace, " WHERE p.name = ?", 0, name, &local);
  if (period == NULL && local == NULL)
    g_set_error (&local, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,
                 _("%s: there is no period “%s”"), strata_workspace_get_path (workspace), name);
  if (local != NULL)
    g_propagate_error (error, local);
  return period;
}

StrataPeriod *
strata_period_get_latest (StrataWorkspace  *workspace,
                          GError          **error)
{
  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);
  return load_one (workspace,
                   " ORDER BY p.start_date DESC, p.end_date DESC, p.id DESC LIMIT 1",
                   0, NULL, error);
}

static void
strata_period_finalize (GObject *object)
{
  StrataPeriod *self = (StrataPeriod *) object;

  g_free (self->name);
  g_free (self->start_date);
  g_free (self->end_date);

  G_OBJECT_CLASS (strata_period_parent_class)->finalize (object);
}

static void
strata_period_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  StrataPeriod *self = STRATA_PERIOD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_START_DATE:
      g_value_set_string (value, self->start_date);
      break;
    case PROP_END_DATE:
      g_value_set_string (value, self->end_date);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_RULESET_VERSION:
      g_value_set_int (value, self->ruleset_version);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
strata_period_class_init (StrataPeriodClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = strata_period_finalize;
  object_class->get_property = strata_period_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_START_DATE] = g_param_spec_string ("start-date", NULL, NULL, NULL, flags);
  properties[PROP_END_DATE] = g_param_spec_string ("end-date", NULL, NULL, NULL, flags);
  properties[PROP_POSITION] = g_param_spec_int ("position", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, STRATA_TYPE_PERIOD_STATE,
                                              STRATA_PERIOD_OPEN, flags);
  properties[PROP_RULESET_VERSION] = g_param_spec_int ("ruleset-version", NULL, NULL,
                                                       0, G_MAXINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
strata_period_init (StrataPeriod *self)
{
}
