/* bud-support-report.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bud-device.h"
#include "bud-firmware-catalog.h"
#include "bud-guide-progress.h"

G_BEGIN_DECLS

char *bud_support_report_build (BudGuideProgress   *progress,
                                BudDevice          *device,
                                BudFirmwareCatalog *catalog,
                                gboolean            as_json);

G_END_DECLS
