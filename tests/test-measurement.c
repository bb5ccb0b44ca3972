/* test-measurement.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "bud-measurement.h"
#include "bud-step-timer.h"
#include "bud-support-report.h"

#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)

static BudGuideMeasurement
measurement (int    before,
             int    after,
             gint64 minutes)
{
  return (BudGuideMeasurement) {
    .before = before, .before_time = 1000 * MINUTE,
    .after = after, .after_time = (1000 + minutes) * MINUTE,
  };
}

static void
test_verdicts (void)
{
  BudGuideMeasurement m;

  m = measurement (40, 48, 10);
  g_assert_cmpint (bud_measurement_verdict (&m, 10), ==, BUD_MEASURE_CHARGING);
  m = measurement (90, 100, 10);
  g_assert_cmpint (bud_measurement_verdict (&m, 10), ==, BUD_MEASURE_FULL);
  m = measurement (50, 45, 10);
  g_assert_cmpint (bud_measurement_verdict (&m, 10), ==, BUD_MEASURE_DRAINING);
  /* BlueZ levels move in 10 % steps: no change after 5 minutes proves nothing. */
  m = measurement (50, 50, 5);
  g_assert_cmpint (bud_measurement_verdict (&m, 30), ==, BUD_MEASURE_WAITING);
  m = measurement (50, 50, 30);
  g_assert_cmpint (bud_measurement_verdict (&m, 30), ==, BUD_MEASURE_NOT_CHARGING);
  m = measurement (-1, 50, 30);
  g_assert_cmpint (bud_measurement_verdict (&m, 30), ==, BUD_MEASURE_UNKNOWN);
}

static void
test_describe (void)
{
  BudGuideMeasurement m = measurement (40, 48, 10);
  g_autofree char *charging = bud_measurement_describe (&m, BUD_GUIDE_COMPONENT_LEFT, 10, FALSE);
  g_autofree char *quick = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *done = NULL;
  g_autofree char *plural_waiting = NULL;
  g_autofree char *plural_full = NULL;

  g_assert_cmpstr (charging, ==, "Left earbud +8 % in 10 minutes: charging");

  m = measurement (40, 50, 0);
  quick = bud_measurement_describe (&m, BUD_GUIDE_COMPONENT_DEVICE, 10, FALSE);
  g_assert_cmpstr (quick, ==, "Earbuds +10 % in under a minute: charging");

  m = measurement (60, 60, 30);
  flat = bud_measurement_describe (&m, BUD_GUIDE_COMPONENT_CASE, 30, FALSE);
  g_assert_cmpstr (flat, ==, "Case did not change in 30 minutes: not charging");

  m = measurement (60, 60, 4);
  waiting = bud_measurement_describe (&m, BUD_GUIDE_COMPONENT_RIGHT, 10, FALSE);
  g_assert_cmpstr (waiting, ==, "Right earbud has not changed yet; give it 10 minutes");
  done = bud_measurement_describe (&m, BUD_GUIDE_COMPONENT_RIGHT, 10, TRUE);
  g_assert_cmpstr (done, ==, "Right earbud did not change in 4 minutes");

  /* "Earbuds" are plural, and the sentence agrees. */
  m = measurement (60, 60, 4);
  plural_waiting = bud_measurement_describe (&m, BUD_GUIDE_COMPONENT_DEVICE, 10, FALSE);
  g_assert_cmpstr (plural_waiting, ==, "Earbuds have not changed yet; give them 10 minutes");
  m = measurement (90, 100, 20);
  plural_full = bud_measurement_describe (&m, BUD_GUIDE_COMPONENT_DEVICE, 10, FALSE);
  g_assert_cmpstr (plural_full, ==, "Earbuds are full (100 %)");
}

