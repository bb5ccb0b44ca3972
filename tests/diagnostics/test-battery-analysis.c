/* test-battery-analysis.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bud-battery-analysis.h"

#define MINUTE 60
#define HOUR 3600
#define C BUD_CHARGE_STATUS_CHARGING
#define N BUD_CHARGE_STATUS_NOT_CHARGING
#define U BUD_CHARGE_STATUS_UNKNOWN

static void
analyze (const BudBatterySample *samples,
         guint                   n,
         gint64                  now,
         BudBatteryAnalysis     *out)
{
  bud_battery_analyze (samples, n, now, HOUR, out);
}

static void
test_analysis_rising_steps (void)
{
  /* HFP-style 10 % steps at roughly 67 %/hour. */
  const BudBatterySample s[] = {
    { 0, 40, C }, { 7 * MINUTE, 50, C }, { 16 * MINUTE, 60, C }, { 25 * MINUTE, 70, C },
  };
  BudBatteryAnalysis a;

  analyze (s, G_N_ELEMENTS (s), 28 * MINUTE, &a);
  g_assert_cmpint (a.trend, ==, BUD_BATTERY_TREND_RISING);
  g_assert_cmpint (a.charging, ==, BUD_CHARGING_YES);
  g_assert_true (a.rate_known);
  g_assert_cmpfloat_with_epsilon (a.rate, 20.0 * 3600 / (18 * MINUTE), 0.01);
  g_assert_cmpint (a.eta_full, ==, 30 * 18 * MINUTE / 20);
  g_assert_cmpint (a.first_level, ==, 40);
  g_assert_cmpint (a.last_level, ==, 70);
  g_assert_cmpuint (a.n_samples, ==, 4);
  g_assert_cmpstr (bud_battery_trend_to_string (a.trend), ==, "rising");
  g_assert_cmpstr (bud_charging_answer_to_string (a.charging), ==, "yes");
}

static void
test_analysis_flat (void)
{
  const BudBatterySample s[] = { { 0, 60, C } };
  BudBatteryAnalysis a;

  /* Too soon to call it flat: a step may just not have come yet. */
  analyze (s, G_N_ELEMENTS (s), 10 * MINUTE, &a);
  g_assert_cmpint (a.trend, ==, BUD_BATTERY_TREND_UNKNOWN);
  g_assert_cmpint (a.charging, ==, BUD_CHARGING_UNKNOWN);
  g_assert_false (a.rate_known);

  analyze (s, G_N_ELEMENTS (s), 30 * MINUTE, &a);
  g_assert_cmpint (a.trend, ==, BUD_BATTERY_TREND_FLAT);
  g_assert_cmpint (a.charging, ==, BUD_CHARGING_NO);
  g_assert_true (a.rate_known);
  g_assert_cmpfloat (a.rate, ==, 0);
  g_assert_cmpint (a.eta_full, ==, -1);
}

static void
test_analysis_stalled (void)
{
  const BudBatterySample s[] = { { 0, 40, C }, { 10 * MINUTE, 50, C }, { 20 * MINUTE, 60, C } };
  BudBatteryAnalysis a;

  analyze (s, G_N_ELEMENTS (s), 25 * MINUTE, &a);
  g_assert_cmpint (a.trend, ==, BUD_BATTERY_TREND_RISING);

  /* Fifty minutes without the next step that should take ten. */
  analyze (s, G_N_ELEMENTS (s), 70 * MINUTE, &a);
  g_assert_cmpint (a.trend, ==, BUD_BATTERY_TREND_FLAT);
  g_assert_cmpint (a.charging, ==, BUD_CHARGING_NO);
}

static void
test_analysis_bounce (void)
{
  /* A level that flickers between two steps goes nowhere. */
  const BudBatterySample s[] = { { 0, 60, N }, { 2 * MINUTE, 50, N }, { 4 * MINUTE, 60, N } };
  BudBatteryAnalysis a;

  analyze (s, G_N_ELEMENTS (s), 6 * MINUTE, &a);
  g_assert_cmpint (a.trend, ==, BUD_BATTERY_TREND_UNKNOWN);
  analyze (s, G_N_ELEMENTS (s), 40 * MINUTE, &a);
  g_assert_cmpint (a.trend, ==, BUD_BATTERY_TREND_FLAT);
}

