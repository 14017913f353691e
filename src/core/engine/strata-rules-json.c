/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading the rules file with json-glib; writing it by hand, because the
 * output must be stable to the byte and numbers must be written the way
 * people typed them (500000, not 500000.0 or 5e+05). */
#include "config.h"

#include "strata-i18n.h"
#include <json-glib/json-glib.h>
#include <string.h>

#include "strata-rules-json.h"

/* ---- writing ---------------------------------------------------------- */

static void
put_string (GString    *out,
            const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

/* Infinities and NaN are not JSON: they are written as null, and each
 * field says which of them null stands for. */
static void
put_number (GString *out,
            double   value)
{
  if (!isfinite (value))
    g_string_append (out, "null");
  else
    {
      g_autofree char *text = strata_format_number (value);

      g_string_append (out, text);
    }
}

static void
key (GString    *out,
     int         indent,
     const char *name,
     gboolean    first)
{
  if (!first)
    g_string_append (out, ",\n");
  for (int i = 0; i < indent; i++)
    g_string_append (out, "  ");
  put_string (out, name);
  g_string_append (out, ": ");
}

static void
open_item (GString *out,
           int      indent,
           gboolean first)
{
  if (!first)
    g_string_append (out, ",\n");
  for (int i = 0; i < indent; i++)
    g_string_append (out, "  ");
  g_string_append (out, "{\n");
}

static void
close_block (GString *out,
             int      indent,
             char     bracket)
{
  g_string_append_c (out, '\n');
  for (int i = 0; i < indent; i++)
    g_string_append (out, "  ");
  g_string_append_c (out, bracket);
}

static const char *quadrant_keys[] = { "A", "B", "C", "D" };

char *
strata_rules_to_json (const StrataRules *rules)
{
  GString *out = g_string_new ("{\n");
  const StrataQuadrantRules *q;

  g_return_val_if_fail (rules != NULL, NULL);

  key (out, 1, "format", TRUE);
  put_string (out, STRATA_RULES_FORMAT);

  key (out, 1, "indicators", FALSE);
  g_string_append (out, rules->indicators->len ? "[\n" : "[");
  for (guint i = 0; i < rules->indicators->len; i++)
    {
      const StrataIndicator *ind = rules->indicators->pdata[i];

      open_item (out, 2, i == 0);
      key (out, 3, "metric", TRUE);
      put_string (out, ind->metric);
      key (out, 3, "weight", FALSE);
      put_number (out, ind->weight);
      key (out, 3, "bands", FALSE);
      g_string_append (out, ind->bands->len ? "[\n" : "[");
      for (guint j = 0; j < ind->bands->len; j++)
        {
          const StrataBand *band = &g_array_index (ind->bands, StrataBand, j);

          if (j > 0)
            g_string_append (out, ",\n");
          g_string_append (out, "        { \"from\": ");
          put_number (out, band->from);
          g_string_append (out, ", \"to\": ");
          put_number (out, band->to);
          g_string_append (out, ", \"points\": ");
          put_number (out, band->points);
          g_string_append (out, " }");
        }
      if (ind->bands->len)
        close_block (out, 3, ']');
      else
        g_string_append_c (out, ']');
      close_block (out, 2, '}');
    }
  if (rules->indicators->len)
    close_block (out, 1, ']');
  else
    g_string_append_c (out, ']');

  key (out, 1, "adjustments", FALSE);
  g_string_append (out, rules->adjustments->len ? "[\n" : "[");
  for (guint i = 0; i < rules->adjustments->len; i++)
    {
      const StrataAdjustment *adj = rules->adjustments->pdata[i];

      open_item (out, 2, i == 0);
      key (out, 3, "id", TRUE);
      put_string (out, adj->id);
      key (out, 3, "label", FALSE);
      put_string (out, adj->label);
      if (adj->label_key != NULL)
        {
          key (out, 3, "label_key", FALSE);
          put_string (out, adj->label_key);
        }
      key (out, 3, "metric", FALSE);
      put_string (out, adj->metric);
      key (out, 3, "condition", FALSE);
      put_string (out, strata_condition_to_string (adj->condition));
      key (out, 3, "a", FALSE);
      put_number (out, adj->a);
      key (out, 3, "b", FALSE);
      put_number (out, adj->b);
      key (out, 3, "points", FALSE);
      put_number (out, adj->points);
      key (out, 3, "per_unit", FALSE);
      g_string_append (out, adj->per_unit ? "true" : "false");
      key (out, 3, "cap", FALSE);
      put_number (out, adj->cap);
      key (out, 3, "enabled", FALSE);
      g_string_append (out, adj->enabled ? "true" : "false");
      close_block (out, 2, '}');
    }
  if (rules->adjustments->len)
    close_block (out, 1, ']');
  else
    g_string_append_c (out, ']');

  key (out, 1, "tiers", FALSE);
  g_string_append (out, rules->tiers->len ? "[\n" : "[");
  for (guint i = 0; i < rules->tiers->len; i++)
    {
      const StrataTier *tier = rules->tiers->pdata[i];

      if (i > 0)
        g_string_append (out, ",\n");
      g_string_append (out, "    { \"id\": ");
      put_string (out, tier->id);
      g_string_append (out, ", \"label\": ");
      put_string (out, tier->label);
      if (tier->label_key != NULL)
        {
          g_string_append (out, ", \"label_key\": ");
          put_string (out, tier->label_key);
        }
      g_string_append (out, ", \"colour\": ");
      put_string (out, tier->colour);
      g_string_append (out, ", \"min_score\": ");
      put_number (out, tier->min_score);
      g_string_append (out, " }");
    }
  if (rules->tiers->len)
    close_block (out, 1, ']');
  else
    g_string_append_c (out, ']');

  q = &rules->quadrant;
  key (out, 1, "quadrant", FALSE);
  g_string_append (out, "{\n");
  key (out, 2, "x", TRUE);
  g_string_append (out, "{ \"metric\": ");
  put_string (out, q->x_metric);
  g_string_append (out, ", \"threshold\": ");
  put_number (out, q->x_threshold);
  g_string_append (out, " }");
  key (out, 2, "y", FALSE);
  g_string_append (out, "{ \"metric\": ");
  put_string (out, q->y_metric);
  g_string_append (out, ", \"threshold\": ");
  put_number (out, q->y_threshold);
  g_string_append (out, " }");
  key (out, 2, "z", FALSE);
  g_string_append (out, "{ \"metric\": ");
  put_string (out, q->z_metric);
  g_string_append (out, " }");
  for (guint i = 0; i < 4; i++)
    {
      key (out, 2, quadrant_keys[i], FALSE);
      g_string_append (out, "{ \"label\": ");
      put_string (out, q->label[i]);
      if (q->label_key[i] != NULL)
        {
          g_string_append (out, ", \"label_key\": ");
          put_string (out, q->label_key[i]);
        }
      g_string_append (out, ", \"action\": ");
      put_string (out, q->action[i]);
      if (q->action_key[i] != NULL)
        {
          g_string_append (out, ", \"action_key\": ");
          put_string (out, q->action_key[i]);
        }
      g_string_append (out, " }");
    }
  close_block (out, 1, '}');
  close_block (out, 0, '}');
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* ---- reading ---------------------------------------------------------- */

typedef struct
{
  const char *source;
  GError    **error;
  gboolean    failed;
} Reader;

static char *
node_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  if (g_utf8_strlen (text, -1) > 40)
    {
      char *end = g_utf8_offset_to_pointer (text, 40);

      *end = '\0';
      return g_strconcat (text, "…", NULL);
    }
  return g_steal_pointer (&text);
}

static void G_GNUC_PRINTF (3, 4)
fail (Reader     *r,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  if (r->failed)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  r->failed = TRUE;
  g_set_error (r->error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_PARSE,
               "%s: %s: %s", r->source, path, msg);
}

static void
fail_type (Reader     *r,
           const char *path,
           const char *expected,
           JsonNode   *node)
{
  g_autofree char *got = node_text (node);

  /* Translators: e.g. "expected a number, got "abc"" */
  fail (r, path, _("expected %s, got %s"), expected, got);
}

/* Refuses members the format does not define: most are typos. */
static void
check_members (Reader             *r,
               const char         *path,
               JsonObject         *object,
               const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l && !r->failed; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      fail (r, path, _("unknown member “%s”"), (const char *) l->data);
}

static JsonNode *
member (Reader     *r,
        const char *path,
        JsonObject *object,
        const char *name,
        gboolean    required)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && required)
    fail (r, path, _("missing member “%s”"), name);
  return node;
}