static void
test_record (void)
{
  g_autoptr (BudGuideProgress) progress = bud_guide_progress_new ("sony-wf-1000xm4",
                                                                  "AA:BB:CC:DD:EE:01");
  BudDevice *device = bud_device_new ("AA:BB:CC:DD:EE:01");
  BudGuideMeasurement m;

  /* Without readings there is nothing to record. */
  bud_measurement_record (progress, "reseat", device);
  g_assert_false (bud_guide_progress_get_measurement (progress, "reseat",
                                                      BUD_GUIDE_COMPONENT_DEVICE, &m) &&
                  m.before >= 0);

  bud_device_set_battery (device, 40);
  bud_measurement_record (progress, "reseat", device);
  g_assert_true (bud_guide_progress_get_measurement (progress, "reseat",
                                                     BUD_GUIDE_COMPONENT_DEVICE, &m));
  g_assert_cmpint (m.before, ==, 40);
  g_assert_cmpint (m.after, ==, 40);

  bud_device_set_battery (device, 50);
  bud_measurement_record (progress, "reseat", device);
  g_assert_true (bud_guide_progress_get_measurement (progress, "reseat",
                                                     BUD_GUIDE_COMPONENT_DEVICE, &m));
  g_assert_cmpint (m.before, ==, 40);
  g_assert_cmpint (m.after, ==, 50);

  /* Once the vendor link reports parts, they are measured instead of the aggregate. */
  bud_device_set_left_level (device, 70);
  bud_measurement_record (progress, "clean-contacts", device);
  g_assert_true (bud_guide_progress_get_measurement (progress, "clean-contacts",
                                                     BUD_GUIDE_COMPONENT_LEFT, &m));
  g_assert_cmpint (m.before, ==, 70);
  g_assert_false (bud_guide_progress_get_measurement (progress, "clean-contacts",
                                                      BUD_GUIDE_COMPONENT_DEVICE, &m) &&
                  m.before >= 0);

  g_assert_finalize_object (device);
}

static void
test_support_report (void)
{
  g_autoptr (BudGuideProgress) progress = bud_guide_progress_new ("sony-wf-1000xm4",
                                                                  "AA:BB:CC:DD:EE:01");
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  BudDevice *device = bud_device_new ("AA:BB:CC:DD:EE:01");
  JsonObject *root;

  bud_device_set_name (device, "WF-1000XM4");
  bud_device_set_battery (device, 40);
  bud_measurement_record (progress, "reseat", device);
  bud_device_set_battery (device, 48);
  bud_measurement_record (progress, "reseat", device);
  bud_guide_progress_set_outcome (progress, "reseat", BUD_GUIDE_OUTCOME_NOT_FIXED);

  json = bud_support_report_build (progress, device, NULL, TRUE);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "format"));
  g_assert_nonnull (strstr (json, "reseat"));
  g_assert_nonnull (strstr (json, "AA:BB:CC:DD:EE:01"));

  text = bud_support_report_build (progress, device, NULL, FALSE);
  g_assert_nonnull (strstr (text, "WF-1000XM4"));

  g_assert_finalize_object (device);
}

static void
finished_cb (BudStepTimer *timer,
             GParamSpec   *pspec,
             GMainLoop    *loop)
{
  if (bud_step_timer_get_finished (timer))
    {
      g_main_loop_quit (loop);
    }
}

/* Counts every notification, failing on any but "running" and "remaining". */
static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n_running)
{
  if (g_str_equal (pspec->name, "running"))
    {
      (*n_running)++;
      return;
    }
  g_assert_cmpstr (pspec->name, ==, "remaining");
}

static void
test_timer (void)
{
  BudStepTimer *timer = bud_step_timer_new (NULL);
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint n_running = 0;

  g_assert_false (bud_step_timer_get_running (timer));
  bud_step_timer_start (timer, "charge-case", "Charge the Case", 1);
  g_assert_true (bud_step_timer_get_running (timer));
  g_assert_cmpstr (bud_step_timer_get_step_id (timer), ==, "charge-case");
  g_assert_cmpuint (bud_step_timer_get_remaining (timer), ==, 1);

  g_signal_connect (timer, "notify::finished", G_CALLBACK (finished_cb), loop);
  g_main_loop_run (loop);
  g_assert_false (bud_step_timer_get_running (timer));
  g_assert_cmpuint (bud_step_timer_get_remaining (timer), ==, 0);

  /* Cancelling stops the countdown without calling it finished. */
  bud_step_timer_start (timer, "charge-case", "Charge the Case", 60);
  g_assert_false (bud_step_timer_get_finished (timer));

  /* Restarting the same step says "running" once, and nothing about what didn't change. */
  g_signal_connect (timer, "notify", G_CALLBACK (count_notify_cb), &n_running);
  bud_step_timer_start (timer, "charge-case", "Charge the Case", 60);
  g_assert_cmpuint (n_running, ==, 1);
  g_signal_handlers_disconnect_by_func (timer, count_notify_cb, &n_running);

  bud_step_timer_cancel (timer);
  g_assert_false (bud_step_timer_get_running (timer));
  g_assert_false (bud_step_timer_get_finished (timer));

  g_assert_finalize_object (timer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/measurement/verdicts", test_verdicts);
  g_test_add_func ("/measurement/describe", test_describe);
  g_test_add_func ("/measurement/record", test_record);
  g_test_add_func ("/measurement/support-report", test_support_report);
  g_test_add_func ("/measurement/timer", test_timer);

  return g_test_run ();
}
