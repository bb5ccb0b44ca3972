/* bud-battery-analysis.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading a trend out of battery levels that move in 10 % steps (HFP) and
 * that vanish while the buds sit in a closed case.
 *
 * The rate is measured between the first and the last change of level in
 * the window, not between the first and the last sample: a step happens
 * at some unknown moment after the previous reading, but two changes are
 * both step boundaries, so the time between them is exact. A level that
 * then stops changing for much longer than a step took counts as stalled.
 * Samples with level -1 mark the component as absent; that time is not
 * counted as "observed", so a gap never looks like a flat battery. */

#include "config.h"

#include "bud-battery-analysis.h"

typedef struct {
  gint64 first_time;
  gint64 seg_start;
  gint64 end;
  gboolean present;
  int prev_level;
  guint n_changes;
  gint64 first_change_time;
  int first_change_level;
  gint64 last_change_time;
  int last_change_level;
  int last_step;
} Scan;

static void
scan_sample (Scan                   *scan,
             const BudBatterySample *sample,
             gint64                  time,
             BudBatteryAnalysis     *out)
{
  if (sample->level < 0)
    {
      if (scan->present)
        {
          out->observed += time - scan->seg_start;
        }
      scan->present = FALSE;
      scan->end = time;
      return;
    }

  if (!scan->present)
    {
      scan->seg_start = time;
      scan->present = TRUE;
    }
  if (out->first_level < 0)
    {
      out->first_level = sample->level;
      scan->first_time = time;
    }
  if (scan->prev_level >= 0 && sample->level != scan->prev_level)
    {
      if (scan->n_changes == 0)
        {
          scan->first_change_time = time;
          scan->first_change_level = sample->level;
        }
      scan->last_change_time = time;
      scan->last_change_level = sample->level;
      scan->last_step = ABS (sample->level - scan->prev_level);
      scan->n_changes++;
    }

  scan->prev_level = sample->level;
  out->last_level = sample->level;
  out->last_time = sample->time;
  out->last_status = sample->status;
  out->n_samples++;
}

static void
measure_rate (const Scan         *scan,
              BudBatteryAnalysis *out)
{
  gint64 span;

  if (scan->n_changes >= 2 && scan->last_change_time > scan->first_change_time)
    {
      span = scan->last_change_time - scan->first_change_time;
      out->rate = (scan->last_change_level - scan->first_change_level) * 3600.0 / span;
      out->rate_known = TRUE;
    }
  else if (scan->n_changes >= 1 && scan->last_change_time - scan->first_time >= 60)
    {
      /* One step only: the level may have been reached well before the first reading,
       * so this is a lower bound on the speed. */
      span = scan->last_change_time - scan->first_time;
      out->rate = (scan->last_change_level - out->first_level) * 3600.0 / span;
      out->rate_known = TRUE;
    }
  else if (scan->n_changes == 0 && out->observed >= BUD_BATTERY_MIN_FLAT_SECONDS)
    {
      out->rate = 0;
      out->rate_known = TRUE;
    }
}

static gboolean
is_stalled (const Scan         *scan,
            BudBatteryAnalysis *out)
{
  gint64 since, step_time;

  if (scan->n_changes == 0 || !out->rate_known || out->rate == 0)
    {
      return FALSE;
    }

  since = scan->end - scan->last_change_time;
  step_time = (gint64) (scan->last_step * 3600.0 / ABS (out->rate));

  return since >= BUD_BATTERY_MIN_FLAT_SECONDS && since > 2 * step_time;
}

