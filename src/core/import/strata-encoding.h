/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text encodings of imported files: detection and streaming conversion to
 * UTF-8 that reports where an invalid byte sequence is. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Guesses the encoding of a file from its first bytes (sample; at_eof
 * when the sample is the whole file): a BOM, the NUL pattern of UTF-16,
 * valid UTF-8, else uchardet (GB18030, BIG5, WINDOWS-1252...). Returns an
 * iconv name: "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "BIG5"... */
char       *strata_encoding_detect        (const guint8  *sample,
                                           gsize          len,
                                           gboolean       at_eof);

/* Canonical iconv name for what a user typed (utf8, gbk, big5, utf-16...);
 * NULL and an error when iconv does not know it. */
char       *strata_encoding_canonicalize  (const char    *name,
                                           GError       **error);

/* Length of the byte-order mark of encoding at the start of data, or 0. */
gsize       strata_encoding_bom_length    (const char    *encoding,
                                           const guint8  *data,
                                           gsize          len);

typedef struct _StrataDecoder StrataDecoder;

StrataDecoder *strata_decoder_new         (const char    *encoding,
                                           GError       **error);
void        strata_decoder_free           (StrataDecoder *self);

/* Converts len bytes, appending UTF-8 to out. Bytes of an incomplete
 * sequence at the end are kept for the next call; at_eof says there is no
 * next call. An invalid sequence fails with STRATA_IMPORT_ERROR_ENCODING
 * naming its byte offset in the file and its line. */
gboolean    strata_decoder_feed           (StrataDecoder *self,
                                           const guint8  *data,
                                           gsize          len,
                                           gboolean       at_eof,
                                           GString       *out,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataDecoder, strata_decoder_free)

G_END_DECLS
