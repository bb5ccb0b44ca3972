/* budctl-guide.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "budctl.h"
#include "bud-guide.h"

G_BEGIN_DECLS

BudGuide *budctl_load_guide    (BudctlContext  *ctx,
                                const char     *model_id,
                                gboolean        quiet_fallback);
int       budctl_command_guide (BudctlContext  *ctx,
                                int             argc,
                                char          **argv);

G_END_DECLS
