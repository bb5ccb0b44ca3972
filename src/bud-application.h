/* bud-application.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BUD_TYPE_APPLICATION (bud_application_get_type ())

G_DECLARE_FINAL_TYPE (BudApplication, bud_application, BUD, APPLICATION, AdwApplication)

BudApplication *bud_application_new (void);

G_END_DECLS
