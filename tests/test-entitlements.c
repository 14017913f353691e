/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The entitlement matrix: default matrix, kinds and validation, edits,
 * undo/redo, the consistency check, costs, exports and persistence. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "strata-entitlements.h"
#include "strata-demo.h"
#include "strata-seed.h"
#include "strata-entitlements-xlsx.h"
#include "workspace-test-util.h"
#include "xlsx-test-util.h"
#include "strata-entitlements-private.h"
#include "strata-undo-stack-private.h"

typedef struct
{
  TestWorkspace       t;
  StrataEntitlements *m;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_workspace_setup (&f->t, "strata-ent", "test.strata");
  f->m = strata_entitlements_new (f->t.ws, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->m);
  test_workspace_teardown (&f->t);
}

static gint64
id_of (Fixture    *f,
       const char *key)
{
  const StrataEntitlement *e = strata_entitlements_lookup_key (f->m, key);

  g_assert_nonnull (e);
  return e->id;
}

static const char *
value (Fixture    *f,
       const char *key,
       const char *tier)
{
  return strata_entitlements_get_value (f->m, id_of (f, key), tier);
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  GPtrArray *stages = strata_entitlements_get_stages (f->m);
  const char *keys[] = { "demand", "contract", "delivery", "operations", "renewal" };
  const char *discounts[] = { "15", "10", "6", "3", "0" };
  const char *response[] = { "1", "2", "4", "8", "24" };
  const char *tiers[] = { "A", "B", "C", "D", "E" };
  const StrataEntitlement *e;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_cmpuint (stages->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      StrataEntitlementStage *s = g_ptr_array_index (stages, i);
      g_assert_cmpstr (s->key, ==, keys[i]);
      g_assert_cmpint (s->position, ==, i);
    }
  g_assert_cmpstr (((StrataEntitlementStage *) g_ptr_array_index (stages, 0))->label, ==, "Demand");
  g_assert_cmpuint (strata_entitlements_get_all (f->m)->len, ==, 16);

  for (guint t = 0; t < 5; t++)
    {
      g_assert_cmpstr (value (f, "order_discount", tiers[t]), ==, discounts[t]);
      g_assert_cmpstr (value (f, "sla_response", tiers[t]), ==, response[t]);
    }
  e = strata_entitlements_lookup_key (f->m, "sla_response");
  g_assert_cmpint (e->kind, ==, STRATA_ENTITLEMENT_NUMBER);
  g_assert_false (e->higher_is_better);
  g_assert_cmpstr (e->unit, ==, "h");
  e = strata_entitlements_lookup_key (f->m, "sla_level");
  g_assert_cmpint (e->kind, ==, STRATA_ENTITLEMENT_LEVEL);
  g_assert_cmpuint (g_strv_length (e->levels), ==, 4);
  g_assert_cmpstr (e->levels[0], ==, "Standard");
  g_assert_cmpstr (e->levels[3], ==, "Platinum");
  g_assert_cmpstr (value (f, "sla_level", "A"), ==, "Platinum");
  e = strata_entitlements_lookup_key (f->m, "account_manager");
  g_assert_cmpfloat (e->cost, ==, 12000);
  g_assert_cmpstr (value (f, "account_manager", "B"), ==, "1");
  g_assert_cmpstr (value (f, "account_manager", "C"), ==, "0");

  /* The default matrix must be consistent, or every new user starts with
   * red cells. */
  problems = strata_entitlements_check (f->m);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM entitlement_values"), ==, 80);
}

