/* bud-report.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "bud-battery-history.h"
#include "bud-diagnosis.h"
#include "bud-firmware-catalog.h"

G_BEGIN_DECLS

#define BUD_REPORT_FORMAT 1

typedef enum {
  BUD_STEP_OUTCOME_FIXED,
  BUD_STEP_OUTCOME_NOT_FIXED,
  BUD_STEP_OUTCOME_SKIPPED,
  BUD_STEP_OUTCOME_UNFINISHED,
} BudStepOutcome;

/* One guide step the person tried. Levels are -1 when not measured; times
 * are seconds since the epoch, 0 when unknown. */
typedef struct {
  const char     *step_id;
  BudStepOutcome  outcome;
  gint64          started;
  gint64          finished;
  int             before[BUD_BATTERY_N_COMPONENTS];
  int             after[BUD_BATTERY_N_COMPONENTS];
} BudStepAttempt;

typedef struct {
  const char *address;
  const char *name;
  const char *model_id;
  const char *modalias;
  const char *firmware;
} BudDeviceIdentity;

/* Everything but @device may be %NULL or empty. */
typedef struct {
  BudDeviceIdentity       device;
  const BudFirmwareCheck *firmware;
  BudBatteryHistory      *history;
  GPtrArray              *findings;  /* BudFinding */
  const BudStepAttempt   *steps;
  guint                   n_steps;
  gint64                  created;   /* 0 for now */
  gint64                  window;    /* battery summary window, 0 for an hour */
} BudReportInput;

void        bud_step_attempt_init          (BudStepAttempt       *attempt,
                                            const char           *step_id,
                                            BudStepOutcome        outcome);
const char *bud_step_outcome_to_string     (BudStepOutcome        outcome);
JsonNode   *bud_firmware_check_to_json     (const BudFirmwareCheck *check);
JsonNode   *bud_report_build               (const BudReportInput *input);
char       *bud_report_to_json             (const BudReportInput *input);
char       *bud_report_to_text             (const BudReportInput *input);

G_END_DECLS
