/* bud-firmware-page.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BUD_TYPE_FIRMWARE_PAGE (bud_firmware_page_get_type ())

G_DECLARE_FINAL_TYPE (BudFirmwarePage, bud_firmware_page, BUD, FIRMWARE_PAGE, AdwBin)

G_END_DECLS
