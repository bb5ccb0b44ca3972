/* bud-device-row.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bud-device.h"

G_BEGIN_DECLS

#define BUD_TYPE_DEVICE_ROW (bud_device_row_get_type ())

G_DECLARE_FINAL_TYPE (BudDeviceRow, bud_device_row, BUD, DEVICE_ROW, AdwExpanderRow)

GtkWidget *bud_device_row_new        (BudDevice *device);
BudDevice *bud_device_row_get_device (BudDeviceRow *self);

char      *bud_format_level          (int             level,
                                      BudChargeStatus status);

G_END_DECLS
