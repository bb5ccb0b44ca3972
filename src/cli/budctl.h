/* budctl.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "bud-firmware-catalog.h"

G_BEGIN_DECLS

/* The exit codes are a contract with scripts: see `budctl --help`. */
typedef enum {
  BUDCTL_EXIT_OK = 0,
  BUDCTL_EXIT_USAGE = 2,
  BUDCTL_EXIT_UNAVAILABLE = 3,
} BudctlExit;

/* The options every command takes. */
typedef struct {
  char *firmware_db;
  char *guides_dir;
} BudctlContext;

/* A command gets its own name in argv[0] and its arguments after it, with
 * the common options still among them: parse them all with
 * budctl_parse_options(). It returns a BudctlExit. */
typedef int (*BudctlCommandFunc) (BudctlContext  *ctx,
                                  int             argc,
                                  char          **argv);

typedef struct {
  const char        *name;
  const char        *synopsis;  /* the arguments, e.g. "--model ID --version V [--json]" */
  const char        *summary;   /* marked with N_() */
  BudctlCommandFunc  run;
} BudctlCommand;

/* budctl-commands.c holds the table; a new command is one more row. */
extern const BudctlCommand budctl_commands[];
extern const guint budctl_n_commands;

void                budctl_error          (const char     *format,
                                           ...) G_GNUC_PRINTF (1, 2);
gboolean            budctl_parse_options  (BudctlContext  *ctx,
                                           const char     *command,
                                           GOptionEntry   *entries,
                                           const char     *parameters,
                                           int            *argc,
                                           char         ***argv);
char               *budctl_data_path      (BudctlContext  *ctx,
                                           const char     *name);
BudFirmwareCatalog *budctl_load_catalog   (BudctlContext  *ctx);
void                budctl_print_json     (JsonNode       *node);

G_END_DECLS
