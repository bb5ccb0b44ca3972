/* bud-support-report.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bud-report.h"
#include "bud-support-report.h"

/* Feeds what the guide recorded into the diagnostics module's report, so the
 * app and budctl produce the same document. */

static BudStepOutcome
step_outcome (BudGuideOutcome outcome)
{
  switch (outcome)
    {
    case BUD_GUIDE_OUTCOME_FIXED:
      return BUD_STEP_OUTCOME_FIXED;
    case BUD_GUIDE_OUTCOME_NOT_FIXED:
      return BUD_STEP_OUTCOME_NOT_FIXED;
    case BUD_GUIDE_OUTCOME_SKIPPED:
      return BUD_STEP_OUTCOME_SKIPPED;
    case BUD_GUIDE_OUTCOME_NONE:
    default:
      return BUD_STEP_OUTCOME_UNFINISHED;
    }
}

/* The guide's components and the history's share an order: device (single), left, right, case. */
G_STATIC_ASSERT (BUD_GUIDE_N_COMPONENTS == BUD_BATTERY_N_COMPONENTS);

static void
fill_attempt (BudStepAttempt   *attempt,
              BudGuideProgress *progress,
              const char       *step_id)
{
  bud_step_attempt_init (attempt, step_id,
                         step_outcome (bud_guide_progress_get_outcome (progress, step_id)));

  for (guint c = 0; c < BUD_GUIDE_N_COMPONENTS; c++)
    {
      BudGuideMeasurement m;

      if (!bud_guide_progress_get_measurement (progress, step_id, c, &m))
        {
          continue;
        }
      attempt->before[c] = m.before;
      attempt->after[c] = m.after;
      if (m.before >= 0 && (attempt->started == 0 || m.before_time < attempt->started))
        {
          attempt->started = m.before_time / G_USEC_PER_SEC;
        }
      if (m.after >= 0 && m.after_time / G_USEC_PER_SEC > attempt->finished)
        {
          attempt->finished = m.after_time / G_USEC_PER_SEC;
        }
    }
}

/**
 * bud_support_report_build:
 * @as_json: %TRUE for the JSON document, %FALSE for plain text
 *
 * Returns: (transfer full): the support report for what the guide recorded
 */
char *
bud_support_report_build (BudGuideProgress   *progress,
                          BudDevice          *device,
                          BudFirmwareCatalog *catalog,
                          gboolean            as_json)
{
  g_auto (GStrv) tried = bud_guide_progress_dup_tried_steps (progress);
  g_autofree BudStepAttempt *attempts = NULL;
  g_autoptr (BudFirmwareCheck) firmware = NULL;
  BudReportInput input = { 0 };
  guint n = tried != NULL ? g_strv_length (tried) : 0;

  attempts = g_new0 (BudStepAttempt, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      fill_attempt (&attempts[i], progress, tried[i]);
    }

  input.device.model_id = bud_guide_progress_get_model_id (progress);
  input.device.address = bud_guide_progress_get_device_address (progress);
  if (device != NULL)
    {
      input.device.name = bud_device_get_name (device);
      input.device.modalias = bud_device_get_modalias (device);
      input.device.firmware = bud_device_get_firmware_version (device);
    }
  if (catalog != NULL && input.device.firmware != NULL)
    {
      firmware = bud_firmware_catalog_check (catalog, input.device.model_id,
                                             input.device.firmware);
      input.firmware = firmware;
    }
  input.steps = attempts;
  input.n_steps = n;

  return as_json ? bud_report_to_json (&input) : bud_report_to_text (&input);
}
