/* test-report.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bud-report.h"

#define NOW 1790000000

static gint64
fixed_clock (gpointer user_data)
{
  return NOW;
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

static JsonObject *
member_object (JsonObject *object,
               const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      object = json_object_get_object_member (object, parts[i]);
      g_assert_nonnull (object);
    }

  return object;
}

static void
test_report_full (void)
{
  BudFirmwareCatalog *catalog = load_catalog ();
  BudBatteryHistory *history = bud_battery_history_new ("F8:4E:17:00:00:01");
  g_autoptr (BudFirmwareCheck) check = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  BudDiagnosisInput diagnosis = { 0 };
  BudStepAttempt steps[2];
  BudReportInput input = { 0 };
  JsonObject *object, *step;
  JsonArray *array;

  bud_battery_history_set_clock (history, fixed_clock, NULL);
  bud_battery_history_add_at (history, BUD_BATTERY_COMPONENT_LEFT, 40,
                              BUD_CHARGE_STATUS_CHARGING, NOW - 40 * 60);
  bud_battery_history_add_at (history, BUD_BATTERY_COMPONENT_CASE, 10,
                              BUD_CHARGE_STATUS_NOT_CHARGING, NOW - 40 * 60);
  check = bud_firmware_catalog_check (catalog, "sony-wf-1000xm4", "1.4.2");
  diagnosis.history = history;
  diagnosis.firmware = check;
  findings = bud_diagnose (&diagnosis);

  bud_step_attempt_init (&steps[0], "reseat", BUD_STEP_OUTCOME_NOT_FIXED);
  steps[0].before[BUD_BATTERY_COMPONENT_LEFT] = 40;
  steps[0].after[BUD_BATTERY_COMPONENT_LEFT] = 40;
  bud_step_attempt_init (&steps[1], "charge-case", BUD_STEP_OUTCOME_FIXED);
  steps[1].started = NOW - 1800;
  steps[1].finished = NOW;
  steps[1].before[BUD_BATTERY_COMPONENT_CASE] = 10;
  steps[1].after[BUD_BATTERY_COMPONENT_CASE] = 35;

  input.device = (BudDeviceIdentity) { "F8:4E:17:00:00:01", "WF-1000XM4", "sony-wf-1000xm4",
                                       "usb:v054Cp0DE1d0201", "1.4.2" };
  input.firmware = check;
  input.history = history;
  input.findings = findings;
  input.steps = steps;
  input.n_steps = G_N_ELEMENTS (steps);
  input.created = NOW;

  json = bud_report_to_json (&input);
  root = json_from_string (json, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "format"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "created"), ==,
                   "2026-09-21T14:13:20Z");
  g_assert_cmpstr (json_object_get_string_member (member_object (object, "device"), "model"),
                   ==, "sony-wf-1000xm4");
  g_assert_cmpstr (json_object_get_string_member (member_object (object, "firmware"),
                                                  "verdict"), ==, "update-available");
  g_assert_cmpstr (json_object_get_string_member (member_object (object, "firmware"), "latest"),
                   ==, "2.3.1");
  g_assert_cmpstr (json_object_get_string_member (member_object (object,
                                                                 "battery.components.left"),
                                                  "trend"), ==, "flat");
  g_assert_cmpint (json_object_get_int_member (member_object (object, "battery.components.case"),
                                               "level"), ==, 10);
  array = json_object_get_array_member (object, "findings");
  g_assert_cmpuint (json_array_get_length (array), ==, findings->len);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"),
                   ==, "firmware-known-drain");
  array = json_object_get_array_member (object, "steps");
  step = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (step, "outcome"), ==, "fixed");
  g_assert_cmpint (json_object_get_int_member (member_object (step, "changes.case"), "change"),
                   ==, 25);

  text = bud_report_to_text (&input);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "WF-1000XM4"));
  g_assert_nonnull (strstr (text, "2.3.1 (as of 2026-09-30)"));
  g_assert_nonnull (strstr (text, "1.4.2 is the release after which"));
  g_assert_nonnull (strstr (text, "Left earbud: 40 %, not changing"));
  g_assert_nonnull (strstr (text, "charge-case: fixed it; Case 10 % → 35 % (+25)"));
  g_assert_nonnull (strstr (text, ((BudFinding *) findings->pdata[0])->message));

  g_assert_finalize_object (history);
  g_assert_finalize_object (catalog);
}

static void
test_report_minimal (void)
{
  BudReportInput input = { .device = { .address = "00:00:00:00:00:00", .name = "\xff\xfe" } };
  g_autoptr (JsonNode) root = bud_report_build (&input);
  g_autofree char *text = bud_report_to_text (&input);
  JsonObject *object = json_node_get_object (root);
  JsonObject *device = json_object_get_object_member (object, "device");

  g_assert_true (json_object_get_null_member (object, "firmware"));
  g_assert_true (json_object_get_null_member (device, "name"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "steps")), ==, 0);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "Name: unknown"));
}

static void
test_report_firmware_json (void)
{
  BudFirmwareCatalog *catalog = load_catalog ();
  g_autoptr (BudFirmwareCheck) check = bud_firmware_catalog_check (catalog, "acme", "1.0");
  g_autoptr (JsonNode) node = bud_firmware_check_to_json (check);
  JsonObject *object = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==, "unknown-model");
  g_assert_true (json_object_get_null_member (object, "latest"));
  g_assert_cmpstr (json_object_get_string_member (object, "as_of"), ==, "2026-09-30");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "notes")), ==,
                    0);

  g_assert_finalize_object (catalog);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/full", test_report_full);
  g_test_add_func ("/report/minimal", test_report_minimal);
  g_test_add_func ("/report/firmware-json", test_report_firmware_json);

  return g_test_run ();
}
