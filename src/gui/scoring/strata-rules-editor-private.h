/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by strata-rules-editor.c (cards, rows, structure) and
 * strata-rules-cell.c (one editable value: a spin button, entry, check
 * box, metric or condition picker or colour button bound to a field). */
#pragma once

#include "strata-calibrate.h"
#include "strata-rules-editor.h"

G_BEGIN_DECLS

typedef enum
{
  CELL_NUMBER,
  CELL_TEXT,
  CELL_BOOL,
  CELL_METRIC,
  CELL_OPTIONAL_METRIC,
  CELL_CONDITION,
  CELL_COLOUR,
} CellKind;

/* What a cell edits: field names are the rules file's member names, except
 * where the validation reports one name for two cells (problem_field). */
typedef struct
{
  StrataRulesSection  section;
  const char         *field;
  const char         *problem_field;   /* NULL: same as field */
  CellKind            kind;
  int                 digits;
  const char         *undo_label;      /* marked for translation */
} CellSpec;

struct _StrataRulesEditor
{
  GtkBox               parent_instance;

  StrataRules         *rules;          /* borrowed, edited in place */
  StrataRulesProblems *problems;       /* borrowed */
  GListModel          *metrics;        /* StrataMetric */
  GListModel          *optional_metrics; /* "None" + metrics */
  GHashTable          *cells;          /* GtkWidget* set: every bound cell */
  gboolean             updating;
  gboolean             building;       /* set_rules_in_steps's build runs */
  guint                build_next;     /* its next step */

  GtkBox              *indicators_box;
  GtkWidget           *indicators_problems;
  GListStore          *adjustment_rows;
  GtkColumnView       *adjustments_view;
  GtkWidget           *adjustments_problems;
  GListStore          *tier_rows;
  GtkColumnView       *tiers_view;
  GtkWidget           *tiers_problems;
  GListStore          *quadrant_rows;
  GtkColumnView       *quadrant_view;
  GtkGrid             *quadrant_grid;
  GtkWidget           *quadrant_problems;
  GtkScrolledWindow   *indicators_scroller;
  GtkScrolledWindow   *adjustments_scroller;
  GtkScrolledWindow   *tiers_scroller;
  GtkScrolledWindow   *quadrant_scroller;

  /* strata-rules-evidence.c */
  GHashTable          *evidence_labels;  /* GtkLabel* set, weak */
  GPtrArray           *evidence;         /* StrataCalibrateEvidence*, or NULL */
  char                *evidence_from;    /* the periods it compares */
  char                *evidence_to;
  char                *evidence_missing; /* why there is none (tooltip of "—") */
};

/* A row of a column view: an index into the rules' array (or a band of
 * indicator `parent`). */
#define STRATA_TYPE_RULE_ROW (strata_rule_row_get_type ())
G_DECLARE_FINAL_TYPE (StrataRuleRow, strata_rule_row, STRATA, RULE_ROW, GObject)

StrataRuleRow *strata_rule_row_new        (int            parent,
                                           int            index);
int            strata_rule_row_get_parent (StrataRuleRow *row);
int            strata_rule_row_get_index  (StrataRuleRow *row);

/* strata-rules-cell.c */
GtkWidget *strata_rules_cell_new          (StrataRulesEditor *editor,
                                           const CellSpec    *spec);
/* Points the cell at a row (index, sub_index as in StrataRulesProblem) and
 * shows its value; -2 unbinds it. */
void       strata_rules_cell_bind         (GtkWidget         *cell,
                                           int                index,
                                           int                sub_index);
void       strata_rules_cell_refresh      (GtkWidget         *cell);
void       strata_rules_cell_mark         (GtkWidget         *cell);
/* A column of cells for a table; index comes from the row item, parent
 * from the row too (bands). */
GtkColumnViewColumn *strata_rules_cell_column (StrataRulesEditor *editor,
                                               const CellSpec    *spec,
                                               const char        *title,
                                               gboolean           expand);

/* strata-rules-adjustment.c: the adjustments table's Item column. */
GtkColumnViewColumn *strata_rules_adjustment_column (StrataRulesEditor *editor);

/* strata-rules-evidence.c */
GtkWidget *strata_rules_evidence_label_new  (StrataRulesEditor *editor);
void       strata_rules_evidence_label_bind (StrataRulesEditor *editor,
                                             GtkWidget         *label,
                                             StrataRuleRow     *row);
void       strata_rules_evidence_dispose    (StrataRulesEditor *editor);

/* strata-rules-editor.c */
void       strata_rules_editor_emit_edited (StrataRulesEditor *editor,
                                            const char        *label,
                                            const char        *merge_key,
                                            gboolean           removal);
/* The double the spin button shows for an infinite band edge / no cap. */
#define STRATA_RULES_EDITOR_INFINITY 1e15

G_END_DECLS
