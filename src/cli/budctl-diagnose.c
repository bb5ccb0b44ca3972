/* budctl-diagnose.c: what looks wrong with a device, and which fix to try
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A budctl run lives for a moment, so the levels BlueZ gives it are one
 * reading each. The app saves what it records to the user's data folder;
 * those readings come first, and today's are added after them, so that the
 * rules can see a trend when there is one. */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "budctl-devices.h"
#include "budctl-diagnose.h"
#include "budctl-guide.h"
#include "bud-diagnosis.h"
#include "bud-report.h"

typedef struct {
  BudBluezClient *client;      /* kept while the device is in use */
  BudSonyLink *link;           /* the same: its readings end with it */
  BudDevice *device;
  BudBatteryHistory *history;
  char *history_file;          /* the saved history that was read, or NULL */
  BudFirmwareCheck *firmware;  /* NULL when the version isn't known */
  GPtrArray *findings;
  BudGuide *guide;             /* NULL when no guide could be read */
} Diagnosis;

static void
diagnosis_clear (Diagnosis *self)
{
  g_clear_object (&self->device);
  g_clear_object (&self->link);
  g_clear_object (&self->client);
  g_clear_object (&self->history);
  g_clear_pointer (&self->history_file, g_free);
  g_clear_pointer (&self->firmware, bud_firmware_check_free);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_object (&self->guide);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Diagnosis, diagnosis_clear)

static void
append_samples (BudBatteryHistory *history,
                BudBatteryHistory *live)
{
  for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      guint n = bud_battery_history_get_n_samples (live, c);

      for (guint i = 0; i < n; i++)
        {
          const BudBatterySample *sample = bud_battery_history_get_sample (live, c, i);

          bud_battery_history_add_at (history, c, sample->level, sample->status, sample->time);
        }
    }
}

/* The saved history is never written here: the app owns the file. Only a
 * damaged one is moved aside, by the loader, as the app would do itself. */
static void
gather_history (Diagnosis *self)
{
  const char *address = bud_device_get_address (self->device);
  BudBatteryHistory *live = bud_device_get_history (self->device);
  g_autofree char *dir = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  g_autoptr (BudBatteryHistory) saved = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *notice = NULL;

  self->history = g_object_ref (live);
  dir = g_build_filename (g_get_user_data_dir (), "earbud-doctor", "history", NULL);
  file_name = bud_battery_history_file_name (address);
  path = g_build_filename (dir, file_name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      return;
    }

  saved = bud_battery_history_load (dir, address, NULL, NULL, &notice, &error);
  if (saved == NULL)
    {
      budctl_error (_("%s Only the levels read now are used."), error->message);
      return;
    }
  if (notice != NULL)
    {
      /* The loader has logged the notice already; nothing was saved. */
      return;
    }

  append_samples (saved, live);
  g_set_object (&self->history, saved);
  self->history_file = g_steal_pointer (&path);
}

static BudGuideStep *
find_step (BudGuide   *guide,
           BudFinding *finding,
           guint      *number)
{
  BudGuideStep *step = NULL;
  guint position = 0;

  if (guide == NULL)
    {
      return NULL;
    }
  if (finding->step_id != NULL)
    {
      step = bud_guide_lookup_step (guide, finding->step_id, &position);
    }
  if (step == NULL)
    {
      step = bud_guide_lookup_step_for_finding (guide, finding->id, &position);
    }
  *number = position + 1;

  return step;
}

static const char *
severity_label (BudSeverity severity)
{
  switch (severity)
    {
    case BUD_SEVERITY_CRITICAL:
      return _("Critical");
    case BUD_SEVERITY_WARNING:
      return _("Warning");
    case BUD_SEVERITY_INFO:
    default:
      return _("Note");
    }
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
      return _("earbuds");
    }
}

static gboolean
last_level (BudBatteryHistory   *history,
            BudBatteryComponent  component,
            int                 *level)
{
  guint n = bud_battery_history_get_n_samples (history, component);

  if (n == 0)
    {
      return FALSE;
    }
  *level = bud_battery_history_get_sample (history, component, n - 1)->level;

  return TRUE;
}

