/* bud-diagnosis.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Rules that turn the battery history and the firmware verdict into
 * findings. They run in order of priority, so the findings come out with
 * the one to act on first: a firmware with a known drain problem is
 * updated before anything else is tried, and a flat case is charged
 * before the buds are blamed. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bud-diagnosis.h"

#define DEFAULT_WINDOW 3600
#define CASE_FLAT_LEVEL 5
#define CASE_LOW_LEVEL 20

typedef struct {
  const BudDiagnosisInput *input;
  BudBatteryAnalysis analyses[BUD_BATTERY_N_COMPONENTS];
  gboolean known[BUD_BATTERY_N_COMPONENTS];
  GPtrArray *findings;
} Context;

G_GNUC_PRINTF (4, 5)
static void
add_finding (Context     *ctx,
             const char  *id,
             BudSeverity  severity,
             const char  *format,
             ...)
{
  BudFinding *finding = g_new0 (BudFinding, 1);
  va_list args;

  va_start (args, format);
  finding->message = g_strdup_vprintf (format, args);
  va_end (args);
  finding->id = g_strdup (id);
  finding->severity = severity;
  g_ptr_array_add (ctx->findings, finding);
}

static void
set_step (Context    *ctx,
          const char *step_id)
{
  BudFinding *finding = g_ptr_array_index (ctx->findings, ctx->findings->len - 1);

  finding->step_id = g_strdup (step_id);
}

static gboolean
has_open_issue (const BudFirmwareCheck *check,
                const char             *issue)
{
  return check != NULL && check->open_issues != NULL &&
         g_strv_contains ((const char * const *) check->open_issues, issue);
}

static void
rule_known_drain (Context *ctx)
{
  const BudFirmwareCheck *check = ctx->input->firmware;

  if (!has_open_issue (check, "battery-drain"))
    {
      return;
    }

  add_finding (ctx, "firmware-known-drain", BUD_SEVERITY_CRITICAL,
               _("Firmware %s is known for making one earbud drain fast. Update the firmware "
                 "before trying the other fixes."), check->installed);
  set_step (ctx, "update-firmware");
}

static void
rule_case_low (Context *ctx)
{
  BudBatteryAnalysis *a = &ctx->analyses[BUD_BATTERY_COMPONENT_CASE];

  if (!ctx->known[BUD_BATTERY_COMPONENT_CASE] || a->last_level < 0 ||
      a->last_level > CASE_LOW_LEVEL || a->charging == BUD_CHARGING_YES)
    {
      return;
    }

  if (a->last_level <= CASE_FLAT_LEVEL)
    {
      add_finding (ctx, "case-flat", BUD_SEVERITY_CRITICAL,
                   _("The case is flat (%d %%), so it cannot charge the earbuds. Charge the "
                     "case first."), a->last_level);
    }
  else
    {
      add_finding (ctx, "case-low", BUD_SEVERITY_WARNING,
                   _("The case is low (%d %%). Charge it so that it can charge the earbuds."),
                   a->last_level);
    }
  set_step (ctx, "charge-case");
}

static gboolean
bud_in_case (const BudBatteryAnalysis *a)
{
  return a->last_status == BUD_CHARGE_STATUS_CHARGING ||
         a->last_status == BUD_CHARGE_STATUS_CHARGED;
}

/* Whether both buds are docked, as the caller says or as they report. */
static gboolean
buds_docked (Context *ctx)
{
  const BudBatteryAnalysis *left = &ctx->analyses[BUD_BATTERY_COMPONENT_LEFT];
  const BudBatteryAnalysis *right = &ctx->analyses[BUD_BATTERY_COMPONENT_RIGHT];

  if (!ctx->known[BUD_BATTERY_COMPONENT_LEFT] || !ctx->known[BUD_BATTERY_COMPONENT_RIGHT])
    {
      return FALSE;
    }

  return ctx->input->buds_docked || (bud_in_case (left) && bud_in_case (right));
}

static void
rule_neither_charging (Context *ctx)
{
  BudChargingAnswer left = ctx->analyses[BUD_BATTERY_COMPONENT_LEFT].charging;
  BudChargingAnswer right = ctx->analyses[BUD_BATTERY_COMPONENT_RIGHT].charging;

  if (!ctx->input->case_on_power || !buds_docked (ctx) ||
      left != BUD_CHARGING_NO || right != BUD_CHARGING_NO)
    {
      return;
    }

  add_finding (ctx, "buds-not-charging", BUD_SEVERITY_CRITICAL,
               "%s", _("Neither earbud is charging, although both are in a case that is on "
                       "power. Clean the contacts on the earbuds and in the case; if they still "
                       "do not charge, reset them."));
  set_step (ctx, "clean-contacts");
}

