/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "strata-format.h"
#include "strata-import-view.h"
#include "strata-metric.h"

void
strata_import_role_free (StrataImportRole *role)
{
  if (role == NULL)
    return;
  g_free (role->id);
  g_free (role->label);
  g_free (role);
}

static void
add_role (GPtrArray  *roles,
          const char *id,
          const char *label)
{
  StrataImportRole *role = g_new0 (StrataImportRole, 1);

  role->id = g_strdup (id);
  role->label = g_strdup (label);
  g_ptr_array_add (roles, role);
}

GPtrArray *
strata_import_view_roles (StrataImportKind  kind,
                          GListModel       *metrics)
{
  GPtrArray *roles = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_import_role_free);

  if (kind == STRATA_IMPORT_KIND_ORDERS)
    {
      add_role (roles, "unused", _("Not used"));
      add_role (roles, "customer", _("Customer ID"));
      add_role (roles, "date", _("Order date"));
      add_role (roles, "amount", _("Line amount"));
      add_role (roles, "quantity", _("Quantity"));
      add_role (roles, "unit_price", _("Unit price"));
      add_role (roles, "invoice", _("Invoice number"));
      add_role (roles, "product", _("Product"));
      return roles;
    }

  add_role (roles, "ignored", _("Ignore"));
  add_role (roles, "id", _("Customer ID"));
  add_role (roles, "name", _("Name"));
  for (guint i = 0; metrics != NULL && i < g_list_model_get_n_items (metrics); i++)
    {
      g_autoptr(StrataMetric) m = g_list_model_get_item (metrics, i);
      g_autofree char *id = g_strconcat ("metric:", strata_metric_get_key (m), NULL);
      /* Translators: a column's role: the values of an existing metric */
      g_autofree char *label = g_strdup_printf (_("Metric: %s"),
                                                strata_metric_get_localized_label (m));

      add_role (roles, id, label);
    }
  add_role (roles, "new", _("New metric"));
  add_role (roles, "attribute", _("Attribute (text)"));
  return roles;
}

int
strata_import_view_find_role (GPtrArray  *roles,
                              const char *id)
{
  for (guint i = 0; id != NULL && i < roles->len; i++)
    if (g_str_equal (((StrataImportRole *) roles->pdata[i])->id, id))
      return (int) i;
  return -1;
}

const char *
strata_import_view_column_role (const StrataImportResult *result,
                                guint                     col)
{
  const char *c;

  g_return_val_if_fail (result != NULL, NULL);

  if (col >= result->columns->len)
    return NULL;
  c = result->columns->pdata[col];
  if (*c == '\0')
    return "unused";
  if (g_str_has_prefix (c, "metric:"))
    {
      for (guint i = 0; i < result->new_metrics->len; i++)
        if (g_str_equal (result->new_metrics->pdata[i], c + strlen ("metric:")))
          return "new";
    }
  return c;
}

void
strata_import_view_apply_roles (StrataImportOptions *o,
                                GPtrArray           *header,
                                GPtrArray           *overrides)
{
  g_return_if_fail (o != NULL && header != NULL && overrides != NULL);

  for (guint i = 0; i < header->len && i < overrides->len; i++)
    {
      const char *role = overrides->pdata[i];
      const char *col = header->pdata[i];
      char **slot = NULL;

      if (role == NULL)
        continue;
      if (g_str_equal (role, "ignored") || g_str_equal (role, "unused"))
        strata_import_options_ignore_column (o, col);
      else if (g_str_equal (role, "attribute"))
        strata_import_options_attribute_column (o, col);
      else if (g_str_has_prefix (role, "metric:"))
        strata_import_options_add_mapping (o, role + strlen ("metric:"), col);
      else if (g_str_equal (role, "new"))
        strata_import_options_add_mapping (o, col, col);
      else if (g_str_equal (role, "id") || g_str_equal (role, "customer"))
        slot = &o->id_column;
      else if (g_str_equal (role, "name"))
        slot = &o->name_column;
      else if (g_str_equal (role, "date"))
        slot = &o->date_column;
      else if (g_str_equal (role, "amount"))
        slot = &o->amount_column;
      else if (g_str_equal (role, "quantity"))
        slot = &o->quantity_column;
      else if (g_str_equal (role, "unit_price"))
        slot = &o->unit_price_column;
      else if (g_str_equal (role, "invoice"))
        slot = &o->invoice_column;
      else if (g_str_equal (role, "product"))
        slot = &o->product_column;
      if (slot != NULL)
        {
          g_free (*slot);
          *slot = g_strdup (col);
        }
    }
}

char *
strata_import_view_reject_title (const StrataImportReject *reject)
{
  g_return_val_if_fail (reject != NULL, NULL);

  if (reject->column == NULL || *reject->column == '\0')
    return g_strdup_printf (_("Line %llu"), (unsigned long long) reject->line);
  if (reject->value == NULL || *reject->value == '\0')
    return g_strdup_printf (_("Line %llu, column “%s”"), (unsigned long long) reject->line,
                            reject->column);
  return g_strdup_printf (_("Line %llu, column “%s”: “%s”"), (unsigned long long) reject->line,
                          reject->column, reject->value);
}

static char *
count_text (guint64 n)
{
  return strata_format_integer (strata_number_format_get_default (), (double) n);
}

char *
strata_import_view_summary (const StrataImportResult *r,
                            const char               *period,
                            guint64                   created)
{
  GString *s = g_string_new (NULL);
  guint64 updated = r->customers > created ? r->customers - created : 0;
  /* Counts grouped as in the tables: 1,000,000 rows, not 1000000. */
  g_autofree char *read = NULL, *imported = NULL, *rejected = NULL;
  g_autofree char *n_created = NULL, *n_updated = NULL, *skipped = NULL;

  g_return_val_if_fail (r != NULL, NULL);

  read = count_text (r->rows_read);
  imported = count_text (r->rows_imported);
  rejected = count_text (r->rows_rejected);
  n_created = count_text (created);
  n_updated = count_text (updated);
  skipped = count_text (r->rows_without_customer);
  g_string_append_printf (s, ngettext ("%s row read into %s.", "%s rows read into %s.", r->rows_read),
                          read, period);
  g_string_append_c (s, '\n');
  /* Lines without a customer are their own count: "0 rejected" is not
   * said above a list of them. */
  if (r->rows_rejected > 0 || r->rows_without_customer == 0)
    g_string_append_printf (s, ngettext ("%s imported, %s rejected.", "%s imported, %s rejected.",
                                         r->rows_imported),
                            imported, rejected);
  else
    g_string_append_printf (s, ngettext ("%s imported.", "%s imported.", r->rows_imported),
                            imported);
  g_string_append_c (s, '\n');
  g_string_append_printf (s, ngettext ("%s customer created, %s updated.",
                                       "%s customers created, %s updated.", created),
                          n_created, n_updated);
  if (r->rows_without_customer > 0)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, ngettext ("%s line without a customer ID was skipped.",
                                           "%s lines without a customer ID were skipped.",
                                           r->rows_without_customer),
                              skipped);
    }
  return g_string_free (s, FALSE);
}

const char *
strata_import_view_delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ',': return _("comma");
    case ';': return _("semicolon");
    case '\t': return _("tab");
    case '|': return _("vertical bar");
    default: return "?";
    }
}
