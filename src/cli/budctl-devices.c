/* budctl-devices.c: the commands that read BlueZ (devices, watch)
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "budctl.h"
#include "budctl-devices.h"
#include "bud-sony-link.h"

/* How long devices and firmware wait for a connected Sony device's own readings. */
#define SONY_WAIT_MS 3000

typedef struct {
  GMainLoop *loop;
  GDBusConnection *connection;
  GError *error;
} BusWait;

static void
bus_ready_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  BusWait *wait = user_data;

  wait->connection = g_bus_get_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
cancel_cb (gpointer cancellable)
{
  g_cancellable_cancel (cancellable);

  return G_SOURCE_REMOVE;
}

/* Asynchronous, so that a bus that never answers can't hang us. */
static GDBusConnection *
connect_system_bus (GError **error)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  BusWait wait = { loop, NULL, NULL };
  guint timeout_id = g_timeout_add (BUD_BLUEZ_TIMEOUT_MS, cancel_cb, cancellable);

  g_bus_get (G_BUS_TYPE_SYSTEM, cancellable, bus_ready_cb, &wait);
  g_main_loop_run (loop);
  if (!g_cancellable_is_cancelled (cancellable))
    {
      g_source_remove (timeout_id);
    }
  if (wait.error != NULL)
    {
      g_propagate_error (error, wait.error);
    }
  if (wait.connection != NULL)
    {
      /* budctl watch says why it stops, rather than being killed by GLib. */
      g_dbus_connection_set_exit_on_close (wait.connection, FALSE);
    }

  return wait.connection;
}

static void
print_unavailable (const char *reason)
{
  budctl_error (_("Bluetooth is not available: %s"), reason);
}

/**
 * budctl_open_bluez:
 * @show_all: whether to list devices that aren't audio devices
 * @exit_code: (out): set to %BUDCTL_EXIT_UNAVAILABLE on failure
 *
 * Connects to BlueZ on the system bus, after printing why not on failure.
 *
 * Returns: (transfer full) (nullable): a client with its devices loaded
 */
BudBluezClient *
budctl_open_bluez (gboolean  show_all,
                   int      *exit_code)
{
  g_autoptr (GDBusConnection) connection = NULL;
  g_autoptr (BudBluezClient) client = NULL;
  g_autoptr (GError) error = NULL;

  *exit_code = BUDCTL_EXIT_UNAVAILABLE;
  connection = connect_system_bus (&error);
  if (connection == NULL)
    {
      g_autofree char *reason =
        g_strdup_printf (_("cannot connect to the system bus (%s)."), error->message);

      print_unavailable (reason);
      return NULL;
    }

  client = bud_bluez_client_new_sync (connection, NULL, &error);
  if (client == NULL)
    {
      print_unavailable (error->message);
      return NULL;
    }
  if (!bud_bluez_client_get_available (client))
    {
      print_unavailable (_("the BlueZ service (org.bluez) is not running."));
      return NULL;
    }
  if (bud_bluez_client_get_n_adapters (client) == 0)
    {
      print_unavailable (_("no Bluetooth adapter was found."));
      return NULL;
    }

  bud_bluez_client_set_show_all (client, show_all);
  *exit_code = BUDCTL_EXIT_OK;

  return g_steal_pointer (&client);
}

static void
add_level (JsonBuilder *builder,
           const char  *member,
           int          level)
{
  json_builder_set_member_name (builder, member);
  if (level == BUD_BATTERY_UNKNOWN)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      json_builder_add_int_value (builder, level);
    }
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      json_builder_add_string_value (builder, value);
    }
}

static void
add_status (JsonBuilder     *builder,
            const char      *member,
            BudChargeStatus  status)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (BUD_TYPE_CHARGE_STATUS);

  add_string (builder, member,
              status == BUD_CHARGE_STATUS_UNKNOWN
              ? NULL : g_enum_get_value (klass, status)->value_nick);
}

/* {"level": 40, "status": "charging", "as_of": null}; as_of is the time of a
 * last known value (the case's), null for a live one. */
