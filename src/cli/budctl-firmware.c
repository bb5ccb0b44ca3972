/* budctl-firmware.c: the commands that read the firmware catalogue
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "budctl-devices.h"
#include "budctl-firmware.h"
#include "bud-report.h"

static const char *
or_unknown (const char *value)
{
  return value != NULL && g_utf8_validate (value, -1, NULL) ? value : _("unknown");
}

static void
print_check (const BudFirmwareCheck *check)
{
  if (check->model_name != NULL)
    {
      printf ("%s (%s)\n", check->model_name, check->model_id);
    }
  else
    {
      printf ("%s\n", or_unknown (check->model_id));
    }

  printf (_("Installed firmware: %s\n"), or_unknown (check->installed));
  if (check->latest != NULL)
    {
      printf (_("Latest known firmware: %s (as of %s)\n"), check->latest, check->as_of);
    }
  else
    {
      printf (_("Latest known firmware: not known (catalogue as of %s)\n"), check->as_of);
    }
  printf (_("Verdict: %s (%s)\n"), bud_firmware_verdict_describe (check->verdict),
          bud_firmware_verdict_to_string (check->verdict));

  for (guint i = 0; check->notes[i] != NULL; i++)
    {
      printf ("  – %s\n", check->notes[i]);
    }
  fflush (stdout);
}

int
budctl_command_firmware (BudctlContext  *ctx,
                         int             argc,
                         char          **argv)
{
  g_autofree char *model = NULL;
  g_autofree char *version = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_STRING, &model,
      N_("The model id, as `budctl models` lists it"), N_("ID") },
    { "version", 0, 0, G_OPTION_ARG_STRING, &version,
      N_("The installed firmware version"), N_("V") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr (BudFirmwareCatalog) catalog = NULL;
  g_autoptr (BudFirmwareCheck) check = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (!budctl_parse_options (ctx, "firmware", entries, _("(ADDRESS | --model ID --version V)"),
                             &argc, &argv))
    {
      return BUDCTL_EXIT_USAGE;
    }

  if (argc > 2 || (argc == 2 && (model != NULL || version != NULL)))
    {
      budctl_error (_("Give either one device address or --model and --version, not both."));
      return BUDCTL_EXIT_USAGE;
    }
  if (argc == 2)
    {
      int exit_code = budctl_device_firmware (ctx, argv[1], &model, &version);

      if (exit_code != BUDCTL_EXIT_OK)
        {
          return exit_code;
        }
    }
  if (model == NULL || version == NULL)
    {
      budctl_error (_("Give a device address, or both --model and --version. Run “budctl "
                      "firmware --help” for the options."));
      return BUDCTL_EXIT_USAGE;
    }

  catalog = budctl_load_catalog (ctx);
  if (catalog == NULL)
    {
      return BUDCTL_EXIT_USAGE;
    }

  check = bud_firmware_catalog_check (catalog, model, version);
  if (!json)
    {
      print_check (check);
      return BUDCTL_EXIT_OK;
    }

  node = bud_firmware_check_to_json (check);
  budctl_print_json (node);
  return BUDCTL_EXIT_OK;
}

static JsonNode *
models_to_json (BudFirmwareCatalog *catalog)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (catalog));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "as_of");
  json_builder_add_string_value (builder, bud_firmware_catalog_get_as_of (catalog));
  json_builder_set_member_name (builder, "models");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BudFirmwareModel) model = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, bud_firmware_model_get_id (model));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, bud_firmware_model_get_name (model));
      json_builder_set_member_name (builder, "vendor_id");
      json_builder_add_int_value (builder, bud_firmware_model_get_vendor_id (model));
      json_builder_set_member_name (builder, "product_id");
      json_builder_add_int_value (builder, bud_firmware_model_get_product_id (model));
      json_builder_set_member_name (builder, "protocol");
      json_builder_add_string_value (builder, bud_firmware_model_get_protocol (model));
      json_builder_set_member_name (builder, "latest");
      json_builder_add_string_value (builder, bud_firmware_model_get_latest (model));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

int
budctl_command_models (BudctlContext  *ctx,
                       int             argc,
                       char          **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  g_autoptr (BudFirmwareCatalog) catalog = NULL;
  g_autoptr (JsonNode) node = NULL;
  guint n;

  if (!budctl_parse_options (ctx, "models", entries, NULL, &argc, &argv))
    {
      return BUDCTL_EXIT_USAGE;
    }
  if (argc > 1)
    {
      budctl_error (_("“models” takes no arguments, but got “%s”."), argv[1]);
      return BUDCTL_EXIT_USAGE;
    }

  catalog = budctl_load_catalog (ctx);
  if (catalog == NULL)
    {
      return BUDCTL_EXIT_USAGE;
    }

  if (json)
    {
      node = models_to_json (catalog);
      budctl_print_json (node);
      return BUDCTL_EXIT_OK;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BudFirmwareModel) model = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      const char *latest = bud_firmware_model_get_latest (model);
      g_autofree char *latest_text = NULL;

      latest_text = latest != NULL
        ? g_strdup_printf (_("latest known firmware %s (as of %s)"), latest,
                           bud_firmware_catalog_get_as_of (catalog))
        : g_strdup (_("latest firmware not known"));
      printf ("%-18s %-18s %s\n", bud_firmware_model_get_id (model),
              bud_firmware_model_get_name (model), latest_text);
    }
  fflush (stdout);

  return BUDCTL_EXIT_OK;
}
