/* bud-report.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The support report: what someone sends to the vendor or to a helper.
 * The JSON document is for tools and carries a format version; the text
 * says the same for people. Both come from the same input. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bud-report.h"

#define DEFAULT_WINDOW 3600

void
bud_step_attempt_init (BudStepAttempt *attempt,
                       const char     *step_id,
                       BudStepOutcome  outcome)
{
  g_return_if_fail (attempt != NULL);

  *attempt = (BudStepAttempt) { .step_id = step_id, .outcome = outcome };
  for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      attempt->before[c] = -1;
      attempt->after[c] = -1;
    }
}

const char *
bud_step_outcome_to_string (BudStepOutcome outcome)
{
  static const char *names[] = { "fixed", "not-fixed", "skipped", "unfinished" };

  g_return_val_if_fail ((guint) outcome < G_N_ELEMENTS (names), NULL);

  return names[outcome];
}

static gint64
report_time (const BudReportInput *input)
{
  return input->created > 0 ? input->created : g_get_real_time () / G_USEC_PER_SEC;
}

static char *
format_time (gint64 time)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return dt != NULL ? g_date_time_format_iso8601 (dt) : g_strdup ("?");
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL && g_utf8_validate (value, -1, NULL))
    {
      json_builder_add_string_value (builder, value);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

static void
add_strv (JsonBuilder *builder,
          const char  *name,
          char       **values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      json_builder_add_string_value (builder, values[i]);
    }
  json_builder_end_array (builder);
}

static void
build_device (JsonBuilder             *builder,
              const BudDeviceIdentity *device)
{
  json_builder_set_member_name (builder, "device");
  json_builder_begin_object (builder);
  add_string (builder, "address", device->address);
  add_string (builder, "name", device->name);
  add_string (builder, "model", device->model_id);
  add_string (builder, "modalias", device->modalias);
  add_string (builder, "firmware", device->firmware);
  json_builder_end_object (builder);
}

static void
add_firmware_object (JsonBuilder            *builder,
                     const BudFirmwareCheck *check)
{
  json_builder_begin_object (builder);
  add_string (builder, "model", check->model_id);
  add_string (builder, "model_name", check->model_name);
  add_string (builder, "installed", check->installed);
  add_string (builder, "latest", check->latest);
  add_string (builder, "as_of", check->as_of);
  add_string (builder, "verdict", bud_firmware_verdict_to_string (check->verdict));
  add_strv (builder, "notes", check->notes);
  add_strv (builder, "known_issues", check->open_issues);
  json_builder_end_object (builder);
}

/**
 * bud_firmware_check_to_json:
 * @check: a firmware verdict
 *
 * The verdict as a JSON object, the same in the report and in `budctl
 * firmware --json`: model, model_name, installed, latest, as_of, verdict,
 * notes and known_issues.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
bud_firmware_check_to_json (const BudFirmwareCheck *check)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (check != NULL, NULL);

  add_firmware_object (builder, check);
  return json_builder_get_root (builder);
}

static void
build_firmware (JsonBuilder            *builder,
                const BudFirmwareCheck *check)
{
  json_builder_set_member_name (builder, "firmware");
  if (check == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  add_firmware_object (builder, check);
}

static void
build_component (JsonBuilder              *builder,
                 const BudBatteryAnalysis *a)
{
  g_autofree char *when = a->last_time > 0 ? format_time (a->last_time) : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "level");
  if (a->last_level >= 0)
    {
      json_builder_add_int_value (builder, a->last_level);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  add_string (builder, "read_at", when);
  add_string (builder, "status", bud_charge_status_to_string (a->last_status));
  add_string (builder, "trend", bud_battery_trend_to_string (a->trend));
  add_string (builder, "charging", bud_charging_answer_to_string (a->charging));
  json_builder_set_member_name (builder, "rate_percent_per_hour");
  if (a->rate_known)
    {
      json_builder_add_double_value (builder, a->rate);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "seconds_to_full");
  if (a->eta_full >= 0)
    {
      json_builder_add_int_value (builder, a->eta_full);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "samples_in_window");
  json_builder_add_int_value (builder, a->n_samples);
  json_builder_end_object (builder);
}

static void
build_battery (JsonBuilder          *builder,
               const BudReportInput *input)
{
  gint64 window = input->window > 0 ? input->window : DEFAULT_WINDOW;

  json_builder_set_member_name (builder, "battery");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "window_seconds");
  json_builder_add_int_value (builder, window);
  json_builder_set_member_name (builder, "components");
  json_builder_begin_object (builder);
  for (guint c = 0; input->history != NULL && c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      BudBatteryAnalysis analysis;

      if (!bud_battery_history_has_component (input->history, c))
        {
          continue;
        }
      bud_battery_history_analyze (input->history, c, window, &analysis);
      json_builder_set_member_name (builder, bud_battery_component_to_string (c));
      build_component (builder, &analysis);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
build_findings (JsonBuilder *builder,
                GPtrArray   *findings)
{
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      BudFinding *finding = g_ptr_array_index (findings, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", finding->id);
      add_string (builder, "severity", bud_severity_to_string (finding->severity));
      add_string (builder, "message", finding->message);
      add_string (builder, "step", finding->step_id);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_changes (JsonBuilder          *builder,
               const BudStepAttempt *step)
{
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_object (builder);
  for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      if (step->before[c] < 0 && step->after[c] < 0)
        {
          continue;
        }
      json_builder_set_member_name (builder, bud_battery_component_to_string (c));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "before");
      json_builder_add_int_value (builder, step->before[c]);
      json_builder_set_member_name (builder, "after");
      json_builder_add_int_value (builder, step->after[c]);
      json_builder_set_member_name (builder, "change");
      if (step->before[c] >= 0 && step->after[c] >= 0)
        {
          json_builder_add_int_value (builder, step->after[c] - step->before[c]);
        }
      else
        {
          json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
build_steps (JsonBuilder          *builder,
             const BudReportInput *input)
{
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; input->steps != NULL && i < input->n_steps; i++)
    {
      const BudStepAttempt *step = &input->steps[i];
      g_autofree char *started = step->started > 0 ? format_time (step->started) : NULL;
      g_autofree char *finished = step->finished > 0 ? format_time (step->finished) : NULL;

      json_builder_begin_object (builder);
      add_string (builder, "step", step->step_id);
      add_string (builder, "outcome", bud_step_outcome_to_string (step->outcome));
      add_string (builder, "started", started);
      add_string (builder, "finished", finished);
      build_changes (builder, step);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * bud_report_build:
 * @input: what goes into the report
 *
 * Returns: (transfer full): the report as a JSON object
 */