static void
print_battery_data (Diagnosis *self)
{
  gboolean any = FALSE;

  for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      guint n = bud_battery_history_get_n_samples (self->history, c);
      int level;

      if (!last_level (self->history, c, &level))
        {
          continue;
        }
      if (level >= 0)
        {
          /* TRANSLATORS: e.g. "Battery, left earbud: 40 % (last of 3 readings)" */
          printf (g_dngettext (GETTEXT_PACKAGE, "Battery, %s: %d %% (last of %u reading)\n",
                               "Battery, %s: %d %% (last of %u readings)\n", n),
                  component_label (c), level, n);
        }
      else
        {
          printf (g_dngettext (GETTEXT_PACKAGE, "Battery, %s: not reported now (%u reading)\n",
                               "Battery, %s: not reported now (%u readings)\n", n),
                  component_label (c), n);
        }
      any = TRUE;
    }

  if (!any)
    {
      printf ("%s\n", _("Battery: no levels have been reported."));
    }
  if (self->history_file != NULL)
    {
      printf (_("Saved battery history: %s\n"), self->history_file);
    }
}

static void
print_firmware_data (Diagnosis *self)
{
  if (self->firmware == NULL)
    {
      printf ("%s\n", _("Firmware: the version is not known. It is read from the earbuds while "
                        "they are connected."));
      return;
    }

  printf (_("Firmware: %s, %s\n"), self->firmware->installed,
          bud_firmware_verdict_describe (self->firmware->verdict));
}

static void
print_finding (Diagnosis  *self,
               BudFinding *finding,
               guint       index)
{
  BudGuideStep *step;
  guint number = 0;

  /* TRANSLATORS: a numbered finding: its number, "Critical" or "Warning", and what is wrong */
  printf (_("%u. %s: %s\n"), index, severity_label (finding->severity), finding->message);
  step = find_step (self->guide, finding, &number);
  if (step != NULL)
    {
      printf (_("   Try step %u of the guide, “%s”: run “budctl guide %s”.\n"), number,
              bud_guide_step_get_title (step), bud_guide_get_model_id (self->guide));
    }
}

/* One reading per battery shows a level, not whether it is charging. */
static gboolean
has_trend_data (BudBatteryHistory *history)
{
  for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      if (bud_battery_history_get_n_samples (history, c) > 1)
        {
          return TRUE;
        }
    }

  return FALSE;
}

static void
print_nothing_wrong (Diagnosis *self)
{
  printf ("%s\n", _("Nothing looks wrong from the data above."));
  if (!has_trend_data (self->history))
    {
      printf ("%s\n", _("With one reading per battery, budctl cannot tell whether the earbuds "
                        "are charging. The Earbud Doctor app records the levels over time."));
    }
  printf ("%s\n", _("If the earbuds still do not charge, follow the guide step by step:"));
  printf ("  budctl guide %s\n", self->guide != NULL ? bud_guide_get_model_id (self->guide)
                                                     : BUD_GUIDE_GENERIC_MODEL);
}