/* A number; null stands for null_value (INFINITY, NAN...) when allowed. */
static double
get_number (Reader     *r,
            const char *path,
            JsonObject *object,
            const char *name,
            gboolean    required,
            gboolean    null_allowed,
            double      null_value,
            double      default_value)
{
  g_autofree char *here = g_strdup_printf ("%s.%s", path, name);
  JsonNode *node = member (r, path, object, name, required);

  if (node == NULL || r->failed)
    return default_value;
  if (JSON_NODE_HOLDS_NULL (node) && null_allowed)
    return null_value;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
        return json_node_get_double (node);
    }
  fail_type (r, here, null_allowed ? _("a number or null") : _("a number"), node);
  return default_value;
}

static char *
get_string (Reader     *r,
            const char *path,
            JsonObject *object,
            const char *name,
            gboolean    required,
            gboolean    null_allowed)
{
  g_autofree char *here = g_strdup_printf ("%s.%s", path, name);
  JsonNode *node = member (r, path, object, name, required);

  if (node == NULL || r->failed)
    return NULL;
  if (JSON_NODE_HOLDS_NULL (node) && null_allowed)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  fail_type (r, here, _("a string"), node);
  return NULL;
}

static gboolean
get_bool (Reader     *r,
          const char *path,
          JsonObject *object,
          const char *name,
          gboolean    default_value)
{
  g_autofree char *here = g_strdup_printf ("%s.%s", path, name);
  JsonNode *node = member (r, path, object, name, FALSE);

  if (node == NULL || r->failed)
    return default_value;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  fail_type (r, here, _("true or false"), node);
  return default_value;
}

