/* bud-guide-progress.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the person said after trying a step. */
typedef enum {
  BUD_GUIDE_OUTCOME_NONE,       /* not tried yet, or still in progress */
  BUD_GUIDE_OUTCOME_FIXED,      /* "That fixed it" */
  BUD_GUIDE_OUTCOME_NOT_FIXED,  /* "Still not charging" */
  BUD_GUIDE_OUTCOME_SKIPPED,
} BudGuideOutcome;

/* The battery a measurement is about: the single BlueZ level, or a part the Sony link reports. */
typedef enum {
  BUD_GUIDE_COMPONENT_DEVICE,
  BUD_GUIDE_COMPONENT_LEFT,
  BUD_GUIDE_COMPONENT_RIGHT,
  BUD_GUIDE_COMPONENT_CASE,
} BudGuideComponent;

#define BUD_GUIDE_N_COMPONENTS (BUD_GUIDE_COMPONENT_CASE + 1)

/* A level that was not recorded. */
#define BUD_GUIDE_LEVEL_UNKNOWN (-1)

/* Levels are 0–100; times are wall-clock microseconds, as from g_get_real_time (). */
typedef struct
{
  int    before;
  gint64 before_time;
  int    after;
  gint64 after_time;
} BudGuideMeasurement;

#define BUD_TYPE_GUIDE_OUTCOME (bud_guide_outcome_get_type ())
#define BUD_TYPE_GUIDE_COMPONENT (bud_guide_component_get_type ())
#define BUD_TYPE_GUIDE_PROGRESS (bud_guide_progress_get_type ())

GType bud_guide_outcome_get_type   (void) G_GNUC_CONST;
GType bud_guide_component_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (BudGuideProgress, bud_guide_progress, BUD, GUIDE_PROGRESS, GObject)

BudGuideProgress *bud_guide_progress_new              (const char          *model_id,
                                                       const char          *device_address);

BudGuideProgress *bud_guide_progress_load             (GFile               *directory,
                                                       const char          *model_id,
                                                       const char          *device_address,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
void              bud_guide_progress_load_async       (GFile               *directory,
                                                       const char          *model_id,
                                                       const char          *device_address,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
BudGuideProgress *bud_guide_progress_load_finish      (GAsyncResult        *result,
                                                       GError             **error);
gboolean          bud_guide_progress_save             (BudGuideProgress    *self,
                                                       GFile               *directory,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
void              bud_guide_progress_save_async       (BudGuideProgress    *self,
                                                       GFile               *directory,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean          bud_guide_progress_save_finish      (BudGuideProgress    *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

GBytes           *bud_guide_progress_serialize        (BudGuideProgress    *self);
BudGuideProgress *bud_guide_progress_new_from_bytes   (GBytes              *bytes,
                                                       const char          *source_name,
                                                       GError             **error);
char             *bud_guide_progress_get_file_name    (BudGuideProgress    *self);
const char       *bud_guide_progress_get_discarded    (BudGuideProgress    *self);
gint64            bud_guide_progress_get_updated      (BudGuideProgress    *self);

const char       *bud_guide_progress_get_model_id     (BudGuideProgress    *self);
const char       *bud_guide_progress_get_device_address (BudGuideProgress  *self);
gboolean          bud_guide_progress_is_empty         (BudGuideProgress    *self);
void              bud_guide_progress_clear            (BudGuideProgress    *self);

const char       *bud_guide_progress_get_current_step (BudGuideProgress    *self);
void              bud_guide_progress_set_current_step (BudGuideProgress    *self,
                                                       const char          *step_id);

GStrv             bud_guide_progress_dup_tried_steps  (BudGuideProgress    *self);
BudGuideOutcome   bud_guide_progress_get_outcome      (BudGuideProgress    *self,
                                                       const char          *step_id);
void              bud_guide_progress_set_outcome      (BudGuideProgress    *self,
                                                       const char          *step_id,
                                                       BudGuideOutcome      outcome);
const char       *bud_guide_progress_get_fixed_by     (BudGuideProgress    *self);

void              bud_guide_progress_set_before       (BudGuideProgress    *self,
                                                       const char          *step_id,
                                                       BudGuideComponent    component,
                                                       int                  level,
                                                       gint64               time);
void              bud_guide_progress_set_after        (BudGuideProgress    *self,
                                                       const char          *step_id,
                                                       BudGuideComponent    component,
                                                       int                  level,
                                                       gint64               time);
gboolean          bud_guide_progress_get_measurement  (BudGuideProgress    *self,
                                                       const char          *step_id,
                                                       BudGuideComponent    component,
                                                       BudGuideMeasurement *measurement);

G_END_DECLS
