/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Encodings. Detection trusts what is certain first (a BOM, the NUL bytes
 * of UTF-16, text that is valid UTF-8) and asks uchardet only for the
 * legacy Chinese code pages, where it is good. Conversion uses g_iconv
 * directly rather than GCharsetConverter because the user must be told
 * where a bad byte is, and only the raw iconv state gives the offset. */
#include "config.h"

#include <errno.h>
#include "strata-i18n.h"
#include <string.h>
#include <uchardet/uchardet.h>

#include "strata-encoding.h"
#include "strata-error.h"

struct _StrataDecoder
{
  char       *encoding;
  GIConv      cd;           /* (GIConv) -1 for UTF-8: validated, not converted */
  GByteArray *pending;      /* an incomplete sequence left from the last feed */
  guint64     consumed;     /* file offset of the first byte not yet converted */
  guint64     line;         /* 1-based line of the next output byte */
  gboolean    prev_cr;
  gboolean    started;
};

gsize
strata_encoding_bom_length (const char   *encoding,
                            const guint8 *data,
                            gsize         len)
{
  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0)
    return len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF ? 3 : 0;
  if (g_ascii_strcasecmp (encoding, "UTF-16LE") == 0)
    return len >= 2 && data[0] == 0xFF && data[1] == 0xFE ? 2 : 0;
  if (g_ascii_strcasecmp (encoding, "UTF-16BE") == 0)
    return len >= 2 && data[0] == 0xFE && data[1] == 0xFF ? 2 : 0;
  return 0;
}

/* Valid UTF-8, allowing a sequence cut by the end of the sample. */
static gboolean
is_utf8 (const guint8 *data,
         gsize         len,
         gboolean      at_eof)
{
  const char *end = NULL;

  if (g_utf8_validate_len ((const char *) data, len, &end))
    return TRUE;
  if (at_eof)
    return FALSE;
  return g_utf8_get_char_validated (end, (const char *) data + len - end) == (gunichar) -2;
}

char *
strata_encoding_detect (const guint8 *sample,
                        gsize         len,
                        gboolean      at_eof)
{
  gsize n = MIN (len, 4096);
  gsize zeros_even = 0, zeros_odd = 0;
  uchardet_t ud;
  const char *guess;
  char *result;

  g_return_val_if_fail (sample != NULL || len == 0, NULL);

  if (strata_encoding_bom_length ("UTF-8", sample, len))
    return g_strdup ("UTF-8");
  if (strata_encoding_bom_length ("UTF-16LE", sample, len))
    return g_strdup ("UTF-16LE");
  if (strata_encoding_bom_length ("UTF-16BE", sample, len))
    return g_strdup ("UTF-16BE");

  /* UTF-16 without BOM: ASCII text has a NUL in every other byte. */
  for (gsize i = 0; i < n; i++)
    if (sample[i] == 0)
      {
        if (i % 2)
          zeros_odd++;
        else
          zeros_even++;
      }
  if (n >= 4 && zeros_odd > n / 8 && zeros_even * 4 < zeros_odd)
    return g_strdup ("UTF-16LE");
  if (n >= 4 && zeros_even > n / 8 && zeros_odd * 4 < zeros_even)
    return g_strdup ("UTF-16BE");

  if (is_utf8 (sample, len, at_eof))
    return g_strdup ("UTF-8");

  ud = uchardet_new ();
  uchardet_handle_data (ud, (const char *) sample, len);
  uchardet_data_end (ud);
  guess = uchardet_get_charset (ud);
  if (guess == NULL || *guess == '\0')
    result = g_strdup ("GB18030");
  else if (g_ascii_strncasecmp (guess, "GB", 2) == 0 || g_ascii_strcasecmp (guess, "HZ-GB-2312") == 0)
    result = g_strdup ("GB18030");   /* a superset of GB2312 and GBK */
  else if (g_ascii_strncasecmp (guess, "BIG5", 4) == 0)
    result = g_strdup ("CP950");     /* Big5 as Windows and Excel write it */
  else
    result = g_ascii_strup (guess, -1);
  uchardet_delete (ud);

  /* uchardet can name a code page iconv lacks; GB18030 then decodes the
   * most bytes and a bad one is reported with its position. */
  {
    GIConv cd = g_iconv_open ("UTF-8", result);
    if (cd == (GIConv) -1)
      {
        g_free (result);
        result = g_strdup ("GB18030");
      }
    else
      g_iconv_close (cd);
  }
  return result;
}

char *
strata_encoding_canonicalize (const char  *name,
                              GError     **error)
{
  static const struct { const char *alias, *name; } aliases[] = {
    { "utf8", "UTF-8" }, { "utf-8", "UTF-8" }, { "utf-8-sig", "UTF-8" },
    { "utf16", "UTF-16LE" }, { "utf-16", "UTF-16LE" }, { "utf-16le", "UTF-16LE" },
    { "utf-16be", "UTF-16BE" }, { "unicode", "UTF-16LE" },
    { "gbk", "GB18030" }, { "gb2312", "GB18030" }, { "gb18030", "GB18030" },
    { "cp936", "GB18030" }, { "big5", "CP950" }, { "cp950", "CP950" },
    { "latin1", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
  };
  g_autofree char *lower = NULL;
  GIConv cd;

  g_return_val_if_fail (name != NULL, NULL);

  lower = g_ascii_strdown (name, -1);
  g_strstrip (lower);
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (lower, aliases[i].alias))
      return g_strdup (aliases[i].name);

  cd = g_iconv_open ("UTF-8", name);
  if (cd == (GIConv) -1)
    {
      g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_ENCODING,
                   _("Unknown encoding “%s”"), name);
      return NULL;
    }
  g_iconv_close (cd);
  return g_ascii_strup (name, -1);
}