static void
add_component (JsonBuilder     *builder,
               const char      *member,
               int              level,
               BudChargeStatus  status,
               gint64           as_of)
{
  g_autoptr (GDateTime) when = as_of > 0 ? g_date_time_new_from_unix_utc (as_of) : NULL;
  g_autofree char *timestamp = when != NULL ? g_date_time_format_iso8601 (when) : NULL;

  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  add_level (builder, "level", level);
  add_status (builder, "status", status);
  add_string (builder, "as_of", timestamp);
  json_builder_end_object (builder);
}

static void
build_device (JsonBuilder *builder,
              BudDevice   *device)
{
  json_builder_begin_object (builder);
  add_string (builder, "address", bud_device_get_address (device));
  add_string (builder, "name", bud_device_get_name (device));
  json_builder_set_member_name (builder, "connected");
  json_builder_add_boolean_value (builder, bud_device_get_connected (device));
  json_builder_set_member_name (builder, "paired");
  json_builder_add_boolean_value (builder, bud_device_get_paired (device));
  add_level (builder, "battery", bud_device_get_battery (device));
  add_string (builder, "model", bud_device_get_model_id (device));
  add_string (builder, "icon", bud_device_get_icon (device));
  add_string (builder, "adapter", bud_device_get_adapter (device));
  add_component (builder, "left", bud_device_get_left_level (device),
                 bud_device_get_left_status (device), 0);
  add_component (builder, "right", bud_device_get_right_level (device),
                 bud_device_get_right_status (device), 0);
  add_component (builder, "case", bud_device_get_case_level (device),
                 bud_device_get_case_status (device), bud_device_get_case_updated (device));
  add_string (builder, "firmware", bud_device_get_firmware_version (device));
  json_builder_end_object (builder);
}

static char *
to_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static int
compare_address (gconstpointer a,
                 gconstpointer b)
{
  BudDevice *device_a = *(BudDevice **) a;
  BudDevice *device_b = *(BudDevice **) b;

  return g_ascii_strcasecmp (bud_device_get_address (device_a),
                             bud_device_get_address (device_b));
}

/* The model's order is BlueZ's; scripts want the same order every run. */
static GPtrArray *
sorted_devices (BudBluezClient *client)
{
  GListModel *model = bud_bluez_client_get_devices (client);
  GPtrArray *devices = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_ptr_array_add (devices, g_list_model_get_item (model, i));
    }
  g_ptr_array_sort (devices, compare_address);

  return devices;
}

static char *
format_level (int level)
{
  /* TRANSLATORS: a battery level that is not known */
  return level == BUD_BATTERY_UNKNOWN ? g_strdup (_("—")) : g_strdup_printf ("%d %%", level);
}

static void
print_components (BudDevice *device)
{
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;
  g_autofree char *box = NULL;

  if (bud_device_get_left_level (device) == BUD_BATTERY_UNKNOWN
      && bud_device_get_right_level (device) == BUD_BATTERY_UNKNOWN
      && bud_device_get_case_level (device) == BUD_BATTERY_UNKNOWN)
    {
      return;
    }

  left = format_level (bud_device_get_left_level (device));
  right = format_level (bud_device_get_right_level (device));
  box = format_level (bud_device_get_case_level (device));
  /* TRANSLATORS: battery levels of the left and right earbud and the case */
  printf (_("  (left %s, right %s, case %s)"), left, right, box);
}

static const char *
status_label (BudChargeStatus status)
{
  switch (status)
    {
    case BUD_CHARGE_STATUS_CHARGING:
      return _("charging");
    case BUD_CHARGE_STATUS_NOT_CHARGING:
      return _("not charging");
    case BUD_CHARGE_STATUS_CHARGED:
      return _("fully charged");
    case BUD_CHARGE_STATUS_UNKNOWN:
    default:
      return NULL;
    }
}

/* One line per battery, e.g. "  Left earbud: 70 %, charging". The case level
 * is the last one the earbuds reported, so it says when that was. */
