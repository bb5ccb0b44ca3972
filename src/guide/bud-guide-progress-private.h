/* bud-guide-progress-private.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bud-guide-progress.h"

G_BEGIN_DECLS

typedef struct {
  char *step_id;
  BudGuideOutcome outcome;
  gint64 started;
  gint64 finished;
  BudGuideMeasurement levels[BUD_GUIDE_N_COMPONENTS];
} StepRecord;

struct _BudGuideProgress
{
  GObject parent_instance;

  char *model_id;
  char *device_address;
  char *current_step;
  GPtrArray *records;  /* of StepRecord, in the order first tried */
  gint64 updated;
  char *discarded;

  /* Saving: the generation counts changes on the main thread; workers
   * write a snapshot only if it is newer than the last one written. */
  guint64 generation;
  GMutex save_lock;
  guint64 saved_generation;
};

StepRecord *bud_guide_step_record_new        (const char       *step_id);
void        bud_guide_step_record_free       (StepRecord       *record);
StepRecord *bud_guide_progress_find_record   (BudGuideProgress *self,
                                              const char       *step_id,
                                              gboolean          create);

G_END_DECLS
