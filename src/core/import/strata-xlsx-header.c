/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where a sheet's table starts: title rows above the header are skipped,
 * merged header cells fill the columns they span, and a second header
 * row under merged group cells is joined to it. */
#include "config.h"

#include <string.h>

#include "strata-xlsx-private.h"

/* Rows looked at to find the header below title rows. */
#define HEADER_SCAN_ROWS 20

gboolean
strata_xlsx_add_merge (StrataXlsxReader *self,
                       guint             r1,
                       guint             r2,
                       guint             c1,
                       guint             c2)
{
  Merge m = { r1, r2, c1, c2 };

  if (r2 < r1 || c2 < c1)
    return FALSE;
  g_array_append_val (self->merges, m);
  return TRUE;
}

/* The merged ranges come after the rows in a sheet; inflating the sheet
 * once more without parsing it finds them cheaply before the header is
 * needed. */
void
strata_xlsx_read_merges (StrataXlsxReader *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_merges = FALSE;
  char buf[65536 + 16];
  gsize keep = 0;
  int n;

  if (!strata_xlsx_open_entry (self, self->sheet->entry, NULL))
    return;
  while ((n = unzReadCurrentFile (self->zip, buf + keep, 65536)) > 0)
    {
      gsize len = keep + n;

      if (!in_merges)
        {
          const char *m = g_strstr_len (buf, len, "<mergeCells");

          if (m != NULL)
            {
              in_merges = TRUE;
              g_string_append_len (text, m, buf + len - m);
            }
          else
            {
              /* A tag may straddle two reads. */
              keep = MIN (len, 15);
              memmove (buf, buf + len - keep, keep);
              continue;
            }
        }
      else
        g_string_append_len (text, buf, len);
      keep = 0;
      if (strstr (text->str, "</mergeCells>") != NULL)
        break;
    }
  unzCloseCurrentFile (self->zip);

  for (const char *p = text->str; (p = strstr (p, "ref=\"")) != NULL; )
    {
      const char *end = strchr (p + 5, '"');
      g_autofree char *ref = NULL;
      char *colon;

      if (end == NULL)
        break;
      ref = g_strndup (p + 5, end - p - 5);
      p = end;
      colon = strchr (ref, ':');
      if (colon != NULL)
        {
          int c1, c2;

          *colon = '\0';
          c1 = strata_xlsx_column_of_ref (ref);
          c2 = strata_xlsx_column_of_ref (colon + 1);
          if (c1 >= 0 && c2 >= c1)
            strata_xlsx_add_merge (self, strata_xlsx_row_of_ref (ref),
                                   strata_xlsx_row_of_ref (colon + 1), c1, c2);
        }
    }
}

const char *
strata_xlsx_cell_at (Row  *row,
         guint col)
{
  const char *t = col < row->cells->len ? row->cells->pdata[col] : NULL;
  return t != NULL ? t : "";
}

static const Merge *
merge_at (StrataXlsxReader *self,
          guint64           row,
          guint             col)
{
  for (guint i = 0; i < self->merges->len; i++)
    {
      const Merge *m = &g_array_index (self->merges, Merge, i);
      if (row >= m->r1 && row <= m->r2 && col >= m->c1 && col <= m->c2)
        return m;
    }
  return NULL;
}

static void
set_cell (Row        *row,
          guint       col,
          const char *text)
{
  if (col >= row->cells->len)
    g_ptr_array_set_size (row->cells, col + 1);
  g_free (row->cells->pdata[col]);
  row->cells->pdata[col] = g_strdup (text);
}

/* Picks the header among the first rows (title rows above it have fewer
 * cells: a merged title counts once), fills its merged cells, and joins a
 * second header row under merged group cells ("Revenue" over "2023",
 * "2024" gives "Revenue 2023", "Revenue 2024"). */
gboolean
strata_xlsx_find_header (StrataXlsxReader *self,
             GError          **error)
{
  Row *header = NULL, *below;
  guint max = 0, threshold, last = 0;
  gboolean grouped = FALSE;

  while (self->pending.length < HEADER_SCAN_ROWS)
    {
      GError *local = NULL;
      Row *row = strata_xlsx_read_row (self, &local);

      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (row == NULL)
        break;
      g_queue_push_tail (&self->pending, row);
    }
  for (GList *l = self->pending.head; l != NULL; l = l->next)
    max = MAX (max, ((Row *) l->data)->n_values);
  threshold = MAX (1, (2 * max + 2) / 3);
  while ((header = g_queue_peek_head (&self->pending)) != NULL && header->n_values < threshold)
    strata_xlsx_row_free (g_queue_pop_head (&self->pending));
  if (header == NULL)
    return TRUE;

  /* Merged cells: the first cell's text spans the range. */
  for (guint c = 0; c < header->cells->len + 64; c++)
    {
      const Merge *m = merge_at (self, header->number, c);

      if (m == NULL || *strata_xlsx_cell_at (header, c) != '\0')
        continue;
      {
        g_autofree char *top = NULL;

        /* A vertical merge from above: the text is in the merge's first row,
         * which was dropped as a title row or is this one. */
        top = g_strdup (m->r1 == header->number ? strata_xlsx_cell_at (header, m->c1) : "");
        if (*top != '\0')
          set_cell (header, c, top);
      }
    }
  for (guint c = 0; c < header->cells->len; c++)
    {
      const Merge *m = merge_at (self, header->number, c);
      if (m != NULL && m->c2 > m->c1 && m->r1 == header->number && m->r2 == header->number)
        grouped = TRUE;
    }
  below = self->pending.length > 1 ? g_queue_peek_nth (&self->pending, 1) : NULL;
  if (grouped && below != NULL && below->number == header->number + 1)
    {
      gboolean sub_header = TRUE;

      /* Only when the row below has text just under the groups. */
      for (guint c = 0; c < below->cells->len && sub_header; c++)
        {
          const Merge *m = merge_at (self, header->number, c);
          const char *t = strata_xlsx_cell_at (below, c);

          if (*t != '\0' && (m == NULL || m->c2 == m->c1))
            sub_header = merge_at (self, below->number, c) != NULL;
          if (*t != '\0' && g_ascii_strtod (t, NULL) != 0 && m == NULL)
            sub_header = FALSE;
        }
      if (sub_header)
        {
          for (guint c = 0; c < below->cells->len; c++)
            {
              const Merge *m = merge_at (self, header->number, c);
              const char *t = strata_xlsx_cell_at (below, c);

              if (*t != '\0' && m != NULL && m->c2 > m->c1)
                {
                  g_autofree char *joined = g_strdup_printf ("%s %s", strata_xlsx_cell_at (header, c), t);
                  set_cell (header, c, joined);
                }
            }
          strata_xlsx_row_free (g_queue_pop_nth (&self->pending, 1));
        }
    }

  self->col_offset = G_MAXUINT;
  for (guint c = 0; c < header->cells->len; c++)
    if (*strata_xlsx_cell_at (header, c) != '\0')
      {
        self->col_offset = MIN (self->col_offset, c);
        last = c;
      }
  if (self->col_offset == G_MAXUINT)
    self->col_offset = 0;
  self->width = last + 1 - self->col_offset;
  return TRUE;
}

