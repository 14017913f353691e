/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libintl.h>
#include <string.h>

#include "strata-catalog.h"
#include "strata-catalog-private.h"

struct _StrataCatalog
{
  GObject     parent_instance;
  GBytes     *data;      /* the .mo file; NULL without one */
  GHashTable *messages;  /* msgid -> msgstr, both pointing into data */
  guint       nplurals;
  char       *language;  /* as asked for: "zh_CN", "en" */
};

G_DEFINE_FINAL_TYPE (StrataCatalog, strata_catalog, G_TYPE_OBJECT)

static void
strata_catalog_finalize (GObject *object)
{
  StrataCatalog *self = STRATA_CATALOG (object);

  g_hash_table_unref (self->messages);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self->language);
  G_OBJECT_CLASS (strata_catalog_parent_class)->finalize (object);
}

static void
strata_catalog_class_init (StrataCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_catalog_finalize;
}

static void
strata_catalog_init (StrataCatalog *self)
{
  self->messages = g_hash_table_new (g_str_hash, g_str_equal);
  self->nplurals = 2;
}

static guint32
read_u32 (const guint8 *p,
          gboolean      swap)
{
  guint32 v;

  memcpy (&v, p, 4);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

/* The GNU .mo format: a header, then two tables of (length, offset) for
 * the original and the translated strings, each string NUL-terminated. A
 * file that does not parse gives an empty catalogue. */
static gboolean
parse_mo (StrataCatalog *self)
{
  gsize size;
  const guint8 *d = g_bytes_get_data (self->data, &size);
  guint32 magic, n, orig, trans;
  gboolean swap;

  if (size < 28)
    return FALSE;
  memcpy (&magic, d, 4);
  if (magic == 0x950412de)
    swap = FALSE;
  else if (magic == 0xde120495)
    swap = TRUE;
  else
    return FALSE;
  n = read_u32 (d + 8, swap);
  orig = read_u32 (d + 12, swap);
  trans = read_u32 (d + 16, swap);
  if (orig > size || trans > size || n > (size - orig) / 8 || n > (size - trans) / 8)
    return FALSE;

  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = read_u32 (d + orig + 8 * i, swap);
      guint32 ooff = read_u32 (d + orig + 8 * i + 4, swap);
      guint32 tlen = read_u32 (d + trans + 8 * i, swap);
      guint32 toff = read_u32 (d + trans + 8 * i + 4, swap);

      if (ooff > size || olen >= size - ooff || d[ooff + olen] != '\0' ||
          toff > size || tlen >= size - toff || d[toff + tlen] != '\0')
        return FALSE;
      /* A plural entry's msgid is "one\0other": keyed on "one". */
      g_hash_table_insert (self->messages, (char *) d + ooff, (char *) d + toff);
    }
  return TRUE;
}

/* "nplurals=1" in the header (Chinese) means one form for every n. */
static void
read_plural_forms (StrataCatalog *self)
{
  const char *header = g_hash_table_lookup (self->messages, "");
  const char *np = header ? strstr (header, "nplurals=") : NULL;

  if (np != NULL)
    self->nplurals = MAX (1, (guint) g_ascii_strtoull (np + strlen ("nplurals="), NULL, 10));
}

static GBytes *
load_mo (const char *dir,
         const char *language)
{
  g_autofree char *path = g_build_filename (dir, language, "LC_MESSAGES",
                                            GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);

  return file ? g_mapped_file_get_bytes (file) : NULL;
}

StrataCatalog *
strata_catalog_new_for_language (const char *language)
{
  StrataCatalog *self = g_object_new (STRATA_TYPE_CATALOG, NULL);
  /* A query: binds nothing, changes nothing. */
  const char *dir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *name = NULL;
  char *cut;

  g_return_val_if_fail (language != NULL, self);

  self->language = g_strdup (language);
  if (dir == NULL)
    return self;
  /* zh_CN.UTF-8@variant -> zh_CN, then zh. */
  name = g_strdup (language);
  name[strcspn (name, ".@")] = '\0';
  self->data = load_mo (dir, name);
  if (self->data == NULL && (cut = strchr (name, '_')) != NULL)
    {
      *cut = '\0';
      self->data = load_mo (dir, name);
    }
  if (self->data != NULL && !parse_mo (self))
    {
      g_hash_table_remove_all (self->messages);
      g_clear_pointer (&self->data, g_bytes_unref);
    }
  read_plural_forms (self);
  return self;
}

