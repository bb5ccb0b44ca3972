/* test-bluez-client.c: BudBluezClient against python-dbusmock's bluez5
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bud-bluez-client.h"
#include "mock-bluez.h"

#define XM4_ADDRESS "AA:BB:CC:DD:EE:01"

typedef struct {
  MockBluez mock;
  BudBluezClient *client;
  GListModel *devices;
  guint battery_changes;
  int last_battery;
} Fixture;

static void
battery_changed_cb (BudBluezClient *client,
                    BudDevice      *device,
                    int             level,
                    Fixture        *fixture)
{
  fixture->battery_changes++;
  fixture->last_battery = level;
}

static void
client_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr (GError) error = NULL;

  fixture->client = bud_bluez_client_new_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
client_ready (gpointer data)
{
  Fixture *fixture = data;

  return fixture->client != NULL;
}

static void
create_client (Fixture *fixture)
{
  bud_bluez_client_new_async (fixture->mock.connection, NULL, client_ready_cb, fixture);
  mock_wait (client_ready, fixture, "the client");
  fixture->devices = bud_bluez_client_get_devices (fixture->client);
  g_signal_connect (fixture->client, "battery-changed", G_CALLBACK (battery_changed_cb), fixture);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  mock_bluez_setup (&fixture->mock);
  mock_bluez_start (&fixture->mock);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->client != NULL)
    {
      g_assert_finalize_object (fixture->client);
    }
  mock_bluez_teardown (&fixture->mock);
}

static BudDevice *
device_at (Fixture *fixture,
           guint    position)
{
  g_autoptr (BudDevice) device = g_list_model_get_item (fixture->devices, position);

  /* The model keeps its own reference. */
  return device;
}

static void
assert_history (BudBatteryHistory   *history,
                BudBatteryComponent  component,
                const int           *levels,
                guint                n_levels)
{
  g_assert_cmpuint (bud_battery_history_get_n_samples (history, component), ==, n_levels);
  for (guint i = 0; i < n_levels; i++)
    {
      const BudBatterySample *sample = bud_battery_history_get_sample (history, component, i);

      g_assert_cmpint (sample->level, ==, levels[i]);
    }
}

typedef struct {
  Fixture *fixture;
  guint n_items;
} CountCheck;

static gboolean
has_n_items (gpointer data)
{
  CountCheck *check = data;

  return g_list_model_get_n_items (check->fixture->devices) == check->n_items;
}

static void
wait_n_items (Fixture    *fixture,
              guint       n_items,
              const char *what)
{
  CountCheck check = { fixture, n_items };

  mock_wait (has_n_items, &check, what);
}

static gboolean
battery_is (gpointer data)
{
  Fixture *fixture = data;

  return g_list_model_get_n_items (fixture->devices) > 0
         && bud_device_get_battery (device_at (fixture, 0)) == fixture->last_battery
         && fixture->battery_changes > 0;
}