static void
print_component (const char      *label,
                 int              level,
                 BudChargeStatus  status,
                 gint64           as_of)
{
  g_autoptr (GString) line = NULL;
  const char *status_text = status_label (status);

  if (level == BUD_BATTERY_UNKNOWN)
    {
      return;
    }

  line = g_string_new (NULL);
  /* TRANSLATORS: a battery and its level, e.g. "Left earbud: 70 %" */
  g_string_append_printf (line, _("%s: %d %%"), label, level);
  if (status_text != NULL)
    {
      g_string_append_printf (line, ", %s", status_text);
    }
  if (as_of > 0)
    {
      g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (as_of);
      g_autofree char *time = g_date_time_format (when, "%H:%M");

      /* TRANSLATORS: when the case's level was read, e.g. "read at 14:05" */
      g_string_append_printf (line, _(", read at %s"), time);
    }
  printf ("  %s\n", line->str);
}

static const char *
state_label (BudDevice *device)
{
  if (bud_device_get_connected (device))
    {
      return _("connected");
    }
  if (bud_device_get_paired (device))
    {
      return _("paired");
    }

  return _("not paired");
}

/* A block of "Label: value" lines, so that a screen reader reads each value
 * with its label; nothing depends on columns lining up. */
static void
print_device (BudDevice *device)
{
  const char *model = bud_device_get_model_id (device);
  const char *firmware = bud_device_get_firmware_version (device);
  int battery = bud_device_get_battery (device);

  /* TRANSLATORS: a device's name, address and "connected", "paired" or "not paired" */
  printf (_("%s (%s), %s\n"), bud_device_get_name (device), bud_device_get_address (device),
          state_label (device));
  if (battery != BUD_BATTERY_UNKNOWN)
    {
      printf (_("  Battery: %d %%\n"), battery);
    }
  print_component (_("Left earbud"), bud_device_get_left_level (device),
                   bud_device_get_left_status (device), 0);
  print_component (_("Right earbud"), bud_device_get_right_level (device),
                   bud_device_get_right_status (device), 0);
  print_component (_("Case"), bud_device_get_case_level (device),
                   bud_device_get_case_status (device), bud_device_get_case_updated (device));
  if (model != NULL)
    {
      printf (_("  Model: %s\n"), model);
    }
  if (firmware != NULL)
    {
      printf (_("  Firmware: %s\n"), firmware);
    }
}

int
budctl_devices (BudBluezClient *client,
                gboolean        json)
{
  g_autoptr (GPtrArray) devices = sorted_devices (client);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < devices->len; i++)
        {
          build_device (builder, g_ptr_array_index (devices, i));
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      budctl_print_json (root);
      return BUDCTL_EXIT_OK;
    }

  if (devices->len == 0)
    {
      printf ("%s\n", _("No audio devices are known to Bluetooth."));
    }
  for (guint i = 0; i < devices->len; i++)
    {
      if (i > 0)
        {
          printf ("\n");
        }
      print_device (g_ptr_array_index (devices, i));
    }
  fflush (stdout);

  return BUDCTL_EXIT_OK;
}

/* watch */

typedef struct {
  BudBluezClient *client;
  GMainLoop *loop;
  GPtrArray *mirror;   /* the devices model as we last saw it */
  gboolean json;
  guint count;         /* 0: no limit */
  guint n_events;
  guint timeout_id;
  int exit_code;
} Watch;

static void
emit_event (Watch      *watch,
            const char *event,
            BudDevice  *device)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format_iso8601 (now);
  gboolean with_battery = device != NULL && (g_str_equal (event, "battery")
                                             || g_str_equal (event, "added"));

  if (watch->json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      add_string (builder, "event", event);
      if (device != NULL)
        {
          add_string (builder, "address", bud_device_get_address (device));
          add_string (builder, "name", bud_device_get_name (device));
        }
      if (with_battery)
        {
          add_level (builder, "battery", bud_device_get_battery (device));
          add_level (builder, "left", bud_device_get_left_level (device));
          add_level (builder, "right", bud_device_get_right_level (device));
          add_level (builder, "case", bud_device_get_case_level (device));
        }
      add_string (builder, "timestamp", timestamp);
      json_builder_end_object (builder);
      text = to_json (builder);
      printf ("%s\n", text);
    }
  else
    {
      printf ("%s  %s", timestamp, event);
      if (device != NULL)
        {
          printf ("  %s  %s", bud_device_get_address (device), bud_device_get_name (device));
        }
      if (with_battery)
        {
          g_autofree char *battery = format_level (bud_device_get_battery (device));

          printf ("  %s", battery);
          print_components (device);
        }
      printf ("\n");
    }
  fflush (stdout);

  watch->n_events++;
  if (watch->count > 0 && watch->n_events >= watch->count)
    {
      g_main_loop_quit (watch->loop);
    }
}