JsonNode *
bud_report_build (const BudReportInput *input)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *created = NULL;

  g_return_val_if_fail (input != NULL, NULL);

  created = format_time (report_time (input));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, BUD_REPORT_FORMAT);
  add_string (builder, "generator", PACKAGE_NAME " " PACKAGE_VERSION);
  add_string (builder, "created", created);
  build_device (builder, &input->device);
  build_firmware (builder, input->firmware);
  build_battery (builder, input);
  build_findings (builder, input->findings);
  build_steps (builder, input);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
bud_report_to_json (const BudReportInput *input)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = bud_report_build (input);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static const char *
component_title (BudBatteryComponent component)
{
  switch (component)
    {
    case BUD_BATTERY_COMPONENT_LEFT:
      return _("Left earbud");
    case BUD_BATTERY_COMPONENT_RIGHT:
      return _("Right earbud");
    case BUD_BATTERY_COMPONENT_CASE:
      return _("Case");
    case BUD_BATTERY_COMPONENT_SINGLE:
    default:
      return _("Earbuds");
    }
}

static const char *
trend_label (BudBatteryTrend trend)
{
  switch (trend)
    {
    case BUD_BATTERY_TREND_RISING:
      return _("rising");
    case BUD_BATTERY_TREND_FLAT:
      return _("not changing");
    case BUD_BATTERY_TREND_FALLING:
      return _("falling");
    case BUD_BATTERY_TREND_UNKNOWN:
    default:
      return _("trend not known yet");
    }
}

static const char *
outcome_label (BudStepOutcome outcome)
{
  switch (outcome)
    {
    case BUD_STEP_OUTCOME_FIXED:
      return _("fixed it");
    case BUD_STEP_OUTCOME_NOT_FIXED:
      return _("did not fix it");
    case BUD_STEP_OUTCOME_SKIPPED:
      return _("skipped");
    case BUD_STEP_OUTCOME_UNFINISHED:
    default:
      return _("not finished");
    }
}

static const char *
or_unknown (const char *value)
{
  return value != NULL && g_utf8_validate (value, -1, NULL) ? value : _("unknown");
}

