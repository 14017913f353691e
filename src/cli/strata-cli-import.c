/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata-cli import WORKSPACE FILE --period P [...]
 * strata-cli import WORKSPACE FILE --orders --split quarter|month|year [...]
 * A file of order lines is recognised by its columns (--orders and
 * --customers force a reading); without --period or --split its lines go
 * to the quarters of their dates. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "strata-cli-common.h"
#include "strata-format.h"
#include "strata-cli-import.h"
#include "strata-import.h"
#include "strata-import-guess.h"

#define SHOW_REJECTS 10

static gboolean
parse_delimiter (const char *text,
                 char       *out)
{
  if (text == NULL)
    {
      *out = 0;
      return TRUE;
    }
  if (g_ascii_strcasecmp (text, "tab") == 0 || g_str_equal (text, "\\t") || g_str_equal (text, "\t"))
    *out = '\t';
  else if (g_ascii_strcasecmp (text, "comma") == 0)
    *out = ',';
  else if (g_ascii_strcasecmp (text, "semicolon") == 0)
    *out = ';';
  else if (strlen (text) == 1 && strchr (",;|\t", text[0]) != NULL)
    *out = text[0];
  else
    return FALSE;
  return TRUE;
}

static const char *
delimiter_name (char d)
{
  switch (d)
    {
    case '\t': return _("tab");
    case ';': return _("semicolon");
    case '|': return "|";
    default: return _("comma");
    }
}

static char *
join (GPtrArray *strings)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < strings->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", (const char *) strings->pdata[i]);
  return g_string_free (s, FALSE);
}

static void
print_result (const char               *file,
              const char               *workspace,
              const StrataImportOptions *o,
              const StrataImportResult *r)
{
  /* Counts grouped as people write them: "1,234,567". */
  g_autofree char *read = strata_format_integer (NULL, (double) r->rows_read);
  g_autofree char *imported = strata_format_integer (NULL, (double) r->rows_imported);
  g_autofree char *rejected = strata_format_integer (NULL, (double) r->rows_rejected);
  g_autofree char *without_customer = strata_format_integer (NULL, (double) r->rows_without_customer);
  g_autofree char *customers = strata_format_integer (NULL, (double) r->customers);
  g_autofree char *cancelled = strata_format_integer (NULL, (double) r->lines_cancelled);

  if (o->period != NULL && r->sheet != NULL)
    printf (_("Imported “%s” into “%s”, period “%s” (sheet “%s”)\n"),
            file, workspace, o->period, r->sheet);
  else if (o->period != NULL)
    printf (_("Imported “%s” into “%s”, period “%s” (encoding %s, delimiter: %s)\n"),
            file, workspace, o->period, r->encoding, delimiter_name (r->delimiter));
  else
    {
      g_autofree char *list = join (r->periods);
      printf (ngettext ("Imported “%s” into “%s”, %u period: %s (encoding %s, delimiter: %s)\n",
                           "Imported “%s” into “%s”, %u periods: %s (encoding %s, delimiter: %s)\n",
                           r->periods->len),
              file, workspace, r->periods->len, list, r->encoding, delimiter_name (r->delimiter));
    }
  printf (_("  rows read:             %s\n"), read);
  printf (_("  rows imported:         %s\n"), imported);
  printf (_("  rows rejected:         %s\n"), rejected);
  printf (_("  rows without customer: %s\n"), without_customer);
  printf (_("  customers:             %s\n"), customers);
  if (o->kind == STRATA_IMPORT_KIND_ORDERS)
    {
      g_autofree char *amount = strata_format_decimal (strata_number_format_get_default (),
                                                       r->total_amount, 2);

      printf (_("  cancellation lines:    %s\n"), cancelled);
      printf (_("  total order amount:    %s\n"), amount);
    }
  if (r->new_metrics->len > 0)
    {
      g_autofree char *list = join (r->new_metrics);
      printf (_("  new metrics:           %s\n"), list);
    }
  if (r->attributes->len > 0)
    {
      g_autofree char *list = join (r->attributes);
      printf (_("  attributes:            %s\n"), list);
    }
  if (r->rejects->len > 0)
    {
      printf (_("Rows not imported (import %lld; all of them: strata-cli import-log):\n"),
              (long long) r->import_id);
      for (guint i = 0; i < MIN (r->rejects->len, SHOW_REJECTS); i++)
        {
          StrataImportReject *j = r->rejects->pdata[i];
          if (j->cell != NULL)
            printf (_("  cell %s, column “%s”, value “%s”: %s\n"),
                    j->cell, j->column, j->value, j->reason);
          else if (r->sheet != NULL)
            printf (_("  sheet “%s”, row %llu, column “%s”, value “%s”: %s\n"),
                    r->sheet, (unsigned long long) j->line, j->column, j->value, j->reason);
          else
            printf (_("  line %llu, column “%s”, value “%s”: %s\n"),
                    (unsigned long long) j->line, j->column, j->value, j->reason);
        }
    }
}

