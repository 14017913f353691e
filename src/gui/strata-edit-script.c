/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A test hook for crash trials through the window (tests/crash-trials.py
 * --window): with STRATA_TEST_EDIT_SCRIPT set, the window makes edits of
 * one kind, one after the other, through the same page functions its
 * controls call, and logs each to a file after it was acknowledged (the
 * toast, or the undo entry, which a draft edit shows once it is saved),
 * with fsync, so that a
 * SIGKILL at any moment leaves a log of exactly what the user saw done.
 * Without the variable nothing here runs.
 *
 *   STRATA_TEST_EDIT_SCRIPT="kind=band,seed=7,count=0,log=/tmp/x.log"
 *
 * kind: band (a band's points), rule (an adjustment's points), publish,
 * override (set, or remove when one is set), entitlement (a cell), period
 * (close the latest period, or reopen it), rename (the first period).
 * Values are seed * 1000 + i for the i-th edit, so each is unique. count:
 * quit after that many edits (0: until killed). First the log gets one
 * "open" line: what the window shows of the file it opened and its undo
 * history, which the harness compares with the file. Lines are JSON. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "strata-edit-script.h"
#include "strata-entitlements-page-private.h"
#include "strata-period.h"
#include "strata-review-page-private.h"
#include "strata-scoring-page-private.h"
#include "strata-window.h"

typedef struct
{
  StrataWindow *window;   /* weak */
  char         *kind;
  gint64        seed;
  guint         count;
  guint         done;
  int           fd;
  gboolean      opened;
  guint         source;
} EditScript;

static void
script_free (gpointer  data,
             GObject  *where_the_window_was)
{
  EditScript *s = data;

  g_clear_handle_id (&s->source, g_source_remove);
  if (s->fd >= 0)
    close (s->fd);
  g_free (s->kind);
  g_free (s);
}

/* One JSON line, on disk before we go on. */
static void
log_line (EditScript  *s,
          JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  gsize len, off = 0;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  line = g_strconcat (text, "\n", NULL);
  len = strlen (line);
  while (off < len)
    {
      ssize_t n = write (s->fd, line + off, len - off);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        g_error ("edit script: cannot write the log: %s", g_strerror (errno));
      off += n;
    }
  if (fsync (s->fd) != 0)
    g_error ("edit script: cannot sync the log: %s", g_strerror (errno));
}

static JsonBuilder *
line_begin (const char *event,
            const char *kind)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ev");
  json_builder_add_string_value (b, event);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
  json_builder_set_member_name (b, "t");
  json_builder_add_int_value (b, g_get_monotonic_time ());
  return b;
}

static void
line_end (EditScript  *s,
          JsonBuilder *b)
{
  json_builder_end_object (b);
  log_line (s, b);
  g_object_unref (b);
}

static GtkWidget *
page (EditScript *s,
      const char *name)
{
  return strata_window_get_page (s->window, name);
}

static StrataScoringPage *
scoring_page (EditScript *s)
{
  return STRATA_SCORING_PAGE (page (s, "scoring"));
}

static StrataPeriod *
period_at (StrataContext *context,
           int            index)
{
  GListModel *periods = strata_context_get_periods (context);
  guint n = g_list_model_get_n_items (periods);

  if (n == 0)
    return NULL;
  return g_list_model_get_item (periods, index < 0 ? n - 1 : (guint) index);
}

/* The figures each kind edits, as the window holds them now. */
static double
band_points (const StrataRules *r)
{
  StrataIndicator *ind = g_ptr_array_index (r->indicators, 0);

  return g_array_index (ind->bands, StrataBand, 0).points;
}

static double
rule_points (const StrataRules *r)
{
  return ((StrataAdjustment *) g_ptr_array_index (r->adjustments, 0))->points;
}

static gint64
text_entitlement (StrataEntitlements *model)
{
  GPtrArray *all = strata_entitlements_get_all (model);

  for (guint i = 0; i < all->len; i++)
    if (((StrataEntitlement *) g_ptr_array_index (all, i))->kind == STRATA_ENTITLEMENT_TEXT)
      return ((StrataEntitlement *) g_ptr_array_index (all, i))->id;
  return 0;
}

