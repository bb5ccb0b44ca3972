/* bud-window.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bud-application.h"

G_BEGIN_DECLS

#define BUD_TYPE_WINDOW (bud_window_get_type ())

G_DECLARE_FINAL_TYPE (BudWindow, bud_window, BUD, WINDOW, AdwApplicationWindow)

BudWindow *bud_window_new (BudApplication *application);

G_END_DECLS