StrataDecoder *
strata_decoder_new (const char  *encoding,
                    GError     **error)
{
  g_autofree char *canon = NULL;
  StrataDecoder *self;

  g_return_val_if_fail (encoding != NULL, NULL);

  canon = strata_encoding_canonicalize (encoding, error);
  if (canon == NULL)
    return NULL;

  self = g_new0 (StrataDecoder, 1);
  self->encoding = g_steal_pointer (&canon);
  self->cd = (GIConv) -1;
  self->line = 1;
  self->pending = g_byte_array_new ();
  if (!g_str_equal (self->encoding, "UTF-8"))
    {
      self->cd = g_iconv_open ("UTF-8", self->encoding);
      if (self->cd == (GIConv) -1)
        {
          g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_ENCODING,
                       _("Unknown encoding “%s”"), encoding);
          strata_decoder_free (self);
          return NULL;
        }
    }
  return self;
}

void
strata_decoder_free (StrataDecoder *self)
{
  if (self == NULL)
    return;
  if (self->cd != (GIConv) -1)
    g_iconv_close (self->cd);
  g_byte_array_unref (self->pending);
  g_free (self->encoding);
  g_free (self);
}

/* Physical lines: LF, CR LF and a lone CR each end one. */
static void
count_lines (StrataDecoder *self,
             const char    *p,
             gsize          len)
{
  /* Fast path, for the usual text without CR: count LFs with memchr (the
   * byte loop below cost as much as the whole UTF-8 validation). */
  if (len > 0 && memchr (p, '\r', len) == NULL)
    {
      const char *q = p, *end = p + len;

      if (self->prev_cr && *q == '\n')
        q++;   /* the LF of a CR LF split between two feeds */
      while ((q = memchr (q, '\n', end - q)) != NULL)
        {
          self->line++;
          q++;
        }
      self->prev_cr = FALSE;
      return;
    }
  for (gsize i = 0; i < len; i++)
    {
      if (p[i] == '\n')
        {
          if (!self->prev_cr)
            self->line++;
          self->prev_cr = FALSE;
        }
      else if (p[i] == '\r')
        {
          self->line++;
          self->prev_cr = TRUE;
        }
      else
        self->prev_cr = FALSE;
    }
}

static void
set_invalid (StrataDecoder  *self,
             guint64         offset,
             GError        **error)
{
  g_set_error (error, STRATA_IMPORT_ERROR, STRATA_IMPORT_ERROR_ENCODING,
               _("invalid %s byte sequence at byte %llu (line %llu); choose another encoding"),
               self->encoding, (unsigned long long) offset,
               (unsigned long long) self->line);
}

gboolean
strata_decoder_feed (StrataDecoder  *self,
                     const guint8   *data,
                     gsize           len,
                     gboolean        at_eof,
                     GString        *out,
                     GError        **error)
{
  const guint8 *in = data;
  gsize in_len = len;
  guint64 in_offset;   /* file offset of in[0] */

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!self->started && (len > 0 || at_eof))
    {
      gsize bom;

      /* A BOM split across two feeds is not worth handling: callers read
       * at least a few KiB at a time. */
      bom = strata_encoding_bom_length (self->encoding, data, len);
      in += bom;
      in_len -= bom;
      self->consumed += bom;
      self->started = TRUE;
    }

  in_offset = self->consumed;
  if (self->pending->len > 0)
    {
      g_byte_array_append (self->pending, in, in_len);
      in = self->pending->data;
      in_len = self->pending->len;
    }

  if (self->cd == (GIConv) -1)
    {
      const char *end = NULL;
      gsize valid;

      g_utf8_validate_len ((const char *) in, in_len, &end);
      valid = (const guint8 *) end - in;
      if (valid < in_len &&
          (at_eof || g_utf8_get_char_validated (end, in_len - valid) != (gunichar) -2))
        {
          count_lines (self, (const char *) in, valid);
          set_invalid (self, in_offset + valid, error);
          return FALSE;
        }
      g_string_append_len (out, (const char *) in, valid);
      count_lines (self, (const char *) in, valid);
      {
        g_autoptr(GByteArray) rest = g_byte_array_new ();
        g_byte_array_append (rest, in + valid, in_len - valid);
        g_byte_array_set_size (self->pending, 0);
        g_byte_array_append (self->pending, rest->data, rest->len);
      }
      self->consumed = in_offset + valid;
      return TRUE;
    }

  {
    gchar *inbuf = (gchar *) in;
    gsize inleft = in_len;

    while (inleft > 0 || at_eof)
      {
        gsize start_len = out->len;
        gsize room = MAX (inleft * 2, 64) + 16;
        gchar *outbuf;
        gsize outleft = room;
        gsize rc;

        g_string_set_size (out, start_len + room);
        outbuf = out->str + start_len;
        rc = g_iconv (self->cd, inleft > 0 ? &inbuf : NULL, &inleft, &outbuf, &outleft);
        g_string_set_size (out, start_len + (room - outleft));
        count_lines (self, out->str + start_len, room - outleft);

        if (rc != (gsize) -1)
          {
            if (inleft == 0)
              break;
            continue;
          }
        if (errno == E2BIG)
          continue;
        if (errno == EINVAL && !at_eof)
          break;   /* incomplete sequence: wait for more bytes */
        set_invalid (self, in_offset + (inbuf - (gchar *) in), error);
        return FALSE;
      }
    {
      g_autoptr(GByteArray) rest = g_byte_array_new ();
      g_byte_array_append (rest, (const guint8 *) inbuf, inleft);
      g_byte_array_set_size (self->pending, 0);
      g_byte_array_append (self->pending, rest->data, rest->len);
    }
    self->consumed = in_offset + (in_len - inleft);
  }
  return TRUE;
}