static void
print_text (Diagnosis *self)
{
  const char *model = bud_device_get_model_id (self->device);

  printf ("%s (%s)\n", bud_device_get_name (self->device), bud_device_get_address (self->device));
  if (model != NULL)
    {
      printf (_("Model: %s\n"), model);
    }
  else
    {
      printf ("%s\n", _("Model: not known"));
    }
  print_battery_data (self);
  print_firmware_data (self);
  printf ("\n");

  if (self->findings->len == 0)
    {
      print_nothing_wrong (self);
    }
  else
    {
      printf (g_dngettext (GETTEXT_PACKAGE, "%u thing looks wrong:\n",
                           "%u things look wrong, the most urgent first:\n",
                           self->findings->len), self->findings->len);
    }
  for (guint i = 0; i < self->findings->len; i++)
    {
      print_finding (self, g_ptr_array_index (self->findings, i), i + 1);
    }
  fflush (stdout);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    {
      json_builder_add_string_value (builder, value);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

static void
build_finding (Diagnosis   *self,
               JsonBuilder *builder,
               BudFinding  *finding)
{
  guint number = 0;
  BudGuideStep *step = find_step (self->guide, finding, &number);

  json_builder_begin_object (builder);
  add_string (builder, "id", finding->id);
  add_string (builder, "severity", bud_severity_to_string (finding->severity));
  add_string (builder, "message", finding->message);
  add_string (builder, "step", step != NULL ? bud_guide_step_get_title (step) : NULL);
  add_string (builder, "step_id", step != NULL ? bud_guide_step_get_id (step)
                                               : finding->step_id);
  json_builder_set_member_name (builder, "step_number");
  if (step != NULL)
    {
      json_builder_add_int_value (builder, number);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
}

static void
build_battery (Diagnosis   *self,
               JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "battery");
  json_builder_begin_object (builder);
  for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      int level;

      if (!last_level (self->history, c, &level))
        {
          continue;
        }
      json_builder_set_member_name (builder, bud_battery_component_to_string (c));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "level");
      if (level >= 0)
        {
          json_builder_add_int_value (builder, level);
        }
      else
        {
          json_builder_add_null_value (builder);
        }
      json_builder_set_member_name (builder, "readings");
      json_builder_add_int_value (builder, bud_battery_history_get_n_samples (self->history, c));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  add_string (builder, "history_file", self->history_file);
}

static void
print_json (Diagnosis *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "address", bud_device_get_address (self->device));
  add_string (builder, "name", bud_device_get_name (self->device));
  add_string (builder, "model", bud_device_get_model_id (self->device));
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->findings->len; i++)
    {
      build_finding (self, builder, g_ptr_array_index (self->findings, i));
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "firmware");
  if (self->firmware != NULL)
    {
      json_builder_add_value (builder, bud_firmware_check_to_json (self->firmware));
    }
  else
    {
      json_builder_add_null_value (builder);
    }
  build_battery (self, builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  budctl_print_json (root);
}

/* Prints why not on failure and returns the exit code. */
static int
find_device (BudctlContext *ctx,
             const char    *address,
             Diagnosis     *self)
{
  BudDevice *device;
  int exit_code;

  self->client = budctl_open_devices (ctx, TRUE, TRUE, &self->link, &exit_code);
  if (self->client == NULL)
    {
      return exit_code;
    }
  device = budctl_lookup_device (self->client, address);
  if (device == NULL)
    {
      return BUDCTL_EXIT_UNAVAILABLE;
    }
  self->device = g_object_ref (device);

  return BUDCTL_EXIT_OK;
}

static void
check_firmware (Diagnosis *self)
{
  BudFirmwareCatalog *catalog = bud_bluez_client_get_catalog (self->client);
  const char *model = bud_device_get_model_id (self->device);
  const char *version = bud_device_get_firmware_version (self->device);

  if (catalog != NULL && model != NULL && version != NULL)
    {
      self->firmware = bud_firmware_catalog_check (catalog, model, version);
    }
}

int
budctl_command_diagnose (BudctlContext  *ctx,
                         int             argc,
                         char          **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_auto (Diagnosis) diagnosis = { 0 };
  BudDiagnosisInput input = { 0 };
  int exit_code;

  if (!budctl_parse_options (ctx, "diagnose", entries, _("ADDRESS"), &argc, &argv))
    {
      return BUDCTL_EXIT_USAGE;
    }
  if (argc != 2)
    {
      budctl_error (_("Give one device address, as “budctl devices” lists it."));
      return BUDCTL_EXIT_USAGE;
    }

  exit_code = find_device (ctx, argv[1], &diagnosis);
  if (exit_code != BUDCTL_EXIT_OK)
    {
      return exit_code;
    }

  gather_history (&diagnosis);
  check_firmware (&diagnosis);
  input.history = diagnosis.history;
  input.firmware = diagnosis.firmware;
  diagnosis.findings = bud_diagnose (&input);
  diagnosis.guide = budctl_load_guide (ctx, bud_device_get_model_id (diagnosis.device), TRUE);

  if (json)
    {
      print_json (&diagnosis);
    }
  else
    {
      print_text (&diagnosis);
    }

  return BUDCTL_EXIT_OK;
}
