/* bud-guide.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BUD_GUIDE_ERROR (bud_guide_error_quark ())

typedef enum {
  BUD_GUIDE_ERROR_INVALID,
} BudGuideError;

#define BUD_TYPE_GUIDE (bud_guide_get_type ())

G_DECLARE_FINAL_TYPE (BudGuide, bud_guide, BUD, GUIDE, GObject)

GQuark      bud_guide_error_quark    (void);
BudGuide   *bud_guide_new_from_bytes (GBytes     *bytes,
                                      const char *source_name,
                                      GError    **error);
const char *bud_guide_get_model_id   (BudGuide   *self);
guint       bud_guide_get_n_steps    (BudGuide   *self);
const char *bud_guide_get_step_id    (BudGuide   *self,
                                      guint       position);
const char *bud_guide_get_step_title (BudGuide   *self,
                                      guint       position);

G_END_DECLS