int
strata_cli_import (int    argc,
                   char **argv)
{
  g_autofree char *period = NULL, *encoding = NULL, *delimiter = NULL, *split = NULL;
  g_autofree char *period_column = NULL, *sheet = NULL;
  g_autofree char *id = NULL, *name = NULL, *date = NULL, *amount = NULL;
  g_autofree char *quantity = NULL, *unit_price = NULL, *invoice = NULL, *product = NULL;
  g_auto(GStrv) maps = NULL;
  gboolean orders = FALSE, customers = FALSE, strict = FALSE;
  gboolean guessed_orders = FALSE, period_from_dates = FALSE;
  GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period, N_("Period to import into, e.g. 2026-Q3 (created when missing)"), N_("PERIOD") },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split, N_("Order lines: one period per quarter, month or year of their dates (instead of --period)"), N_("quarter|month|year") },
    { "period-column", 0, 0, G_OPTION_ARG_STRING, &period_column, N_("Customers: the column holding each row's period (one period per distinct value, instead of --period)"), N_("COLUMN") },
    { "orders", 0, 0, G_OPTION_ARG_NONE, &orders, N_("The file has one row per invoice line, not per customer (default: guessed from its columns)"), NULL },
    { "customers", 0, 0, G_OPTION_ARG_NONE, &customers, N_("The file has one row per customer, whatever its columns look like"), NULL },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, N_("Column of the customer id (“#”: number the rows)"), N_("COLUMN") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Column of the customer name"), N_("COLUMN") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Column of the order date"), N_("COLUMN") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_("Column of the line amount"), N_("COLUMN") },
    { "quantity", 0, 0, G_OPTION_ARG_STRING, &quantity, N_("Column of the quantity"), N_("COLUMN") },
    { "unit-price", 0, 0, G_OPTION_ARG_STRING, &unit_price, N_("Column of the unit price"), N_("COLUMN") },
    { "invoice", 0, 0, G_OPTION_ARG_STRING, &invoice, N_("Column of the invoice number"), N_("COLUMN") },
    { "product", 0, 0, G_OPTION_ARG_STRING, &product, N_("Column of the product code"), N_("COLUMN") },
    { "product-column", 0, 0, G_OPTION_ARG_STRING, &product, N_("Column of the product code"), N_("COLUMN") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Read a metric from a column"), N_("METRIC=COLUMN") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("Text encoding (default: detected)"), N_("ENCODING") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter, N_("Field delimiter: comma, semicolon, tab or | (default: detected)"), N_("DELIMITER") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet, N_("Sheet of an Excel workbook (.xlsx or .xls): its name or number (default: the first with data)"), N_("SHEET") },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict, N_("Import nothing if any row is rejected"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("WORKSPACE FILE — import customers or order lines"));
  g_autoptr(StrataImportOptions) options = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char delim = 0;
  StrataImportSplit split_by = STRATA_IMPORT_SPLIT_NONE;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!strata_cli_parse (context, &argc, &argv))
    return STRATA_EXIT_USAGE;
  if (argc != 3)
    {
      strata_cli_error (_("import needs a workspace and a file (strata-cli import WORKSPACE FILE --period P)"));
      return STRATA_EXIT_USAGE;
    }
  if (split != NULL && (!strata_import_split_from_string (split, &split_by) ||
                        split_by == STRATA_IMPORT_SPLIT_NONE))
    {
      strata_cli_error (_("unknown split “%s”: use quarter, month or year"), split);
      return STRATA_EXIT_USAGE;
    }
  if (split != NULL && period != NULL)
    {
      strata_cli_error (_("give either --period or --split, not both"));
      return STRATA_EXIT_USAGE;
    }
  if (orders && customers)
    {
      strata_cli_error (_("give either --orders or --customers, not both"));
      return STRATA_EXIT_USAGE;
    }
  if (!parse_delimiter (delimiter, &delim))
    {
      strata_cli_error (_("unknown delimiter “%s”: use comma, semicolon, tab or |"), delimiter);
      return STRATA_EXIT_USAGE;
    }
  /* Invoice lines are read as such unless told otherwise (a missing
   * file is reported after the usage errors). */
  if (!orders && !customers && period_column == NULL
      && g_file_test (argv[2], G_FILE_TEST_EXISTS))
    {
      g_autoptr(StrataImportGuess) guess = strata_import_guess (argv[2], sheet, encoding, delim,
                                                                FALSE, NULL, &error);

      if (guess == NULL)
        {
          strata_cli_error ("%s", error->message);
          return STRATA_EXIT_INPUT;
        }
      orders = guessed_orders = guess->kind == STRATA_IMPORT_KIND_ORDERS;
    }
  /* Order lines know their period: the quarters of their dates. */
  if (orders && period == NULL && split == NULL)
    {
      split_by = STRATA_IMPORT_SPLIT_QUARTER;
      period_from_dates = TRUE;
    }
  if (split != NULL && !orders)
    {
      strata_cli_error (_("--split goes with --orders (order lines have dates)"));
      return STRATA_EXIT_USAGE;
    }
  if (period_column != NULL && (period != NULL || split != NULL || orders))
    {
      strata_cli_error (_("--period-column is for a customer table, without --period, --split or --orders"));
      return STRATA_EXIT_USAGE;
    }
  if (!orders && period == NULL && period_column == NULL)
    {
      strata_cli_error (_("import needs --period (e.g. --period 2026-Q3)"));
      return STRATA_EXIT_USAGE;
    }
  if (amount != NULL && (quantity != NULL || unit_price != NULL))
    {
      strata_cli_error (_("give either --amount or --quantity with --unit-price, not both"));
      return STRATA_EXIT_USAGE;
    }
  if ((quantity != NULL) != (unit_price != NULL))
    {
      strata_cli_error (_("--quantity and --unit-price go together"));
      return STRATA_EXIT_USAGE;
    }

  options = strata_import_options_new (orders ? STRATA_IMPORT_KIND_ORDERS : STRATA_IMPORT_KIND_CUSTOMERS,
                                       period);
  options->encoding = g_steal_pointer (&encoding);
  options->delimiter = delim;
  options->sheet = g_steal_pointer (&sheet);
  options->strict = strict;
  options->split = split_by;
  options->period_column = g_steal_pointer (&period_column);
  options->id_column = g_steal_pointer (&id);
  options->name_column = g_steal_pointer (&name);
  options->date_column = g_steal_pointer (&date);
  options->amount_column = g_steal_pointer (&amount);
  options->quantity_column = g_steal_pointer (&quantity);
  options->unit_price_column = g_steal_pointer (&unit_price);
  options->invoice_column = g_steal_pointer (&invoice);
  options->product_column = g_steal_pointer (&product);
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      const char *eq = strchr (maps[i], '=');

      if (eq == NULL || eq == maps[i] || eq[1] == '\0')
        {
          strata_cli_error (_("--map needs METRIC=COLUMN, not “%s”"), maps[i]);
          return STRATA_EXIT_USAGE;
        }
      {
        g_autofree char *metric = g_strndup (maps[i], eq - maps[i]);
        strata_import_options_add_mapping (options, metric, eq + 1);
      }
    }

  if (!g_file_test (argv[2], G_FILE_TEST_EXISTS))
    {
      strata_cli_error (_("cannot read “%s”: no such file"), argv[2]);
      return STRATA_EXIT_INPUT;
    }

  ws = strata_import_open_workspace (argv[1], &error);
  if (ws == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  result = strata_import_run (ws, argv[2], options, NULL, NULL, NULL, &error);
  if (result == NULL)
    {
      strata_cli_error ("%s", error->message);
      return STRATA_EXIT_INPUT;
    }
  if (guessed_orders)
    printf ("%s\n", _("Read as order lines (the file has invoice, quantity, price or date columns); "
                      "--customers reads it as a customer table."));
  if (period_from_dates)
    {
      if (result->periods->len == 1)
        printf (_("The lines' dates are all in %s: imported into that period.\n"),
                (const char *) result->periods->pdata[0]);
      else
        printf (ngettext ("The lines' dates span %u quarter: imported into one period per quarter.\n",
                          "The lines' dates span %u quarters: imported into one period per quarter.\n",
                          result->periods->len),
                result->periods->len);
    }
  print_result (argv[2], argv[1], options, result);
  return STRATA_EXIT_OK;
}