static void
test_parse_and_format (void)
{
  g_autoptr(StrataEntitlement) e = strata_entitlement_new ();
  g_autoptr(GError) error = NULL;
  char *v;

  e->label = g_strdup ("SLA response time");
  e->kind = STRATA_ENTITLEMENT_NUMBER;
  g_free (e->unit);
  e->unit = g_strdup ("h");

  v = strata_entitlement_parse_value (e, "abc", &error);
  g_assert_null (v);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“abc” is not a number for “SLA response time”");
  g_clear_error (&error);
  g_assert_null (strata_entitlement_parse_value (e, "1,5", &error));
  g_clear_error (&error);
  g_assert_null (strata_entitlement_parse_value (e, "-2", &error));
  g_assert_cmpstr (error->message, ==, "“-2” is negative: “SLA response time” takes 0 or more");
  g_clear_error (&error);

  v = strata_entitlement_parse_value (e, " 4 h ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (v, ==, "4");
  g_free (v);
  v = strata_entitlement_parse_value (e, "2.50", &error);
  g_assert_cmpstr (v, ==, "2.5");
  g_free (v);
  v = strata_entitlement_parse_value (e, "", &error);
  g_assert_cmpstr (v, ==, "");
  g_free (v);
  v = strata_entitlement_format_value (e, "2.5");
  g_assert_cmpstr (v, ==, "2.5 h");
  g_free (v);
  g_free (e->unit);
  e->unit = g_strdup ("%");
  v = strata_entitlement_format_value (e, "15");
  g_assert_cmpstr (v, ==, "15%");
  g_free (v);
  v = strata_entitlement_parse_value (e, "12%", &error);
  g_assert_cmpstr (v, ==, "12");
  g_free (v);

  e->kind = STRATA_ENTITLEMENT_INCLUDED;
  v = strata_entitlement_parse_value (e, "Yes", &error);
  g_assert_cmpstr (v, ==, "1");
  g_free (v);
  v = strata_entitlement_parse_value (e, "false", &error);
  g_assert_cmpstr (v, ==, "0");
  g_free (v);
  g_assert_null (strata_entitlement_parse_value (e, "maybe", &error));
  g_assert_cmpstr (error->message, ==, "“maybe” is not yes or no for “SLA response time”");
  g_clear_error (&error);
  v = strata_entitlement_format_value (e, "0");
  g_assert_cmpstr (v, ==, "No");
  g_free (v);
  v = strata_entitlement_format_value (e, NULL);
  g_assert_cmpstr (v, ==, "—");
  g_free (v);

  e->kind = STRATA_ENTITLEMENT_LEVEL;
  g_strfreev (e->levels);
  e->levels = g_strsplit ("Standard,Priority,Dedicated", ",", -1);
  v = strata_entitlement_parse_value (e, "priority", &error);
  g_assert_cmpstr (v, ==, "Priority");
  g_free (v);
  g_assert_null (strata_entitlement_parse_value (e, "Diamond", &error));
  g_assert_cmpstr (error->message, ==,
                   "“Diamond” is not a level of “SLA response time”: use one of "
                   "Standard, Priority, Dedicated");
  g_clear_error (&error);
  g_assert_false (strata_entitlement_grants (e, "Standard"));
  g_assert_true (strata_entitlement_grants (e, "Priority"));
}

static void
test_set_value (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 discount = id_of (f, "order_discount");
  gint64 level = id_of (f, "sla_level");
  gint64 audit = test_query_int (f->t.ws, "SELECT count(*) FROM audit_log");
  guint changed = 0;

  g_signal_connect_swapped (f->m, "changed", G_CALLBACK (g_atomic_int_inc), &changed);

  g_assert_false (strata_entitlements_set_value (f->m, discount, "B", "abc", &error));
  g_assert_cmpstr (error->message, ==, "“abc” is not a number for “Order discount”");
  g_clear_error (&error);
  g_assert_cmpstr (value (f, "order_discount", "B"), ==, "10");
  g_assert_false (strata_entitlements_set_value (f->m, level, "B", "Diamond", &error));
  g_assert_nonnull (strstr (error->message, "use one of Standard, Silver, Gold, Platinum"));
  g_clear_error (&error);
  g_assert_false (strata_entitlements_set_value (f->m, discount, "Z", "5", &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);
  g_clear_error (&error);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_false (strata_entitlements_can_undo (f->m));

  g_assert_true (strata_entitlements_set_value (f->m, discount, "B", "12 %", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value (f, "order_discount", "B"), ==, "12");
  g_assert_true (strata_entitlements_set_value (f->m, level, "C", "gold", &error));
  g_assert_cmpstr (value (f, "sla_level", "C"), ==, "Gold");
  g_assert_true (strata_entitlements_set_value (f->m, discount, "E", "", &error));
  g_assert_null (value (f, "order_discount", "E"));
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM audit_log"), ==, audit + 3);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM audit_log WHERE action = 'entitlements.set'"
                                 " AND detail = 'Set “Order discount” for B to 12%'"), ==, 1);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM entitlement_values v JOIN entitlements e"
                                 " ON e.id = v.entitlement_id WHERE e.key = 'order_discount'"), ==, 4);
}

static void
test_consistency (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = NULL;
  const StrataEntitlementProblem *p;

  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "sla_response"), "A", "8", NULL));
  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "account_manager"), "A", "no", NULL));
  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "sla_level"), "B", "Standard", NULL));
  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "order_discount"), "C", "2", NULL));
  /* Text is never ordered; an empty cell is never a problem. */
  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "legacy_migration"), "A", "zzz", NULL));
  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "support_hours"), "A", "", NULL));

  problems = strata_entitlements_check (f->m);
  g_assert_cmpuint (problems->len, ==, 4);

  p = strata_entitlements_get_problem (f->m, id_of (f, "sla_response"), "A");
  g_assert_nonnull (p);
  g_assert_cmpstr (p->other, ==, "B");
  g_assert_cmpstr (p->message, ==, "A gets 8 h, worse than B (2 h): lower is better here");
  p = strata_entitlements_get_problem (f->m, id_of (f, "account_manager"), "A");
  g_assert_cmpstr (p->message, ==, "A does not get “Dedicated account manager”, but B does");
  p = strata_entitlements_get_problem (f->m, id_of (f, "sla_level"), "B");
  g_assert_cmpstr (p->message, ==, "B gets Standard, a lower level than C (Silver)");
  p = strata_entitlements_get_problem (f->m, id_of (f, "order_discount"), "C");
  g_assert_cmpstr (p->message, ==, "C gets 2%, less than D (3%)");
  g_assert_null (strata_entitlements_get_problem (f->m, id_of (f, "order_discount"), "B"));
  g_assert_null (strata_entitlements_get_problem (f->m, id_of (f, "sla_response"), "B"));

  /* Fixing the cell clears the problem. */
  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "sla_response"), "A", "2", NULL));
  g_assert_null (strata_entitlements_get_problem (f->m, id_of (f, "sla_response"), "A"));
}

