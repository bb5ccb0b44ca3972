/* bud-diagnosis.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bud-battery-history.h"
#include "bud-firmware-catalog.h"

G_BEGIN_DECLS

typedef enum {
  BUD_SEVERITY_INFO,
  BUD_SEVERITY_WARNING,
  BUD_SEVERITY_CRITICAL,
} BudSeverity;

/* @step_id names the guide step that addresses the finding: "reseat",
 * "charge-case", "clean-contacts", "update-firmware", "reset" or
 * "contact-support". */
typedef struct {
  char        *id;
  BudSeverity  severity;
  char        *message;
  char        *step_id;
} BudFinding;

/* What the rules look at. Everything may be left empty: a rule without
 * its evidence stays silent rather than guessing. */
typedef struct {
  BudBatteryHistory      *history;
  const BudFirmwareCheck *firmware;
  gboolean                buds_docked;   /* both buds are in the case */
  gboolean                case_on_power; /* the case is on a charger */
  gboolean                idle;          /* connected, not playing audio */
  gint64                  window;        /* seconds to look back, 0 for an hour */
} BudDiagnosisInput;

/* A bud or single battery losing more than this per hour while idle is
 * draining abnormally. */
#define BUD_DIAGNOSIS_FAST_DRAIN_RATE 8.0

GPtrArray   *bud_diagnose                    (const BudDiagnosisInput *input);
void         bud_finding_free                (BudFinding              *finding);
const char  *bud_severity_to_string          (BudSeverity              severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BudFinding, bud_finding_free)

G_END_DECLS
