/* bud-step-view.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bud-guide-step.h"

G_BEGIN_DECLS

#define BUD_TYPE_STEP_VIEW (bud_step_view_get_type ())

G_DECLARE_FINAL_TYPE (BudStepView, bud_step_view, BUD, STEP_VIEW, AdwBin)

void          bud_step_view_set_step  (BudStepView  *self,
                                       BudGuideStep *step,
                                       guint         position,
                                       guint         n_steps);
void          bud_step_view_set_check (BudStepView  *self,
                                       GtkWidget    *check);
void          bud_step_view_set_final (BudStepView  *self,
                                       gboolean      final);

G_END_DECLS
