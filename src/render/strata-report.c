/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The report's pages: the blocks of strata-report-content.c flowed onto
 * pages (tables split with their header repeated), drawn with PangoCairo and
 * the charts' own drawing, and written as a PDF with metadata, links and
 * bookmarks. */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include "strata-i18n.h"
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "strata-error.h"
#include "strata-report-private.h"

#define MM            (72.0 / 25.4)
#define MARGIN        (20 * MM)
#define GAP           8.0
#define TEXT_SIZE     9.5
#define TABLE_SIZE    8.0
#define TABLE_LINE    10.5
#define TABLE_PAD     5.0
#define HEADER_ROW    16.0
#define HEADING_H     34.0
#define SUBHEADING_H  24.0
#define TOC_LINE      18.0

typedef struct
{
  ReportBlock *block;
  double       y;
  double       h;
  guint        first;   /* TABLE: rows first..last-1 */
  guint        last;
} Placed;

struct _StrataReport
{
  GObject            parent_instance;

  StrataReportPaper  paper;
  ReportInfo         info;
  GPtrArray         *blocks;    /* ReportBlock* */
  GPtrArray         *sections;  /* ReportSection* */
  StrataChartStyle  *style;
  StrataCatalog     *catalog;   /* the options' language; NULL: the process's */

  double             width;     /* of the last pagination */
  double             height;
  GPtrArray         *pages;     /* GArray of Placed */
  GPtrArray         *footers;   /* "Page 3 of 12" */
};

G_DEFINE_FINAL_TYPE (StrataReport, strata_report, G_TYPE_OBJECT)

static void
strata_report_finalize (GObject *object)
{
  StrataReport *self = STRATA_REPORT (object);

  g_free (self->info.company);
  g_free (self->info.period);
  g_free (self->info.compare);
  g_free (self->info.title);
  g_free (self->info.subtitle);
  g_free (self->info.date);
  g_free (self->info.version);
  g_free (self->info.language);
  g_free (self->info.header);
  g_free (self->info.contents);
  g_free (self->info.prepared);
  g_free (self->info.subject);
  g_ptr_array_unref (self->blocks);
  g_ptr_array_unref (self->sections);
  g_clear_pointer (&self->style, strata_chart_style_free);
  g_clear_object (&self->catalog);
  g_ptr_array_unref (self->pages);
  g_ptr_array_unref (self->footers);
  G_OBJECT_CLASS (strata_report_parent_class)->finalize (object);
}

static void
strata_report_class_init (StrataReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = strata_report_finalize;
}

static void
strata_report_init (StrataReport *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) report_block_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) report_section_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->footers = g_ptr_array_new_with_free_func (g_free);
}

void
strata_report_paper_size (StrataReportPaper  paper,
                          double            *width_pt,
                          double            *height_pt)
{
  if (paper == STRATA_REPORT_PAPER_LETTER)
    {
      *width_pt = 612;
      *height_pt = 792;
    }
  else
    {
      *width_pt = 595;
      *height_pt = 842;
    }
}