static JsonObject *
get_object (Reader     *r,
            const char *path,
            JsonNode   *node)
{
  if (r->failed || node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  fail_type (r, path, _("an object"), node);
  return NULL;
}

static JsonArray *
get_array (Reader     *r,
           const char *path,
           JsonObject *object,
           const char *name)
{
  g_autofree char *here = g_strdup_printf ("%s.%s", path, name);
  JsonNode *node = member (r, path, object, name, TRUE);

  if (r->failed || node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);
  fail_type (r, here, _("an array"), node);
  return NULL;
}

static void
read_indicator (Reader      *r,
                const char  *path,
                JsonNode    *node,
                StrataRules *rules)
{
  static const char *allowed[] = { "metric", "weight", "bands", NULL };
  static const char *band_allowed[] = { "from", "to", "points", NULL };
  JsonObject *obj = get_object (r, path, node);
  g_autofree char *metric = NULL;
  StrataIndicator *ind;
  JsonArray *bands;

  if (obj == NULL)
    return;
  check_members (r, path, obj, allowed);
  metric = get_string (r, path, obj, "metric", TRUE, FALSE);
  ind = strata_indicator_new (metric, get_number (r, path, obj, "weight", FALSE, FALSE, 1, 1));
  g_ptr_array_add (rules->indicators, ind);
  bands = get_array (r, path, obj, "bands");
  for (guint j = 0; bands && j < json_array_get_length (bands) && !r->failed; j++)
    {
      g_autofree char *bpath = g_strdup_printf ("%s.bands[%u]", path, j);
      JsonObject *b = get_object (r, bpath, json_array_get_element (bands, j));
      double from, to, points;

      if (b == NULL)
        return;
      check_members (r, bpath, b, band_allowed);
      from = get_number (r, bpath, b, "from", TRUE, FALSE, 0, 0);
      to = get_number (r, bpath, b, "to", TRUE, TRUE, INFINITY, INFINITY);
      points = get_number (r, bpath, b, "points", TRUE, FALSE, 0, 0);
      strata_indicator_add_band (ind, from, to, points);
    }
}

static void
read_adjustment (Reader      *r,
                 const char  *path,
                 JsonNode    *node,
                 StrataRules *rules)
{
  static const char *allowed[] = { "id", "label", "label_key", "metric", "condition", "a", "b",
                                   "points", "per_unit", "cap", "enabled", NULL };
  JsonObject *obj = get_object (r, path, node);
  g_autofree char *id = NULL, *label = NULL, *label_key = NULL, *metric = NULL, *condition = NULL;
  StrataCondition cond = STRATA_CONDITION_GE;
  StrataAdjustment *adj;

  if (obj == NULL)
    return;
  check_members (r, path, obj, allowed);
  id = get_string (r, path, obj, "id", TRUE, FALSE);
  label = get_string (r, path, obj, "label", TRUE, FALSE);
  label_key = get_string (r, path, obj, "label_key", FALSE, TRUE);
  metric = get_string (r, path, obj, "metric", TRUE, FALSE);
  condition = get_string (r, path, obj, "condition", TRUE, FALSE);
  if (!r->failed && !strata_condition_from_string (condition, &cond))
    {
      g_autofree char *here = g_strdup_printf ("%s.condition", path);

      fail (r, here, _("unknown condition “%s” (use >=, <=, >, <, ==, between or is_true)"),
            condition);
    }
  adj = strata_adjustment_new (id, label, metric, cond,
                               get_number (r, path, obj, "a", cond != STRATA_CONDITION_IS_TRUE,
                                           FALSE, 0, 0),
                               get_number (r, path, obj, "b", cond == STRATA_CONDITION_BETWEEN,
                                           FALSE, 0, 0),
                               get_number (r, path, obj, "points", TRUE, FALSE, 0, 0));
  adj->per_unit = get_bool (r, path, obj, "per_unit", FALSE);
  adj->cap = get_number (r, path, obj, "cap", FALSE, TRUE, NAN, NAN);
  adj->enabled = get_bool (r, path, obj, "enabled", TRUE);
  /* Rules written before keys: a label that is one of the defaults, in
   * any language, is that default. */
  adj->label_key = label_key ? g_steal_pointer (&label_key)
                             : g_strdup (strata_adjustment_label_key_for_text (label));
  g_ptr_array_add (rules->adjustments, adj);
}

static void
read_tier (Reader      *r,
           const char  *path,
           JsonNode    *node,
           StrataRules *rules)
{
  static const char *allowed[] = { "id", "label", "label_key", "colour", "min_score", NULL };
  JsonObject *obj = get_object (r, path, node);
  g_autofree char *id = NULL, *label = NULL, *label_key = NULL, *colour = NULL;
  StrataTier *tier;
  double min_score;

  if (obj == NULL)
    return;
  check_members (r, path, obj, allowed);
  id = get_string (r, path, obj, "id", TRUE, FALSE);
  label = get_string (r, path, obj, "label", TRUE, FALSE);
  label_key = get_string (r, path, obj, "label_key", FALSE, TRUE);
  colour = get_string (r, path, obj, "colour", TRUE, FALSE);
  min_score = get_number (r, path, obj, "min_score", TRUE, TRUE, -INFINITY, -INFINITY);
  tier = strata_tier_new (id, label, colour, min_score);
  tier->label_key = label_key ? g_steal_pointer (&label_key)
                              : g_strdup (strata_tier_label_key_for_text (label));
  g_ptr_array_add (rules->tiers, tier);
}

static void
read_axis (Reader      *r,
           JsonObject  *quadrant,
           const char  *name,
           char       **metric,
           double      *threshold)
{
  static const char *allowed[] = { "metric", "threshold", NULL };
  static const char *z_allowed[] = { "metric", NULL };
  g_autofree char *path = g_strdup_printf ("$.quadrant.%s", name);
  JsonObject *obj = get_object (r, path, member (r, "$.quadrant", quadrant, name, TRUE));

  if (obj == NULL)
    return;
  check_members (r, path, obj, threshold ? allowed : z_allowed);
  *metric = get_string (r, path, obj, "metric", TRUE, TRUE);
  if (threshold)
    *threshold = get_number (r, path, obj, "threshold", TRUE, FALSE, 0, 0);
}

static void
read_quadrant (Reader      *r,
               JsonObject  *root,
               StrataRules *rules)
{
  static const char *allowed[] = { "x", "y", "z", "A", "B", "C", "D", NULL };
  static const char *q_allowed[] = { "label", "label_key", "action", "action_key", NULL };
  StrataQuadrantRules *q = &rules->quadrant;
  JsonObject *obj = get_object (r, "$.quadrant", member (r, "$", root, "quadrant", TRUE));

  if (obj == NULL)
    return;
  check_members (r, "$.quadrant", obj, allowed);
  read_axis (r, obj, "x", &q->x_metric, &q->x_threshold);
  read_axis (r, obj, "y", &q->y_metric, &q->y_threshold);
  read_axis (r, obj, "z", &q->z_metric, NULL);
  for (guint i = 0; i < 4 && !r->failed; i++)
    {
      g_autofree char *path = g_strdup_printf ("$.quadrant.%s", quadrant_keys[i]);
      JsonObject *qo = get_object (r, path, member (r, "$.quadrant", obj, quadrant_keys[i], TRUE));

      if (qo == NULL)
        return;
      check_members (r, path, qo, q_allowed);
      q->label[i] = get_string (r, path, qo, "label", TRUE, FALSE);
      q->action[i] = get_string (r, path, qo, "action", FALSE, FALSE);
      if (q->action[i] == NULL)
        q->action[i] = g_strdup ("");
      q->label_key[i] = get_string (r, path, qo, "label_key", FALSE, TRUE);
      q->action_key[i] = get_string (r, path, qo, "action_key", FALSE, TRUE);
      if (q->label_key[i] == NULL)
        q->label_key[i] = g_strdup (strata_quadrant_label_key_for_text (q->label[i]));
      if (q->action_key[i] == NULL)
        q->action_key[i] = g_strdup (strata_quadrant_action_key_for_text (q->action[i]));
    }
}

/* Whether more objects or arrays are opened than closed (outside strings)
 * by the end of the text. */
static gboolean
json_is_cut_short (const char *json,
                   gssize      length)
{
  gboolean in_string = FALSE;
  gssize depth = 0;

  for (gssize i = 0; i < length; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (--depth < 0)
            return FALSE;
        }
    }
  return depth > 0 || in_string;
}

