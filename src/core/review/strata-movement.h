/* SPDX-License-Identifier: GPL-3.0-or-later */
/* StrataMovement: how customers moved between two periods, for the quarterly
 * review. It holds the tier transition matrix (counts and revenue), the
 * movers with their reasons, the restatement split (moves that come from the
 * customers against moves that come from a rule change) and the quadrant
 * movement. It is computed once and then only read. */
#pragma once

#include "strata-engine.h"
#include "strata-period-results.h"

G_BEGIN_DECLS

typedef enum
{
  STRATA_MOVE_UP,      /* to a better tier */
  STRATA_MOVE_DOWN,    /* to a worse tier */
  STRATA_MOVE_NEW,     /* in the later period only */
  STRATA_MOVE_LOST,    /* in the earlier period only */
  STRATA_N_MOVE_KINDS,
} StrataMoveKind;

typedef enum
{
  STRATA_REASON_METRIC,        /* a metric the rules read changed value */
  STRATA_REASON_BAND,          /* a base indicator's value moved to another band */
  STRATA_REASON_ITEM_STARTED,  /* an adjustment item started applying */
  STRATA_REASON_ITEM_STOPPED,  /* an adjustment item stopped applying */
  STRATA_REASON_OVERRIDE,      /* a manual override was set, changed or removed */
  STRATA_REASON_RULES,         /* no data change: the rules changed */
  STRATA_REASON_PRESENCE,      /* new or lost: in one period only */
} StrataReasonKind;

/* Why a mover moved, as facts: its text is made only when it is shown
 * (strata_mover_format_reason), from the movement's rules and metric labels,
 * so that a million-customer movement keeps 40 bytes a reason, not a line. */
typedef struct
{
  StrataReasonKind  kind;
  /*< private >*/
  guint16           ref_from;   /* BAND: indicator of the earlier rules; ITEM: item of the earlier rules; LOST: tier */
  guint16           ref_to;     /* BAND: indicator of the later rules; ITEM: item of the later rules */
  gint16            band_from;  /* BAND: the bands; ITEM_STARTED: 1 when the item applied before too */
  gint16            band_to;
  guint32           detail;     /* OVERRIDE: the override's reason, + 1 (0: removed) */
  /*< public >*/
  const char       *key;        /* metric key, item id or override tier; NULL for RULES and PRESENCE */
  double            old_value;  /* metric value, points; NaN if none */
  double            new_value;
} StrataReason;

typedef struct _StrataReasonBook StrataReasonBook;

typedef struct
{
  StrataMoveKind  kind;
  gint64          customer_id;
  const char     *ext_id;        /* owned by the movement */
  const char     *name;
  int             from_tier;     /* index into the movement's tiers, -1 when absent */
  int             to_tier;
  double          from_score;    /* NaN when absent */
  double          to_score;
  double          from_revenue;  /* order_amount, NaN when absent or missing */
  double          to_revenue;
  /*< private >*/
  const StrataReasonBook *book;  /* the movement's */
  guint           first_reason;
  guint           n_reasons;
} StrataMover;

/* A customer present in both periods, for quadrant arrows: 32 bytes, as
 * there is one per customer. The coordinates are only drawn (an arrow's
 * start), never shown as numbers, so floats do. */
typedef struct
{
  gint64          customer_id;
  float           from_x, from_y, to_x, to_y;  /* NaN when missing */
  guint8          tier;          /* index into the movement's tiers (later period) */
  guint8          from_quadrant; /* StrataQuadrant */
  guint8          to_quadrant;
  guint8          tier_changed;  /* boolean */
} StrataMovementPosition;

typedef struct
{
  char *id;
  char *label;
  char *colour;
} StrataMovementTier;

/* A metric as reasons name it: its label in the user's language. */
typedef struct
{
  char             *key;
  char             *label;
  StrataMetricKind  kind;
} StrataReviewMetric;

#define STRATA_TYPE_MOVEMENT (strata_movement_get_type ())
G_DECLARE_FINAL_TYPE (StrataMovement, strata_movement, STRATA, MOVEMENT, GObject)

/* Movement from the period from_id to the period to_id. Each period's
 * results are its frozen ones when closed, else scored with the current
 * published rules. With restate, the earlier period is re-scored under the
 * later period's rules, so that the matrix and the movers show only what the
 * customers did. The restatement split is computed either way. */
StrataMovement *strata_movement_compute (StrataWorkspace  *workspace,
                                         gint64            from_id,
                                         gint64            to_id,
                                         gboolean          restate,
                                         GError          **error);

/* The same from already loaded results (tests, the GUI's cache): from is
 * the earlier period as used, restated (the earlier
 * period scored with the later one's rules) may be NULL; metrics maps metric
 * keys to StrataReviewMetric for labels and kinds (NULL: keys, plain numbers). */
StrataMovement *strata_movement_new_from_results (StrataPeriodResults *from,
                                                  StrataPeriodResults *to,
                                                  StrataPeriodResults *restated,
                                                  gboolean             restate,
                                                  GHashTable          *metrics);

