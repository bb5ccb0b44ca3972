/* bud-measurement.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bud-battery-history.h"
#include "bud-device.h"
#include "bud-guide-progress.h"

G_BEGIN_DECLS

/* What a before → after measurement says about one battery. */
typedef enum {
  BUD_MEASURE_UNKNOWN,       /* no reading before or after */
  BUD_MEASURE_WAITING,       /* no change yet, and too early to tell */
  BUD_MEASURE_CHARGING,
  BUD_MEASURE_FULL,
  BUD_MEASURE_NOT_CHARGING,  /* no change over the whole step */
  BUD_MEASURE_DRAINING,
} BudMeasureVerdict;

int                bud_measurement_current_level (BudDevice                 *device,
                                                  BudGuideComponent          component);
gboolean           bud_measurement_has_parts     (BudDevice                 *device);
BudMeasureVerdict  bud_measurement_verdict       (const BudGuideMeasurement *measurement,
                                                  guint                      minutes);
char              *bud_measurement_describe      (const BudGuideMeasurement *measurement,
                                                  BudGuideComponent          component,
                                                  guint                      minutes,
                                                  gboolean                   finished);
char              *bud_measurement_describe_trend (BudBatteryHistory        *history,
                                                  BudGuideComponent          component,
                                                  gint64                     window);
void               bud_measurement_record        (BudGuideProgress          *progress,
                                                  const char                *step_id,
                                                  BudDevice                 *device);

G_END_DECLS