static void
test_edits (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataEntitlement) templ = strata_entitlement_new ();
  g_autoptr(GPtrArray) in_stage = NULL;
  const StrataEntitlementStage *contract;
  gint64 stage, id, contract_id;

  g_assert_cmpint (strata_entitlements_add_stage (f->m, "  ", -1, &error), ==, 0);
  g_assert_cmpstr (error->message, ==, "A name is needed");
  g_clear_error (&error);

  stage = strata_entitlements_add_stage (f->m, "Onboarding", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stage, >, 0);
  g_assert_cmpstr (strata_entitlements_lookup_stage (f->m, stage)->label, ==, "Onboarding");
  g_assert_cmpint (strata_entitlements_lookup_stage (f->m, stage)->position, ==, 2);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT position FROM entitlement_stages WHERE key = 'renewal'"), ==, 5);

  templ->label = g_strdup ("Training days");
  templ->kind = STRATA_ENTITLEMENT_NUMBER;
  g_free (templ->unit);
  templ->unit = g_strdup ("days");
  templ->cost = 500;
  id = strata_entitlements_add (f->m, stage, templ, -1, &error);
  g_assert_no_error (error);
  g_assert_true (strata_entitlements_set_value (f->m, id, "A", "3", &error));
  g_assert_true (strata_entitlements_rename (f->m, id, "On-site training", &error));
  g_assert_cmpstr (strata_entitlements_lookup (f->m, id)->label, ==, "On-site training");
  g_assert_true (strata_entitlements_rename_stage (f->m, stage, "Onboarding and training", &error));

  /* Move it into the contract stage, first. */
  contract = g_ptr_array_index (strata_entitlements_get_stages (f->m), 1);
  contract_id = contract->id;
  g_assert_true (strata_entitlements_move (f->m, id, contract_id, 0, &error));
  in_stage = strata_entitlements_get_in_stage (f->m, contract_id);
  g_assert_cmpuint (in_stage->len, ==, 4);
  g_assert_cmpint (((StrataEntitlement *) g_ptr_array_index (in_stage, 0))->id, ==, id);
  g_assert_cmpstr (((StrataEntitlement *) g_ptr_array_index (in_stage, 1))->key, ==, "order_discount");
  g_assert_cmpint (((StrataEntitlement *) g_ptr_array_index (in_stage, 3))->position, ==, 3);
  g_assert_cmpstr (strata_entitlements_get_value (f->m, id, "A"), ==, "3");

  g_assert_true (strata_entitlements_move_stage (f->m, stage, 0, &error));
  g_assert_cmpint (((StrataEntitlementStage *) g_ptr_array_index (strata_entitlements_get_stages (f->m), 0))->id, ==, stage);
  g_assert_true (strata_entitlements_remove_stage (f->m, stage, &error));
  g_assert_cmpuint (strata_entitlements_get_stages (f->m)->len, ==, 5);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT max(position) FROM entitlement_stages"), ==, 4);

  g_assert_true (strata_entitlements_copy_tier (f->m, "A", "B", &error));
  g_assert_cmpstr (value (f, "order_discount", "B"), ==, "15");
  g_assert_cmpstr (strata_entitlements_get_value (f->m, id, "B"), ==, "3");

  g_assert_true (strata_entitlements_remove (f->m, id, &error));
  g_assert_null (strata_entitlements_lookup (f->m, id));
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM entitlement_values WHERE entitlement_id NOT IN"
                                 " (SELECT id FROM entitlements)"), ==, 0);
  g_assert_false (strata_entitlements_remove (f->m, id, &error));
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);
}