static const char *
first_tier (StrataEntitlements *model)
{
  return ((StrataEntitlementTier *) g_ptr_array_index (strata_entitlements_get_tiers (model), 0))->id;
}

/* Ready when the scoring, the draft and the pages' models are loaded. */
static gboolean
ready (EditScript *s)
{
  StrataContext *context = strata_window_get_context (s->window);
  StrataScoringPage *sp = scoring_page (s);
  StrataEntitlementsPage *ep = STRATA_ENTITLEMENTS_PAGE (page (s, "entitlements"));

  return context != NULL && !strata_context_get_scoring_loading (context) &&
         strata_context_get_scoring (context) != NULL && sp->draft != NULL &&
         (!g_str_equal (s->kind, "entitlement") || ep->model != NULL);
}

static void
log_open (EditScript *s)
{
  StrataContext *context = strata_window_get_context (s->window);
  StrataScoringPage *sp = scoring_page (s);
  StrataEntitlementsPage *ep = STRATA_ENTITLEMENTS_PAGE (page (s, "entitlements"));
  JsonBuilder *b = line_begin ("open", s->kind);
  g_autoptr(StrataPeriod) latest = period_at (context, -1);
  g_autoptr(StrataPeriod) first = period_at (context, 0);

  json_builder_set_member_name (b, "band");
  json_builder_add_double_value (b, band_points (sp->draft));
  json_builder_set_member_name (b, "rule");
  json_builder_add_double_value (b, rule_points (sp->draft));
  json_builder_set_member_name (b, "published");
  json_builder_add_int_value (b, strata_scoring_get_published_version (sp->scoring));
  /* The history starts afresh with the file: nothing to undo or redo. */
  json_builder_set_member_name (b, "undo");
  json_builder_add_boolean_value (b, strata_undo_stack_can_undo (sp->undo) ||
                                     strata_undo_stack_can_redo (sp->undo));
  json_builder_set_member_name (b, "entitlements_undo");
  json_builder_add_boolean_value (b, ep->model != NULL &&
                                     (strata_entitlements_can_undo (ep->model) ||
                                      strata_entitlements_can_redo (ep->model)));
  if (ep->model != NULL && text_entitlement (ep->model) != 0)
    {
      const char *v = strata_entitlements_get_value (ep->model, text_entitlement (ep->model),
                                                     first_tier (ep->model));

      json_builder_set_member_name (b, "entitlement");
      json_builder_add_string_value (b, v ? v : "");
    }
  {
    const StrataPeriodData *pd = strata_scoring_get_data (sp->scoring);
    guint n = 0;

    for (guint row = 0; row < MIN (pd->n, 10); row++)
      n += strata_period_data_get_override (pd, row) != NULL;
    json_builder_set_member_name (b, "overrides");
    json_builder_add_int_value (b, n);
    json_builder_set_member_name (b, "period");
    json_builder_add_int_value (b, pd->period_id);
  }
  json_builder_set_member_name (b, "latest_id");
  json_builder_add_int_value (b, latest ? strata_period_get_id (latest) : 0);
  json_builder_set_member_name (b, "latest_closed");
  json_builder_add_boolean_value (b, latest && strata_period_get_state (latest) == STRATA_PERIOD_CLOSED);
  json_builder_set_member_name (b, "first_id");
  json_builder_add_int_value (b, first ? strata_period_get_id (first) : 0);
  json_builder_set_member_name (b, "first");
  json_builder_add_string_value (b, first ? strata_period_get_name (first) : "");
  line_end (s, b);
}

static void schedule_next (EditScript *s);

static gboolean
quit_cb (gpointer data)
{
  EditScript *s = data;

  s->source = 0;
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (s->window))));
  return G_SOURCE_REMOVE;
}

/* One edit: what it sets, logged as tried (before) and acknowledged
 * (after), so the harness knows which state a killed edit may have left. */