StrataRules *
strata_rules_from_json (const char  *json,
                        gssize       length,
                        const char  *source,
                        GError     **error)
{
  static const char *allowed[] = { "format", "indicators", "adjustments", "tiers", "quadrant", NULL };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(StrataRules) rules = strata_rules_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *format = NULL;
  Reader r = { source ? source : "rules", error, FALSE };
  JsonObject *root;
  JsonArray *array;

  g_return_val_if_fail (json != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (json);
  if (!g_utf8_validate (json, length, NULL))
    {
      g_set_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_PARSE,
                   _("%s: not UTF-8 text"), r.source);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      /* json-glib says "<data>:LINE:COL: Parse error: ..."; name the file.
       * For a file cut short it blames the last token it read ("invalid
       * string constant"), which sends people to the wrong place. */
      const char *msg = local_error->message;

      if (g_str_has_prefix (msg, "<data>:"))
        msg += strlen ("<data>:");
      if (json_is_cut_short (json, length))
        g_set_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_PARSE,
                     _("%s: Parse error: the file ends before the JSON is complete "
                       "(a closing “}” or “]” is missing)"), r.source);
      else
        g_set_error (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_PARSE, "%s:%s", r.source, msg);
      return NULL;
    }

  root = get_object (&r, "$", json_parser_get_root (parser));
  if (root == NULL)
    {
      if (!r.failed)
        fail (&r, "$", _("the file is empty"));
      return NULL;
    }
  format = get_string (&r, "$", root, "format", TRUE, FALSE);
  if (!r.failed && g_strcmp0 (format, STRATA_RULES_FORMAT) != 0)
    fail (&r, "$.format", _("“%s” is not a rules format this version reads (%s)"),
          format, STRATA_RULES_FORMAT);
  check_members (&r, "$", root, allowed);

  array = get_array (&r, "$", root, "indicators");
  for (guint i = 0; array && i < json_array_get_length (array) && !r.failed; i++)
    {
      g_autofree char *path = g_strdup_printf ("$.indicators[%u]", i);

      read_indicator (&r, path, json_array_get_element (array, i), rules);
    }
  array = get_array (&r, "$", root, "adjustments");
  for (guint i = 0; array && i < json_array_get_length (array) && !r.failed; i++)
    {
      g_autofree char *path = g_strdup_printf ("$.adjustments[%u]", i);

      read_adjustment (&r, path, json_array_get_element (array, i), rules);
    }
  array = get_array (&r, "$", root, "tiers");
  for (guint i = 0; array && i < json_array_get_length (array) && !r.failed; i++)
    {
      g_autofree char *path = g_strdup_printf ("$.tiers[%u]", i);

      read_tier (&r, path, json_array_get_element (array, i), rules);
    }
  read_quadrant (&r, root, rules);

  if (r.failed)
    return NULL;
  return g_steal_pointer (&rules);
}

StrataRules *
strata_rules_load_file (const char  *path,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error_literal (error, STRATA_RULES_ERROR, STRATA_RULES_ERROR_PARSE,
                           local_error->message);
      return NULL;
    }
  return strata_rules_from_json (contents, (gssize) length, path, error);
}

gboolean
strata_rules_save_file (const StrataRules  *rules,
                        const char         *path,
                        GError            **error)
{
  g_autofree char *json = strata_rules_to_json (rules);

  return g_file_set_contents (path, json, -1, error);
}