static void
test_initial_enumeration (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *xm4 = NULL;
  g_autofree char *phone = NULL;
  BudDevice *device;
  const char * const *uuids;

  mock_bluez_add_adapter (&fixture->mock, "hci0");
  xm4 = mock_bluez_add_headphones (&fixture->mock, XM4_ADDRESS, "WF-1000XM4");
  mock_bluez_add_battery (&fixture->mock, xm4, 60);
  phone = mock_bluez_add_device (&fixture->mock, "hci0", "AA:BB:CC:DD:EE:02", "Phone");
  mock_bluez_update (&fixture->mock, phone, "org.bluez.Device1", "Icon",
                     g_variant_new_string ("phone"));

  create_client (fixture);
  g_assert_true (bud_bluez_client_get_available (fixture->client));
  g_assert_true (bud_bluez_client_get_powered (fixture->client));
  g_assert_cmpuint (bud_bluez_client_get_n_adapters (fixture->client), ==, 1);

  /* Only the headphones are audio; the phone shows with show-all. */
  g_assert_cmpuint (g_list_model_get_n_items (fixture->devices), ==, 1);
  device = device_at (fixture, 0);
  g_assert_cmpstr (bud_device_get_address (device), ==, XM4_ADDRESS);
  g_assert_cmpstr (bud_device_get_name (device), ==, "WF-1000XM4");
  g_assert_cmpstr (bud_device_get_icon (device), ==, "audio-headphones");
  g_assert_cmpstr (bud_device_get_adapter (device), ==, "hci0");
  g_assert_cmpstr (bud_device_get_object_path (device), ==, xm4);
  g_assert_cmpstr (bud_device_get_modalias (device), ==, MOCK_XM4_MODALIAS);
  g_assert_true (bud_device_get_connected (device));
  g_assert_true (bud_device_get_paired (device));
  g_assert_true (bud_device_get_available (device));
  g_assert_true (bud_device_is_audio (device));
  g_assert_cmpint (bud_device_get_battery (device), ==, 60);
  uuids = bud_device_get_uuids (device);
  g_assert_cmpuint (g_strv_length ((char **) uuids), ==, 3);
  g_assert_true (bud_device_has_uuid (device, MOCK_UUID_SONY_V2));
  g_assert_true (bud_bluez_client_lookup_device (fixture->client, "aa:bb:cc:dd:ee:01") == device);

  /* What the vendor link fills in is recorded too. */
  bud_device_set_case_status (device, BUD_CHARGE_STATUS_CHARGING);
  bud_device_set_case_level (device, 30);
  bud_device_set_left_level (device, 90);
  assert_history (bud_device_get_history (device), BUD_BATTERY_COMPONENT_CASE,
                  (int []) { -1, 30 }, 2);
  assert_history (bud_device_get_history (device), BUD_BATTERY_COMPONENT_LEFT,
                  (int []) { 90 }, 1);
  assert_history (bud_device_get_history (device), BUD_BATTERY_COMPONENT_SINGLE,
                  (int []) { 60 }, 1);

  bud_bluez_client_set_show_all (fixture->client, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->devices), ==, 2);
  bud_bluez_client_set_show_all (fixture->client, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->devices), ==, 1);
  g_assert_cmpuint (fixture->battery_changes, ==, 0);
}

static BudFirmwareCatalog *
load_catalog (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("EARBUD_DOCTOR_DATA_DIR"),
                                            "firmware.json", NULL);
  g_autoptr (GError) error = NULL;
  BudFirmwareCatalog *catalog = bud_firmware_catalog_new_from_file (path, &error);

  g_assert_no_error (error);

  return catalog;
}

static void
test_model_match (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr (BudFirmwareCatalog) catalog = load_catalog ();
  g_autofree char *speaker = NULL;
  BudDevice *xm4;

  mock_bluez_add_adapter (&fixture->mock, "hci0");
  g_free (mock_bluez_add_headphones (&fixture->mock, XM4_ADDRESS, "Living room buds"));
  speaker = mock_bluez_add_device (&fixture->mock, "hci0", "AA:BB:CC:DD:EE:05", "Speaker");
  mock_bluez_update (&fixture->mock, speaker, "org.bluez.Device1", "Icon",
                     g_variant_new_string ("audio-card"));
  create_client (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->devices), ==, 2);
  xm4 = bud_bluez_client_lookup_device (fixture->client, XM4_ADDRESS);

  /* No catalogue, no model; then the Modalias decides, whatever the alias. */
  g_assert_null (bud_device_get_model_id (xm4));
  bud_bluez_client_set_catalog (fixture->client, catalog);
  g_assert_cmpstr (bud_device_get_model_id (xm4), ==, "sony-wf-1000xm4");
  g_assert_null (bud_device_get_model_id (bud_bluez_client_lookup_device (fixture->client,
                                                                          "AA:BB:CC:DD:EE:05")));
  bud_bluez_client_set_catalog (fixture->client, NULL);
  g_assert_null (bud_device_get_model_id (xm4));
}

static gboolean
alias_changed (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (bud_device_get_name (device_at (fixture, 0)), "My buds") == 0;
}

static gboolean
disconnected (gpointer data)
{
  Fixture *fixture = data;

  return !bud_device_get_connected (device_at (fixture, 0));
}

