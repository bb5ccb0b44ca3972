/* bud-version.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean bud_version_is_valid (const char *version);
int      bud_version_compare  (const char *a,
                               const char *b);

G_END_DECLS
