/* bud-fix-page.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BUD_TYPE_FIX_PAGE (bud_fix_page_get_type ())

G_DECLARE_FINAL_TYPE (BudFixPage, bud_fix_page, BUD, FIX_PAGE, AdwBin)

G_END_DECLS
