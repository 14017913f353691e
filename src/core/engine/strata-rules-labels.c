/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The default labels of tiers, bonus/penalty items and quadrants (and the
 * quadrants' actions), by a stable key, so
 * that a workspace created in one language reads in another: the label is
 * stored in the creator's language (older versions read it as is) and the
 * key says it is still the default, shown translated at display time. */
#include "config.h"

#include "strata-i18n.h"
#include <string.h>

#include "strata-rules.h"
#include "strata-rules-private.h"

typedef struct
{
  const char *key;
  const char *context;   /* msgctxt, or NULL */
  const char *msgid;
} DefaultLabel;

static const DefaultLabel tier_labels[] = {
  { "tier-strategic", "tier", NC_("tier", "Strategic") },
  { "tier-key", "tier", NC_("tier", "Key") },
  { "tier-value", "tier", NC_("tier", "Value") },
  { "tier-potential", "tier", NC_("tier", "Potential") },
  { "tier-ordinary", "tier", NC_("tier", "Ordinary") },
};

static const DefaultLabel item_labels[] = {
  { "item-referrals", NULL, N_("Referred customers") },
  { "item-business-lines", NULL, N_("Three or more business lines") },
  { "item-high-growth", NULL, N_("High growth potential") },
  { "item-listed-company", NULL, N_("Listed company") },
  { "item-overdue-invoices", NULL, N_("Overdue invoices") },
  { "item-fault-tickets", NULL, N_("Five or more fault tickets") },
};

static const DefaultLabel quadrant_labels[] = {
  { "quadrant-head-customers", "quadrant", NC_("quadrant", "Head customers") },
  { "quadrant-natural-fit", "quadrant", NC_("quadrant", "Natural fit") },
  { "quadrant-effort-without-results", "quadrant", NC_("quadrant", "Effort without results") },
  { "quadrant-tail", "quadrant", NC_("quadrant", "Tail") },
};

static const DefaultLabel action_labels[] = {
  { "action-vip-team", NULL, N_("Serve with a dedicated VIP team") },
  { "action-recruit-products", NULL, N_("Targeted recruiting of more products") },
  { "action-find-blockers", NULL, N_("Highest churn risk: find out what blocks them") },
  { "action-keep-in-touch", NULL, N_("Churn risk: keep in touch at low cost") },
};

/* The languages Strata ships (po/LINGUAS): a label written by a user of
 * any of them is recognised in every other. */
static const char *shipped_languages[] = { "zh_CN", "zh_TW" };

static const DefaultLabel *
find_key (const DefaultLabel *table,
          gsize               n,
          const char         *key)
{
  for (gsize i = 0; key != NULL && i < n; i++)
    if (g_str_equal (table[i].key, key))
      return &table[i];
  return NULL;
}

/* "tier\004Strategic", the msgid a catalogue keys a message with context on. */
static char *
catalog_msgid (const DefaultLabel *label)
{
  return label->context ? g_strconcat (label->context, "\004", label->msgid, NULL)
                        : g_strdup (label->msgid);
}

static const char *
translate (const DefaultLabel *label)
{
  if (label->context != NULL)
    {
      g_autofree char *id = catalog_msgid (label);
      gsize offset = strlen (label->context) + 1;
      const char *text = strata_pgettext (id, offset);

      /* Untranslated, it points into id: give the static msgid instead. */
      return text == id + offset ? label->msgid : text;
    }
  return _(label->msgid);
}

const char *
strata_rules_default_label (const char *key)
{
  const DefaultLabel *label = find_key (tier_labels, G_N_ELEMENTS (tier_labels), key);

  if (label == NULL)
    label = find_key (item_labels, G_N_ELEMENTS (item_labels), key);
  if (label == NULL)
    label = find_key (quadrant_labels, G_N_ELEMENTS (quadrant_labels), key);
  if (label == NULL)
    label = find_key (action_labels, G_N_ELEMENTS (action_labels), key);
  return label ? translate (label) : NULL;
}

/* The catalogues of the shipped languages, read once per locale folder
 * (tests bind another one). */
static GMutex catalogs_lock;
static char *catalogs_dir;
static StrataCatalog *catalogs[G_N_ELEMENTS (shipped_languages)];

static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return g_str_equal (fa, fb);
}

