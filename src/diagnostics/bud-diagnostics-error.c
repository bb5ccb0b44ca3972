/* bud-diagnostics-error.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bud-diagnostics-error.h"

G_DEFINE_QUARK (bud-diagnostics-error-quark, bud_diagnostics_error)