static void
battery_cb (BudDevice  *device,
            GParamSpec *pspec,
            Watch      *watch)
{
  emit_event (watch, "battery", device);
}

static void
connected_cb (BudDevice  *device,
              GParamSpec *pspec,
              Watch      *watch)
{
  emit_event (watch, bud_device_get_connected (device) ? "connected" : "disconnected", device);
}

static void
follow_device (Watch     *watch,
               BudDevice *device)
{
  /* Battery1's level and the vendor link's are all "battery" events. */
  g_signal_connect (device, "notify::battery", G_CALLBACK (battery_cb), watch);
  g_signal_connect (device, "notify::left-level", G_CALLBACK (battery_cb), watch);
  g_signal_connect (device, "notify::right-level", G_CALLBACK (battery_cb), watch);
  g_signal_connect (device, "notify::case-level", G_CALLBACK (battery_cb), watch);
  g_signal_connect (device, "notify::connected", G_CALLBACK (connected_cb), watch);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  for (guint i = 0; i < removed; i++)
    {
      BudDevice *device = g_ptr_array_index (watch->mirror, position + i);

      g_signal_handlers_disconnect_by_data (device, watch);
      emit_event (watch, "removed", device);
    }
  g_ptr_array_remove_range (watch->mirror, position, removed);

  for (guint i = 0; i < added; i++)
    {
      BudDevice *device = g_list_model_get_item (model, position + i);

      g_ptr_array_insert (watch->mirror, position + i, device);
      follow_device (watch, device);
      emit_event (watch, "added", device);
    }
}

static void
available_cb (BudBluezClient *client,
              GParamSpec     *pspec,
              Watch          *watch)
{
  emit_event (watch, bud_bluez_client_get_available (client) ? "bluez-back" : "bluez-lost", NULL);
}

static void
closed_cb (GDBusConnection *connection,
           gboolean         remote_peer_vanished,
           GError          *error,
           Watch           *watch)
{
  budctl_error (_("Bluetooth is not available: the connection to the system bus was lost."));
  watch->exit_code = BUDCTL_EXIT_UNAVAILABLE;
  g_main_loop_quit (watch->loop);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Watch *watch = user_data;

  watch->timeout_id = 0;
  g_main_loop_quit (watch->loop);

  return G_SOURCE_REMOVE;
}

static void
unfollow (gpointer device,
          gpointer watch)
{
  g_signal_handlers_disconnect_by_data (device, watch);
}

int
budctl_watch (BudBluezClient *client,
              gboolean        json,
              guint           count,
              double          timeout)
{
  GListModel *model = bud_bluez_client_get_devices (client);
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Watch watch = { client, loop, g_ptr_array_new_with_free_func (g_object_unref), json, count };

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      BudDevice *device = g_list_model_get_item (model, i);

      g_ptr_array_add (watch.mirror, device);
      follow_device (&watch, device);
    }
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &watch);
  g_signal_connect (client, "notify::available", G_CALLBACK (available_cb), &watch);
  g_signal_connect (bud_bluez_client_get_connection (client), "closed",
                    G_CALLBACK (closed_cb), &watch);
  if (timeout > 0)
    {
      watch.timeout_id = g_timeout_add ((guint) (timeout * 1000), timeout_cb, &watch);
    }

  g_main_loop_run (loop);

  g_clear_handle_id (&watch.timeout_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (model, &watch);
  g_signal_handlers_disconnect_by_data (client, &watch);
  g_signal_handlers_disconnect_by_data (bud_bluez_client_get_connection (client), &watch);
  g_ptr_array_foreach (watch.mirror, unfollow, &watch);
  g_ptr_array_unref (watch.mirror);

  return watch.exit_code;
}

