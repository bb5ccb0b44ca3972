/* bud-guide-private.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bud-guide.h"

G_BEGIN_DECLS

BudGuideStep *bud_guide_step_new_from_json  (JsonObject         *object,
                                             const char         *source_name,
                                             const char         *path,
                                             GError            **error);

gboolean      bud_guide_check_members       (JsonObject         *object,
                                             const char * const *allowed,
                                             const char         *source_name,
                                             const char         *path,
                                             GError            **error);
gboolean      bud_guide_check_identifier    (const char         *value,
                                             const char         *source_name,
                                             const char         *field,
                                             GError            **error);
char         *bud_guide_translate           (const char         *msgid);
void          bud_guide_propagate_error     (GError            **dest,
                                             GError             *src);

G_END_DECLS