static void
test_update_kind (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataEntitlement) changed = NULL;
  gint64 id = id_of (f, "sla_level");

  changed = strata_entitlement_copy (strata_entitlements_lookup (f->m, id));
  changed->kind = STRATA_ENTITLEMENT_LEVEL;
  g_strfreev (changed->levels);
  changed->levels = g_strsplit ("Standard,Gold,Gold", ",", -1);
  g_assert_false (strata_entitlements_update (f->m, changed, &error));
  g_assert_cmpstr (error->message, ==, "The level “Gold” appears twice in “SLA level”");
  g_clear_error (&error);

  /* Dropping "Silver" removes C's Silver; the rest stay. */
  g_strfreev (changed->levels);
  changed->levels = g_strsplit ("Standard,Gold,Platinum", ",", -1);
  g_assert_true (strata_entitlements_update (f->m, changed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value (f, "sla_level", "A"), ==, "Platinum");
  g_assert_null (value (f, "sla_level", "C"));
  g_assert_true (strata_entitlements_undo (f->m, &error));
  g_assert_cmpstr (value (f, "sla_level", "C"), ==, "Silver");
  g_assert_cmpuint (g_strv_length (strata_entitlements_lookup (f->m, id)->levels), ==, 4);

  changed->kind = STRATA_ENTITLEMENT_NUMBER;
  changed->cost = -1;
  g_assert_false (strata_entitlements_update (f->m, changed, &error));
  g_assert_cmpstr (error->message, ==, "The cost per customer of “SLA level” must be 0 or more");
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 onsite = id_of (f, "onsite_service");
  const StrataEntitlementStage *ops = g_ptr_array_index (strata_entitlements_get_stages (f->m), 3);
  g_autofree char *before = strata_entitlements_to_csv (f->m);
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  gint64 ops_id = ops->id;

  g_assert_false (strata_entitlements_can_undo (f->m));
  g_assert_false (strata_entitlements_undo (f->m, &error));
  g_assert_cmpstr (error->message, ==, "Nothing to undo");
  g_clear_error (&error);

  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "order_discount"), "A", "20", NULL));
  g_assert_true (strata_entitlements_remove (f->m, onsite, NULL));
  g_assert_true (strata_entitlements_remove_stage (f->m, ops_id, NULL));
  g_assert_true (strata_entitlements_copy_tier (f->m, "E", "A", NULL));
  g_assert_cmpuint (strata_entitlements_get_all (f->m)->len, ==, 16 - 1 - 6);
  g_assert_cmpstr (strata_entitlements_get_undo_label (f->m), ==, "Copy tier E to tier A");
  after = strata_entitlements_to_csv (f->m);

  for (guint i = 0; i < 4; i++)
    g_assert_true (strata_entitlements_undo (f->m, &error));
  g_assert_no_error (error);
  g_assert_false (strata_entitlements_can_undo (f->m));
  g_assert_true (strata_entitlements_can_redo (f->m));
  /* Everything is back, positions and values included. */
  again = strata_entitlements_to_csv (f->m);
  g_assert_cmpstr (again, ==, before);
  g_assert_cmpint (strata_entitlements_lookup (f->m, onsite)->position, ==, 1);
  g_assert_cmpstr (value (f, "onsite_service", "C"), ==, "1");
  g_assert_cmpstr (strata_entitlements_get_redo_label (f->m), ==, "Set “Order discount” for A to 20%");

  for (guint i = 0; i < 4; i++)
    g_assert_true (strata_entitlements_redo (f->m, &error));
  g_clear_pointer (&again, g_free);
  again = strata_entitlements_to_csv (f->m);
  g_assert_cmpstr (again, ==, after);
  g_assert_false (strata_entitlements_can_redo (f->m));

  /* A new edit clears the redo stack. */
  g_assert_true (strata_entitlements_undo (f->m, &error));
  ops = g_ptr_array_index (strata_entitlements_get_stages (f->m), 0);
  g_assert_true (strata_entitlements_rename_stage (f->m, ops->id, "Leads", &error));
  g_assert_false (strata_entitlements_can_redo (f->m));
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM audit_log WHERE action = 'entitlements.undo'"), ==, 5);
  g_assert_cmpint (test_query_int (f->t.ws, "SELECT count(*) FROM audit_log WHERE action = 'entitlements.redo'"), ==, 4);
}

/* Holding a spin button: many sets of one cell become one undo step; a set
 * of another cell does not merge. */
static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  gint64 id = id_of (f, "support_hours");

  for (int h = 41; h <= 45; h++)
    {
      g_autofree char *v = g_strdup_printf ("%d", h);
      g_assert_true (strata_entitlements_set_value (f->m, id, "A", v, NULL));
    }
  g_assert_true (strata_entitlements_set_value (f->m, id, "B", "21", NULL));
  g_assert_true (strata_entitlements_undo (f->m, NULL));
  g_assert_cmpstr (value (f, "support_hours", "B"), ==, "20");
  g_assert_cmpstr (value (f, "support_hours", "A"), ==, "45");
  g_assert_cmpstr (strata_entitlements_get_undo_label (f->m), ==,
                   "Set “Technical support hours a month” for A to 45 h");
  g_assert_true (strata_entitlements_undo (f->m, NULL));
  g_assert_cmpstr (value (f, "support_hours", "A"), ==, "40");
  g_assert_false (strata_entitlements_can_undo (f->m));
  g_assert_true (strata_entitlements_redo (f->m, NULL));
  g_assert_cmpstr (value (f, "support_hours", "A"), ==, "45");
}

/* The entitlements keep no history of their own: undo, labels, merging and
 * the limit are the app's one StrataUndoStack, the rules editor's too. */
