/* bud-device.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

/* BudChargeStatus is the diagnostics module's, so readings pass to the history as they are. */
#include "bud-battery-analysis.h"
#include "bud-battery-history.h"

G_BEGIN_DECLS

/* A battery level that BlueZ has not reported. */
#define BUD_BATTERY_UNKNOWN (-1)

#define BUD_TYPE_CHARGE_STATUS (bud_charge_status_get_type ())
GType bud_charge_status_get_type (void);

#define BUD_TYPE_DEVICE (bud_device_get_type ())

G_DECLARE_FINAL_TYPE (BudDevice, bud_device, BUD, DEVICE, GObject)

BudDevice          *bud_device_new                 (const char         *address);
const char         *bud_device_get_address         (BudDevice          *self);
const char         *bud_device_get_name            (BudDevice          *self);
void                bud_device_set_name            (BudDevice          *self,
                                                    const char         *name);
const char         *bud_device_get_object_path     (BudDevice          *self);
void                bud_device_set_object_path     (BudDevice          *self,
                                                    const char         *object_path);
const char         *bud_device_get_icon            (BudDevice          *self);
void                bud_device_set_icon            (BudDevice          *self,
                                                    const char         *icon);
const char         *bud_device_get_adapter         (BudDevice          *self);
void                bud_device_set_adapter         (BudDevice          *self,
                                                    const char         *adapter);
guint32             bud_device_get_class           (BudDevice          *self);
void                bud_device_set_class           (BudDevice          *self,
                                                    guint32             klass);
gboolean            bud_device_get_paired          (BudDevice          *self);
void                bud_device_set_paired          (BudDevice          *self,
                                                    gboolean            paired);
gboolean            bud_device_get_connected       (BudDevice          *self);
void                bud_device_set_connected       (BudDevice          *self,
                                                    gboolean            connected);
gboolean            bud_device_get_available       (BudDevice          *self);
void                bud_device_set_available       (BudDevice          *self,
                                                    gboolean            available);
const char         *bud_device_get_modalias        (BudDevice          *self);
void                bud_device_set_modalias        (BudDevice          *self,
                                                    const char         *modalias);
const char * const *bud_device_get_uuids           (BudDevice          *self);
void                bud_device_set_uuids           (BudDevice          *self,
                                                    const char * const *uuids);
gboolean            bud_device_has_uuid            (BudDevice          *self,
                                                    const char         *uuid);
gboolean            bud_device_is_audio            (BudDevice          *self);
const char         *bud_device_get_model_id        (BudDevice          *self);
void                bud_device_set_model_id        (BudDevice          *self,
                                                    const char         *model_id);
int                 bud_device_get_battery         (BudDevice          *self);
void                bud_device_set_battery         (BudDevice          *self,
                                                    int                 battery);
int                 bud_device_get_left_level      (BudDevice          *self);
void                bud_device_set_left_level      (BudDevice          *self,
                                                    int                 level);
int                 bud_device_get_right_level     (BudDevice          *self);
void                bud_device_set_right_level     (BudDevice          *self,
                                                    int                 level);
int                 bud_device_get_case_level      (BudDevice          *self);
void                bud_device_set_case_level      (BudDevice          *self,
                                                    int                 level);
BudChargeStatus     bud_device_get_left_status     (BudDevice          *self);
void                bud_device_set_left_status     (BudDevice          *self,
                                                    BudChargeStatus     status);
BudChargeStatus     bud_device_get_right_status    (BudDevice          *self);
void                bud_device_set_right_status    (BudDevice          *self,
                                                    BudChargeStatus     status);
BudChargeStatus     bud_device_get_case_status     (BudDevice          *self);
void                bud_device_set_case_status     (BudDevice          *self,
                                                    BudChargeStatus     status);
gint64              bud_device_get_case_updated    (BudDevice          *self);
void                bud_device_set_case_updated    (BudDevice          *self,
                                                    gint64              unix_time);
BudBatteryHistory  *bud_device_get_history         (BudDevice          *self);
void                bud_device_set_history         (BudDevice          *self,
                                                    BudBatteryHistory  *history);
const char         *bud_device_get_firmware_version (BudDevice        *self);
void                bud_device_set_firmware_version (BudDevice        *self,
                                                     const char       *version);

G_END_DECLS