typedef struct
{
  double      value;
  const char *action;       /* override: set/remove; period: close/reopen */
  char       *text;         /* note, reason, entitlement value, new name */
  const char *tier;
  gint64      id;           /* customer, entitlement, period */
  gint64      period;
  gint64      override_id;  /* the override a remove ends */
} Edit;

static void
edit_line (EditScript *s,
           const char *event,
           const Edit *e)
{
  JsonBuilder *b = line_begin (event, s->kind);

  json_builder_set_member_name (b, "value");
  json_builder_add_double_value (b, e->value);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, e->id);
  json_builder_set_member_name (b, "period");
  json_builder_add_int_value (b, e->period);
  json_builder_set_member_name (b, "override");
  json_builder_add_int_value (b, e->override_id);
  json_builder_set_member_name (b, "action");
  json_builder_add_string_value (b, e->action ? e->action : "");
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, e->text ? e->text : "");
  json_builder_set_member_name (b, "tier");
  json_builder_add_string_value (b, e->tier ? e->tier : "");
  line_end (s, b);
}

static void
acknowledged (EditScript *s,
              const Edit *e)
{
  edit_line (s, "ack", e);
  s->done++;
  if (s->count > 0 && s->done >= s->count)
    s->source = g_idle_add (quit_cb, s);
  else
    schedule_next (s);
}

/* A draft edit is saved before its undo entry appears (the page saves the
 * first edit of a burst at once): the entry is its acknowledgement, unless
 * the save failed (its dialog says so). */
static gboolean
edit_draft (EditScript *s,
            gboolean    band,
            double      value)
{
  StrataScoringPage *sp = scoring_page (s);
  g_autoptr(StrataRules) rules = strata_rules_copy (sp->draft);
  g_autofree char *label = g_strdup_printf ("Edit %.0f", value);

  if (band)
    g_array_index (((StrataIndicator *) g_ptr_array_index (rules->indicators, 0))->bands,
                   StrataBand, 0).points = value;
  else
    ((StrataAdjustment *) g_ptr_array_index (rules->adjustments, 0))->points = value;
  strata_scoring_page_replace_draft (sp, rules, label);
  if (g_strcmp0 (strata_undo_stack_get_undo_label (sp->undo), label) != 0)
    g_error ("edit script: the draft edit made no undo entry");
  return !sp->save_pending && !sp->save_failed;
}

