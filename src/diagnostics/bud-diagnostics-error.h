/* bud-diagnostics-error.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BUD_DIAGNOSTICS_ERROR (bud_diagnostics_error_quark ())

typedef enum {
  BUD_DIAGNOSTICS_ERROR_READ,      /* the file cannot be read */
  BUD_DIAGNOSTICS_ERROR_TOO_LARGE, /* over the size limit */
  BUD_DIAGNOSTICS_ERROR_EMPTY,
  BUD_DIAGNOSTICS_ERROR_ENCODING,  /* binary data or invalid UTF-8 */
  BUD_DIAGNOSTICS_ERROR_NESTING,   /* nested deeper than the limit */
  BUD_DIAGNOSTICS_ERROR_SYNTAX,    /* not JSON */
  BUD_DIAGNOSTICS_ERROR_INVALID,   /* JSON, but not the expected shape */
  BUD_DIAGNOSTICS_ERROR_WRITE,
} BudDiagnosticsError;

GQuark bud_diagnostics_error_quark (void);

G_END_DECLS