/* Opening a device session */

typedef struct {
  GMainLoop *loop;
  guint timeout_id;
} SonyWait;

static gboolean
sony_wait_timeout_cb (gpointer user_data)
{
  SonyWait *wait = user_data;

  wait->timeout_id = 0;
  g_main_loop_quit (wait->loop);

  return G_SOURCE_REMOVE;
}

static void
sony_pending_cb (BudSonyLink *link,
                 GParamSpec  *pspec,
                 SonyWait    *wait)
{
  if (bud_sony_link_get_n_pending (link) == 0)
    {
      g_main_loop_quit (wait->loop);
    }
}

/* Starts reading connected Sony devices' own batteries and firmware; with
 * @wait, waits a little for the readings (only if such a device is connected). */
static BudSonyLink *
start_sony_link (BudBluezClient *client,
                 gboolean        wait_for_readings)
{
  g_autoptr (BudSonyLink) link = bud_sony_link_new (client);
  g_autoptr (GMainLoop) loop = NULL;
  SonyWait wait = { NULL, 0 };

  if (!wait_for_readings || bud_sony_link_get_n_pending (link) == 0)
    {
      return g_steal_pointer (&link);
    }

  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  wait.timeout_id = g_timeout_add (SONY_WAIT_MS, sony_wait_timeout_cb, &wait);
  g_signal_connect (link, "notify::n-pending", G_CALLBACK (sony_pending_cb), &wait);
  g_main_loop_run (loop);
  g_signal_handlers_disconnect_by_data (link, &wait);
  g_clear_handle_id (&wait.timeout_id, g_source_remove);

  return g_steal_pointer (&link);
}

/* A missing default catalogue only costs the model and the firmware verdict;
 * a catalogue named with --firmware-db must load. */
static gboolean
load_catalog (BudctlContext       *ctx,
              BudFirmwareCatalog **catalog)
{
  g_autofree char *path = NULL;

  if (ctx->firmware_db != NULL)
    {
      *catalog = budctl_load_catalog (ctx);
      return *catalog != NULL;
    }

  path = budctl_data_path (ctx, "firmware.json");
  *catalog = bud_firmware_catalog_new_from_file (path, NULL);

  return TRUE;
}

/**
 * budctl_open_devices:
 * @show_all: whether to list devices that aren't audio devices
 * @wait_for_readings: whether to wait briefly for connected Sony devices' readings
 * @link: (out): the vendor link; the readings it mirrors end with it
 * @exit_code: (out): set to a BudctlExit
 *
 * What the commands that look at devices share: the firmware catalogue (for
 * the model ids), BlueZ, and the vendor link. Prints why not on failure;
 * usage errors (a bad --firmware-db) come before a missing Bluetooth.
 *
 * Returns: (transfer full) (nullable): a client with its devices loaded
 */
BudBluezClient *
budctl_open_devices (BudctlContext  *ctx,
                     gboolean        show_all,
                     gboolean        wait_for_readings,
                     BudSonyLink   **link,
                     int            *exit_code)
{
  g_autoptr (BudFirmwareCatalog) catalog = NULL;
  g_autoptr (BudBluezClient) client = NULL;

  *link = NULL;
  if (!load_catalog (ctx, &catalog))
    {
      *exit_code = BUDCTL_EXIT_USAGE;
      return NULL;
    }
  client = budctl_open_bluez (show_all, exit_code);
  if (client == NULL)
    {
      return NULL;
    }
  bud_bluez_client_set_catalog (client, catalog);
  *link = start_sony_link (client, wait_for_readings);

  return g_steal_pointer (&client);
}

/**
 * budctl_lookup_device:
 * @address: the device, as `budctl devices` lists it
 *
 * Returns: (transfer none) (nullable): the device, or %NULL after saying so
 */
BudDevice *
budctl_lookup_device (BudBluezClient *client,
                      const char     *address)
{
  BudDevice *device = bud_bluez_client_lookup_device (client, address);

  if (device == NULL || !bud_device_get_available (device))
    {
      budctl_error (_("No Bluetooth device with the address “%s” is known. Run “budctl "
                      "devices” to see the devices."), address);
      return NULL;
    }

  return device;
}

