/* test-diagnosis.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bud-diagnosis.h"

#define NOW 1790000000
#define MINUTE 60
#define L BUD_BATTERY_COMPONENT_LEFT
#define R BUD_BATTERY_COMPONENT_RIGHT
#define CASE BUD_BATTERY_COMPONENT_CASE
#define SINGLE BUD_BATTERY_COMPONENT_SINGLE
#define CHG BUD_CHARGE_STATUS_CHARGING
#define NOT BUD_CHARGE_STATUS_NOT_CHARGING

static gint64
fixed_clock (gpointer user_data)
{
  return NOW;
}

static BudBatteryHistory *
new_history (void)
{
  BudBatteryHistory *history = bud_battery_history_new ("00:11:22:33:44:55");

  bud_battery_history_set_clock (history, fixed_clock, NULL);
  return history;
}

/* Adds levels at the given minutes before now, ending with -1. */
static void
add_series (BudBatteryHistory   *history,
            BudBatteryComponent  component,
            BudChargeStatus      status,
            ...)
{
  va_list args;
  int minutes_ago;

  va_start (args, status);
  while ((minutes_ago = va_arg (args, int)) >= 0)
    {
      int level = va_arg (args, int);

      bud_battery_history_add_at (history, component, level, status,
                                  NOW - (gint64) minutes_ago * MINUTE);
    }
  va_end (args);
}

static GPtrArray *
diagnose (BudBatteryHistory      *history,
          const BudFirmwareCheck *firmware,
          gboolean                docked,
          gboolean                on_power,
          gboolean                idle)
{
  BudDiagnosisInput input = {
    .history = history, .firmware = firmware,
    .buds_docked = docked, .case_on_power = on_power, .idle = idle,
  };

  return bud_diagnose (&input);
}

static void
assert_findings (GPtrArray *findings,
                 ...)
{
  va_list args;
  guint i = 0;
  const char *id;

  va_start (args, findings);
  while ((id = va_arg (args, const char *)) != NULL)
    {
      const char *step = va_arg (args, const char *);
      BudFinding *finding;

      g_assert_cmpuint (i, <, findings->len);
      finding = g_ptr_array_index (findings, i++);
      g_assert_cmpstr (finding->id, ==, id);
      g_assert_cmpstr (finding->step_id, ==, step);
      g_assert_nonnull (finding->message);
      g_assert_cmpstr (finding->message, !=, "");
    }
  va_end (args);
  g_assert_cmpuint (i, ==, findings->len);
}

static void
test_diagnosis_nothing_known (void)
{
  BudBatteryHistory *history = new_history ();
  g_autoptr (GPtrArray) none = diagnose (NULL, NULL, TRUE, TRUE, TRUE);
  g_autoptr (GPtrArray) empty = diagnose (history, NULL, TRUE, TRUE, TRUE);

  assert_findings (none, NULL);
  assert_findings (empty, NULL);
  g_assert_finalize_object (history);
}

static void
test_diagnosis_case (void)
{
  BudBatteryHistory *flat = new_history ();
  BudBatteryHistory *low = new_history ();
  BudBatteryHistory *charging = new_history ();
  BudBatteryHistory *fine = new_history ();
  g_autoptr (GPtrArray) flat_findings = NULL;
  g_autoptr (GPtrArray) low_findings = NULL;
  g_autoptr (GPtrArray) charging_findings = NULL;
  g_autoptr (GPtrArray) fine_findings = NULL;

  add_series (flat, CASE, NOT, 50, 3, -1);
  add_series (low, CASE, NOT, 50, 15, -1);
  add_series (charging, CASE, CHG, 50, 10, 30, 20, 10, 30, -1);
  add_series (fine, CASE, NOT, 50, 60, -1);

  flat_findings = diagnose (flat, NULL, FALSE, FALSE, FALSE);
  low_findings = diagnose (low, NULL, FALSE, FALSE, FALSE);
  charging_findings = diagnose (charging, NULL, FALSE, TRUE, FALSE);
  fine_findings = diagnose (fine, NULL, FALSE, FALSE, FALSE);

  assert_findings (flat_findings, "case-flat", "charge-case", NULL);
  g_assert_cmpint (((BudFinding *) flat_findings->pdata[0])->severity, ==,
                   BUD_SEVERITY_CRITICAL);
  g_assert_nonnull (strstr (((BudFinding *) flat_findings->pdata[0])->message, "3 %"));
  assert_findings (low_findings, "case-low", "charge-case", NULL);
  assert_findings (charging_findings, NULL);
  assert_findings (fine_findings, NULL);

  g_assert_finalize_object (flat);
  g_assert_finalize_object (low);
  g_assert_finalize_object (charging);
  g_assert_finalize_object (fine);
}

static void
test_diagnosis_one_bud (void)
{
  BudBatteryHistory *left_stuck = new_history ();
  BudBatteryHistory *right_stuck = new_history ();
  g_autoptr (GPtrArray) left_findings = NULL;
  g_autoptr (GPtrArray) right_findings = NULL;

  /* Both report "charging"; only one of them actually gains charge. */
  add_series (left_stuck, L, CHG, 40, 40, -1);
  add_series (left_stuck, R, CHG, 40, 40, 30, 50, 20, 60, 10, 70, -1);
  add_series (left_stuck, CASE, NOT, 40, 80, -1);
  add_series (right_stuck, L, CHG, 40, 40, 30, 50, 20, 60, 10, 70, -1);
  add_series (right_stuck, R, CHG, 40, 40, -1);

  left_findings = diagnose (left_stuck, NULL, FALSE, FALSE, FALSE);
  right_findings = diagnose (right_stuck, NULL, TRUE, FALSE, FALSE);

  assert_findings (left_findings, "left-not-charging", "reseat", NULL);
  assert_findings (right_findings, "right-not-charging", "reseat", NULL);

  g_assert_finalize_object (left_stuck);
  g_assert_finalize_object (right_stuck);
}