static gboolean
step (gpointer data)
{
  EditScript *s = data;
  StrataContext *context = strata_window_get_context (s->window);
  gint64 value = s->seed * 1000 + s->done + 1;
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  g_autoptr(GError) error = NULL;
  Edit e = { .value = value };
  gboolean ok = FALSE;

  s->source = 0;
  if (!s->opened)
    {
      /* Entitlements and periods are edited on their pages, as a user would. */
      if (context != NULL)
        strata_window_show_page (s->window, g_str_equal (s->kind, "entitlement") ? "entitlements"
                                            : g_str_equal (s->kind, "period") ||
                                              g_str_equal (s->kind, "rename") ? "review"
                                            : "scoring");
      if (!ready (s))
        {
          s->source = g_timeout_add (10, step, s);
          return G_SOURCE_REMOVE;
        }
      s->opened = TRUE;
      log_open (s);
      schedule_next (s);
      return G_SOURCE_REMOVE;
    }

  if (g_str_equal (s->kind, "band") || g_str_equal (s->kind, "rule"))
    {
      edit_line (s, "try", &e);
      ok = edit_draft (s, g_str_equal (s->kind, "band"), value);
    }
  else if (g_str_equal (s->kind, "publish"))
    {
      e.text = g_strdup_printf ("window trial %s", text);
      edit_line (s, "try", &e);
      ok = strata_scoring_page_publish_note (scoring_page (s), e.text);
    }
  else if (g_str_equal (s->kind, "override"))
    {
      StrataScoring *scoring = strata_context_get_scoring (context);
      const StrataPeriodData *pd = strata_scoring_get_data (scoring);
      guint row = (guint) (value % MIN (pd->n, 10));
      const StrataRules *rules = strata_scoring_get_draft (scoring);
      const StrataPeriodOverride *active = strata_period_data_get_override (pd, row);

      e.id = strata_scoring_get_customer_id (scoring, row);
      e.period = strata_scoring_get_period_id (scoring);
      e.action = active == NULL ? "set" : "remove";
      e.override_id = active ? active->id : 0;
      e.text = g_strdup_printf ("window trial %s", text);
      e.tier = ((StrataTier *) g_ptr_array_index (rules->tiers, value % rules->tiers->len))->id;
      edit_line (s, "try", &e);
      /* As the customer detail's Set and Remove buttons do. */
      ok = active == NULL ? strata_scoring_set_override (scoring, row, e.tier, e.text, &error)
                          : strata_scoring_remove_override (scoring, row, &error);
    }
  else if (g_str_equal (s->kind, "entitlement"))
    {
      StrataEntitlementsPage *ep = STRATA_ENTITLEMENTS_PAGE (page (s, "entitlements"));
      e.id = text_entitlement (ep->model);
      if (e.id == 0)
        g_error ("edit script: no text entitlement to edit");
      e.tier = first_tier (ep->model);
      e.text = g_strdup_printf ("window trial %s", text);
      edit_line (s, "try", &e);
      /* As a cell's edit does; its undo entry is the acknowledgement. */
      ok = strata_entitlements_page_set_value (ep, e.id, e.tier, e.text) &&
           strata_entitlements_can_undo (ep->model);
    }
  else if (g_str_equal (s->kind, "period"))
    {
      g_autoptr(StrataPeriod) latest = period_at (context, -1);
      gboolean reopen = strata_period_get_state (latest) == STRATA_PERIOD_CLOSED;

      e.action = reopen ? "reopen" : "close";
      e.id = strata_period_get_id (latest);
      edit_line (s, "try", &e);
      ok = strata_review_page_close_period (STRATA_REVIEW_PAGE (page (s, "review")),
                                            strata_period_get_name (latest), reopen);
    }
  else if (g_str_equal (s->kind, "rename"))
    {
      g_autoptr(StrataPeriod) first = period_at (context, 0);

      e.id = strata_period_get_id (first);
      e.text = g_strdup_printf ("W-%s", text);
      edit_line (s, "try", &e);
      ok = strata_review_page_rename_period (STRATA_REVIEW_PAGE (page (s, "review")),
                                             strata_period_get_name (first), e.text);
    }
  else
    g_error ("edit script: unknown kind “%s”", s->kind);

  if (!ok)
    g_error ("edit script: the %s edit failed: %s", s->kind,
             error ? error->message : "no acknowledgement");
  acknowledged (s, &e);
  g_free (e.text);
  return G_SOURCE_REMOVE;
}

static void
schedule_next (EditScript *s)
{
  s->source = g_idle_add_full (G_PRIORITY_LOW, step, s, NULL);
}

gboolean
strata_edit_script_start (StrataWindow *window)
{
  const char *spec = g_getenv ("STRATA_TEST_EDIT_SCRIPT");
  g_auto(GStrv) parts = NULL;
  const char *log = NULL;
  EditScript *s;

  if (spec == NULL || *spec == '\0')
    return FALSE;
  s = g_new0 (EditScript, 1);
  s->fd = -1;
  parts = g_strsplit (spec, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_has_prefix (parts[i], "kind="))
        s->kind = g_strdup (parts[i] + 5);
      else if (g_str_has_prefix (parts[i], "seed="))
        s->seed = g_ascii_strtoll (parts[i] + 5, NULL, 10);
      else if (g_str_has_prefix (parts[i], "count="))
        s->count = (guint) g_ascii_strtoull (parts[i] + 6, NULL, 10);
      else if (g_str_has_prefix (parts[i], "log="))
        log = parts[i] + 4;
    }
  if (s->kind == NULL || log == NULL ||
      (s->fd = open (log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) < 0)
    g_error ("edit script: STRATA_TEST_EDIT_SCRIPT needs kind= and a writable log=");
  s->window = window;
  g_object_weak_ref (G_OBJECT (window), script_free, s);
  s->source = g_timeout_add (10, step, s);
  return TRUE;
}
