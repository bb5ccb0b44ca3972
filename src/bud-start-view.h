/* bud-start-view.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bud-bluez-client.h"
#include "bud-firmware-catalog.h"

G_BEGIN_DECLS

#define BUD_TYPE_START_VIEW (bud_start_view_get_type ())

G_DECLARE_FINAL_TYPE (BudStartView, bud_start_view, BUD, START_VIEW, AdwBin)

void bud_start_view_set_client  (BudStartView       *self,
                                 BudBluezClient     *client);
void bud_start_view_set_catalog (BudStartView       *self,
                                 BudFirmwareCatalog *catalog);
void bud_start_view_set_resume  (BudStartView       *self,
                                 const char         *title,
                                 const char         *subtitle);

G_END_DECLS
