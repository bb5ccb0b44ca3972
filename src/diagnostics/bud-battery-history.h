/* bud-battery-history.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bud-battery-analysis.h"
#include "bud-diagnostics-error.h"

G_BEGIN_DECLS

/* Samples older than this are dropped. */
#define BUD_BATTERY_HISTORY_MAX_AGE (30 * 24 * 3600)

/* Returns the current time in seconds since the epoch; tests replace it. */
typedef gint64 (*BudClockFunc) (gpointer user_data);

#define BUD_TYPE_BATTERY_HISTORY (bud_battery_history_get_type ())

G_DECLARE_FINAL_TYPE (BudBatteryHistory, bud_battery_history, BUD, BATTERY_HISTORY, GObject)

BudBatteryHistory      *bud_battery_history_new             (const char           *address);
BudBatteryHistory      *bud_battery_history_load            (const char           *directory,
                                                             const char           *address,
                                                             BudClockFunc          clock,
                                                             gpointer              clock_data,
                                                             char                **notice,
                                                             GError              **error);
void                    bud_battery_history_load_async      (const char           *directory,
                                                             const char           *address,
                                                             BudClockFunc          clock,
                                                             gpointer              clock_data,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
BudBatteryHistory      *bud_battery_history_load_finish     (GAsyncResult         *result,
                                                             char                **notice,
                                                             GError              **error);
gboolean                bud_battery_history_save            (BudBatteryHistory    *self,
                                                             GError              **error);
void                    bud_battery_history_save_async      (BudBatteryHistory    *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean                bud_battery_history_save_finish     (BudBatteryHistory    *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
char                   *bud_battery_history_file_name       (const char           *address);
const char             *bud_battery_history_get_address     (BudBatteryHistory    *self);
const char             *bud_battery_history_get_path        (BudBatteryHistory    *self);
void                    bud_battery_history_set_clock       (BudBatteryHistory    *self,
                                                             BudClockFunc          clock,
                                                             gpointer              clock_data);
gint64                  bud_battery_history_now             (BudBatteryHistory    *self);
gboolean                bud_battery_history_add             (BudBatteryHistory    *self,
                                                             BudBatteryComponent   component,
                                                             int                   level,
                                                             BudChargeStatus       status);
gboolean                bud_battery_history_add_at          (BudBatteryHistory    *self,
                                                             BudBatteryComponent   component,
                                                             int                   level,
                                                             BudChargeStatus       status,
                                                             gint64                time);
guint                   bud_battery_history_get_n_samples   (BudBatteryHistory    *self,
                                                             BudBatteryComponent   component);
const BudBatterySample *bud_battery_history_get_sample      (BudBatteryHistory    *self,
                                                             BudBatteryComponent   component,
                                                             guint                 position);
gboolean                bud_battery_history_has_component   (BudBatteryHistory    *self,
                                                             BudBatteryComponent   component);
void                    bud_battery_history_analyze         (BudBatteryHistory    *self,
                                                             BudBatteryComponent   component,
                                                             gint64                window,
                                                             BudBatteryAnalysis   *out);

G_END_DECLS
