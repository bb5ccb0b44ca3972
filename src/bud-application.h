/* bud-application.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bud-bluez-client.h"
#include "bud-firmware-catalog.h"
#include "bud-step-timer.h"

G_BEGIN_DECLS

#define BUD_TYPE_APPLICATION (bud_application_get_type ())

G_DECLARE_FINAL_TYPE (BudApplication, bud_application, BUD, APPLICATION, AdwApplication)

BudApplication *bud_application_new                 (void);
BudBluezClient *bud_application_get_client          (BudApplication *self);
const char     *bud_application_get_bluetooth_error (BudApplication *self);
BudFirmwareCatalog *bud_application_get_catalog     (BudApplication *self);
const char     *bud_application_get_catalog_error   (BudApplication *self);
BudStepTimer   *bud_application_get_timer           (BudApplication *self);
const char     *bud_application_get_data_dir        (void);
GFile          *bud_application_get_state_dir       (const char     *what);

G_END_DECLS
