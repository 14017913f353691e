/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Values of the entitlement matrix are stored as text so that one table holds
 * every kind; this file is the single place that knows how each kind reads,
 * shows and ranks them. */
#include "config.h"

#include "strata-i18n.h"
#include <math.h>
#include <string.h>

#include "strata-error.h"
#include "strata-entitlement.h"

G_DEFINE_BOXED_TYPE (StrataEntitlementStage, strata_entitlement_stage,
                     strata_entitlement_stage_copy, strata_entitlement_stage_free)
G_DEFINE_BOXED_TYPE (StrataEntitlement, strata_entitlement,
                     strata_entitlement_copy, strata_entitlement_free)
G_DEFINE_BOXED_TYPE (StrataEntitlementTier, strata_entitlement_tier,
                     strata_entitlement_tier_copy, strata_entitlement_tier_free)

StrataEntitlementStage *
strata_entitlement_stage_copy (const StrataEntitlementStage *stage)
{
  StrataEntitlementStage *copy;

  g_return_val_if_fail (stage != NULL, NULL);
  copy = g_new0 (StrataEntitlementStage, 1);
  copy->id = stage->id;
  copy->key = g_strdup (stage->key);
  copy->label = g_strdup (stage->label);
  copy->position = stage->position;
  return copy;
}

void
strata_entitlement_stage_free (StrataEntitlementStage *stage)
{
  if (stage == NULL)
    return;
  g_free (stage->key);
  g_free (stage->label);
  g_free (stage);
}

StrataEntitlement *
strata_entitlement_new (void)
{
  StrataEntitlement *e = g_new0 (StrataEntitlement, 1);

  e->kind = STRATA_ENTITLEMENT_INCLUDED;
  e->unit = g_strdup ("");
  e->levels = g_new0 (char *, 1);
  e->higher_is_better = TRUE;
  e->cost = NAN;
  return e;
}

StrataEntitlement *
strata_entitlement_copy (const StrataEntitlement *e)
{
  StrataEntitlement *copy;

  g_return_val_if_fail (e != NULL, NULL);
  copy = g_new0 (StrataEntitlement, 1);
  *copy = *e;
  copy->key = g_strdup (e->key);
  copy->label = g_strdup (e->label);
  copy->unit = g_strdup (e->unit ? e->unit : "");
  copy->levels = e->levels ? g_strdupv (e->levels) : g_new0 (char *, 1);
  return copy;
}

void
strata_entitlement_free (StrataEntitlement *e)
{
  if (e == NULL)
    return;
  g_free (e->key);
  g_free (e->label);
  g_free (e->unit);
  g_strfreev (e->levels);
  g_free (e);
}

gboolean
strata_entitlement_equal (const StrataEntitlement *a,
                          const StrataEntitlement *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  return a->id == b->id && a->stage_id == b->stage_id &&
         g_strcmp0 (a->key, b->key) == 0 && g_strcmp0 (a->label, b->label) == 0 &&
         a->kind == b->kind && g_strcmp0 (a->unit, b->unit) == 0 &&
         g_strv_equal ((const char * const *) a->levels, (const char * const *) b->levels) &&
         !a->higher_is_better == !b->higher_is_better &&
         ((isnan (a->cost) && isnan (b->cost)) || a->cost == b->cost) &&
         a->position == b->position;
}

StrataEntitlementTier *
strata_entitlement_tier_new (const char *id,
                             const char *label,
                             const char *color)
{
  StrataEntitlementTier *tier;

  g_return_val_if_fail (id != NULL, NULL);
  tier = g_new0 (StrataEntitlementTier, 1);
  tier->id = g_strdup (id);
  tier->label = g_strdup (label ? label : id);
  tier->color = g_strdup (color);
  return tier;
}

StrataEntitlementTier *
strata_entitlement_tier_copy (const StrataEntitlementTier *tier)
{
  g_return_val_if_fail (tier != NULL, NULL);
  return strata_entitlement_tier_new (tier->id, tier->label, tier->color);
}

void
strata_entitlement_tier_free (StrataEntitlementTier *tier)
{
  if (tier == NULL)
    return;
  g_free (tier->id);
  g_free (tier->label);
  g_free (tier->color);
  g_free (tier);
}