static void
test_history_is_undo_stack (Fixture       *f,
                            gconstpointer  data)
{
  StrataUndoStack *history = strata_entitlements_get_history (f->m);
  gint64 id = id_of (f, "support_hours");

  g_assert_true (STRATA_IS_UNDO_STACK (history));
  g_assert_cmpuint (strata_undo_stack_get_limit (history), ==, 200);
  g_assert_cmpuint (strata_undo_stack_get_length (history), ==, 0);

  /* Two sets of one cell merge in the stack; the other cell is a new step. */
  g_assert_true (strata_entitlements_set_value (f->m, id, "A", "41", NULL));
  g_assert_true (strata_entitlements_set_value (f->m, id, "A", "42", NULL));
  g_assert_true (strata_entitlements_set_value (f->m, id, "B", "21", NULL));
  g_assert_cmpuint (strata_undo_stack_get_length (history), ==, 2);
  g_assert_cmpstr (strata_undo_stack_get_undo_label (history), ==,
                   strata_entitlements_get_undo_label (f->m));
  g_assert_cmpstr (strata_undo_stack_get_undo_label (history), ==,
                   "Set “Technical support hours a month” for B to 21 h");

  /* Undoing through the stack writes the workspace like the model's undo. */
  g_assert_true (strata_undo_stack_undo_step (history, NULL));
  g_assert_cmpstr (value (f, "support_hours", "B"), ==, "20");
  g_assert_cmpstr (strata_entitlements_get_redo_label (f->m), ==,
                   "Set “Technical support hours a month” for B to 21 h");
  g_assert_cmpuint (strata_undo_stack_get_position (history), ==, 1);

  /* The stack's limit is the model's: with one step kept, the older edit
   * cannot be undone any more. */
  strata_undo_stack_set_limit (history, 1);
  g_assert_true (strata_entitlements_set_value (f->m, id, "C", "11", NULL));
  g_assert_cmpuint (strata_undo_stack_get_length (history), ==, 1);
  g_assert_true (strata_entitlements_undo (f->m, NULL));
  g_assert_cmpstr (value (f, "support_hours", "A"), ==, "42");
  g_assert_false (strata_entitlements_can_undo (f->m));
}

/* Tier counts and revenue of a period come from its results, overrides
 * winning; tiers that are not columns are left out. */
static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  guint customers[5];
  double revenue[5];
  gboolean known = TRUE;
  g_autoptr(GError) error = NULL;

  g_assert_true (strata_entitlements_tier_figures (f->m, 0, customers, revenue, &known, &error));
  g_assert_false (known);
  g_assert_true (strata_workspace_exec (f->t.ws,
    "INSERT OR IGNORE INTO metrics (key, label, kind) VALUES ('order_amount', 'Annual order amount', 'money');"
    "INSERT INTO periods (id, name) VALUES (7, '2026-Q3');"
    "INSERT INTO customers (id, ext_id) VALUES (1, 'c1'), (2, 'c2'), (3, 'c3'), (4, 'c4');"
    "INSERT INTO period_results VALUES (7, 1, 0, 0, 90, 'A', 'A', NULL, NULL),"
    " (7, 2, 0, 0, 80, 'A', 'A', NULL, NULL), (7, 3, 0, 0, 20, 'D', 'D', NULL, 'B'),"
    " (7, 4, 0, 0, 5, 'F', 'F', NULL, NULL);"
    "INSERT INTO metric_values SELECT 7, id, 1, 500000 FROM metrics WHERE key = 'order_amount';"
    "INSERT INTO metric_values SELECT 7, id, 2, 300000 FROM metrics WHERE key = 'order_amount';"
    "INSERT INTO metric_values SELECT 7, id, 3, 120000 FROM metrics WHERE key = 'order_amount';",
    &error));
  g_assert_no_error (error);
  g_assert_true (strata_entitlements_tier_figures (f->m, 7, customers, revenue, &known, &error));
  g_assert_true (known);
  g_assert_cmpuint (customers[0], ==, 2);
  g_assert_cmpfloat (revenue[0], ==, 800000);
  g_assert_cmpuint (customers[1], ==, 1);
  g_assert_cmpfloat (revenue[1], ==, 120000);
  g_assert_cmpuint (customers[3], ==, 0);
  g_assert_cmpuint (customers[4], ==, 0);
}

/* An open period is scored with the current rules: every customer lands in
 * a tier column and the revenue is the sum of their annual order amounts. */
