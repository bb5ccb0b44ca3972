/* bud-measurement.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-measurement.h"

/* Turns the levels recorded when a step started, and the levels now, into a
 * sentence a person can act on: "Left earbud +8 % in 10 minutes: charging". */

int
bud_measurement_current_level (BudDevice         *device,
                               BudGuideComponent  component)
{
  if (device == NULL)
    {
      return BUD_GUIDE_LEVEL_UNKNOWN;
    }

  switch (component)
    {
    case BUD_GUIDE_COMPONENT_LEFT:
      return bud_device_get_left_level (device);
    case BUD_GUIDE_COMPONENT_RIGHT:
      return bud_device_get_right_level (device);
    case BUD_GUIDE_COMPONENT_CASE:
      return bud_device_get_case_level (device);
    case BUD_GUIDE_COMPONENT_DEVICE:
    default:
      return bud_device_get_battery (device);
    }
}

/* Whether the vendor link reports left, right and case separately. */
gboolean
bud_measurement_has_parts (BudDevice *device)
{
  return device != NULL &&
         (bud_device_get_left_level (device) >= 0 ||
          bud_device_get_right_level (device) >= 0 ||
          bud_device_get_case_level (device) >= 0);
}

static guint
elapsed_minutes (const BudGuideMeasurement *m)
{
  gint64 elapsed = m->after_time - m->before_time;

  return elapsed > 0 ? (guint) (elapsed / (60 * G_USEC_PER_SEC)) : 0;
}

/**
 * bud_measurement_verdict:
 * @measurement: levels before and after
 * @minutes: how long the step asks to wait before an unchanged level means
 *   "not charging"; BlueZ levels often move in 10 % steps, so a short wait
 *   with no change proves nothing
 */
BudMeasureVerdict
bud_measurement_verdict (const BudGuideMeasurement *measurement,
                         guint                      minutes)
{
  int delta;

  if (measurement->before < 0 || measurement->after < 0)
    {
      return BUD_MEASURE_UNKNOWN;
    }

  delta = measurement->after - measurement->before;
  if (delta > 0)
    {
      return measurement->after >= 100 ? BUD_MEASURE_FULL : BUD_MEASURE_CHARGING;
    }
  if (measurement->after >= 100)
    {
      return BUD_MEASURE_FULL;
    }
  if (delta < 0)
    {
      return BUD_MEASURE_DRAINING;
    }

  return elapsed_minutes (measurement) >= minutes ? BUD_MEASURE_NOT_CHARGING
                                                  : BUD_MEASURE_WAITING;
}

