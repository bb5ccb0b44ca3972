/* bud-battery-analysis.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  BUD_BATTERY_COMPONENT_SINGLE,
  BUD_BATTERY_COMPONENT_LEFT,
  BUD_BATTERY_COMPONENT_RIGHT,
  BUD_BATTERY_COMPONENT_CASE,
} BudBatteryComponent;

#define BUD_BATTERY_N_COMPONENTS 4

/* The status a device reports; the analysis measures, it doesn't trust it. */
typedef enum {
  BUD_CHARGE_STATUS_UNKNOWN,
  BUD_CHARGE_STATUS_NOT_CHARGING,
  BUD_CHARGE_STATUS_CHARGING,
  BUD_CHARGE_STATUS_CHARGED,
} BudChargeStatus;

typedef enum {
  BUD_BATTERY_TREND_UNKNOWN, /* too little data to tell */
  BUD_BATTERY_TREND_RISING,
  BUD_BATTERY_TREND_FLAT,
  BUD_BATTERY_TREND_FALLING,
} BudBatteryTrend;

typedef enum {
  BUD_CHARGING_UNKNOWN,
  BUD_CHARGING_NO,
  BUD_CHARGING_YES,
  BUD_CHARGING_FULL,
} BudChargingAnswer;

/* Level -1 means "not reported": the component went away (bud out of the
 * case, device disconnected). Time is in seconds since the Unix epoch. */
typedef struct {
  gint64          time;
  int             level;
  BudChargeStatus status;
} BudBatterySample;

/* How long a level must hold still before it counts as flat rather than
 * "not moved yet": levels often move in 10 % steps, and a slowly charging
 * case takes about 20 minutes per step. */
#define BUD_BATTERY_MIN_FLAT_SECONDS (25 * 60)

typedef struct {
  BudBatteryTrend   trend;
  BudChargingAnswer charging;
  int               first_level;  /* -1 when no level in the window */
  int               last_level;
  gint64            last_time;    /* when @last_level was recorded, 0 if never */
  BudChargeStatus   last_status;
  double            rate;         /* % per hour, negative when falling */
  gboolean          rate_known;
  gint64            eta_full;     /* seconds until full, -1 when unknown */
  gint64            observed;     /* seconds of the window with a known level */
  guint             n_samples;
} BudBatteryAnalysis;

void        bud_battery_analyze                  (const BudBatterySample *samples,
                                                  guint                   n_samples,
                                                  gint64                  now,
                                                  gint64                  window,
                                                  BudBatteryAnalysis     *out);

const char *bud_battery_component_to_string      (BudBatteryComponent     component);
gboolean    bud_battery_component_from_string    (const char             *name,
                                                  BudBatteryComponent    *out);
const char *bud_charge_status_to_string          (BudChargeStatus         status);
gboolean    bud_charge_status_from_string        (const char             *name,
                                                  BudChargeStatus        *out);
const char *bud_battery_trend_to_string          (BudBatteryTrend         trend);
const char *bud_charging_answer_to_string        (BudChargingAnswer       answer);

G_END_DECLS