static void
test_scored_figures (void)
{
  g_autofree char *dir = g_dir_make_tmp ("strata-ent-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.strata", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataEntitlements) m = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *tier = NULL;
  guint customers[5], sum = 0;
  double revenue[5], total = 0;
  gboolean known = FALSE;
  gint64 period, customer;

  g_assert_true (strata_demo_write (path, 300, 7, 2, STRATA_DEMO_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  ws = strata_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  m = strata_entitlements_new (ws, &error);
  g_assert_no_error (error);
  /* The columns are the rule set's tiers. */
  g_assert_cmpuint (strata_entitlements_get_tiers (m)->len, ==, 5);
  g_assert_cmpstr (((StrataEntitlementTier *) g_ptr_array_index (strata_entitlements_get_tiers (m), 0))->color,
                   !=, NULL);
  /* The demo workspace has the default matrix. */
  g_assert_nonnull (strata_entitlements_lookup_key (m, "sla_response"));

  period = test_query_int (ws, "SELECT id FROM periods ORDER BY position DESC, id DESC LIMIT 1");
  g_assert_true (strata_entitlements_tier_figures (m, period, customers, revenue, &known, &error));
  g_assert_no_error (error);
  g_assert_true (known);
  for (guint t = 0; t < 5; t++)
    {
      sum += customers[t];
      total += revenue[t];
    }
  g_assert_cmpuint (sum, ==, test_query_int (ws, "SELECT count(*) FROM period_customers WHERE period_id = "
                                        "(SELECT id FROM periods ORDER BY position DESC, id DESC LIMIT 1)"));
  {
    g_autoptr(sqlite3_stmt) stmt =
      strata_workspace_prepare (ws, "SELECT total (v.value) FROM metric_values v JOIN metrics m"
                                    " ON m.id = v.metric_id WHERE m.key = 'order_amount'"
                                    " AND v.period_id = ?1", NULL);
    sqlite3_bind_int64 (stmt, 1, period);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpfloat_with_epsilon (total, sqlite3_column_double (stmt, 0), 1e-6 * total + 1e-6);
  }
  g_assert_cmpuint (customers[4], >, customers[0]);

  customer = test_query_int (ws, "SELECT min(customer_id) FROM period_customers WHERE period_id = "
                       "(SELECT id FROM periods ORDER BY position DESC, id DESC LIMIT 1)");
  lines = strata_entitlements_list_for_customer (m, period, customer, &tier, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tier);
  expected = strata_entitlements_list_for_tier (m, tier);
  g_assert_cmpuint (lines->len, ==, expected->len);
  g_assert_cmpuint (lines->len, ==, 16);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = strata_entitlements_list_for_customer (m, period, 999999, NULL, &error);
  g_assert_null (lines);
  g_assert_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM);

  g_clear_object (&m);
  g_clear_object (&ws);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (dir);
}

static void
test_costs (Fixture       *f,
            gconstpointer  data)
{
  const guint customers[] = { 2, 5, 10, 20, 50 };
  const double revenue[] = { 4e6, 5e6, 3e6, 2e6, 1e6 };
  g_autoptr(GPtrArray) totals = NULL;
  StrataEntitlementCost *a, *c, *e;

  /* A: design 2000 + trial 1500 + delivery 800 + on-site 3000 + manager 12000
   * + monitoring 6000 + DDoS 4000 + cross-border 2500 + review 2000. */
  g_assert_cmpfloat (strata_entitlements_cost_per_customer (f->m, "A"), ==, 33800);
  g_assert_cmpfloat (strata_entitlements_cost_per_customer (f->m, "C"), ==, 13300);
  g_assert_cmpfloat (strata_entitlements_cost_per_customer (f->m, "E"), ==, 0);

  totals = strata_entitlements_cost_totals (f->m, customers, revenue);
  g_assert_cmpuint (totals->len, ==, 5);
  a = g_ptr_array_index (totals, 0);
  c = g_ptr_array_index (totals, 2);
  e = g_ptr_array_index (totals, 4);
  g_assert_cmpstr (a->tier, ==, "A");
  g_assert_cmpuint (a->customers, ==, 2);
  g_assert_cmpfloat (a->cost, ==, 67600);
  g_assert_cmpfloat (a->revenue, ==, 4e6);
  g_assert_cmpfloat (c->cost, ==, 133000);
  g_assert_cmpfloat (e->cost, ==, 0);
  g_clear_pointer (&totals, g_ptr_array_unref);

  /* Taking the account manager from B lowers B's cost by 12000 each. */
  g_assert_cmpfloat (strata_entitlements_cost_per_customer (f->m, "B"), ==, 33800);
  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "account_manager"), "B", "no", NULL));
  totals = strata_entitlements_cost_totals (f->m, customers, NULL);
  g_assert_cmpfloat (((StrataEntitlementCost *) g_ptr_array_index (totals, 1))->cost, ==, 5 * 21800);
  g_assert_true (isnan (((StrataEntitlementCost *) g_ptr_array_index (totals, 1))->revenue));
}

static void
test_for_tier (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) lines = strata_entitlements_list_for_tier (f->m, "B");
  StrataEntitlementLine *l;

  g_assert_cmpuint (lines->len, ==, 16);
  l = g_ptr_array_index (lines, 0);
  g_assert_cmpstr (l->stage, ==, "Demand");
  g_assert_cmpstr (l->label, ==, "Pre-sales solution design");
  g_assert_cmpstr (l->value, ==, "Dedicated");
  l = g_ptr_array_index (lines, 2);
  g_assert_cmpstr (l->stage, ==, "Contract");
  g_assert_cmpstr (l->value, ==, "10%");
  l = g_ptr_array_index (lines, 8);
  g_assert_cmpstr (l->label, ==, "SLA response time");
  g_assert_cmpstr (l->value, ==, "2 h");
  g_clear_pointer (&lines, g_ptr_array_unref);

  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "order_discount"), "E", "", NULL));
  lines = strata_entitlements_list_for_tier (f->m, "E");
  g_assert_cmpuint (lines->len, ==, 15);
}

