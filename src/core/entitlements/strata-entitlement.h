/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One row of the entitlement matrix and one stage of the funnel, as plain
 * boxed records, with the rules for the values of each kind: parsing what a
 * user typed, showing a stored value, and ranking two values of an ordered
 * kind. No database access here. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  STRATA_ENTITLEMENT_INCLUDED, /* yes / no; stored "1" / "0" */
  STRATA_ENTITLEMENT_LEVEL,    /* one of an ordered list, worst first */
  STRATA_ENTITLEMENT_NUMBER,   /* a number with a unit and a direction */
  STRATA_ENTITLEMENT_TEXT,     /* free text, not ordered */
} StrataEntitlementKind;

typedef struct
{
  gint64  id;
  char   *key;
  char   *label;
  int     position;
} StrataEntitlementStage;

typedef struct
{
  gint64                 id;
  gint64                 stage_id;
  char                  *key;
  char                  *label;
  StrataEntitlementKind  kind;
  char                  *unit;             /* number kind: "%", "h"... */
  GStrv                  levels;           /* level kind: worst first */
  gboolean               higher_is_better; /* number kind */
  double                 cost;             /* per customer; NAN when none */
  int                    position;         /* within the stage */
} StrataEntitlement;

/* A tier column of the matrix: the tiers of the current rule set, best
 * first. */
typedef struct
{
  char *id;
  char *label;
  char *color; /* "#rrggbb" or NULL */
} StrataEntitlementTier;

#define STRATA_TYPE_ENTITLEMENT_STAGE (strata_entitlement_stage_get_type ())
#define STRATA_TYPE_ENTITLEMENT       (strata_entitlement_get_type ())
#define STRATA_TYPE_ENTITLEMENT_TIER  (strata_entitlement_tier_get_type ())

GType                   strata_entitlement_stage_get_type (void) G_GNUC_CONST;
StrataEntitlementStage *strata_entitlement_stage_copy     (const StrataEntitlementStage *stage);
void                    strata_entitlement_stage_free     (StrataEntitlementStage       *stage);

GType              strata_entitlement_get_type (void) G_GNUC_CONST;
StrataEntitlement *strata_entitlement_new      (void);
StrataEntitlement *strata_entitlement_copy     (const StrataEntitlement *entitlement);
void               strata_entitlement_free     (StrataEntitlement       *entitlement);
gboolean           strata_entitlement_equal    (const StrataEntitlement *a,
                                                const StrataEntitlement *b);

GType                  strata_entitlement_tier_get_type (void) G_GNUC_CONST;
StrataEntitlementTier *strata_entitlement_tier_new      (const char                  *id,
                                                         const char                  *label,
                                                         const char                  *color);
StrataEntitlementTier *strata_entitlement_tier_copy     (const StrataEntitlementTier *tier);
void                   strata_entitlement_tier_free     (StrataEntitlementTier       *tier);

/* "included", "level", "number", "text" (the workspace's and the CSV's
 * spelling), and back; FALSE for an unknown name. */
const char *strata_entitlement_kind_to_string   (StrataEntitlementKind  kind);
gboolean    strata_entitlement_kind_from_string (const char            *name,
                                                 StrataEntitlementKind *kind);
/* The kind's name for people ("Included", "Level", ...), translated. */
const char *strata_entitlement_kind_label       (StrataEntitlementKind  kind);

/* Turns what a user typed into the stored form of a value of this
 * entitlement: "yes"/"no" (also "true", "1", "✓" and the translated words),
 * a level of the list, a number (an optional trailing unit is accepted), or
 * any text. An empty input means "no value" and gives "" (store nothing).
 * On bad input, sets a translated message that names the value and the
 * entitlement and returns NULL. */
char *strata_entitlement_parse_value  (const StrataEntitlement  *entitlement,
                                       const char               *input,
                                       GError                  **error);

/* A stored value as people read it: "Yes", "15 %", "4 h", "gold". NULL or ""
 * gives "—". */
char *strata_entitlement_format_value (const StrataEntitlement  *entitlement,
                                       const char               *value);

/* For ordered kinds: the rank of a stored value, larger is better (for a
 * number where lower is better, the negated number). FALSE for text, for a
 * missing value and for a value that cannot be ranked. */
gboolean strata_entitlement_rank      (const StrataEntitlement  *entitlement,
                                       const char               *value,
                                       double                   *rank);

/* Whether a tier with this value gets the entitlement, and so costs its cost
 * per customer: included = yes; a number other than 0; a level above the
 * lowest (the baseline everybody has); any text. */
gboolean strata_entitlement_grants    (const StrataEntitlement  *entitlement,
                                       const char               *value);

/* Names as people read them (strata-entitlement-names.c): a stage or
 * entitlement name, level, unit or text value that is still what the default
 * matrix seeded, in any shipped language, in the reader's language (the
 * thread's catalogue, else the process's); anything a user typed as typed.
 * Edits and storage keep the stored text. */
const char *strata_entitlement_stage_get_display_label (const StrataEntitlementStage *stage);
const char *strata_entitlement_get_display_label       (const StrataEntitlement      *entitlement);
/* A level, the unit or a text value of entitlement, shown. */
const char *strata_entitlement_display_text            (const StrataEntitlement      *entitlement,
                                                         const char                   *text);

/* The index of level in entitlement->levels (case-insensitive; a level is
 * also found by the text it is shown as), or -1. */
int      strata_entitlement_level_index (const StrataEntitlement *entitlement,
                                         const char              *level);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataEntitlementStage, strata_entitlement_stage_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataEntitlement, strata_entitlement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StrataEntitlementTier, strata_entitlement_tier_free)

G_END_DECLS
