/* bud-firmware-view.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bud-device.h"
#include "bud-firmware-catalog.h"

G_BEGIN_DECLS

#define BUD_TYPE_FIRMWARE_VIEW (bud_firmware_view_get_type ())

G_DECLARE_FINAL_TYPE (BudFirmwareView, bud_firmware_view, BUD, FIRMWARE_VIEW, AdwBin)

GtkWidget          *bud_firmware_view_new         (void);
void                bud_firmware_view_set_catalog (BudFirmwareView    *self,
                                                   BudFirmwareCatalog *catalog);
void                bud_firmware_view_set_model   (BudFirmwareView    *self,
                                                   const char         *model_id,
                                                   gboolean            fixed);
void                bud_firmware_view_set_device  (BudFirmwareView    *self,
                                                   BudDevice          *device);

G_END_DECLS
