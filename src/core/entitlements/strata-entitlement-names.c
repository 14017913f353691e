/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The names of the default matrix in the reader's language. The seed stores
 * its stage and entitlement names, levels, units and texts in the language
 * the workspace was created in (strata-entitlements-seed.c), and older
 * versions read them as they are. A row whose key is a seeded one and whose
 * text is still what the seed wrote, in English or in a shipped
 * translation, is shown translated; anything a user typed is shown as
 * typed. The same idea as the rules' default labels (strata-rules-labels.c),
 * which carry their key in the rules JSON; here the stable key is the row's
 * own, so no file changes format. */
#include "config.h"

#include "strata-i18n.h"
#include <string.h>

#include "strata-entitlement.h"

typedef struct
{
  const char *key;      /* the stage's or entitlement's key; NULL for a word */
  const char *context;  /* msgctxt, or NULL */
  const char *msgid;
} SeedText;

/* These must stay the very strings strata-entitlements-seed.c writes
 * (test-entitlement-names checks every seeded row is recognised). */
static const SeedText stage_names[] = {
  { "demand", NULL, N_("Demand") },
  { "contract", NULL, N_("Contract") },
  { "delivery", NULL, N_("Delivery") },
  { "operations", NULL, N_("Operations") },
  { "renewal", NULL, N_("Renewal") },
};

static const SeedText entitlement_names[] = {
  { "presales_design", NULL, N_("Pre-sales solution design") },
  { "new_product_trial", NULL, N_("New product trial (new data centres, SaaS operations)") },
  { "order_discount", NULL, N_("Order discount") },
  { "payment_terms", NULL, N_("Payment terms") },
  { "sla_level", NULL, N_("SLA level") },
  { "delivery_priority", NULL, N_("Delivery and installation priority") },
  { "onsite_service", NULL, N_("On-site service") },
  { "account_manager", NULL, N_("Dedicated account manager") },
  { "sla_response", NULL, N_("SLA response time") },
  { "support_hours", NULL, N_("Technical support hours a month") },
  { "monitoring_24x7", NULL, N_("24x7 operations monitoring") },
  { "ddos_protection", NULL, N_("DDoS protection (value-added service)") },
  { "cross_border_trial", NULL, N_("Cross-border line trial (value-added service)") },
  { "business_review", NULL, N_("Quarterly business review") },
  { "early_renewal_discount", NULL, N_("Early renewal discount") },
  { "legacy_migration", NULL, N_("Migration off legacy products") },
};

/* Levels, units and text values of the seeded entitlements. */
static const SeedText words[] = {
  { NULL, "level", NC_("level", "Standard") },
  { NULL, "level", NC_("level", "Priority") },
  { NULL, "level", NC_("level", "Dedicated") },
  { NULL, "level", NC_("level", "Silver") },
  { NULL, "level", NC_("level", "Gold") },
  { NULL, "level", NC_("level", "Platinum") },
  { NULL, "level", NC_("level", "Express") },
  { NULL, "unit", NC_("unit", "h") },
  { NULL, "unit", NC_("unit", "days") },
  { NULL, NULL, N_("Free, with a project team") },
  { NULL, NULL, N_("Free") },
  { NULL, NULL, N_("Half price") },
  { NULL, NULL, N_("At cost") },
};

/* The languages Strata ships (po/LINGUAS). */
static const char *shipped_languages[] = { "zh_CN", "zh_TW" };

static char *
catalog_msgid (const SeedText *text)
{
  return text->context ? g_strconcat (text->context, "\004", text->msgid, NULL)
                       : g_strdup (text->msgid);
}

/* In the reader's language (the thread's catalogue for a report written
 * in another language). */
static const char *
translate (const SeedText *text)
{
  if (text->context != NULL)
    {
      /* "context\004msgid" on the stack: this runs for every name shown. */
      char id[128];
      gsize offset = strlen (text->context) + 1;
      const char *out;

      g_assert (offset + strlen (text->msgid) < sizeof id);
      memcpy (id, text->context, offset - 1);
      id[offset - 1] = '\004';
      strcpy (id + offset, text->msgid);
      out = strata_pgettext (id, offset);
      /* Untranslated, it points into id: give the static msgid instead. */
      return out == id + offset ? text->msgid : out;
    }
  return _(text->msgid);
}

static char *
fold (const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));

  return g_utf8_casefold (clean, -1);
}

/* "key\x1f" + the folded text in English and each shipped language ->
 * SeedText, made once per locale folder (tests bind another one). */
static GMutex index_lock;
static char *index_dir;
static GHashTable *seed_index;
/* "key\x1f" + a text as stored -> SeedText or &not_seeded: the answers so
 * far, so that a matrix read over and over (an action list: every mover's
 * changes) folds each text once. */
