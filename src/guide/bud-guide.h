/* bud-guide.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bud-guide-step.h"

G_BEGIN_DECLS

#define BUD_GUIDE_ERROR (bud_guide_error_quark ())

typedef enum {
  BUD_GUIDE_ERROR_INVALID,    /* the file is not a guide this version understands */
  BUD_GUIDE_ERROR_READ,       /* the file could not be read */
  BUD_GUIDE_ERROR_NOT_FOUND,  /* there is no guide for the model */
} BudGuideError;

/* The model id of the guide for earbuds the catalogue doesn't know. */
#define BUD_GUIDE_GENERIC_MODEL "generic"

/* Guide files larger than this are rejected unread. */
#define BUD_GUIDE_MAX_SIZE (256 * 1024)

#define BUD_TYPE_GUIDE (bud_guide_get_type ())

/* A BudGuide is a GListModel of BudGuideStep, in the order the person follows them. */
G_DECLARE_FINAL_TYPE (BudGuide, bud_guide, BUD, GUIDE, GObject)

GQuark        bud_guide_error_quark              (void);

BudGuide     *bud_guide_new_from_bytes           (GBytes              *bytes,
                                                  const char          *source_name,
                                                  GError             **error);
BudGuide     *bud_guide_new_from_file            (GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void          bud_guide_new_from_file_async      (GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
BudGuide     *bud_guide_new_from_file_finish     (GAsyncResult        *result,
                                                  GError             **error);

BudGuide     *bud_guide_load_for_model           (GFile               *guides_dir,
                                                  const char          *model_id,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void          bud_guide_load_for_model_async     (GFile               *guides_dir,
                                                  const char          *model_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
BudGuide     *bud_guide_load_for_model_finish    (GAsyncResult        *result,
                                                  GError             **error);

const char   *bud_guide_get_model_id             (BudGuide            *self);
const char   *bud_guide_get_name                 (BudGuide            *self);
const char   *bud_guide_get_source_name          (BudGuide            *self);
const GError *bud_guide_get_fallback_error       (BudGuide            *self);

guint         bud_guide_get_n_steps              (BudGuide            *self);
BudGuideStep *bud_guide_get_step                 (BudGuide            *self,
                                                  guint                position);
BudGuideStep *bud_guide_lookup_step              (BudGuide            *self,
                                                  const char          *step_id,
                                                  guint               *position);
BudGuideStep *bud_guide_lookup_step_for_finding  (BudGuide            *self,
                                                  const char          *finding_id,
                                                  guint               *position);

G_END_DECLS