static void
test_property_changes (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *xm4 = NULL;
  g_autofree char *speaker = NULL;

  mock_bluez_add_adapter (&fixture->mock, "hci0");
  xm4 = mock_bluez_add_headphones (&fixture->mock, XM4_ADDRESS, "WF-1000XM4");
  create_client (fixture);

  mock_bluez_update (&fixture->mock, xm4, "org.bluez.Device1", "Alias",
                     g_variant_new_string ("My buds"));
  mock_wait (alias_changed, fixture, "the new alias");
  mock_bluez_update (&fixture->mock, xm4, "org.bluez.Device1", "Connected",
                     g_variant_new_boolean (FALSE));
  mock_wait (disconnected, fixture, "the disconnection");

  /* A device that turns out to be audio once its profiles are resolved. */
  speaker = mock_bluez_add_device (&fixture->mock, "hci0", "AA:BB:CC:DD:EE:03", "Speaker");
  g_assert_cmpuint (g_list_model_get_n_items (fixture->devices), ==, 1);
  mock_bluez_update (&fixture->mock, speaker, "org.bluez.Device1", "UUIDs",
                     g_variant_new_parsed ("[%s]", MOCK_UUID_AUDIO_SINK));
  wait_n_items (fixture, 2, "the speaker to count as audio");
}

static void
test_battery_appears (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *xm4 = NULL;
  BudBatteryHistory *history;

  mock_bluez_add_adapter (&fixture->mock, "hci0");
  xm4 = mock_bluez_add_headphones (&fixture->mock, XM4_ADDRESS, "WF-1000XM4");
  create_client (fixture);
  g_assert_cmpint (bud_device_get_battery (device_at (fixture, 0)), ==, BUD_BATTERY_UNKNOWN);

  fixture->last_battery = 40;
  mock_bluez_add_battery (&fixture->mock, xm4, 40);
  mock_wait (battery_is, fixture, "Battery1 to appear");
  g_assert_cmpuint (fixture->battery_changes, ==, 1);

  fixture->last_battery = 35;
  mock_bluez_set_battery (&fixture->mock, xm4, 35);
  mock_wait (battery_is, fixture, "the battery change");
  g_assert_cmpuint (fixture->battery_changes, ==, 2);

  /* Not a percentage: reported as unknown, never passed on as 200. */
  fixture->last_battery = BUD_BATTERY_UNKNOWN;
  mock_bluez_set_battery (&fixture->mock, xm4, 200);
  mock_wait (battery_is, fixture, "the bad level");
  g_assert_cmpuint (fixture->battery_changes, ==, 3);

  /* Each change went into the device's history, in order. */
  history = bud_device_get_history (device_at (fixture, 0));
  g_assert_true (history == bud_bluez_client_get_history (fixture->client, XM4_ADDRESS));
  assert_history (history, BUD_BATTERY_COMPONENT_SINGLE, (int []) { 40, 35, -1 }, 3);
}

static void
test_device_removed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *xm4 = NULL;
  g_autoptr (BudDevice) device = NULL;

  mock_bluez_add_adapter (&fixture->mock, "hci0");
  xm4 = mock_bluez_add_headphones (&fixture->mock, XM4_ADDRESS, "WF-1000XM4");
  create_client (fixture);
  device = g_list_model_get_item (fixture->devices, 0);

  mock_bluez_remove_device (&fixture->mock, xm4);
  wait_n_items (fixture, 0, "the device to go");
  g_assert_false (bud_device_get_available (device));
  g_assert_null (bud_bluez_client_lookup_device (fixture->client, XM4_ADDRESS));

  /* And one that arrives while we watch. */
  g_free (mock_bluez_add_headphones (&fixture->mock, "AA:BB:CC:DD:EE:04", "WH-1000XM3"));
  wait_n_items (fixture, 1, "the new device");
  g_assert_cmpstr (bud_device_get_name (device_at (fixture, 0)), ==, "WH-1000XM3");
  g_assert_finalize_object (g_steal_pointer (&device));
}

static gboolean
unpowered (gpointer data)
{
  return !bud_bluez_client_get_powered (data);
}

static gboolean
powered (gpointer data)
{
  return bud_bluez_client_get_powered (data);
}