static char *
format_minutes (guint minutes)
{
  if (minutes == 0)
    {
      /* Translators: a duration, as in "+8 % in under a minute" */
      return g_strdup (_("under a minute"));
    }

  /* Translators: a duration, "in 10 minutes" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes),
                          minutes);
}

/**
 * bud_measurement_describe:
 * @finished: whether the step is over, so "not yet" no longer applies
 *
 * Returns: (transfer full): one sentence about the change, for people and screen readers
 */
char *
bud_measurement_describe (const BudGuideMeasurement *measurement,
                          BudGuideComponent          component,
                          guint                      minutes,
                          gboolean                   finished)
{
  g_autofree char *elapsed = format_minutes (elapsed_minutes (measurement));
  g_autofree char *wait = format_minutes (minutes);
  int delta = measurement->after - measurement->before;
  BudGuideComponent c = component;

  /* Whole sentences per part, so that translations can make them agree. */
#define BY_PART(device, left, right, case_) \
  (c == BUD_GUIDE_COMPONENT_LEFT ? (left) : c == BUD_GUIDE_COMPONENT_RIGHT ? (right) : \
   c == BUD_GUIDE_COMPONENT_CASE ? (case_) : (device))

  switch (bud_measurement_verdict (measurement, minutes))
    {
    case BUD_MEASURE_CHARGING:
      /* Translators: "+8 % in 10 minutes"; the earbuds as one battery, or one part */
      return g_strdup_printf (BY_PART (_("Earbuds +%d %% in %s: charging"),
                                       _("Left earbud +%d %% in %s: charging"),
                                       _("Right earbud +%d %% in %s: charging"),
                                       _("Case +%d %% in %s: charging")), delta, elapsed);
    case BUD_MEASURE_FULL:
      /* Translators: "… are full (100 %)" */
      return g_strdup_printf (BY_PART (_("Earbuds are full (%d %%)"),
                                       _("Left earbud is full (%d %%)"),
                                       _("Right earbud is full (%d %%)"),
                                       _("Case is full (%d %%)")), measurement->after);
    case BUD_MEASURE_DRAINING:
      /* Translators: "−5 % in 12 minutes" */
      return g_strdup_printf (BY_PART (_("Earbuds −%d %% in %s: draining, not charging"),
                                       _("Left earbud −%d %% in %s: draining, not charging"),
                                       _("Right earbud −%d %% in %s: draining, not charging"),
                                       _("Case −%d %% in %s: draining, not charging")),
                              -delta, elapsed);
    case BUD_MEASURE_NOT_CHARGING:
      /* Translators: %s is a duration, "30 minutes" */
      return g_strdup_printf (BY_PART (_("Earbuds did not change in %s: not charging"),
                                       _("Left earbud did not change in %s: not charging"),
                                       _("Right earbud did not change in %s: not charging"),
                                       _("Case did not change in %s: not charging")), elapsed);
    case BUD_MEASURE_WAITING:
      if (finished)
        {
          /* Translators: %s is a duration, "4 minutes" */
          return g_strdup_printf (BY_PART (_("Earbuds did not change in %s"),
                                           _("Left earbud did not change in %s"),
                                           _("Right earbud did not change in %s"),
                                           _("Case did not change in %s")), elapsed);
        }
      /* Translators: %s is a duration, "10 minutes" */
      return g_strdup_printf (BY_PART (_("Earbuds have not changed yet; give them %s"),
                                       _("Left earbud has not changed yet; give it %s"),
                                       _("Right earbud has not changed yet; give it %s"),
                                       _("Case has not changed yet; give it %s")), wait);
    case BUD_MEASURE_UNKNOWN:
    default:
      return g_strdup (BY_PART (_("Earbuds: no reading"), _("Left earbud: no reading"),
                                _("Right earbud: no reading"), _("Case: no reading")));
    }
#undef BY_PART
}

/**
 * bud_measurement_record:
 * @device: (nullable): the earbuds, if they are known
 *
 * Records the levels now: as the "before" of a step the first time, and as
 * its "after" from then on. An unchanged level is recorded too, because its
 * time is what makes "no change in 30 minutes" true.
 */
void
bud_measurement_record (BudGuideProgress *progress,
                        const char       *step_id,
                        BudDevice        *device)
{
  gboolean parts = bud_measurement_has_parts (device);
  gint64 now = g_get_real_time ();

  for (guint c = 0; c < BUD_GUIDE_N_COMPONENTS; c++)
    {
      BudGuideMeasurement m;
      int level;

      /* Levels per part, when the vendor link gives them, replace the single one. */
      if ((c == BUD_GUIDE_COMPONENT_DEVICE) == parts)
        {
          continue;
        }

      level = bud_measurement_current_level (device, c);
      if (level < 0)
        {
          continue;
        }
      if (!bud_guide_progress_get_measurement (progress, step_id, c, &m) || m.before < 0)
        {
          bud_guide_progress_set_before (progress, step_id, c, level, now);
        }
      bud_guide_progress_set_after (progress, step_id, c, level, now);
    }
}

static char *
format_eta (gint64 seconds)
{
  guint minutes = (guint) ((seconds + 59) / 60);

  if (minutes < 60)
    {
      /* Translators: how long until the battery is full */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "full in about %u minute",
                                           "full in about %u minutes", minutes), minutes);
    }

  /* Translators: how long until the battery is full, in hours and minutes */
  return g_strdup_printf (_("full in about %u h %02u min"), minutes / 60, minutes % 60);
}

/**
 * bud_measurement_describe_trend:
 * @history: (nullable): the levels recorded for the earbuds
 * @window: how many seconds to look back
 *
 * Returns: (transfer full) (nullable): what the diagnostics module makes of
 *   the recent levels, e.g. "Rising, +12 % an hour, full in about 40 minutes",
 *   or %NULL when there is too little to tell
 */
char *
bud_measurement_describe_trend (BudBatteryHistory *history,
                                BudGuideComponent  component,
                                gint64             window)
{
  BudBatteryAnalysis a;
  g_autofree char *eta = NULL;
  const char *trend;

  if (history == NULL ||
      !bud_battery_history_has_component (history, (BudBatteryComponent) component))
    {
      return NULL;
    }

  bud_battery_history_analyze (history, (BudBatteryComponent) component, window, &a);
  switch (a.trend)
    {
    case BUD_BATTERY_TREND_RISING:
      trend = _("Rising");
      break;
    case BUD_BATTERY_TREND_FLAT:
      trend = _("Not changing");
      break;
    case BUD_BATTERY_TREND_FALLING:
      trend = _("Falling");
      break;
    case BUD_BATTERY_TREND_UNKNOWN:
    default:
      return NULL;
    }

  if (!a.rate_known)
    {
      return g_strdup (trend);
    }
  if (a.eta_full > 0)
    {
      eta = format_eta (a.eta_full);
      /* Translators: "Rising, +12 % an hour, full in about 40 minutes" */
      return g_strdup_printf (_("%s, %+.0f %% an hour, %s"), trend, a.rate, eta);
    }

  /* Translators: "Falling, −8 % an hour" */
  return g_strdup_printf (_("%s, %+.0f %% an hour"), trend, a.rate);
}