static void
rule_one_bud (Context *ctx)
{
  BudChargingAnswer left = ctx->analyses[BUD_BATTERY_COMPONENT_LEFT].charging;
  BudChargingAnswer right = ctx->analyses[BUD_BATTERY_COMPONENT_RIGHT].charging;

  if (!buds_docked (ctx))
    {
      return;
    }

  if (left == BUD_CHARGING_NO && right == BUD_CHARGING_YES)
    {
      add_finding (ctx, "left-not-charging", BUD_SEVERITY_WARNING, "%s",
                   _("The left earbud is not charging while the right one is. Take it out and "
                     "seat it again on its charging pins; if that does not help, clean its "
                     "contacts."));
    }
  else if (right == BUD_CHARGING_NO && left == BUD_CHARGING_YES)
    {
      add_finding (ctx, "right-not-charging", BUD_SEVERITY_WARNING, "%s",
                   _("The right earbud is not charging while the left one is. Take it out and "
                     "seat it again on its charging pins; if that does not help, clean its "
                     "contacts."));
    }
  else
    {
      return;
    }
  set_step (ctx, "reseat");
}

static void
rule_outdated (Context *ctx)
{
  const BudFirmwareCheck *check = ctx->input->firmware;

  if (check == NULL || check->verdict != BUD_FIRMWARE_VERDICT_UPDATE_AVAILABLE ||
      has_open_issue (check, "battery-drain"))
    {
      return;
    }

  add_finding (ctx, "firmware-outdated", BUD_SEVERITY_WARNING,
               _("Firmware %s is older than %s, the latest version known as of %s. Updating "
                 "it may fix charging problems."),
               check->installed, check->latest, check->as_of);
  set_step (ctx, "update-firmware");
}

static const char *
component_label (BudBatteryComponent component)
{
  switch (component)
    {
    case BUD_BATTERY_COMPONENT_LEFT:
      return _("left earbud");
    case BUD_BATTERY_COMPONENT_RIGHT:
      return _("right earbud");
    case BUD_BATTERY_COMPONENT_CASE:
      return _("case");
    case BUD_BATTERY_COMPONENT_SINGLE:
    default:
      return _("earbuds’");
    }
}

static void
rule_fast_drain (Context *ctx)
{
  const BudBatteryComponent parts[] = {
    BUD_BATTERY_COMPONENT_SINGLE, BUD_BATTERY_COMPONENT_LEFT, BUD_BATTERY_COMPONENT_RIGHT,
  };

  if (!ctx->input->idle)
    {
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const BudBatteryAnalysis *a = &ctx->analyses[parts[i]];

      if (!ctx->known[parts[i]] || a->trend != BUD_BATTERY_TREND_FALLING || !a->rate_known ||
          -a->rate <= BUD_DIAGNOSIS_FAST_DRAIN_RATE ||
          a->observed < BUD_BATTERY_MIN_FLAT_SECONDS || a->first_level - a->last_level < 10)
        {
          continue;
        }

      /* Translators: the first %s is "left earbud", "right earbud" or "earbuds’". */
      add_finding (ctx, "fast-drain", BUD_SEVERITY_CRITICAL,
                   _("The %s battery fell by %.0f %% per hour while idle, far faster than "
                     "normal. Report this to support with the report from this app."),
                   component_label (parts[i]), -a->rate);
      set_step (ctx, "contact-support");
      return;
    }
}

/**
 * bud_diagnose:
 * @input: the evidence
 *
 * Returns: (transfer full) (element-type BudFinding): the findings, the one
 *   to act on first at the front; empty when nothing is wrong or too little
 *   is known
 */
GPtrArray *
bud_diagnose (const BudDiagnosisInput *input)
{
  Context ctx = { .input = input };
  gint64 window;

  g_return_val_if_fail (input != NULL, NULL);

  ctx.findings = g_ptr_array_new_with_free_func ((GDestroyNotify) bud_finding_free);
  window = input->window > 0 ? input->window : DEFAULT_WINDOW;
  for (guint c = 0; input->history != NULL && c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      ctx.known[c] = bud_battery_history_has_component (input->history, c);
      bud_battery_history_analyze (input->history, c, window, &ctx.analyses[c]);
    }

  rule_known_drain (&ctx);
  rule_case_low (&ctx);
  rule_neither_charging (&ctx);
  rule_one_bud (&ctx);
  rule_outdated (&ctx);
  rule_fast_drain (&ctx);

  return ctx.findings;
}

void
bud_finding_free (BudFinding *finding)
{
  if (finding == NULL)
    {
      return;
    }

  g_free (finding->id);
  g_free (finding->message);
  g_free (finding->step_id);
  g_free (finding);
}

const char *
bud_severity_to_string (BudSeverity severity)
{
  static const char *names[] = { "info", "warning", "critical" };

  g_return_val_if_fail ((guint) severity < G_N_ELEMENTS (names), NULL);

  return names[severity];
}
