/* bud-battery-page.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bud-bluez-client.h"

G_BEGIN_DECLS

#define BUD_TYPE_BATTERY_PAGE (bud_battery_page_get_type ())

G_DECLARE_FINAL_TYPE (BudBatteryPage, bud_battery_page, BUD, BATTERY_PAGE, AdwBin)

G_END_DECLS
