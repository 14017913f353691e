/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataRules: a scoring rule set as plain C data (see README, "Rules file
 * format", for the meaning of every field). The GUI edits a copy and hands
 * it to StrataScoring; the engine compiles it into a flat form before
 * scoring, so nothing here has to be fast. */
#pragma once

#include <glib-object.h>
#include <math.h>

#include "strata-types.h"
#include "strata-error.h"

G_BEGIN_DECLS

/* A band [from, to) worth points; to is INFINITY for the open last band. */
typedef struct
{
  double from;
  double to;
  double points;
} StrataBand;

/* A base indicator: weight x the points of the band the value falls in. */
typedef struct
{
  char   *metric;   /* metric key, e.g. "order_amount" */
  double  weight;
  GArray *bands;    /* of StrataBand, ascending, contiguous */
} StrataIndicator;

/* A variable item: when metric's value meets the condition, add points (or
 * points x value when per_unit), the item's total limited to +-cap. */
typedef struct
{
  char            *id;
  char            *label;
  char            *metric;
  StrataCondition  condition;
  double           a;
  double           b;         /* only for BETWEEN */
  double           points;    /* negative for a penalty */
  gboolean         per_unit;
  double           cap;       /* NAN: no cap; otherwise >= 0, on |total| */
  gboolean         enabled;
  char            *label_key; /* a default label ("item-referrals"); NULL: as typed */
} StrataAdjustment;

/* Tiers are ordered best first; the last takes every score below the one
 * before it (its min_score is ignored and written as null: -INFINITY). */
typedef struct
{
  char   *id;
  char   *label;
  char   *colour;     /* "#rrggbb" */
  double  min_score;
  char   *label_key;  /* a default label ("tier-strategic"); NULL: as typed */
} StrataTier;

/* x is the process metric, y the result metric; a value >= its threshold is
 * high. Indexes 0..3 of label/action are quadrants A..D (A both high, B y
 * high x low, C y low x high, D both low). z may be NULL. */
typedef struct
{
  char   *x_metric;
  double  x_threshold;
  char   *y_metric;
  double  y_threshold;
  char   *z_metric;
  char   *label[4];
  char   *action[4];
  char   *label_key[4];   /* default labels and actions, as for tiers */
  char   *action_key[4];
} StrataQuadrantRules;

typedef struct
{
  GPtrArray           *indicators;   /* of StrataIndicator* */
  GPtrArray           *adjustments;  /* of StrataAdjustment* */
  GPtrArray           *tiers;        /* of StrataTier*, best first */
  StrataQuadrantRules  quadrant;
} StrataRules;

/* One located problem found by strata_rules_validate(): section and index
 * (and sub_index for a band within its indicator, else -1) say which row
 * or cell the GUI marks; field is the JSON member name ("to", "metric"...). */
typedef struct
{
  StrataRulesSection  section;
  int                 index;
  int                 sub_index;
  char               *field;
  char               *message;   /* translated, one line */
} StrataRulesProblem;

#define STRATA_TYPE_RULES (strata_rules_get_type ())
GType             strata_rules_get_type        (void) G_GNUC_CONST;

StrataRules      *strata_rules_new             (void);
/* The default rule set of the method (README), labels translated. */
StrataRules      *strata_rules_new_default     (void);
StrataRules      *strata_rules_copy            (const StrataRules *rules);
void              strata_rules_free            (StrataRules       *rules);
/* Deep equality, NaN caps equal to each other. */
gboolean          strata_rules_equal           (const StrataRules *a,
                                                const StrataRules *b);

StrataIndicator  *strata_indicator_new         (const char        *metric,
                                                double             weight);
void              strata_indicator_add_band    (StrataIndicator   *indicator,
                                                double             from,
                                                double             to,
                                                double             points);
void              strata_indicator_free        (StrataIndicator   *indicator);
StrataIndicator  *strata_indicator_copy        (const StrataIndicator *indicator);

StrataAdjustment *strata_adjustment_new        (const char        *id,
                                                const char        *label,
                                                const char        *metric,
                                                StrataCondition    condition,
                                                double             a,
                                                double             b,
                                                double             points);
void              strata_adjustment_free       (StrataAdjustment  *adjustment);
StrataAdjustment *strata_adjustment_copy       (const StrataAdjustment *adjustment);

StrataTier       *strata_tier_new              (const char        *id,
                                                const char        *label,
                                                const char        *colour,
                                                double             min_score);
void              strata_tier_free             (StrataTier        *tier);
StrataTier       *strata_tier_copy             (const StrataTier  *tier);

/* The label people read: while label_key names a default label, that
 * label in the current language (through the thread's catalogue, so a
 * report in another language gets its own), else the label as stored.
 * Every place that shows a tier or item name goes through these. */
const char       *strata_tier_get_display_label       (const StrataTier       *tier);
const char       *strata_adjustment_get_display_label (const StrataAdjustment *adjustment);
/* A label the user typed: stored as given and shown as typed (its key is
 * dropped), unless it is a default label of any shipped language, which
 * keeps the key of that default, as when read from a file without keys. */
void              strata_tier_set_label        (StrataTier        *tier,
                                                const char        *label);
void              strata_adjustment_set_label  (StrataAdjustment  *adjustment,
                                                const char        *label);
/* The key of the default label text is (its English text or its
 * translation in a language Strata ships, white space around ignored), or
 * NULL: how rules written without keys find theirs. */
const char       *strata_tier_label_key_for_text       (const char *text);
const char       *strata_adjustment_label_key_for_text (const char *text);
/* The same for quadrant q (0..3 for A..D): its label and its action. */
const char       *strata_rules_get_quadrant_label      (const StrataRules *rules,
                                                        guint              q);
const char       *strata_rules_get_quadrant_action     (const StrataRules *rules,
                                                        guint              q);
void              strata_rules_set_quadrant_label      (StrataRules       *rules,
                                                        guint              q,
                                                        const char        *label);
void              strata_rules_set_quadrant_action     (StrataRules       *rules,
                                                        guint              q,
                                                        const char        *action);
const char       *strata_quadrant_label_key_for_text   (const char *text);
const char       *strata_quadrant_action_key_for_text  (const char *text);

/* Index of the tier with that id, or -1. */
int               strata_rules_find_tier       (const StrataRules *rules,
                                                const char        *tier_id);

/* Checks the rule set. known_metrics (NULL-terminated) are the workspace's
 * metric keys; NULL skips the unknown-metric check. Returns the problems
 * (StrataRulesProblem*, free with g_ptr_array_unref), empty when valid. */
GPtrArray        *strata_rules_validate        (const StrataRules *rules,
                                                const char * const *known_metrics);
/* Validates and sets STRATA_RULES_ERROR_INVALID with the first problem
 * (prefixed by where it is) and the number of others. */
gboolean          strata_rules_check           (const StrataRules *rules,
                                                const char * const *known_metrics,
                                                GError           **error);
void              strata_rules_problem_free    (StrataRulesProblem *problem);
/* "Band 2 of indicator 1" style location, translated. */
char             *strata_rules_problem_location (const StrataRulesProblem *problem);

/* "≥ 3", "between 1 and 5", "is true" (translated), for receipts and UI. */
char             *strata_condition_describe    (StrataCondition    condition,
                                                double             a,
                                                double             b);
/* The symbol used in the rules file: ">=", "<=", ">", "<", "==",
 * "between", "is_true"; and back (FALSE when unknown). */
const char       *strata_condition_to_string   (StrataCondition    condition);
gboolean          strata_condition_from_string (const char        *text,
                                                StrataCondition   *condition);
/* Formats a number the way the rules file and the receipts do: the
 * shortest text that reads back as the same double ("500000", "0.1"). */
char             *strata_format_number         (double             value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataRules, strata_rules_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataRulesProblem, strata_rules_problem_free)

G_END_DECLS