/* Command lines */

int
budctl_command_devices (BudctlContext  *ctx,
                        int             argc,
                        char          **argv)
{
  gboolean json = FALSE;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("List all devices, not only audio ones"), NULL },
    { NULL }
  };
  g_autoptr (BudBluezClient) client = NULL;
  g_autoptr (BudSonyLink) link = NULL;
  int exit_code;

  if (!budctl_parse_options (ctx, "devices", entries, NULL, &argc, &argv))
    {
      return BUDCTL_EXIT_USAGE;
    }
  if (argc > 1)
    {
      budctl_error (_("“devices” takes no arguments, but got “%s”."), argv[1]);
      return BUDCTL_EXIT_USAGE;
    }

  client = budctl_open_devices (ctx, all, TRUE, &link, &exit_code);
  if (client == NULL)
    {
      return exit_code;
    }

  return budctl_devices (client, json);
}

int
budctl_command_watch (BudctlContext  *ctx,
                      int             argc,
                      char          **argv)
{
  gboolean json = FALSE;
  gboolean all = FALSE;
  int count = 0;
  double timeout = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object per line"), NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Watch all devices, not only audio ones"), NULL },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, N_("Stop after N changes"), N_("N") },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout, N_("Stop after S seconds"), N_("S") },
    { NULL }
  };
  g_autoptr (BudBluezClient) client = NULL;
  g_autoptr (BudSonyLink) link = NULL;
  int exit_code;

  if (!budctl_parse_options (ctx, "watch", entries, NULL, &argc, &argv))
    {
      return BUDCTL_EXIT_USAGE;
    }
  if (argc > 1)
    {
      budctl_error (_("“watch” takes no arguments, but got “%s”."), argv[1]);
      return BUDCTL_EXIT_USAGE;
    }
  if (count < 0 || timeout < 0 || timeout > G_MAXUINT / 1000)
    {
      budctl_error (_("--count and --timeout take a positive number."));
      return BUDCTL_EXIT_USAGE;
    }

  client = budctl_open_devices (ctx, all, FALSE, &link, &exit_code);
  if (client == NULL)
    {
      return exit_code;
    }

  return budctl_watch (client, json, count, timeout);
}

/**
 * budctl_device_firmware:
 * @address: the device, as `budctl devices` lists it
 * @model: (out): the model id the catalogue matched
 * @version: (out): the firmware version the device reported
 *
 * Finds what `budctl firmware ADDRESS` checks, after printing why not on
 * failure.
 *
 * Returns: a BudctlExit
 */
int
budctl_device_firmware (BudctlContext  *ctx,
                        const char     *address,
                        char          **model,
                        char          **version)
{
  g_autoptr (BudBluezClient) client = NULL;
  g_autoptr (BudSonyLink) link = NULL;
  BudDevice *device;
  int exit_code;

  client = budctl_open_devices (ctx, TRUE, TRUE, &link, &exit_code);
  if (client == NULL)
    {
      return exit_code;
    }

  device = budctl_lookup_device (client, address);
  if (device == NULL)
    {
      return BUDCTL_EXIT_UNAVAILABLE;
    }
  if (bud_device_get_model_id (device) == NULL)
    {
      budctl_error (_("The model of “%s” (%s) is not in the firmware catalogue. If you know "
                      "it, run “budctl firmware --model ID --version V” with an id from "
                      "“budctl models”."), bud_device_get_name (device), address);
      return BUDCTL_EXIT_UNAVAILABLE;
    }
  if (bud_device_get_firmware_version (device) == NULL)
    {
      budctl_error (_("The firmware version of “%s” (%s) is not known: it is read from the "
                      "earbuds while they are connected. Look it up in the Headphones Connect "
                      "app and run “budctl firmware --model %s --version V”."),
                    bud_device_get_name (device), address, bud_device_get_model_id (device));
      return BUDCTL_EXIT_UNAVAILABLE;
    }

  *model = g_strdup (bud_device_get_model_id (device));
  *version = g_strdup (bud_device_get_firmware_version (device));

  return BUDCTL_EXIT_OK;
}
