/* bud-history-keeper.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BUD_TYPE_HISTORY_KEEPER (bud_history_keeper_get_type ())

G_DECLARE_FINAL_TYPE (BudHistoryKeeper, bud_history_keeper, BUD, HISTORY_KEEPER, GObject)

BudHistoryKeeper *bud_history_keeper_new (GListModel *devices,
                                          const char *directory);

G_END_DECLS
