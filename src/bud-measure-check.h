/* bud-measure-check.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bud-device.h"
#include "bud-guide-progress.h"

G_BEGIN_DECLS

#define BUD_TYPE_MEASURE_CHECK (bud_measure_check_get_type ())

G_DECLARE_FINAL_TYPE (BudMeasureCheck, bud_measure_check, BUD, MEASURE_CHECK, AdwBin)

GtkWidget *bud_measure_check_new (BudDevice        *device,
                                  BudGuideProgress *progress,
                                  const char       *step_id,
                                  guint             minutes);

G_END_DECLS