gboolean
strata_catalog_has_messages (StrataCatalog *self)
{
  g_return_val_if_fail (STRATA_IS_CATALOG (self), FALSE);

  return self->data != NULL;
}

const char *
strata_catalog_gettext (StrataCatalog *self,
                        const char    *msgid)
{
  const char *msgstr;

  g_return_val_if_fail (STRATA_IS_CATALOG (self), msgid);

  if (msgid == NULL || msgid[0] == '\0')
    return msgid;
  msgstr = g_hash_table_lookup (self->messages, msgid);
  return msgstr != NULL && msgstr[0] != '\0' ? msgstr : msgid;
}

const char *
strata_catalog_ngettext (StrataCatalog *self,
                         const char    *msgid,
                         const char    *msgid_plural,
                         gulong         n)
{
  const char *msgstr;
  guint form = self->nplurals == 1 ? 0 : n != 1;

  g_return_val_if_fail (STRATA_IS_CATALOG (self), n == 1 ? msgid : msgid_plural);

  msgstr = g_hash_table_lookup (self->messages, msgid);
  if (msgstr == NULL || msgstr[0] == '\0')
    return n == 1 ? msgid : msgid_plural;
  /* The forms follow one another, each NUL-terminated. */
  for (guint i = 0; i < form; i++)
    msgstr += strlen (msgstr) + 1;
  return msgstr;
}

/* The calling thread's stack of pushed catalogues (a GSList, owning). */
static void
free_stack (gpointer data)
{
  g_slist_free_full (data, g_object_unref);
}

static GPrivate thread_stack = G_PRIVATE_INIT (free_stack);

void
strata_catalog_push_thread_default (StrataCatalog *catalog)
{
  g_return_if_fail (STRATA_IS_CATALOG (catalog));

  g_private_set (&thread_stack, g_slist_prepend (g_private_get (&thread_stack),
                                                 g_object_ref (catalog)));
}

void
strata_catalog_pop_thread_default (StrataCatalog *catalog)
{
  GSList *stack = g_private_get (&thread_stack);

  g_return_if_fail (stack != NULL && stack->data == catalog);

  /* g_private_set() leaves the old value alone: free the head here. */
  g_private_set (&thread_stack, stack->next);
  stack->next = NULL;
  g_slist_free_full (stack, g_object_unref);
}

static StrataCatalog *
thread_default (void)
{
  GSList *stack = g_private_get (&thread_stack);

  return stack ? stack->data : NULL;
}

const char *
strata_catalog_get_thread_language (void)
{
  StrataCatalog *catalog = thread_default ();

  return catalog ? catalog->language : NULL;
}

const char *
strata_gettext (const char *msgid)
{
  StrataCatalog *catalog = thread_default ();

  return catalog ? strata_catalog_gettext (catalog, msgid) : g_dgettext (GETTEXT_PACKAGE, msgid);
}

const char *
strata_pgettext (const char *msgctxtid,
                 gsize       msgidoffset)
{
  StrataCatalog *catalog = thread_default ();
  const char *msgstr;

  if (catalog == NULL)
    return g_dpgettext (GETTEXT_PACKAGE, msgctxtid, msgidoffset);
  msgstr = strata_catalog_gettext (catalog, msgctxtid);
  return msgstr == msgctxtid ? msgctxtid + msgidoffset : msgstr;
}

const char *
strata_ngettext (const char *msgid,
                 const char *msgid_plural,
                 gulong      n)
{
  StrataCatalog *catalog = thread_default ();

  return catalog ? strata_catalog_ngettext (catalog, msgid, msgid_plural, n)
                 : g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
}