static void
test_analysis_gap (void)
{
  /* The buds charged in a closed case, out of reach, for 55 minutes. */
  const BudBatterySample charged[] = {
    { 0, 50, C }, { 5 * MINUTE, -1, U }, { 60 * MINUTE, 90, C },
  };
  const BudBatterySample same[] = { { 0, 50, C }, { 5 * MINUTE, -1, U }, { 60 * MINUTE, 50, C } };
  const BudBatterySample gone[] = { { 0, 50, C }, { 40 * MINUTE, -1, U } };
  BudBatteryAnalysis a;

  bud_battery_analyze (charged, G_N_ELEMENTS (charged), 62 * MINUTE, 2 * HOUR, &a);
  g_assert_cmpint (a.trend, ==, BUD_BATTERY_TREND_RISING);
  g_assert_cmpint (a.charging, ==, BUD_CHARGING_YES);
  g_assert_cmpfloat_with_epsilon (a.rate, 40.0, 0.01);
  g_assert_cmpint (a.observed, ==, 7 * MINUTE);

  /* A gap is not evidence of a flat battery. */
  analyze (same, G_N_ELEMENTS (same), 62 * MINUTE, &a);
  g_assert_cmpint (a.trend, ==, BUD_BATTERY_TREND_UNKNOWN);

  analyze (gone, G_N_ELEMENTS (gone), 50 * MINUTE, &a);
  g_assert_cmpint (a.trend, ==, BUD_BATTERY_TREND_FLAT);
  g_assert_cmpint (a.charging, ==, BUD_CHARGING_UNKNOWN);
}

static void
test_analysis_falling (void)
{
  const BudBatterySample s[] = {
    { 0, 80, N }, { 20 * MINUTE, 70, N }, { 40 * MINUTE, 60, N }, { 60 * MINUTE, 50, N },
  };
  BudBatteryAnalysis a;

  analyze (s, G_N_ELEMENTS (s), 61 * MINUTE, &a);
  g_assert_cmpint (a.trend, ==, BUD_BATTERY_TREND_FALLING);
  g_assert_cmpint (a.charging, ==, BUD_CHARGING_NO);
  g_assert_cmpfloat_with_epsilon (a.rate, -30.0, 0.01);
}

static void
test_analysis_full (void)
{
  const BudBatterySample full[] = {
    { 0, 90, C }, { 10 * MINUTE, 100, BUD_CHARGE_STATUS_CHARGED },
  };
  BudBatteryAnalysis a;

  analyze (full, G_N_ELEMENTS (full), 12 * MINUTE, &a);
  g_assert_cmpint (a.charging, ==, BUD_CHARGING_FULL);
  g_assert_cmpint (a.eta_full, ==, 0);
}

static void
test_analysis_window (void)
{
  /* The sample before the window gives the level at its start. */
  const BudBatterySample s[] = { { 0, 40, C }, { 3 * HOUR - 10 * MINUTE, 50, C } };
  BudBatteryAnalysis a;

  bud_battery_analyze (s, G_N_ELEMENTS (s), 3 * HOUR, HOUR, &a);
  g_assert_cmpint (a.first_level, ==, 40);
  g_assert_cmpint (a.last_level, ==, 50);
  g_assert_cmpint (a.trend, ==, BUD_BATTERY_TREND_RISING);
  g_assert_cmpint (a.observed, ==, HOUR);
  g_assert_cmpfloat_with_epsilon (a.rate, 10.0 * HOUR / (50 * MINUTE), 0.01);

  /* Samples from the future are ignored; no samples, no verdict. */
  bud_battery_analyze (s, G_N_ELEMENTS (s), 0, HOUR, &a);
  g_assert_cmpuint (a.n_samples, ==, 1);
  bud_battery_analyze (NULL, 0, 0, HOUR, &a);
  g_assert_cmpint (a.trend, ==, BUD_BATTERY_TREND_UNKNOWN);
  g_assert_cmpint (a.last_level, ==, -1);
}

static void
test_analysis_names (void)
{
  BudBatteryComponent component;
  BudChargeStatus status;

  g_assert_true (bud_battery_component_from_string ("case", &component));
  g_assert_cmpint (component, ==, BUD_BATTERY_COMPONENT_CASE);
  g_assert_false (bud_battery_component_from_string ("middle", &component));
  g_assert_true (bud_charge_status_from_string ("charged", &status));
  g_assert_cmpint (status, ==, BUD_CHARGE_STATUS_CHARGED);
  g_assert_cmpstr (bud_charge_status_to_string (BUD_CHARGE_STATUS_NOT_CHARGING), ==,
                   "not-charging");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/battery-analysis/rising-steps", test_analysis_rising_steps);
  g_test_add_func ("/battery-analysis/flat", test_analysis_flat);
  g_test_add_func ("/battery-analysis/stalled", test_analysis_stalled);
  g_test_add_func ("/battery-analysis/bounce", test_analysis_bounce);
  g_test_add_func ("/battery-analysis/gap", test_analysis_gap);
  g_test_add_func ("/battery-analysis/falling", test_analysis_falling);
  g_test_add_func ("/battery-analysis/full", test_analysis_full);
  g_test_add_func ("/battery-analysis/window", test_analysis_window);
  g_test_add_func ("/battery-analysis/names", test_analysis_names);

  return g_test_run ();
}
