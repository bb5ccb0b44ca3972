/* bud-step-timer.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BUD_TYPE_STEP_TIMER (bud_step_timer_get_type ())

G_DECLARE_FINAL_TYPE (BudStepTimer, bud_step_timer, BUD, STEP_TIMER, GObject)

BudStepTimer *bud_step_timer_new           (GApplication *application);
void          bud_step_timer_start         (BudStepTimer *self,
                                            const char   *step_id,
                                            const char   *title,
                                            guint         seconds);
void          bud_step_timer_cancel        (BudStepTimer *self);
gboolean      bud_step_timer_get_running   (BudStepTimer *self);
const char   *bud_step_timer_get_step_id   (BudStepTimer *self);
guint         bud_step_timer_get_duration  (BudStepTimer *self);
guint         bud_step_timer_get_remaining (BudStepTimer *self);
gboolean      bud_step_timer_get_finished  (BudStepTimer *self);

G_END_DECLS
