/* budctl.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The exit codes are a contract with scripts: see `budctl --help`. */
typedef enum {
  BUDCTL_EXIT_OK = 0,
  BUDCTL_EXIT_USAGE = 2,
  BUDCTL_EXIT_UNAVAILABLE = 3,
} BudctlExit;

G_END_DECLS