static void
test_exports (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (f->t.dir, "matrix.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autofree char *read = NULL;
  JsonObject *o, *ent;
  JsonArray *stages;

  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "legacy_migration"), "A",
                                                "Free, \"white glove\"", NULL));
  csv = strata_entitlements_to_csv (f->m);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 18);
  g_assert_cmpstr (lines[0], ==, "stage,key,entitlement,kind,unit,levels,direction,A,B,C,D,E,cost_per_customer");
  g_assert_cmpstr (lines[1], ==, "Demand,presales_design,Pre-sales solution design,level,,"
                                 "Standard|Priority|Dedicated,,Dedicated,Dedicated,Priority,"
                                 "Standard,Standard,2000");
  g_assert_cmpstr (lines[3], ==, "Contract,order_discount,Order discount,number,%,,higher,"
                                 "15,10,6,3,0,");
  g_assert_cmpstr (lines[8], ==, "Operations,account_manager,Dedicated account manager,included,"
                                 ",,,yes,yes,no,no,no,12000");
  g_assert_cmpstr (lines[9], ==, "Operations,sla_response,SLA response time,number,h,,lower,"
                                 "1,2,4,8,24,");
  g_assert_cmpstr (lines[16], ==, "Renewal,legacy_migration,Migration off legacy products,text,"
                                  ",,,\"Free, \"\"white glove\"\"\",Free,Half price,At cost,At cost,");

  g_assert_true (strata_entitlements_export_csv (f->m, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &read, NULL, NULL));
  g_assert_cmpstr (read, ==, csv);

  root = strata_entitlements_to_json (f->m);
  o = json_node_get_object (root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "tiers")), ==, 5);
  stages = json_object_get_array_member (o, "stages");
  g_assert_cmpuint (json_array_get_length (stages), ==, 5);
  ent = json_array_get_object_element (
          json_object_get_array_member (json_array_get_object_element (stages, 3), "entitlements"), 1);
  g_assert_cmpstr (json_object_get_string_member (ent, "key"), ==, "sla_response");
  g_assert_false (json_object_get_boolean_member (ent, "higher_is_better"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (ent, "values"), "E"), ==, 24);
  g_assert_cmpfloat (json_object_get_double_member (
                       json_array_get_object_element (json_object_get_array_member (o, "tiers"), 0),
                       "cost_per_customer"), ==, 33800);
}

/* The Excel export reads back as the CSV export does, cell for cell, with
 * number entitlements and costs as numbers. */
static void
test_export_xlsx (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->t.dir, "matrix.xlsx", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *cell = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "legacy_migration"), "A",
                                                "免费，全程协助", NULL));
  g_assert_true (strata_entitlements_export_xlsx (f->m, out, &error));
  g_assert_no_error (error);
  rows = xlsx_test_read (out, NULL);
  csv = strata_entitlements_to_csv (f->m);
  lines = g_strsplit (csv, "\r\n", -1);
  /* The CSV ends with a line end: one string more than rows. */
  g_assert_cmpuint (rows->len + 1, ==, g_strv_length (lines));
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GString) joined = g_string_new (NULL);

      /* Quoted as the CSV quotes. */
      for (GStrv field = rows->pdata[i]; *field != NULL; field++)
        {
          g_auto(GStrv) parts = g_strsplit (*field, "\"", -1);
          g_autofree char *doubled = g_strjoinv ("\"\"", parts);

          if (joined->len > 0 || field != rows->pdata[i])
            g_string_append_c (joined, ',');
          if (strpbrk (*field, ",\"") != NULL)
            g_string_append_printf (joined, "\"%s\"", doubled);
          else
            g_string_append (joined, *field);
        }
      g_assert_cmpstr (joined->str, ==, lines[i]);
    }
  g_assert_cmpstr (((GStrv) rows->pdata[16])[7], ==, "免费，全程协助");
  /* D4: order discount for A, a number; M2: a cost, a number. */
  cell = xlsx_test_cell_xml (out, "xl/worksheets/sheet1.xml", "H4");
  g_assert_null (strstr (cell, " t=\""));
  g_assert_nonnull (strstr (cell, "<v>15</v>"));
  g_clear_pointer (&cell, g_free);
  cell = xlsx_test_cell_xml (out, "xl/worksheets/sheet1.xml", "M2");
  g_assert_nonnull (strstr (cell, "<v>2000</v>"));

  /* A folder that does not exist: an error naming the file, nothing written. */
  {
    g_autofree char *bad = g_build_filename (f->t.dir, "missing", "matrix.xlsx", NULL);

    g_clear_error (&error);
    g_assert_false (strata_entitlements_export_xlsx (f->m, bad, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, bad));
  }
}

static void
test_persistence (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *reopened_csv = NULL;
  g_autoptr(StrataWorkspace) ws = NULL;
  g_autoptr(StrataEntitlements) m = NULL;
  gint64 stage;

  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "sla_response"), "C", "3.5", NULL));
  stage = strata_entitlements_add_stage (f->m, "Churn prevention", -1, NULL);
  g_assert_true (strata_entitlements_move_stage (f->m, stage, 0, NULL));
  g_assert_true (strata_entitlements_remove (f->m, id_of (f, "payment_terms"), NULL));
  before = strata_entitlements_to_csv (f->m);
  g_clear_object (&f->m);
  g_clear_object (&f->t.ws);

  ws = strata_workspace_open (f->t.path, NULL, &error);
  g_assert_no_error (error);
  m = strata_entitlements_new (ws, &error);
  g_assert_no_error (error);
  reopened_csv = strata_entitlements_to_csv (m);
  g_assert_cmpstr (reopened_csv, ==, before);
  g_assert_cmpstr (((StrataEntitlementStage *) g_ptr_array_index (strata_entitlements_get_stages (m), 0))->label,
                   ==, "Churn prevention");
  g_assert_cmpstr (strata_entitlements_get_value (m, strata_entitlements_lookup_key (m, "sla_response")->id, "C"),
                   ==, "3.5");
  g_assert_null (strata_entitlements_lookup_key (m, "payment_terms"));
  g_assert_false (strata_entitlements_can_undo (m));
}