static const char *kind_names[] = { "included", "level", "number", "text" };

const char *
strata_entitlement_kind_to_string (StrataEntitlementKind kind)
{
  g_return_val_if_fail (kind <= STRATA_ENTITLEMENT_TEXT, "text");
  return kind_names[kind];
}

gboolean
strata_entitlement_kind_from_string (const char            *name,
                                     StrataEntitlementKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *kind = (StrataEntitlementKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
strata_entitlement_kind_label (StrataEntitlementKind kind)
{
  switch (kind)
    {
    case STRATA_ENTITLEMENT_INCLUDED:
      return C_("entitlement kind", "Included");
    case STRATA_ENTITLEMENT_LEVEL:
      return C_("entitlement kind", "Level");
    case STRATA_ENTITLEMENT_NUMBER:
      return C_("entitlement kind", "Number");
    case STRATA_ENTITLEMENT_TEXT:
    default:
      return C_("entitlement kind", "Text");
    }
}

int
strata_entitlement_level_index (const StrataEntitlement *e,
                                const char              *level)
{
  g_return_val_if_fail (e != NULL, -1);
  if (level == NULL || e->levels == NULL)
    return -1;
  for (int i = 0; e->levels[i] != NULL; i++)
    {
      g_autofree char *a = g_utf8_casefold (e->levels[i], -1);
      g_autofree char *b = g_utf8_casefold (level, -1);

      if (g_strcmp0 (a, b) == 0)
        return i;
    }
  /* A seeded level in another language than the one stored (a reader's
   * pick or typing, a value stored before the levels were): the same
   * level when both show as the same text. */
  for (int i = 0; e->levels[i] != NULL; i++)
    {
      const char *shown = strata_entitlement_display_text (e, e->levels[i]);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      if (shown == e->levels[i] && strata_entitlement_display_text (e, level) == level)
        continue;
      a = g_utf8_casefold (shown, -1);
      b = g_utf8_casefold (strata_entitlement_display_text (e, level), -1);
      if (g_strcmp0 (a, b) == 0)
        return i;
    }
  return -1;
}

static gboolean
word_in (const char *folded,
         const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *w = g_utf8_casefold (words[i], -1);
      if (g_strcmp0 (folded, w) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Reads a plain decimal number, refusing anything else rather than guessing
 * ("1,5" could be one and a half or fifteen). */
static gboolean
read_number (const char *text,
             double     *out)
{
  char *end = NULL;
  double v;

  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!(g_ascii_isdigit (*p) || *p == '.' || *p == '-' || *p == '+'))
      return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

char *
strata_entitlement_parse_value (const StrataEntitlement  *e,
                                const char               *input,
                                GError                  **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (e != NULL, NULL);

  text = g_strstrip (g_strdup (input ? input : ""));
  if (*text == '\0')
    return g_strdup ("");

  switch (e->kind)
    {
    case STRATA_ENTITLEMENT_INCLUDED:
      {
        const char *yes[] = { "yes", "y", "true", "1", "✓", "included", _("yes"), _("Yes"), NULL };
        const char *no[] = { "no", "n", "false", "0", "✗", "-", _("no"), _("No"), NULL };
        g_autofree char *folded = g_utf8_casefold (text, -1);

        if (word_in (folded, yes))
          return g_strdup ("1");
        if (word_in (folded, no))
          return g_strdup ("0");
        g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                     _("“%s” is not yes or no for “%s”"), text,
                     strata_entitlement_get_display_label (e));
        return NULL;
      }

    case STRATA_ENTITLEMENT_LEVEL:
      {
        int i = strata_entitlement_level_index (e, text);
        g_autofree char *list = NULL;

        if (i >= 0)
          return g_strdup (e->levels[i]);
        {
          g_autoptr(GStrvBuilder) shown = g_strv_builder_new ();
          g_auto(GStrv) names = NULL;

          for (guint l = 0; e->levels[l] != NULL; l++)
            g_strv_builder_add (shown, strata_entitlement_display_text (e, e->levels[l]));
          names = g_strv_builder_end (shown);
          /* Translators: the list of levels is joined with this separator. */
          list = g_strjoinv (_(", "), names);
        }
        g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                     _("“%s” is not a level of “%s”: use one of %s"), text,
                     strata_entitlement_get_display_label (e), list);
        return NULL;
      }

    case STRATA_ENTITLEMENT_NUMBER:
      {
        g_autofree char *digits = g_strdup (text);
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        double v;

        /* Accept the value as it is shown ("15 %", "4 h", "4 小时"). */
        if (e->unit && *e->unit && g_str_has_suffix (digits, e->unit))
          digits[strlen (digits) - strlen (e->unit)] = '\0';
        else if (e->unit && *e->unit &&
                 g_str_has_suffix (digits, strata_entitlement_display_text (e, e->unit)))
          digits[strlen (digits) - strlen (strata_entitlement_display_text (e, e->unit))] = '\0';
        g_strstrip (digits);
        if (!read_number (digits, &v))
          {
            g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                         _("“%s” is not a number for “%s”"), text,
                         strata_entitlement_get_display_label (e));
            return NULL;
          }
        if (v < 0)
          {
            g_set_error (error, STRATA_WORKSPACE_ERROR, STRATA_WORKSPACE_ERROR_INVALID,
                         _("“%s” is negative: “%s” takes 0 or more"), text,
                         strata_entitlement_get_display_label (e));
            return NULL;
          }
        if (v == 0)
          v = 0; /* no "-0" */
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, v));
      }

    case STRATA_ENTITLEMENT_TEXT:
    default:
      return g_steal_pointer (&text);
    }
}

