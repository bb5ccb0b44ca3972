/* bud-firmware-model-private.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bud-firmware-model.h"

G_BEGIN_DECLS

BudFirmwareModel *bud_firmware_model_new_from_json (JsonObject  *object,
                                                    const char  *source_name,
                                                    const char  *path,
                                                    GError     **error);
gboolean          bud_firmware_date_is_valid       (const char  *date);

G_END_DECLS