gboolean
strata_report_paper_from_string (const char        *text,
                                 StrataReportPaper *paper)
{
  if (text != NULL && g_ascii_strcasecmp (text, "a4") == 0)
    *paper = STRATA_REPORT_PAPER_A4;
  else if (text != NULL && g_ascii_strcasecmp (text, "letter") == 0)
    *paper = STRATA_REPORT_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/* The report translates in its own language on whatever thread builds,
 * paginates or draws it; the process's language and environment stay. */
static void
report_push_language (StrataReport *self)
{
  if (self->catalog != NULL)
    strata_catalog_push_thread_default (self->catalog);
}

static void
report_pop_language (StrataReport *self)
{
  if (self->catalog != NULL)
    strata_catalog_pop_thread_default (self->catalog);
}

typedef struct
{
  StrataWorkspace           *workspace;
  const StrataReportOptions *options;
} ReportArgs;

static gboolean
build_report (gpointer     user_data,
              ReportInfo  *info,
              GPtrArray   *blocks,
              GPtrArray   *sections,
              GError     **error)
{
  ReportArgs *args = user_data;

  return strata_report_build (args->workspace, args->options, info, blocks, sections, error);
}

StrataReport *
strata_report_new (StrataWorkspace           *workspace,
                   const StrataReportOptions *options,
                   GError                   **error)
{
  StrataReportOptions defaults = { 0, };
  ReportArgs args = { workspace, options ? options : &defaults };

  g_return_val_if_fail (STRATA_IS_WORKSPACE (workspace), NULL);

  return strata_report_new_built (args.options->language, args.options->paper,
                                  build_report, &args, error);
}

StrataReport *
strata_report_new_built (const char             *language,
                         StrataReportPaper       paper,
                         StrataReportBuildFunc   build,
                         gpointer                user_data,
                         GError                **error)
{
  g_autoptr(StrataReport) self = NULL;
  gboolean ok;

  self = g_object_new (STRATA_TYPE_REPORT, NULL);
  self->paper = paper;
  if (language != NULL)
    self->catalog = strata_catalog_new_for_language (language);
  report_push_language (self);
  ok = build (user_data, &self->info, self->blocks, self->sections, error);
  report_pop_language (self);
  if (!ok)
    return NULL;
  self->style = strata_chart_style_new (STRATA_CHART_THEME_LIGHT);
  /* Traditional Chinese takes its own glyph forms, not the simplified ones. */
  strata_chart_style_set_font (self->style,
                               g_str_has_prefix (self->info.language, "zh-tw") ||
                               g_str_has_prefix (self->info.language, "zh-hk")
                                 ? "Cantarell, Noto Sans CJK TC, sans-serif" : NULL,
                               7.5);
  strata_chart_style_set_language (self->style, language ? language
                                                         : g_get_language_names ()[0]);
  self->style->min_font_size = 6;
  return g_steal_pointer (&self);
}

const char *
strata_report_get_title (StrataReport *self)
{
  g_return_val_if_fail (STRATA_IS_REPORT (self), NULL);
  return self->info.title;
}

guint
strata_report_get_n_pages (StrataReport *self)
{
  g_return_val_if_fail (STRATA_IS_REPORT (self), 0);
  return self->pages->len;
}

/* Text through one PangoLayout per page. */
typedef struct
{
  PangoLayout          *layout;
  PangoFontDescription *desc;
} Text;

static void
text_init (Text       *t,
           cairo_t    *cr,
           const char *family,
           const char *language)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  t->layout = pango_cairo_create_layout (cr);
  /* The same metrics on every surface: what is measured is what is drawn. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (t->layout), options);
  cairo_font_options_destroy (options);
  pango_context_set_language (pango_layout_get_context (t->layout),
                              pango_language_from_string (language));
  pango_layout_context_changed (t->layout);
  t->desc = pango_font_description_from_string (family);
}

static void
text_clear (Text *t)
{
  g_clear_object (&t->layout);
  g_clear_pointer (&t->desc, pango_font_description_free);
}

/* Lays text out at x, y within width (0: unlimited), at most max_lines
 * lines (0: any, else ellipsized); draws it when cr is set. Returns the
 * height. */
static double
text_show (Text       *t,
           cairo_t    *cr,
           const char *text,
           double      size,
           gboolean    bold,
           double      x,
           double      y,
           double      width,
           int         max_lines,
           double      align)
{
  PangoRectangle logical;

  pango_font_description_set_absolute_size (t->desc, size * PANGO_SCALE);
  pango_font_description_set_weight (t->desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (t->layout, t->desc);
  pango_layout_set_width (t->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (t->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (t->layout, max_lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (t->layout, max_lines > 0 ? -max_lines : -1);
  pango_layout_set_alignment (t->layout, align > 0.75 ? PANGO_ALIGN_RIGHT
                                         : align > 0.25 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_set_text (t->layout, text ? text : "", -1);
  pango_layout_get_extents (t->layout, NULL, &logical);
  if (cr != NULL)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, t->layout);
      cairo_new_path (cr);  /* the layout leaves a current point: the next arc would join it */
    }
  return logical.height / (double) PANGO_SCALE;
}

static double
row_height (const ReportBlock *table,
            guint              row)
{
  guint lines = table->row_lines && row < table->row_lines->len
                ? g_array_index (table->row_lines, guint, row) : table->lines;

  return lines * TABLE_LINE + TABLE_PAD;
}

static gboolean
has_swatch (const ReportBlock *table,
            guint              row)
{
  return table->swatches && row < table->swatches->len &&
         g_array_index (table->swatches, StrataRgba, row).a > 0;
}

/* The lines each row of a table takes at width: its fixed lines, or as
 * many as its longest cell needs, up to max_lines. */
static void
measure_table (ReportBlock *table,
               Text        *t,
               double       width)
{
  guint n = table->rows->len;

  if (table->row_lines == NULL)
    table->row_lines = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (table->row_lines, n);
  for (guint r = 0; r < n; r++)
    {
      char **cells = table->rows->pdata[r];
      guint lines = table->lines;

      for (guint c = 0; table->max_lines > table->lines && c < table->columns->len; c++)
        {
          const ReportColumn *col = table->columns->pdata[c];
          double inset = c == 0 && has_swatch (table, r) ? 15 : 4;
          guint need;

          text_show (t, NULL, cells[c], TABLE_SIZE, r + table->n_bold >= n, 0, 0,
                     col->width * width - inset - 4, 0, col->align);
          need = (guint) pango_layout_get_line_count (t->layout);
          lines = MAX (lines, MIN (need, table->max_lines));
        }
      g_array_index (table->row_lines, guint, r) = lines;
    }
}

/* The height of rows first..last-1 of a table. */
static double
rows_height (const ReportBlock *table,
             guint              first,
             guint              last)
{
  double h = 0;

  for (guint r = first; r < last; r++)
    h += row_height (table, r);
  return h;
}

static double
text_height (Text        *t,
             const char  *text,
             double       width)
{
  return text_show (t, NULL, text, TEXT_SIZE, FALSE, 0, 0, width, 0, 0) + 2;
}

/* The least of block i that may start a page: a paragraph, a chart, a
 * table's header and first rows (a short table whole). A short paragraph
 * that introduces a table is kept with it. */
static double
min_height (StrataReport *self,
            guint         i,
            Text         *t,
            double        width,
            double        content_h)
{
  const ReportBlock *block = i < self->blocks->len ? self->blocks->pdata[i] : NULL;
  double h;

  if (block == NULL)
    return 0;
  switch (block->kind)
    {
    case REPORT_BLOCK_TEXT:
      h = text_height (t, block->text, width);
      if (h < 3 * TEXT_SIZE * 1.5 && i + 1 < self->blocks->len &&
          ((ReportBlock *) self->blocks->pdata[i + 1])->kind == REPORT_BLOCK_TABLE)
        h += GAP + min_height (self, i + 1, t, width, content_h);
      return h;
    case REPORT_BLOCK_CHART:
      return floor (block->share * content_h);
    case REPORT_BLOCK_TABLE:
      return HEADER_ROW + rows_height (block, 0, MIN (block->rows->len <= 12 ? block->rows->len : 3,
                                                      block->rows->len));
    default:
      return 0;
    }
}

static GArray *
new_page (StrataReport *self)
{
  GArray *page = g_array_new (FALSE, TRUE, sizeof (Placed));

  g_ptr_array_add (self->pages, page);
  return page;
}

guint
strata_report_paginate (StrataReport *self,
                        double        width_pt,
                        double        height_pt)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  Text text = { 0, };
  double top = MARGIN, bottom = height_pt - MARGIN;
  double content_w = width_pt - 2 * MARGIN, content_h = bottom - top;
  double y = top;
  GArray *page;

  g_return_val_if_fail (STRATA_IS_REPORT (self), 0);

  self->width = width_pt;
  self->height = height_pt;
  g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_set_size (self->footers, 0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  text_init (&text, cr, self->style->font_family, self->info.language);
  for (guint i = 0; i < self->blocks->len; i++)
    if (((ReportBlock *) self->blocks->pdata[i])->kind == REPORT_BLOCK_TABLE)
      measure_table (self->blocks->pdata[i], &text, content_w);
  page = new_page (self);

#define NEXT_PAGE() G_STMT_START { page = new_page (self); y = top; } G_STMT_END
#define PLACE(b, h_, f, l) G_STMT_START { \
    Placed p_ = { (b), y, (h_), (f), (l) }; g_array_append_val (page, p_); y += (h_) + GAP; \
  } G_STMT_END

  for (guint i = 0; i < self->blocks->len; i++)
    {
      ReportBlock *block = self->blocks->pdata[i];
      double h;

      switch (block->kind)
        {
        case REPORT_BLOCK_TITLE:
        case REPORT_BLOCK_TOC:
          if (page->len > 0)
            NEXT_PAGE ();
          PLACE (block, content_h, 0, 0);
          NEXT_PAGE ();
          break;

        case REPORT_BLOCK_HEADING:
          {
            ReportSection *section = self->sections->pdata[block->section];
            if (page->len > 0 && (section->level == 0 || bottom - y < 160))
              NEXT_PAGE ();
            section->page = self->pages->len - 1;
            PLACE (block, section->level == 0 ? HEADING_H : SUBHEADING_H + 4, 0, 0);
          }
          break;

        case REPORT_BLOCK_SUBHEADING:
          /* Kept with the start of what follows. */
          h = min_height (self, i + 1, &text, content_w, content_h);
          if (page->len > 0 && y + SUBHEADING_H + GAP + h > bottom)
            NEXT_PAGE ();
          PLACE (block, SUBHEADING_H, 0, 0);
          break;

        case REPORT_BLOCK_TEXT:
          h = text_height (&text, block->text, content_w);
          if (page->len > 0 && y + MAX (h, min_height (self, i, &text, content_w, content_h)) > bottom)
            NEXT_PAGE ();
          PLACE (block, h, 0, 0);
          break;

        case REPORT_BLOCK_CHART:
          h = floor (block->share * content_h);
          if (page->len > 0 && y + h > bottom)
            NEXT_PAGE ();
          PLACE (block, h, 0, 0);
          break;

        case REPORT_BLOCK_TABLE:
          {
            guint n = block->rows->len, done = 0;

            while (done < n)
              {
                guint take = 0;
                double used = HEADER_ROW;

                while (done + take < n && y + used + row_height (block, done + take) <= bottom)
                  used += row_height (block, done + take++);

                /* A short table stays whole; a long one leaves no lone
                 * rows for the next page. */
                if (page->len > 0 && take < n - done && n - done <= 12)
                  {
                    NEXT_PAGE ();
                    continue;
                  }
                if (take < n - done && n - done - take < 3 && take > 6)
                  take -= 3 - (n - done - take);

                /* Not a lone row or two at the foot of a page. */
                if (page->len > 0 && take < MIN (3u, n - done))
                  {
                    NEXT_PAGE ();
                    continue;
                  }
                take = MAX (take, 1);
                PLACE (block, HEADER_ROW + rows_height (block, done, done + take), done, done + take);
                done += take;
                if (done < n)
                  NEXT_PAGE ();
              }
          }
          break;
        }
    }
#undef PLACE
#undef NEXT_PAGE

  if (page->len == 0 && self->pages->len > 1)
    g_ptr_array_remove_index (self->pages, self->pages->len - 1);
  report_push_language (self);
  for (guint i = 0; i < self->pages->len; i++)
    /* Translators: the page footer. */
    g_ptr_array_add (self->footers, g_strdup_printf (_("Page %u of %u"), i + 1, self->pages->len));
  report_pop_language (self);
  text_clear (&text);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return self->pages->len;
}

static const StrataRgba text_colour = { 0.12, 0.14, 0.16, 1 };
static const StrataRgba secondary_colour = { 0.36, 0.40, 0.45, 1 };
static const StrataRgba accent_colour = { 0.11, 0.38, 0.71, 1 };
static const StrataRgba header_fill = { 0.89, 0.91, 0.94, 1 };
static const StrataRgba zebra_fill = { 0.96, 0.97, 0.98, 1 };
static const StrataRgba rule_colour = { 0.75, 0.78, 0.82, 1 };

static void
draw_title (StrataReport *self,
            Text         *t,
            cairo_t      *cr,
            double        x,
            double        y,
            double        w,
            double        h)
{
  double yy = y + h * 0.28;

  strata_rgba_set_source (cr, &accent_colour);
  cairo_rectangle (cr, x, yy - 24, 48, 4);
  cairo_fill (cr);
  strata_rgba_set_source (cr, &secondary_colour);
  yy += text_show (t, cr, self->info.company, 14, FALSE, x, yy, w, 0, 0) + 10;
  strata_rgba_set_source (cr, &text_colour);
  yy += text_show (t, cr, self->info.title, 28, TRUE, x, yy, w, 0, 0) + 8;
  strata_rgba_set_source (cr, &secondary_colour);
  yy += text_show (t, cr, self->info.subtitle, 14, FALSE, x, yy, w, 0, 0) + 40;
  strata_rgba_set_source (cr, &text_colour);
  yy += text_show (t, cr, self->info.prepared, 11, FALSE, x, yy, w, 0, 0) + 4;
  text_show (t, cr, self->info.version, 11, FALSE, x, yy, w, 0, 0);
}

static void
draw_toc (StrataReport *self,
          Text         *t,
          cairo_t      *cr,
          double        x,
          double        y,
          double        w)
{
  strata_rgba_set_source (cr, &text_colour);
  y += text_show (t, cr, self->info.contents, 18, TRUE, x, y, w, 0, 0) + 16;
  for (guint i = 0; i < self->sections->len; i++)
    {
      const ReportSection *s = self->sections->pdata[i];
      double indent = s->level * 16;
      double size = s->level == 0 ? 11 : 9.5;
      g_autofree char *link = g_strdup_printf ("dest='sec%u'", i);
      g_autofree char *number = g_strdup_printf ("%u", s->page + 1);

      cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
      strata_rgba_set_source (cr, s->level == 0 ? &text_colour : &secondary_colour);
      text_show (t, cr, s->title, size, s->level == 0, x + indent, y, w - indent - 40, 1, 0);
      text_show (t, cr, number, size, s->level == 0, x + w - 40, y, 40, 1, 1);
      cairo_tag_end (cr, CAIRO_TAG_LINK);
      y += s->level == 0 ? TOC_LINE + 2 : TOC_LINE - 3;
    }
}

static void
draw_table (const Placed *p,
            Text         *t,
            cairo_t      *cr,
            double        x,
            double        w)
{
  const ReportBlock *b = p->block;
  double y = p->y;
  guint n_rows = b->rows->len;

  /* The header row, on every page the table reaches. */
  strata_rgba_set_source (cr, &header_fill);
  cairo_rectangle (cr, x, y, w, HEADER_ROW);
  cairo_fill (cr);
  strata_rgba_set_source (cr, &text_colour);
  {
    double cx = x;
    for (guint c = 0; c < b->columns->len; c++)
      {
        const ReportColumn *col = b->columns->pdata[c];
        double cw = col->width * w;
        text_show (t, cr, col->title, TABLE_SIZE, TRUE, cx + 4, y + 3.5, cw - 8, 1, col->align);
        cx += cw;
      }
  }
  y += HEADER_ROW;

  for (guint r = p->first; r < p->last; r++)
    {
      char **cells = b->rows->pdata[r];
      gboolean bold = r + b->n_bold >= n_rows;
      double cx = x, rh = row_height (b, r);
      int lines = (int) round ((rh - TABLE_PAD) / TABLE_LINE);

      if (bold)
        {
          strata_rgba_set_source (cr, &rule_colour);
          cairo_rectangle (cr, x, y, w, 0.6);
          cairo_fill (cr);
        }
      else if (r % 2 == 1)
        {
          strata_rgba_set_source (cr, &zebra_fill);
          cairo_rectangle (cr, x, y, w, rh);
          cairo_fill (cr);
        }
      for (guint c = 0; c < b->columns->len; c++)
        {
          const ReportColumn *col = b->columns->pdata[c];
          double cw = col->width * w, inset = 4;

          if (c == 0 && has_swatch (b, r))
            {
              strata_rgba_set_source (cr, &g_array_index (b->swatches, StrataRgba, r));
              cairo_rectangle (cr, cx + 4, y + (rh - 7) / 2, 7, 7);
              cairo_fill (cr);
              inset = 15;
            }
          strata_rgba_set_source (cr, &text_colour);
          text_show (t, cr, cells[c], TABLE_SIZE, bold, cx + inset, y + TABLE_PAD / 2,
                     cw - inset - 4, lines, col->align);
          cx += cw;
        }
      y += rh;
    }
  strata_rgba_set_source (cr, &rule_colour);
  cairo_rectangle (cr, x, y - 0.6, w, 0.6);
  cairo_fill (cr);
}

void
strata_report_draw_page (StrataReport *self,
                         cairo_t      *cr,
                         guint         page,
                         double        width_pt,
                         double        height_pt)
{
  GArray *placed;
  Text t = { 0, };
  double x = MARGIN, w;
  double scale;

  g_return_if_fail (STRATA_IS_REPORT (self));
  g_return_if_fail (cr != NULL);
  if (page >= self->pages->len || self->width <= 0)
    return;

  placed = self->pages->pdata[page];
  cairo_save (cr);
  /* Printing may offer another size than the pagination's: fit it. */
  scale = MIN (width_pt / self->width, height_pt / self->height);
  cairo_scale (cr, scale, scale);
  w = self->width - 2 * MARGIN;
  text_init (&t, cr, self->style->font_family, self->info.language);
  /* Charts translate their captions as they draw. */
  report_push_language (self);

  if (page > 0)
    {
      double hy = MARGIN / 2 - 5;
      strata_rgba_set_source (cr, &secondary_colour);
      text_show (&t, cr, self->info.header, 8, FALSE, x, hy, w * 0.7, 1, 0);
      text_show (&t, cr, self->info.title, 8, FALSE, x + w * 0.5, hy, w * 0.5, 1, 1);
      strata_rgba_set_source (cr, &rule_colour);
      cairo_rectangle (cr, x, hy + 13, w, 0.5);
      cairo_fill (cr);
      strata_rgba_set_source (cr, &secondary_colour);
      text_show (&t, cr, self->footers->pdata[page], 8, FALSE, x,
                 self->height - MARGIN / 2 - 4, w, 1, 0.5);
    }

  for (guint i = 0; i < placed->len; i++)
    {
      const Placed *p = &g_array_index (placed, Placed, i);
      const ReportBlock *b = p->block;

      switch (b->kind)
        {
        case REPORT_BLOCK_TITLE:
          draw_title (self, &t, cr, x, p->y, w, p->h);
          break;
        case REPORT_BLOCK_TOC:
          draw_toc (self, &t, cr, x, p->y, w);
          break;
        case REPORT_BLOCK_HEADING:
          {
            const ReportSection *s = self->sections->pdata[b->section];
            g_autofree char *dest = g_strdup_printf ("name='sec%d'", b->section);

            cairo_tag_begin (cr, CAIRO_TAG_DEST, dest);
            strata_rgba_set_source (cr, &text_colour);
            text_show (&t, cr, b->text, s->level == 0 ? 16 : 13, TRUE, x, p->y, w, 1, 0);
            cairo_tag_end (cr, CAIRO_TAG_DEST);
            if (s->level == 0)
              {
                strata_rgba_set_source (cr, &accent_colour);
                cairo_rectangle (cr, x, p->y + 24, w, 1.2);
                cairo_fill (cr);
              }
          }
          break;
        case REPORT_BLOCK_SUBHEADING:
          strata_rgba_set_source (cr, &accent_colour);
          text_show (&t, cr, b->text, 11, TRUE, x, p->y + 6, w, 1, 0);
          break;
        case REPORT_BLOCK_TEXT:
          strata_rgba_set_source (cr, &text_colour);
          text_show (&t, cr, b->text, TEXT_SIZE, FALSE, x, p->y, w, 0, 0);
          break;
        case REPORT_BLOCK_CHART:
          cairo_save (cr);
          cairo_translate (cr, x, p->y);
          cairo_rectangle (cr, 0, 0, w, p->h);
          cairo_clip (cr);
          strata_chart_draw (b->chart, cr, self->style, w, p->h);
          cairo_restore (cr);
          break;
        case REPORT_BLOCK_TABLE:
          draw_table (p, &t, cr, x, w);
          break;
        }
    }
  text_clear (&t);
  report_pop_language (self);
  cairo_restore (cr);
}

/* The PDF goes to the file through this: cairo's own file output aborts
 * on some write errors (a full disk), so a failed write is kept here and
 * the rest dropped, and the caller reports it. */
typedef struct
{
  FILE *fp;    /* buffered: cairo writes many small pieces */
  int   error;
} PdfOutput;

static cairo_status_t
write_pdf (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  PdfOutput *out = closure;

  if (out->error == 0 && fwrite (data, 1, length, out->fp) != length)
    out->error = errno != 0 ? errno : EIO;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
strata_report_save_pdf (StrataReport          *self,
                        const char            *path,
                        StrataReportProgress   progress,
                        gpointer               user_data,
                        GCancellable          *cancellable,
                        GError               **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  PdfOutput out = { NULL, 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double w, h;
  guint n;
  int fd, outline = CAIRO_PDF_OUTLINE_ROOT;

  g_return_val_if_fail (STRATA_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A report paginated for its paper already keeps its pages. */
  strata_report_paper_size (self->paper, &w, &h);
  n = self->width == w && self->height == h ? self->pages->len : strata_report_paginate (self, w, h);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp (tmpl);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: "Cannot write “/tmp/x.pdf”: Permission denied". */
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  /* As any new file, not the private mode of a temporary one. */
  g_chmod (tmpl, 0644);

  out.fp = fdopen (fd, "wb");
  if (out.fp == NULL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      close (fd);
      g_unlink (tmpl);
      return FALSE;
    }
  surface = cairo_pdf_surface_create_for_stream (write_pdf, &out, w, h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->info.title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->info.company);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, self->info.subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Strata");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
  cr = cairo_create (surface);

  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      strata_report_draw_page (self, cr, i, w, h);
      for (guint s = 0; s < self->sections->len; s++)
        {
          const ReportSection *section = self->sections->pdata[s];
          g_autofree char *link = NULL;
          int id;

          if (section->page != i)
            continue;
          link = g_strdup_printf ("dest='sec%u'", s);
          id = cairo_pdf_surface_add_outline (surface, section->level == 0 ? CAIRO_PDF_OUTLINE_ROOT : outline,
                                              section->title, link, 0);
          if (section->level == 0)
            outline = id;
        }
      cairo_show_page (cr);
      if (progress != NULL)
        progress ((i + 1.0) / n, user_data);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (out.error == 0 && (fflush (out.fp) != 0 || fsync (fileno (out.fp)) != 0))
    out.error = errno;
  if (fclose (out.fp) != 0 && out.error == 0)
    out.error = errno;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmpl);
      return FALSE;
    }
  if (out.error != 0)
    {
      if (out.error == ENOSPC || out.error == EFBIG || out.error == EDQUOT)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                     _("Cannot write “%s”: the disk is full. Free some space, or save it to another disk"),
                     path);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (out.error),
                     _("Cannot write “%s”: %s"), path, g_strerror (out.error));
      g_unlink (tmpl);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   cairo_status_to_string (status));
      g_unlink (tmpl);
      return FALSE;
    }
  if (g_rename (tmpl, path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      g_unlink (tmpl);
      return FALSE;
    }
  return TRUE;
}

gboolean
strata_report_write_pdf (StrataWorkspace           *workspace,
                         const StrataReportOptions *options,
                         const char                *path,
                         StrataReportProgress       progress,
                         gpointer                   user_data,
                         GCancellable              *cancellable,
                         GError                   **error)
{
  g_autoptr(StrataReport) report = strata_report_new (workspace, options, error);

  return report != NULL &&
         strata_report_save_pdf (report, path, progress, user_data, cancellable, error);
}