char *
strata_entitlement_format_value (const StrataEntitlement *e,
                                 const char              *value)
{
  g_return_val_if_fail (e != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("—");

  switch (e->kind)
    {
    case STRATA_ENTITLEMENT_INCLUDED:
      return g_strdup (g_str_equal (value, "1") ? _("Yes") : _("No"));

    case STRATA_ENTITLEMENT_NUMBER:
      {
        double v = g_ascii_strtod (value, NULL);
        g_autofree char *num = g_strdup_printf ("%.10g", v);

        if (e->unit == NULL || *e->unit == '\0')
          return g_steal_pointer (&num);
        if (g_str_equal (e->unit, "%"))
          return g_strdup_printf ("%s%%", num);
        return g_strdup_printf ("%s %s", num, strata_entitlement_display_text (e, e->unit));
      }

    case STRATA_ENTITLEMENT_LEVEL:
    case STRATA_ENTITLEMENT_TEXT:
    default:
      return g_strdup (strata_entitlement_display_text (e, value));
    }
}

gboolean
strata_entitlement_rank (const StrataEntitlement *e,
                         const char              *value,
                         double                  *rank)
{
  g_return_val_if_fail (e != NULL, FALSE);

  if (value == NULL || *value == '\0')
    return FALSE;

  switch (e->kind)
    {
    case STRATA_ENTITLEMENT_INCLUDED:
      *rank = g_str_equal (value, "1") ? 1 : 0;
      return TRUE;

    case STRATA_ENTITLEMENT_LEVEL:
      {
        int i = strata_entitlement_level_index (e, value);
        if (i < 0)
          return FALSE;
        *rank = i;
        return TRUE;
      }

    case STRATA_ENTITLEMENT_NUMBER:
      {
        double v;
        if (!read_number (value, &v))
          return FALSE;
        *rank = e->higher_is_better ? v : -v;
        return TRUE;
      }

    case STRATA_ENTITLEMENT_TEXT:
    default:
      return FALSE;
    }
}

gboolean
strata_entitlement_grants (const StrataEntitlement *e,
                           const char              *value)
{
  g_return_val_if_fail (e != NULL, FALSE);

  if (value == NULL || *value == '\0')
    return FALSE;
  switch (e->kind)
    {
    case STRATA_ENTITLEMENT_INCLUDED:
      return g_str_equal (value, "1");
    case STRATA_ENTITLEMENT_NUMBER:
      return g_ascii_strtod (value, NULL) != 0;
    case STRATA_ENTITLEMENT_LEVEL:
      /* The lowest level is the baseline everybody has. */
      return strata_entitlement_level_index (e, value) > 0;
    case STRATA_ENTITLEMENT_TEXT:
    default:
      return TRUE;
    }
}
