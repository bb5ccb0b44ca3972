/* bud-timer-check.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bud-step-timer.h"

G_BEGIN_DECLS

#define BUD_TYPE_TIMER_CHECK (bud_timer_check_get_type ())

G_DECLARE_FINAL_TYPE (BudTimerCheck, bud_timer_check, BUD, TIMER_CHECK, AdwBin)

GtkWidget *bud_timer_check_new (BudStepTimer *timer,
                                const char   *step_id,
                                const char   *title,
                                guint         minutes);

char      *bud_format_duration (guint seconds);

G_END_DECLS
