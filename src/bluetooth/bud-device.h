/* bud-device.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A battery level that BlueZ has not reported. */
#define BUD_BATTERY_UNKNOWN (-1)

#define BUD_TYPE_DEVICE (bud_device_get_type ())

G_DECLARE_FINAL_TYPE (BudDevice, bud_device, BUD, DEVICE, GObject)

BudDevice  *bud_device_new           (const char *address);
const char *bud_device_get_address   (BudDevice  *self);
const char *bud_device_get_name      (BudDevice  *self);
void        bud_device_set_name      (BudDevice  *self,
                                      const char *name);
gboolean    bud_device_get_connected (BudDevice  *self);
void        bud_device_set_connected (BudDevice  *self,
                                      gboolean    connected);
int         bud_device_get_battery   (BudDevice  *self);
void        bud_device_set_battery   (BudDevice  *self,
                                      int         battery);

G_END_DECLS