static const char *
key_for_text (const DefaultLabel *table,
              gsize               n,
              const char         *text)
{
  g_autofree char *clean = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  const char *dir;

  if (text == NULL)
    return NULL;
  clean = g_strstrip (g_strdup (text));
  if (*clean == '\0')
    return NULL;

  for (gsize i = 0; i < n; i++)
    if (same_text (clean, table[i].msgid) || same_text (clean, translate (&table[i])))
      return table[i].key;

  locker = g_mutex_locker_new (&catalogs_lock);
  dir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  if (g_strcmp0 (dir, catalogs_dir) != 0)
    {
      g_free (catalogs_dir);
      catalogs_dir = g_strdup (dir);
      for (guint l = 0; l < G_N_ELEMENTS (shipped_languages); l++)
        {
          g_clear_object (&catalogs[l]);
          catalogs[l] = strata_catalog_new_for_language (shipped_languages[l]);
        }
    }
  for (guint l = 0; l < G_N_ELEMENTS (shipped_languages); l++)
    for (gsize i = 0; catalogs[l] != NULL && i < n; i++)
      {
        g_autofree char *id = catalog_msgid (&table[i]);
        const char *msgstr = strata_catalog_gettext (catalogs[l], id);

        if (msgstr != id && same_text (clean, msgstr))
          return table[i].key;
      }
  return NULL;
}

const char *
strata_tier_label_key_for_text (const char *text)
{
  return key_for_text (tier_labels, G_N_ELEMENTS (tier_labels), text);
}

const char *
strata_adjustment_label_key_for_text (const char *text)
{
  return key_for_text (item_labels, G_N_ELEMENTS (item_labels), text);
}

const char *
strata_tier_get_display_label (const StrataTier *tier)
{
  const DefaultLabel *label;

  g_return_val_if_fail (tier != NULL, NULL);

  label = find_key (tier_labels, G_N_ELEMENTS (tier_labels), tier->label_key);
  return label ? translate (label) : tier->label;
}

const char *
strata_adjustment_get_display_label (const StrataAdjustment *adjustment)
{
  const DefaultLabel *label;

  g_return_val_if_fail (adjustment != NULL, NULL);

  label = find_key (item_labels, G_N_ELEMENTS (item_labels), adjustment->label_key);
  return label ? translate (label) : adjustment->label;
}

void
strata_tier_set_label (StrataTier *tier,
                       const char *label)
{
  g_return_if_fail (tier != NULL);

  g_free (tier->label);
  tier->label = g_strdup (label ? label : "");
  g_free (tier->label_key);
  tier->label_key = g_strdup (strata_tier_label_key_for_text (tier->label));
}

void
strata_adjustment_set_label (StrataAdjustment *adjustment,
                             const char       *label)
{
  g_return_if_fail (adjustment != NULL);

  g_free (adjustment->label);
  adjustment->label = g_strdup (label ? label : "");
  g_free (adjustment->label_key);
  adjustment->label_key = g_strdup (strata_adjustment_label_key_for_text (adjustment->label));
}

const char *
strata_quadrant_label_key_for_text (const char *text)
{
  return key_for_text (quadrant_labels, G_N_ELEMENTS (quadrant_labels), text);
}

const char *
strata_quadrant_action_key_for_text (const char *text)
{
  return key_for_text (action_labels, G_N_ELEMENTS (action_labels), text);
}

const char *
strata_rules_get_quadrant_label (const StrataRules *rules,
                                 guint              q)
{
  const DefaultLabel *label;

  g_return_val_if_fail (rules != NULL && q < 4, NULL);

  label = find_key (quadrant_labels, G_N_ELEMENTS (quadrant_labels), rules->quadrant.label_key[q]);
  return label ? translate (label) : rules->quadrant.label[q];
}

const char *
strata_rules_get_quadrant_action (const StrataRules *rules,
                                  guint              q)
{
  const DefaultLabel *label;

  g_return_val_if_fail (rules != NULL && q < 4, NULL);

  label = find_key (action_labels, G_N_ELEMENTS (action_labels), rules->quadrant.action_key[q]);
  return label ? translate (label) : rules->quadrant.action[q];
}

void
strata_rules_set_quadrant_label (StrataRules *rules,
                                 guint        q,
                                 const char  *label)
{
  g_return_if_fail (rules != NULL && q < 4);

  g_free (rules->quadrant.label[q]);
  rules->quadrant.label[q] = g_strdup (label ? label : "");
  g_free (rules->quadrant.label_key[q]);
  rules->quadrant.label_key[q] = g_strdup (strata_quadrant_label_key_for_text (rules->quadrant.label[q]));
}

void
strata_rules_set_quadrant_action (StrataRules *rules,
                                  guint        q,
                                  const char  *action)
{
  g_return_if_fail (rules != NULL && q < 4);

  g_free (rules->quadrant.action[q]);
  rules->quadrant.action[q] = g_strdup (action ? action : "");
  g_free (rules->quadrant.action_key[q]);
  rules->quadrant.action_key[q] = g_strdup (strata_quadrant_action_key_for_text (rules->quadrant.action[q]));
}