static void
test_adapter_removed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *xm4 = NULL;
  g_autoptr (BudDevice) device = NULL;

  mock_bluez_add_adapter (&fixture->mock, "hci0");
  xm4 = mock_bluez_add_headphones (&fixture->mock, XM4_ADDRESS, "WF-1000XM4");
  create_client (fixture);
  device = g_list_model_get_item (fixture->devices, 0);

  mock_bluez_set_powered (&fixture->mock, "hci0", FALSE);
  mock_wait (unpowered, fixture->client, "the adapter to power off");
  mock_bluez_set_powered (&fixture->mock, "hci0", TRUE);
  mock_wait (powered, fixture->client, "the adapter to power on");

  /* The template leaves the device objects behind, as a crashing bluetoothd
   * may: devices of a vanished adapter must go all the same. */
  mock_bluez_remove_adapter (&fixture->mock, "hci0");
  wait_n_items (fixture, 0, "the adapter's devices to go");
  g_assert_false (bud_device_get_available (device));
  g_assert_false (bud_bluez_client_get_powered (fixture->client));
  g_assert_cmpuint (bud_bluez_client_get_n_adapters (fixture->client), ==, 0);
  g_assert_true (bud_bluez_client_get_available (fixture->client));

  mock_bluez_add_adapter (&fixture->mock, "hci0");
  wait_n_items (fixture, 1, "the device to come back with its adapter");
  g_assert_true (bud_device_get_available (device));
  g_assert_true (bud_bluez_client_get_powered (fixture->client));
}

static gboolean
bluez_gone (gpointer data)
{
  Fixture *fixture = data;

  return !bud_bluez_client_get_available (fixture->client)
         && g_list_model_get_n_items (fixture->devices) == 0;
}

static gboolean
bluez_back (gpointer data)
{
  Fixture *fixture = data;

  return bud_bluez_client_get_available (fixture->client)
         && g_list_model_get_n_items (fixture->devices) == 1;
}

static void
test_bluez_restart (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *xm4 = NULL;
  g_autoptr (BudDevice) device = NULL;
  g_autoptr (BudBatteryHistory) saved = NULL;

  mock_bluez_add_adapter (&fixture->mock, "hci0");
  xm4 = mock_bluez_add_headphones (&fixture->mock, XM4_ADDRESS, "WF-1000XM4");
  mock_bluez_add_battery (&fixture->mock, xm4, 80);
  create_client (fixture);
  device = g_list_model_get_item (fixture->devices, 0);

  mock_bluez_stop (&fixture->mock);
  mock_wait (bluez_gone, fixture, "the client to notice bluetoothd has gone");
  g_assert_false (bud_device_get_available (device));
  g_assert_false (bud_bluez_client_get_powered (fixture->client));

  mock_bluez_start (&fixture->mock);
  mock_bluez_add_adapter (&fixture->mock, "hci0");
  g_free (xm4);
  xm4 = mock_bluez_add_headphones (&fixture->mock, XM4_ADDRESS, "WF-1000XM4");
  mock_bluez_add_battery (&fixture->mock, xm4, 75);
  mock_wait (bluez_back, fixture, "the client to repopulate");
  fixture->last_battery = 75;
  mock_wait (battery_is, fixture, "the battery after the restart");
  g_assert_true (bud_bluez_client_get_powered (fixture->client));

  /* One history across both bluetoothd processes, with the gap in it. */
  g_assert_true (bud_device_get_history (device_at (fixture, 0))
                 == bud_device_get_history (device));
  assert_history (bud_device_get_history (device), BUD_BATTERY_COMPONENT_SINGLE,
                  (int []) { 80, -1, 75 }, 3);

  /* A history the app loaded from disk takes over, also for the next restart. */
  saved = bud_battery_history_new (XM4_ADDRESS);
  bud_device_set_history (device_at (fixture, 0), saved);
  g_assert_true (bud_bluez_client_get_history (fixture->client, XM4_ADDRESS) == saved);
  mock_bluez_set_battery (&fixture->mock, xm4, 74);
  fixture->last_battery = 74;
  mock_wait (battery_is, fixture, "the battery into the loaded history");
  assert_history (saved, BUD_BATTERY_COMPONENT_SINGLE, (int []) { 74 }, 1);
  g_assert_finalize_object (g_steal_pointer (&device));
}

static gboolean
bluez_appeared (gpointer data)
{
  return bud_bluez_client_get_available (data);
}

static void
test_no_bluez (Fixture       *fixture,
               gconstpointer  data)
{
  mock_bluez_stop (&fixture->mock);
  create_client (fixture);
  g_assert_false (bud_bluez_client_get_available (fixture->client));
  g_assert_false (bud_bluez_client_get_powered (fixture->client));
  g_assert_cmpuint (g_list_model_get_n_items (fixture->devices), ==, 0);

  /* bluetoothd starting later is picked up without a new client. */
  mock_bluez_start (&fixture->mock);
  mock_wait (bluez_appeared, fixture->client, "BlueZ to appear");
  mock_bluez_add_adapter (&fixture->mock, "hci0");
  g_free (mock_bluez_add_headphones (&fixture->mock, XM4_ADDRESS, "WF-1000XM4"));
  wait_n_items (fixture, 1, "the device");
}

