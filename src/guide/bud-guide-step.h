/* bud-guide-step.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The live check a step page offers, from the step's "check" object. */
typedef enum {
  BUD_GUIDE_CHECK_NONE,
  BUD_GUIDE_CHECK_BEFORE_AFTER,  /* battery levels before → after, over "minutes" */
  BUD_GUIDE_CHECK_TIMED_WAIT,    /* a countdown of "minutes" */
  BUD_GUIDE_CHECK_RESET,         /* a checklist per bud with a lid-cycle counter */
  BUD_GUIDE_CHECK_FIRMWARE,      /* the firmware verdict for the chosen earbuds */
} BudGuideCheckKind;

/* Which earbud a reset checklist item belongs to. */
typedef enum {
  BUD_GUIDE_BUD_BOTH,
  BUD_GUIDE_BUD_LEFT,
  BUD_GUIDE_BUD_RIGHT,
} BudGuideBud;

/* One item of a reset checklist. The strings are translated and owned by the step. */
typedef struct
{
  BudGuideBud  bud;
  const char  *text;
  guint        lid_cycles;  /* > 0: the person counts this many lid open–close cycles */
  const char  *led;         /* LED colour to wait for ("red", "green", …), or NULL */
} BudGuideChecklistItem;

#define BUD_TYPE_GUIDE_CHECK_KIND (bud_guide_check_kind_get_type ())
#define BUD_TYPE_GUIDE_BUD (bud_guide_bud_get_type ())
#define BUD_TYPE_GUIDE_STEP (bud_guide_step_get_type ())

GType bud_guide_check_kind_get_type (void) G_GNUC_CONST;
GType bud_guide_bud_get_type        (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (BudGuideStep, bud_guide_step, BUD, GUIDE_STEP, GObject)

const char         *bud_guide_step_get_id               (BudGuideStep *self);
const char         *bud_guide_step_get_title            (BudGuideStep *self);
const char         *bud_guide_step_get_body             (BudGuideStep *self);
const char         *bud_guide_step_get_why              (BudGuideStep *self);
const char * const *bud_guide_step_get_tips             (BudGuideStep *self);
const char         *bud_guide_step_get_illustration     (BudGuideStep *self);
const char         *bud_guide_step_get_illustration_alt (BudGuideStep *self);
const char * const *bud_guide_step_get_findings         (BudGuideStep *self);
gboolean            bud_guide_step_has_finding          (BudGuideStep *self,
                                                         const char   *finding_id);

BudGuideCheckKind   bud_guide_step_get_check_kind       (BudGuideStep *self);
guint               bud_guide_step_get_check_minutes    (BudGuideStep *self);
guint               bud_guide_step_get_lid_cycles       (BudGuideStep *self);
guint               bud_guide_step_get_n_checklist_items (BudGuideStep *self);
const BudGuideChecklistItem *
                    bud_guide_step_get_checklist_item   (BudGuideStep *self,
                                                         guint         position);

G_END_DECLS