static void
text_firmware (GString                *text,
               const BudFirmwareCheck *check)
{
  if (check == NULL)
    {
      return;
    }

  g_string_append_printf (text, "\n%s\n  %s\n", _("Firmware check"),
                          bud_firmware_verdict_describe (check->verdict));
  g_string_append_printf (text, "  %s %s\n", _("Installed:"), or_unknown (check->installed));
  g_string_append_printf (text, "  %s ", _("Latest known:"));
  g_string_append_printf (text, _("%s (as of %s)"), or_unknown (check->latest),
                          or_unknown (check->as_of));
  g_string_append_c (text, '\n');
  for (guint i = 0; check->notes != NULL && check->notes[i] != NULL; i++)
    {
      g_string_append_printf (text, "  – %s\n", check->notes[i]);
    }
}

static void
text_battery (GString              *text,
              const BudReportInput *input)
{
  gint64 window = input->window > 0 ? input->window : DEFAULT_WINDOW;

  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Battery over the last %d minutes"), (int) (window / 60));
  g_string_append_c (text, '\n');
  for (guint c = 0; input->history != NULL && c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      BudBatteryAnalysis a;

      if (!bud_battery_history_has_component (input->history, c))
        {
          continue;
        }
      bud_battery_history_analyze (input->history, c, window, &a);
      g_string_append_printf (text, "  %s: ", component_title (c));
      if (a.last_level >= 0)
        {
          g_string_append_printf (text, _("%d %%, %s"), a.last_level, trend_label (a.trend));
        }
      else
        {
          g_string_append (text, _("no level reported"));
        }
      if (a.rate_known && a.rate != 0)
        {
          g_string_append_printf (text, _(", %+.0f %% per hour"), a.rate);
        }
      if (a.eta_full > 0)
        {
          g_string_append_printf (text, _(", full in about %d minutes"),
                                  (int) ((a.eta_full + 59) / 60));
        }
      g_string_append_c (text, '\n');
    }
}

static void
text_findings (GString   *text,
               GPtrArray *findings)
{
  g_string_append_printf (text, "\n%s\n", _("Findings"));
  if (findings == NULL || findings->len == 0)
    {
      g_string_append_printf (text, "  %s\n", _("None."));
      return;
    }

  for (guint i = 0; i < findings->len; i++)
    {
      BudFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (text, "  %u. %s (%s: %s)\n", i + 1, finding->message,
                              _("step"), or_unknown (finding->step_id));
    }
}

static void
text_steps (GString              *text,
            const BudReportInput *input)
{
  g_string_append_printf (text, "\n%s\n", _("Steps tried"));
  if (input->steps == NULL || input->n_steps == 0)
    {
      g_string_append_printf (text, "  %s\n", _("None."));
      return;
    }

  for (guint i = 0; i < input->n_steps; i++)
    {
      const BudStepAttempt *step = &input->steps[i];

      g_string_append_printf (text, "  %s: %s", or_unknown (step->step_id),
                              outcome_label (step->outcome));
      for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
        {
          if (step->before[c] < 0 || step->after[c] < 0)
            {
              continue;
            }
          g_string_append_printf (text, _("; %s %d %% → %d %% (%+d)"),
                                  component_title (c), step->before[c], step->after[c],
                                  step->after[c] - step->before[c]);
        }
      g_string_append_c (text, '\n');
    }
}

/**
 * bud_report_to_text:
 * @input: what goes into the report
 *
 * Returns: (transfer full): the report as plain text for people
 */
char *
bud_report_to_text (const BudReportInput *input)
{
  GString *text = g_string_new (NULL);
  g_autofree char *created = NULL;
  const BudDeviceIdentity *device;

  g_return_val_if_fail (input != NULL, NULL);

  device = &input->device;
  created = format_time (report_time (input));
  g_string_append_printf (text, "%s\n%s %s\n", _("Earbud Doctor support report"),
                          _("Created:"), created);
  g_string_append_printf (text, "\n%s\n", _("Device"));
  g_string_append_printf (text, "  %s %s\n", _("Name:"), or_unknown (device->name));
  g_string_append_printf (text, "  %s %s\n", _("Address:"), or_unknown (device->address));
  g_string_append_printf (text, "  %s %s\n", _("Model:"), or_unknown (device->model_id));
  g_string_append_printf (text, "  %s %s\n", _("Firmware:"), or_unknown (device->firmware));
  text_firmware (text, input->firmware);
  text_battery (text, input);
  text_findings (text, input->findings);
  text_steps (text, input);

  return g_string_free (text, FALSE);
}