const char     *strata_movement_get_from_name    (StrataMovement *self);
const char     *strata_movement_get_to_name      (StrataMovement *self);
gboolean        strata_movement_get_restated     (StrataMovement *self);

/* Tiers best first: the later period's tiers, then any tier found only in
 * the earlier one. */
guint           strata_movement_get_n_tiers      (StrataMovement *self);
const StrataMovementTier *strata_movement_get_tier (StrataMovement *self,
                                                    guint           index);

/* The transition matrix. from and to are tier indexes; from == n_tiers is
 * "new" (absent earlier), to == n_tiers is "lost" (absent later). Revenue is
 * the order amount in the later period (in the earlier one for "lost"). */
guint           strata_movement_get_count        (StrataMovement *self,
                                                  guint           from,
                                                  guint           to);
double          strata_movement_get_revenue      (StrataMovement *self,
                                                  guint           from,
                                                  guint           to);
guint           strata_movement_get_n_to         (StrataMovement *self);

/* Movers of one kind (StrataMover*), the biggest moves first (tier steps,
 * then revenue). */
GPtrArray      *strata_movement_get_movers       (StrataMovement *self,
                                                  StrataMoveKind  kind);

/* The restatement split over customers present in both periods: tier moves
 * between the restated earlier results and the later ones (the customers),
 * and between the earlier results as frozen and as restated (the rules). */
gboolean        strata_movement_has_restatement  (StrataMovement *self);
/* Whether the restated earlier results use other rules than the earlier
 * ones did: when not, restating changes nothing. */
gboolean        strata_movement_get_rules_differ (StrataMovement *self);
guint           strata_movement_get_moves_from_customers (StrataMovement *self);
guint           strata_movement_get_moves_from_rules     (StrataMovement *self);
guint           strata_movement_get_moves_total          (StrataMovement *self);

/* The same customers split so that the parts add up to the moves counted
 * (strata_movement_get_moves_total): with F the earlier tier as frozen, R
 * as restated and C the later one, a customer moved only from the customers
 * (F = R != C), only from the rules (F != R = C), from both (F, R and C all
 * differ) or from both with the two moves cancelling out (F = C != R).
 * Without restating, the moves are F != C: customers_only + rules_only +
 * both, and cancelled are extra; restated, they are R != C: customers_only
 * + both + cancelled, and rules_only are extra. All zero without a
 * restatement. */
typedef struct
{
  guint customers_only;
  guint rules_only;
  guint both;
  guint cancelled;
} StrataMoveSplit;

/* The split as one translated text whose parts add up to the moves
 * counted, with the extra group after them; NULL without a restatement. */
char           *strata_movement_describe_split           (StrataMovement  *self);

/* Quadrant transitions between StrataQuadrant values (NONE..D), and one
 * position per customer present in both periods. */
guint           strata_movement_get_quadrant_count (StrataMovement *self,
                                                    StrataQuadrant  from,
                                                    StrataQuadrant  to);
GArray         *strata_movement_get_positions    (StrataMovement *self);

/* Versions used: 0 when that side was scored with the current draft-free
 * published rules of no version. */
int             strata_movement_get_from_version (StrataMovement *self);
int             strata_movement_get_to_version   (StrataMovement *self);

/* Every metric of the workspace, key -> StrataReviewMetric, labelled in
 * the language of the messages (zh_CN, zh_TW, else English). */
GHashTable     *strata_movement_load_metrics     (StrataWorkspace  *workspace,
                                                  GError          **error);
/* A metric value as the review shows it: grouped digits, yes/no, a date;
 * "missing" for NaN; an amount (a money metric) in a language that groups
 * by 10^4 as the Customers page writes it (strata_format_compact: "281万").
 * metric may be NULL (a plain number). _full writes every digit (exports). */
char           *strata_movement_format_value     (const StrataReviewMetric *metric,
                                                  double            value);
char           *strata_movement_format_value_full (const StrataReviewMetric *metric,
                                                   double                    value);
/* Both values of a change as strata_movement_format_value() writes them,
 * with more digits where compact would write two different values alike. */
void            strata_movement_format_change    (const StrataReviewMetric  *metric,
                                                  double                     old_value,
                                                  double                     new_value,
                                                  char                     **old_text,
                                                  char                     **new_text);

/* Texts shared by the CLI, the page and the slides. */
const char     *strata_move_kind_to_string       (StrataMoveKind  kind);
/* A mover's reasons (valid while its movement is), and one as the
 * translated line the page, slides, report and CLI show; _full with the
 * metrics' values in every digit, for the CSV and JSON exports. */
guint           strata_mover_get_n_reasons       (const StrataMover *mover);
const StrataReason *strata_mover_get_reason      (const StrataMover *mover,
                                                  guint              index);
char           *strata_mover_format_reason       (const StrataMover *mover,
                                                  guint              index);
char           *strata_mover_describe_reasons    (const StrataMover *mover,
                                                  const char        *separator);
char           *strata_mover_format_reason_full  (const StrataMover *mover,
                                                  guint              index);
char           *strata_mover_describe_reasons_full (const StrataMover *mover,
                                                    const char        *separator);

G_END_DECLS