/* Another writer's change (here: a second model on the same workspace) is
 * picked up, and the first model's history is dropped. */
static void
test_external_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(StrataEntitlements) other = strata_entitlements_new (f->t.ws, NULL);

  g_assert_true (strata_entitlements_set_value (f->m, id_of (f, "order_discount"), "A", "16", NULL));
  g_assert_true (strata_entitlements_can_undo (f->m));
  g_assert_cmpstr (strata_entitlements_get_value (other, id_of (f, "order_discount"), "A"), ==, "16");
  g_assert_false (strata_entitlements_can_undo (other));
  g_assert_true (strata_entitlements_set_value (other, id_of (f, "order_discount"), "A", "17", NULL));
  g_assert_cmpstr (value (f, "order_discount", "A"), ==, "17");
  g_assert_false (strata_entitlements_can_undo (f->m));
}

static void
test_tiers (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) strata_entitlement_tier_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *csv = NULL;

  /* A rule set with three tiers: the other tiers' values stay stored but
   * are neither shown nor checked. */
  g_ptr_array_add (tiers, strata_entitlement_tier_new ("A", "Head", "#1c4e9d"));
  g_ptr_array_add (tiers, strata_entitlement_tier_new ("C", "Middle", NULL));
  g_ptr_array_add (tiers, strata_entitlement_tier_new ("B", "Tail", NULL));
  strata_entitlements_set_tiers (f->m, tiers);
  g_assert_cmpuint (strata_entitlements_get_tiers (f->m)->len, ==, 3);
  problems = strata_entitlements_check (f->m);
  /* C is now ranked above B: every ordered entitlement where B > C shows. */
  g_assert_nonnull (strata_entitlements_get_problem (f->m, id_of (f, "order_discount"), "C"));
  g_assert_null (strata_entitlements_get_problem (f->m, id_of (f, "order_discount"), "A"));
  csv = strata_entitlements_to_csv (f->m);
  g_assert_true (g_str_has_prefix (csv, "stage,key,entitlement,kind,unit,levels,direction,A,C,B,cost_per_customer\r\n"));
}

typedef struct
{
  const char *locale, *language, *stage, *sla, *platinum, *hours;
} SeedLanguage;

/* A new workspace's default matrix in the user's language. */
static void
test_seed_language (gconstpointer data)
{
  const SeedLanguage *lang = data;

  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("strata-ent-zh-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "zh.strata", NULL);
      g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
      g_autoptr(StrataWorkspace) ws = NULL;
      g_autoptr(StrataEntitlements) m = NULL;
      const StrataEntitlement *e;

      if (setlocale (LC_ALL, lang->locale) == NULL)
        {
          g_test_skip ("the locale is not available");
          return;
        }
      g_setenv ("LANGUAGE", lang->language, TRUE);
      bindtextdomain (GETTEXT_PACKAGE, po);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      ws = strata_seed_create_workspace (path, NULL);
      g_assert_nonnull (ws);
      m = strata_entitlements_new (ws, NULL);
      g_assert_cmpstr (((StrataEntitlementStage *) g_ptr_array_index (strata_entitlements_get_stages (m), 0))->label,
                       ==, lang->stage);
      e = strata_entitlements_lookup_key (m, "sla_level");
      g_assert_cmpstr (e->label, ==, lang->sla);
      g_assert_cmpstr (e->levels[3], ==, lang->platinum);
      g_assert_cmpstr (strata_entitlements_get_value (m, e->id, "A"), ==, lang->platinum);
      e = strata_entitlements_lookup_key (m, "sla_response");
      g_assert_cmpstr (e->unit, ==, lang->hours);
      g_clear_object (&m);
      g_clear_object (&ws);
      g_unlink (path);
      g_rmdir (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static const SeedLanguage seed_zh_cn = { "zh_CN.UTF-8", "zh_CN", "需求", "SLA 等级", "白金", "小时" };
static const SeedLanguage seed_zh_tw = { "zh_TW.UTF-8", "zh_TW", "需求", "SLA 等級", "白金", "小時" };

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/entitlements/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("defaults", test_defaults);
  g_test_add_func ("/entitlements/parse-and-format", test_parse_and_format);
  ADD ("set-value", test_set_value);
  ADD ("consistency", test_consistency);
  ADD ("edits", test_edits);
  ADD ("update-kind", test_update_kind);
  ADD ("undo-redo", test_undo_redo);
  ADD ("merge", test_merge);
  ADD ("history-is-undo-stack", test_history_is_undo_stack);
  ADD ("figures", test_figures);
  g_test_add_func ("/entitlements/scored-figures", test_scored_figures);
  ADD ("costs", test_costs);
  ADD ("for-tier", test_for_tier);
  ADD ("exports", test_exports);
  ADD ("export-xlsx", test_export_xlsx);
  ADD ("persistence", test_persistence);
  ADD ("external-change", test_external_change);
  ADD ("tiers", test_tiers);
  g_test_add_data_func ("/entitlements/seed-zh-cn", &seed_zh_cn, test_seed_language);
  g_test_add_data_func ("/entitlements/seed-zh-tw", &seed_zh_tw, test_seed_language);
  return g_test_run ();
}