static GHashTable *seen;
static const SeedText not_seeded;
#define MAX_SEEN 4096

static void
index_table (GHashTable        *index,
             StrataCatalog    **catalogs,
             const SeedText    *table,
             gsize              n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *id = catalog_msgid (&table[i]);
      g_autofree char *english = fold (table[i].msgid);

      g_hash_table_insert (index, g_strdup_printf ("%s\x1f%s", table[i].key ? table[i].key : "",
                                                   english),
                           (gpointer) &table[i]);
      for (guint l = 0; l < G_N_ELEMENTS (shipped_languages); l++)
        {
          const char *msgstr = strata_catalog_gettext (catalogs[l], id);
          g_autofree char *folded = NULL;

          if (msgstr == id)
            continue;
          folded = fold (msgstr);
          g_hash_table_insert (index, g_strdup_printf ("%s\x1f%s", table[i].key ? table[i].key : "",
                                                       folded),
                               (gpointer) &table[i]);
        }
    }
}

static const SeedText *
lookup (const char *key,
        const char *text)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *probe = NULL;
  g_autofree char *long_exact = NULL;
  char buf[256];
  char *exact = buf;
  gsize key_len = key ? strlen (key) : 0, text_len;
  const SeedText *found;
  gpointer known;
  const char *dir;

  if (text == NULL || *text == '\0')
    return NULL;
  text_len = strlen (text);
  if (key_len + text_len + 2 > sizeof buf)
    exact = long_exact = g_malloc (key_len + text_len + 2);
  memcpy (exact, key ? key : "", key_len);
  exact[key_len] = '\x1f';
  memcpy (exact + key_len + 1, text, text_len + 1);

  locker = g_mutex_locker_new (&index_lock);
  dir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  if (seed_index == NULL || g_strcmp0 (dir, index_dir) != 0)
    {
      StrataCatalog *catalogs[G_N_ELEMENTS (shipped_languages)];

      g_free (index_dir);
      index_dir = g_strdup (dir);
      g_clear_pointer (&seen, g_hash_table_unref);
      seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_clear_pointer (&seed_index, g_hash_table_unref);
      seed_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint l = 0; l < G_N_ELEMENTS (shipped_languages); l++)
        catalogs[l] = strata_catalog_new_for_language (shipped_languages[l]);
      index_table (seed_index, catalogs, stage_names, G_N_ELEMENTS (stage_names));
      index_table (seed_index, catalogs, entitlement_names, G_N_ELEMENTS (entitlement_names));
      index_table (seed_index, catalogs, words, G_N_ELEMENTS (words));
      for (guint l = 0; l < G_N_ELEMENTS (shipped_languages); l++)
        g_object_unref (catalogs[l]);
    }
  if (g_hash_table_lookup_extended (seen, exact, NULL, &known))
    return known == &not_seeded ? NULL : known;

  folded = fold (text);
  probe = g_strdup_printf ("%s\x1f%s", key ? key : "", folded);
  found = g_hash_table_lookup (seed_index, probe);
  if (g_hash_table_size (seen) >= MAX_SEEN)
    g_hash_table_remove_all (seen);
  g_hash_table_insert (seen, g_strdup (exact), (gpointer) (found ? found : &not_seeded));
  return found;
}

static gboolean
is_seeded_entitlement (const StrataEntitlement *e)
{
  for (gsize i = 0; e->key != NULL && i < G_N_ELEMENTS (entitlement_names); i++)
    if (g_str_equal (entitlement_names[i].key, e->key))
      return TRUE;
  return FALSE;
}

const char *
strata_entitlement_stage_get_display_label (const StrataEntitlementStage *stage)
{
  const SeedText *seed;

  g_return_val_if_fail (stage != NULL, NULL);
  seed = stage->key ? lookup (stage->key, stage->label) : NULL;
  return seed ? translate (seed) : stage->label;
}

const char *
strata_entitlement_get_display_label (const StrataEntitlement *entitlement)
{
  const SeedText *seed;

  g_return_val_if_fail (entitlement != NULL, NULL);
  seed = entitlement->key ? lookup (entitlement->key, entitlement->label) : NULL;
  return seed ? translate (seed) : entitlement->label;
}

const char *
strata_entitlement_display_text (const StrataEntitlement *entitlement,
                                 const char              *text)
{
  const SeedText *seed;

  g_return_val_if_fail (entitlement != NULL, text);
  if (text == NULL || !is_seeded_entitlement (entitlement))
    return text;
  seed = lookup (NULL, text);
  return seed ? translate (seed) : text;
}