static void
decide (const Scan         *scan,
        BudBatteryAnalysis *out)
{
  int net = out->last_level - out->first_level;
  gboolean long_enough = out->observed >= BUD_BATTERY_MIN_FLAT_SECONDS;

  if (out->n_samples == 0)
    {
      return;
    }

  if (is_stalled (scan, out))
    {
      out->trend = BUD_BATTERY_TREND_FLAT;
      out->rate = net * 3600.0 / MAX (scan->end - scan->first_time, 1);
    }
  else if (net > 0)
    {
      out->trend = BUD_BATTERY_TREND_RISING;
    }
  else if (net < 0)
    {
      out->trend = BUD_BATTERY_TREND_FALLING;
    }
  else if (long_enough)
    {
      out->trend = BUD_BATTERY_TREND_FLAT;
    }

  if (!scan->present)
    {
      out->charging = BUD_CHARGING_UNKNOWN;
    }
  else if (out->last_level >= 100 || out->last_status == BUD_CHARGE_STATUS_CHARGED)
    {
      out->charging = BUD_CHARGING_FULL;
      out->eta_full = 0;
    }
  else if (out->trend == BUD_BATTERY_TREND_RISING)
    {
      out->charging = BUD_CHARGING_YES;
      if (out->rate_known && out->rate > 0)
        {
          out->eta_full = (gint64) ((100 - out->last_level) * 3600.0 / out->rate + 0.5);
        }
    }
  else if (out->trend != BUD_BATTERY_TREND_UNKNOWN)
    {
      out->charging = BUD_CHARGING_NO;
    }
}

/**
 * bud_battery_analyze:
 * @samples: samples of one component, oldest first
 * @n_samples: the number of @samples
 * @now: the current time, in seconds since the epoch
 * @window: how far back to look, in seconds
 * @out: (out caller-allocates): the result
 *
 * Works out the trend, the rate, the time to full and whether the component
 * is charging over the last @window seconds. The last sample before the
 * window gives the level at its start.
 */
void
bud_battery_analyze (const BudBatterySample *samples,
                     guint                   n_samples,
                     gint64                  now,
                     gint64                  window,
                     BudBatteryAnalysis     *out)
{
  gint64 start = now - MAX (window, 0);
  Scan scan = { .prev_level = -1, .end = now };
  guint first = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (samples != NULL || n_samples == 0);

  *out = (BudBatteryAnalysis) {
    .first_level = -1, .last_level = -1, .eta_full = -1,
    .last_status = BUD_CHARGE_STATUS_UNKNOWN,
  };

  while (first + 1 < n_samples && samples[first + 1].time <= start)
    {
      first++;
    }

  for (guint i = first; i < n_samples && samples[i].time <= now; i++)
    {
      scan_sample (&scan, &samples[i], MAX (samples[i].time, start), out);
    }

  if (scan.present)
    {
      out->observed += now - scan.seg_start;
      scan.end = now;
    }

  measure_rate (&scan, out);
  decide (&scan, out);
}

static const char *component_names[] = { "single", "left", "right", "case" };
static const char *status_names[] = { "unknown", "not-charging", "charging", "charged" };

const char *
bud_battery_component_to_string (BudBatteryComponent component)
{
  g_return_val_if_fail ((guint) component < G_N_ELEMENTS (component_names), NULL);

  return component_names[component];
}

gboolean
bud_battery_component_from_string (const char          *name,
                                   BudBatteryComponent *out)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (component_names); i++)
    {
      if (g_str_equal (name, component_names[i]))
        {
          *out = (BudBatteryComponent) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
bud_charge_status_to_string (BudChargeStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

gboolean
bud_charge_status_from_string (const char      *name,
                               BudChargeStatus *out)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_str_equal (name, status_names[i]))
        {
          *out = (BudChargeStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
bud_battery_trend_to_string (BudBatteryTrend trend)
{
  static const char *names[] = { "unknown", "rising", "flat", "falling" };

  g_return_val_if_fail ((guint) trend < G_N_ELEMENTS (names), NULL);

  return names[trend];
}

const char *
bud_charging_answer_to_string (BudChargingAnswer answer)
{
  static const char *names[] = { "unknown", "no", "yes", "full" };

  g_return_val_if_fail ((guint) answer < G_N_ELEMENTS (names), NULL);

  return names[answer];
}
