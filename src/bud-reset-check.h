/* bud-reset-check.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bud-guide-step.h"

G_BEGIN_DECLS

#define BUD_TYPE_RESET_CHECK (bud_reset_check_get_type ())

G_DECLARE_FINAL_TYPE (BudResetCheck, bud_reset_check, BUD, RESET_CHECK, AdwBin)

GtkWidget *bud_reset_check_new (BudGuideStep *step);

G_END_DECLS
