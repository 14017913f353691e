/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One error domain per area, so callers can tell what failed and the user
 * gets a message that names the file and the problem. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define STRATA_WORKSPACE_ERROR (strata_workspace_error_quark ())
#define STRATA_RULES_ERROR     (strata_rules_error_quark ())
#define STRATA_IMPORT_ERROR    (strata_import_error_quark ())

typedef enum
{
  STRATA_WORKSPACE_ERROR_NOT_FOUND,     /* no such file */
  STRATA_WORKSPACE_ERROR_EXISTS,        /* create: file already there */
  STRATA_WORKSPACE_ERROR_NOT_WORKSPACE, /* not SQLite, or SQLite of another program */
  STRATA_WORKSPACE_ERROR_CORRUPT,       /* damaged or truncated */
  STRATA_WORKSPACE_ERROR_READ_ONLY,     /* cannot be written */
  STRATA_WORKSPACE_ERROR_TOO_NEW,       /* written by a newer Strata */
  STRATA_WORKSPACE_ERROR_DATABASE,      /* any other SQLite failure */
  STRATA_WORKSPACE_ERROR_INVALID,       /* a value the workspace refuses */
  STRATA_WORKSPACE_ERROR_NO_SUCH_ITEM,  /* a period, customer... that is not there */
  STRATA_WORKSPACE_ERROR_NO_SPACE,      /* the disk is full (or a file size limit) */
  STRATA_WORKSPACE_ERROR_BUSY,          /* another program is writing to the file */
  STRATA_WORKSPACE_ERROR_OLDER_FORMAT,  /* open_no_wait: to be brought up to date on a worker */
} StrataWorkspaceError;

typedef enum
{
  STRATA_RULES_ERROR_PARSE,    /* not JSON, or not of the strata-rules format */
  STRATA_RULES_ERROR_INVALID,  /* well formed, but fails validation */
} StrataRulesError;

typedef enum
{
  STRATA_IMPORT_ERROR_READ,      /* the file cannot be read */
  STRATA_IMPORT_ERROR_ENCODING,  /* text cannot be decoded */
  STRATA_IMPORT_ERROR_FORMAT,    /* no header, missing required column... */
  STRATA_IMPORT_ERROR_BAD_ROWS,  /* --strict and some rows were rejected */
} StrataImportError;

GQuark strata_workspace_error_quark (void);
GQuark strata_rules_error_quark (void);
GQuark strata_import_error_quark (void);

G_END_DECLS
