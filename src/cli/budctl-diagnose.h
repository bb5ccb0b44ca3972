/* budctl-diagnose.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "budctl.h"

G_BEGIN_DECLS

int budctl_command_diagnose (BudctlContext  *ctx,
                             int             argc,
                             char          **argv);

G_END_DECLS