static void
failed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr (BudBluezClient) client = bud_bluez_client_new_finish (result, error);

  g_assert_null (client);
}

static gboolean
has_error (gpointer data)
{
  return *(GError **) data != NULL;
}

/* Owning org.bluez but failing GetManagedObjects: retried a few times, then
 * a clear error, and no warning from GLib. */
static void
test_not_an_object_manager (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  mock_bluez_stop (&fixture->mock);
  mock_bluez_start_bare (&fixture->mock);
  bud_bluez_client_new_async (fixture->mock.connection, NULL, failed_cb, &error);
  mock_wait (has_error, &error, "the creation to fail");
  g_assert_error (error, BUD_BLUETOOTH_ERROR, BUD_BLUETOOTH_ERROR_NO_BLUEZ);
}

/* A bluetoothd still starting when we ask: a retry finds its objects. */
static void
test_late_object_manager (Fixture       *fixture,
                          gconstpointer  data)
{
  mock_bluez_stop (&fixture->mock);
  mock_bluez_start_bare (&fixture->mock);
  bud_bluez_client_new_async (fixture->mock.connection, NULL, client_ready_cb, fixture);
  mock_bluez_load_template (&fixture->mock);
  mock_bluez_add_adapter (&fixture->mock, "hci0");
  g_free (mock_bluez_add_headphones (&fixture->mock, XM4_ADDRESS, "WF-1000XM4"));

  mock_wait (client_ready, fixture, "the client");
  fixture->devices = bud_bluez_client_get_devices (fixture->client);
  g_assert_true (bud_bluez_client_get_available (fixture->client));
  wait_n_items (fixture, 1, "the device");
}

static void
cancelled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr (BudBluezClient) client = bud_bluez_client_new_finish (result, error);

  g_assert_null (client);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  bud_bluez_client_new_async (fixture->mock.connection, cancellable, cancelled_cb, &error);
  mock_wait (has_error, &error, "the cancelled creation to fail");
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_many_devices (Fixture       *fixture,
                   gconstpointer  data)
{
  const guint n_devices = 500;
  g_autoptr (GTimer) timer = NULL;
  g_autofree char *last = NULL;

  mock_bluez_add_adapter (&fixture->mock, "hci0");
  for (guint i = 0; i < n_devices; i++)
    {
      g_autofree char *address = g_strdup_printf ("AA:BB:CC:00:%02X:%02X", i / 256, i % 256);
      g_autofree char *path = mock_bluez_add_device (&fixture->mock, "hci0", address, "Buds");

      mock_bluez_update (&fixture->mock, path, "org.bluez.Device1", "Icon",
                         g_variant_new_string ("audio-headset"));
      g_free (last);
      last = g_steal_pointer (&path);
    }

  timer = g_timer_new ();
  create_client (fixture);
  g_test_message ("Enumerating %u devices took %.1f ms", n_devices,
                  g_timer_elapsed (timer, NULL) * 1000);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->devices), ==, n_devices);

  mock_bluez_remove_device (&fixture->mock, last);
  wait_n_items (fixture, n_devices - 1, "one device to go");
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/bluez-client/initial-enumeration", test_initial_enumeration);
  add_test ("/bluez-client/model-match", test_model_match);
  add_test ("/bluez-client/property-changes", test_property_changes);
  add_test ("/bluez-client/battery-appears", test_battery_appears);
  add_test ("/bluez-client/device-removed", test_device_removed);
  add_test ("/bluez-client/adapter-removed", test_adapter_removed);
  add_test ("/bluez-client/bluez-restart", test_bluez_restart);
  add_test ("/bluez-client/no-bluez", test_no_bluez);
  add_test ("/bluez-client/cancelled", test_cancelled);
  add_test ("/bluez-client/not-an-object-manager", test_not_an_object_manager);
  add_test ("/bluez-client/late-object-manager", test_late_object_manager);
  add_test ("/bluez-client/many-devices", test_many_devices);

  return g_test_run ();
}