static void
test_diagnosis_neither (void)
{
  BudBatteryHistory *history = new_history ();
  g_autoptr (GPtrArray) on_power = NULL;
  g_autoptr (GPtrArray) off_power = NULL;
  g_autoptr (GPtrArray) too_soon = NULL;
  BudDiagnosisInput input = { .history = history, .buds_docked = TRUE, .case_on_power = TRUE,
                              .window = 10 * MINUTE };

  add_series (history, L, NOT, 40, 40, -1);
  add_series (history, R, NOT, 40, 55, -1);
  add_series (history, CASE, CHG, 40, 60, 20, 70, -1);

  on_power = diagnose (history, NULL, TRUE, TRUE, FALSE);
  off_power = diagnose (history, NULL, TRUE, FALSE, FALSE);
  too_soon = bud_diagnose (&input);

  assert_findings (on_power, "buds-not-charging", "clean-contacts", NULL);
  assert_findings (off_power, NULL);
  assert_findings (too_soon, NULL);

  g_assert_finalize_object (history);
}

static BudFirmwareCatalog *
load_catalog (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  BudFirmwareCatalog *catalog;

  path = g_build_filename (g_getenv ("EARBUD_DOCTOR_DATA_DIR"), "firmware.json", NULL);
  catalog = bud_firmware_catalog_new_from_file (path, &error);
  g_assert_no_error (error);

  return catalog;
}

static void
test_diagnosis_firmware (void)
{
  BudFirmwareCatalog *catalog = load_catalog ();
  BudBatteryHistory *flat_case = new_history ();
  g_autoptr (BudFirmwareCheck) old = bud_firmware_catalog_check (catalog, "sony-wf-1000xm4",
                                                                 "2.1.0");
  g_autoptr (BudFirmwareCheck) drain = bud_firmware_catalog_check (catalog, "sony-wf-1000xm4",
                                                                   "1.4.2");
  g_autoptr (BudFirmwareCheck) current = bud_firmware_catalog_check (catalog, "sony-wf-1000xm4",
                                                                     "2.3.1");
  g_autoptr (GPtrArray) old_findings = NULL;
  g_autoptr (GPtrArray) drain_findings = NULL;
  g_autoptr (GPtrArray) current_findings = NULL;
  BudFinding *first;

  add_series (flat_case, CASE, NOT, 30, 2, -1);

  old_findings = diagnose (NULL, old, FALSE, FALSE, FALSE);
  drain_findings = diagnose (flat_case, drain, FALSE, FALSE, FALSE);
  current_findings = diagnose (NULL, current, FALSE, FALSE, FALSE);

  assert_findings (old_findings, "firmware-outdated", "update-firmware", NULL);
  first = g_ptr_array_index (old_findings, 0);
  g_assert_nonnull (strstr (first->message, "2.3.1"));
  g_assert_nonnull (strstr (first->message, "2026-09-30"));

  /* A release with a known drain problem is updated before anything else. */
  assert_findings (drain_findings, "firmware-known-drain", "update-firmware",
                   "case-flat", "charge-case", NULL);
  assert_findings (current_findings, NULL);

  g_assert_finalize_object (flat_case);
  g_assert_finalize_object (catalog);
}

static void
test_diagnosis_fast_drain (void)
{
  BudBatteryHistory *fast = new_history ();
  BudBatteryHistory *slow = new_history ();
  g_autoptr (GPtrArray) idle = NULL;
  g_autoptr (GPtrArray) playing = NULL;
  g_autoptr (GPtrArray) slow_findings = NULL;
  BudDiagnosisInput slow_input = { .history = slow, .idle = TRUE, .window = 3 * 3600 };

  add_series (fast, R, NOT, 59, 80, 40, 70, 20, 60, 1, 50, -1);
  add_series (fast, L, NOT, 59, 80, -1);
  add_series (slow, SINGLE, NOT, 170, 80, 100, 70, 10, 60, -1);

  idle = diagnose (fast, NULL, FALSE, FALSE, TRUE);
  playing = diagnose (fast, NULL, FALSE, FALSE, FALSE);
  slow_findings = bud_diagnose (&slow_input);

  assert_findings (idle, "fast-drain", "contact-support", NULL);
  g_assert_nonnull (strstr (((BudFinding *) idle->pdata[0])->message, "right earbud"));
  assert_findings (playing, NULL);
  assert_findings (slow_findings, NULL);

  g_assert_finalize_object (fast);
  g_assert_finalize_object (slow);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagnosis/nothing-known", test_diagnosis_nothing_known);
  g_test_add_func ("/diagnosis/case", test_diagnosis_case);
  g_test_add_func ("/diagnosis/one-bud", test_diagnosis_one_bud);
  g_test_add_func ("/diagnosis/neither", test_diagnosis_neither);
  g_test_add_func ("/diagnosis/firmware", test_diagnosis_firmware);
  g_test_add_func ("/diagnosis/fast-drain", test_diagnosis_fast_drain);

  return g_test_run ();
}
