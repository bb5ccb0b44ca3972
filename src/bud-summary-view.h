/* bud-summary-view.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bud-guide.h"
#include "bud-guide-progress.h"

G_BEGIN_DECLS

#define BUD_TYPE_SUMMARY_VIEW (bud_summary_view_get_type ())

G_DECLARE_FINAL_TYPE (BudSummaryView, bud_summary_view, BUD, SUMMARY_VIEW, AdwBin)

void bud_summary_view_show (BudSummaryView   *self,
                            BudGuide         *guide,
                            BudGuideProgress *progress);

G_END_DECLS
