/* test-sony-link.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <unistd.h>

#include <gio/gunixfdlist.h>

#include "bud-bluez-client.h"
#include "bud-bluez-generated.h"
#include "bud-sony-link.h"
#include "bud-sony-profile.h"
#include "fake-earbud.h"

/* The test plays bluetoothd on a private bus: an object manager with one
 * adapter and one WF-1000XM4, ProfileManager1, and a Device1.ConnectProfile
 * that hands the app's Profile1.NewConnection one end of a socketpair whose
 * other end is the fake earbud, in this process, so a test can hang it up. */

#define ADAPTER_PATH "/org/bluez/hci0"
#define DEVICE_PATH "/org/bluez/hci0/dev_AA_BB_CC_DD_EE_01"
#define ADDRESS "AA:BB:CC:DD:EE:01"
#define UUID_AUDIO_SINK "0000110b-0000-1000-8000-00805f9b34fb"

static const char manager_xml[] =
  "<node>"
  "  <interface name='org.bluez.ProfileManager1'>"
  "    <method name='RegisterProfile'>"
  "      <arg type='o' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct {
  GTestDBus *bus;
  GDBusConnection *app;
  GDBusConnection *bluez;
  GDBusNodeInfo *info;
  GDBusObjectManagerServer *server;
  BudBluezDevice1 *device1;
  guint manager_id;
  guint name_id;
  gboolean name_acquired;

  char *profile_sender;
  char *profile_path;
  char *profile_uuid;
  guint n_register;
  guint n_connect;
  gboolean call_done;

  FakeEarbudOptions fake_options;
  FakeEarbud *fake;

  BudBluezClient *client;
  BudSonyLink *link;
  BudDevice *device;    /* the client's */
  gint64 stopped_at;    /* when the fake stopped reading, or 0 */
} Fixture;

typedef gboolean (*Predicate) (Fixture *fixture);

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

static void
run_until (Fixture   *fixture,
           Predicate  done)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (10, deadline_cb, &expired);

  while (!done (fixture) && !expired)
    {
      g_main_context_iteration (NULL, TRUE);
    }
  if (!expired)
    {
      g_source_remove (id);
    }
  g_assert_false (expired);
}

/* Lets whatever is under way happen, to check that nothing more does. */
static void
spin (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, deadline_cb, &expired);
  while (!expired)
    {
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Mock bluetoothd */

static void
new_connection_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GDBusMethodInvocation) invocation = user_data;
  BudBluezDevice1 *device1 = g_object_get_data (G_OBJECT (invocation), "device1");
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_assert_no_error (error);
  bud_bluez_device1_complete_connect_profile (device1, invocation);
}

/* As bluetoothd does, answer once the profile has taken the connection. */
static gboolean
handle_connect_profile_cb (BudBluezDevice1       *device1,
                           GDBusMethodInvocation *invocation,
                           const char            *uuid,
                           Fixture               *fixture)
{
  g_autoptr (GUnixFDList) fd_list = g_unix_fd_list_new ();
  g_autoptr (GError) error = NULL;
  int host_fd;

  fixture->n_connect++;
  if (g_strcmp0 (uuid, fixture->profile_uuid) != 0)
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.Error.NotAvailable",
                                                  "Operation currently not available");
      return TRUE;
    }

  g_clear_pointer (&fixture->fake, fake_earbud_free);
  fixture->fake = fake_earbud_new_for_fd (&fixture->fake_options, &host_fd);
  g_unix_fd_list_append (fd_list, host_fd, &error);
  g_assert_no_error (error);
  close (host_fd);

  g_object_set_data (G_OBJECT (invocation), "device1", device1);
  g_dbus_connection_call_with_unix_fd_list (fixture->bluez, fixture->profile_sender,
                                            fixture->profile_path, "org.bluez.Profile1",
                                            "NewConnection",
                                            g_variant_new_parsed ("(@o %o, @h 0, @a{sv} {})",
                                                                  DEVICE_PATH),
                                            NULL, G_DBUS_CALL_FLAGS_NONE, 5000, fd_list, NULL,
                                            new_connection_cb, g_object_ref (invocation));
  return TRUE;
}

static void
manager_method_call (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *object_path,
                     const char            *interface_name,
                     const char            *method_name,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  Fixture *fixture = user_data;

  g_assert_cmpstr (method_name, ==, "RegisterProfile");
  fixture->n_register++;
  g_clear_pointer (&fixture->profile_path, g_free);
  g_clear_pointer (&fixture->profile_uuid, g_free);
  g_clear_pointer (&fixture->profile_sender, g_free);
  g_variant_get (parameters, "(osa{sv})", &fixture->profile_path, &fixture->profile_uuid, NULL);
  fixture->profile_sender = g_strdup (sender);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable manager_vtable = {
  .method_call = manager_method_call,
};

static void
export_objects (Fixture *fixture)
{
  const char *uuids[] = { UUID_AUDIO_SINK, BUD_SONY_UUID_V2, NULL };
  g_autoptr (BudBluezObjectSkeleton) adapter = bud_bluez_object_skeleton_new (ADAPTER_PATH);
  g_autoptr (BudBluezObjectSkeleton) device = bud_bluez_object_skeleton_new (DEVICE_PATH);
  g_autoptr (BudBluezAdapter1) adapter1 = bud_bluez_adapter1_skeleton_new ();

  bud_bluez_adapter1_set_powered (adapter1, TRUE);
  bud_bluez_object_skeleton_set_adapter1 (adapter, adapter1);

  fixture->device1 = bud_bluez_device1_skeleton_new ();
  bud_bluez_device1_set_address (fixture->device1, ADDRESS);
  bud_bluez_device1_set_alias (fixture->device1, "WF-1000XM4");
  bud_bluez_device1_set_icon (fixture->device1, "audio-headphones");
  bud_bluez_device1_set_adapter (fixture->device1, ADAPTER_PATH);
  bud_bluez_device1_set_uuids (fixture->device1, uuids);
  bud_bluez_device1_set_connected (fixture->device1, TRUE);
  g_signal_connect (fixture->device1, "handle-connect-profile",
                    G_CALLBACK (handle_connect_profile_cb), fixture);
  bud_bluez_object_skeleton_set_device1 (device, fixture->device1);

  fixture->server = g_dbus_object_manager_server_new ("/");
  g_dbus_object_manager_server_export (fixture->server, G_DBUS_OBJECT_SKELETON (adapter));
  g_dbus_object_manager_server_export (fixture->server, G_DBUS_OBJECT_SKELETON (device));
  g_dbus_object_manager_server_set_connection (fixture->server, fixture->bluez);
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((Fixture *) user_data)->name_acquired = TRUE;
}

static gboolean
name_is_acquired (Fixture *fixture)
{
  return fixture->name_acquired;
}

static GDBusConnection *
connect_to_bus (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  GDBusConnection *connection;

  connection = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (fixture->bus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);

  return connection;
}

static void
call_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_assert_no_error (error);
  fixture->call_done = TRUE;
}

static gboolean
call_is_done (Fixture *fixture)
{
  return fixture->call_done;
}

/* bluetoothd calling the app's Profile1; the app answers from this thread. */
static void
call_profile (Fixture    *fixture,
              const char *method,
              GVariant   *parameters)
{
  fixture->call_done = FALSE;
  g_dbus_connection_call (fixture->bluez, fixture->profile_sender, fixture->profile_path,
                          "org.bluez.Profile1", method, parameters, NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, call_done_cb, fixture);
  run_until (fixture, call_is_done);
}

/* App side */

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
client_is_ready (Fixture *fixture)
{
  return fixture->client != NULL;
}

static gboolean
readings_arrived (Fixture *fixture)
{
  return bud_sony_link_get_n_pending (fixture->link) == 0
         && bud_device_get_firmware_version (fixture->device) != NULL;
}

static gboolean
nothing_pending (Fixture *fixture)
{
  return bud_sony_link_get_n_pending (fixture->link) == 0;
}

static gboolean
buds_unknown (Fixture *fixture)
{
  return bud_device_get_left_level (fixture->device) == BUD_BATTERY_UNKNOWN
         && bud_device_get_right_level (fixture->device) == BUD_BATTERY_UNKNOWN;
}

static gboolean
buds_known (Fixture *fixture)
{
  return bud_device_get_left_level (fixture->device) == 70
         && bud_device_get_right_level (fixture->device) == 20
         && bud_sony_link_get_n_pending (fixture->link) == 0;
}

static gboolean
left_is_65 (Fixture *fixture)
{
  return bud_device_get_left_level (fixture->device) == 65;
}

static gboolean
sony_uuid_gone (Fixture *fixture)
{
  return !bud_device_has_uuid (fixture->device, BUD_SONY_UUID_V2);
}

static gboolean
device_disconnected (Fixture *fixture)
{
  return !bud_device_get_connected (fixture->device) && fake_earbud_get_saw_eof (fixture->fake);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (fixture->bus);
  fixture->app = connect_to_bus (fixture);
  fixture->bluez = connect_to_bus (fixture);

  fixture->info = g_dbus_node_info_new_for_xml (manager_xml, &error);
  g_assert_no_error (error);
  fixture->manager_id = g_dbus_connection_register_object (fixture->bluez, "/org/bluez",
                                                           fixture->info->interfaces[0],
                                                           &manager_vtable, fixture, NULL,
                                                           &error);
  g_assert_no_error (error);
  export_objects (fixture);
  fixture->name_id = g_bus_own_name_on_connection (fixture->bluez, "org.bluez",
                                                   G_BUS_NAME_OWNER_FLAGS_NONE,
                                                   name_acquired_cb, NULL, fixture, NULL);
  run_until (fixture, name_is_acquired);

  fixture->fake_options = (FakeEarbudOptions) {
    .protocol_version = 2,
    .left = 70, .left_status = 1,
    .right = 20, .right_status = 0,
    .case_level = 55, .case_status = 3,
    .firmware = "2.3.1",
  };

  bud_bluez_client_new_async (fixture->app, NULL, client_ready_cb, fixture);
  run_until (fixture, client_is_ready);
  fixture->device = bud_bluez_client_lookup_device (fixture->client, ADDRESS);
  g_assert_nonnull (fixture->device);
}

static void
start_link (Fixture *fixture)
{
  fixture->link = bud_sony_link_new (fixture->client);
  bud_sony_link_set_session_timing (fixture->link, 40, 500);
  /* A connected Sony device: readings are on their way from the start. */
  g_assert_cmpuint (bud_sony_link_get_n_pending (fixture->link), ==, 1);
  run_until (fixture, readings_arrived);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->link != NULL)
    {
      g_assert_finalize_object (fixture->link);
    }
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->fake, fake_earbud_free);
  g_bus_unown_name (fixture->name_id);
  g_dbus_connection_unregister_object (fixture->bluez, fixture->manager_id);
  g_clear_object (&fixture->server);
  g_clear_object (&fixture->device1);
  g_dbus_connection_close_sync (fixture->app, NULL, NULL);
  g_dbus_connection_close_sync (fixture->bluez, NULL, NULL);
  g_clear_object (&fixture->app);
  g_clear_object (&fixture->bluez);
  g_dbus_node_info_unref (fixture->info);
  g_test_dbus_down (fixture->bus);
  g_clear_object (&fixture->bus);
  g_clear_pointer (&fixture->profile_sender, g_free);
  g_clear_pointer (&fixture->profile_path, g_free);
  g_clear_pointer (&fixture->profile_uuid, g_free);
}

static void
assert_last_sample (BudDevice           *device,
                    BudBatteryComponent  component,
                    int                  level)
{
  BudBatteryHistory *history = bud_device_get_history (device);
  guint n = bud_battery_history_get_n_samples (history, component);

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpint (bud_battery_history_get_sample (history, component, n - 1)->level, ==, level);
}

/* Tests */

static void
test_link_mirrors_readings (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  start_link (fixture);

  g_assert_cmpuint (fixture->n_register, ==, 1);
  g_assert_cmpstr (fixture->profile_uuid, ==, BUD_SONY_UUID_V2);
  g_assert_cmpuint (fixture->n_connect, ==, 1);
  g_assert_cmpint (bud_device_get_left_level (fixture->device), ==, 70);
  g_assert_cmpint (bud_device_get_left_status (fixture->device), ==, BUD_CHARGE_STATUS_CHARGING);
  g_assert_cmpint (bud_device_get_right_level (fixture->device), ==, 20);
  g_assert_cmpint (bud_device_get_right_status (fixture->device), ==,
                   BUD_CHARGE_STATUS_NOT_CHARGING);
  g_assert_cmpint (bud_device_get_case_level (fixture->device), ==, 55);
  g_assert_cmpint (bud_device_get_case_status (fixture->device), ==, BUD_CHARGE_STATUS_CHARGED);
  g_assert_cmpint (bud_device_get_case_updated (fixture->device), >=, before);
  g_assert_cmpstr (bud_device_get_firmware_version (fixture->device), ==, "2.3.1");

  /* The client records what the link sets into the device's history. */
  assert_last_sample (fixture->device, BUD_BATTERY_COMPONENT_LEFT, 70);
  assert_last_sample (fixture->device, BUD_BATTERY_COMPONENT_RIGHT, 20);
  assert_last_sample (fixture->device, BUD_BATTERY_COMPONENT_CASE, 55);

  /* A notification from the earbuds reaches the device too. */
  fake_earbud_set_battery (fixture->fake, 65, 0, 20, 0);
  fake_earbud_notify_battery (fixture->fake);
  run_until (fixture, left_is_65);
  g_assert_cmpint (bud_device_get_left_status (fixture->device), ==,
                   BUD_CHARGE_STATUS_NOT_CHARGING);
  assert_last_sample (fixture->device, BUD_BATTERY_COMPONENT_LEFT, 65);
}

static void
test_link_bud_at_zero (Fixture       *fixture,
                       gconstpointer  data)
{
  fixture->fake_options.right = 0;

  start_link (fixture);

  g_assert_cmpint (bud_device_get_left_level (fixture->device), ==, 70);
  g_assert_cmpint (bud_device_get_right_level (fixture->device), ==, BUD_BATTERY_UNKNOWN);
}

/* After the link ends, the live readings go; the case's last known level
 * (with its time) and the firmware stay. */
static void
assert_last_known_kept (Fixture *fixture,
                        gint64   case_updated)
{
  g_assert_cmpint (bud_device_get_left_status (fixture->device), ==, BUD_CHARGE_STATUS_UNKNOWN);
  g_assert_cmpint (bud_device_get_right_status (fixture->device), ==, BUD_CHARGE_STATUS_UNKNOWN);
  g_assert_cmpint (bud_device_get_case_status (fixture->device), ==, BUD_CHARGE_STATUS_UNKNOWN);
  g_assert_cmpint (bud_device_get_case_level (fixture->device), ==, 55);
  g_assert_cmpint (bud_device_get_case_updated (fixture->device), ==, case_updated);
  g_assert_cmpstr (bud_device_get_firmware_version (fixture->device), ==, "2.3.1");
  assert_last_sample (fixture->device, BUD_BATTERY_COMPONENT_LEFT, BUD_BATTERY_UNKNOWN);
  g_assert_cmpuint (bud_sony_link_get_n_pending (fixture->link), ==, 0);
}

static void
test_link_hang_up (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 case_updated;

  start_link (fixture);
  case_updated = bud_device_get_case_updated (fixture->device);

  fake_earbud_hang_up (fixture->fake);
  run_until (fixture, buds_unknown);
  assert_last_known_kept (fixture, case_updated);

  /* Once per connection: no new ConnectProfile while the device stays connected. */
  spin (200);
  g_assert_cmpuint (fixture->n_connect, ==, 1);
}

static void
test_link_reconnect (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 case_updated;

  start_link (fixture);
  case_updated = bud_device_get_case_updated (fixture->device);

  bud_bluez_device1_set_connected (fixture->device1, FALSE);
  run_until (fixture, device_disconnected);
  g_assert_true (buds_unknown (fixture));
  assert_last_known_kept (fixture, case_updated);
  g_assert_cmpuint (fixture->n_connect, ==, 1);

  bud_bluez_device1_set_connected (fixture->device1, TRUE);
  run_until (fixture, buds_known);
  g_assert_cmpuint (fixture->n_connect, ==, 2);
  g_assert_cmpuint (fixture->n_register, ==, 1);
}

static void
test_link_request_disconnection (Fixture       *fixture,
                                 gconstpointer  data)
{
  gint64 case_updated;

  start_link (fixture);
  case_updated = bud_device_get_case_updated (fixture->device);

  call_profile (fixture, "RequestDisconnection", g_variant_new ("(o)", DEVICE_PATH));
  run_until (fixture, buds_unknown);
  assert_last_known_kept (fixture, case_updated);
}

static void
test_link_release (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 case_updated;

  start_link (fixture);
  case_updated = bud_device_get_case_updated (fixture->device);

  call_profile (fixture, "Release", NULL);
  run_until (fixture, buds_unknown);
  assert_last_known_kept (fixture, case_updated);
}

/* The earbuds answer the batteries, then read nothing more: the firmware and
 * model requests go unanswered. Readings stop being pending once both have
 * timed out, not before. */
static void
stop_fake_cb (Fixture *fixture)
{
  if (bud_device_get_case_level (fixture->device) != BUD_BATTERY_UNKNOWN)
    {
      fake_earbud_stop_reading (fixture->fake);
      fixture->stopped_at = g_get_monotonic_time ();
    }
}

static void
test_link_unanswered_requests (Fixture       *fixture,
                               gconstpointer  data)
{
  fixture->link = bud_sony_link_new (fixture->client);
  bud_sony_link_set_session_timing (fixture->link, 40, 150);
  g_signal_connect_swapped (fixture->device, "notify::case-level",
                            G_CALLBACK (stop_fake_cb), fixture);
  g_assert_cmpuint (bud_sony_link_get_n_pending (fixture->link), ==, 1);

  run_until (fixture, nothing_pending);
  g_signal_handlers_disconnect_by_data (fixture->device, fixture);

  g_assert_cmpint (fixture->stopped_at, >, 0);
  g_assert_cmpint (g_get_monotonic_time () - fixture->stopped_at, >=, 2 * 150 * 1000);
  g_assert_cmpint (bud_device_get_left_level (fixture->device), ==, 70);
  g_assert_cmpint (bud_device_get_case_level (fixture->device), ==, 55);
  g_assert_null (bud_device_get_firmware_version (fixture->device));
}

/* Answers that cannot be used end the requests as well. */
static void
test_link_bad_answers (Fixture       *fixture,
                       gconstpointer  data)
{
  fixture->fake_options.firmware = "2.\x01";
  fixture->fake_options.model = "WF\x01";

  fixture->link = bud_sony_link_new (fixture->client);
  bud_sony_link_set_session_timing (fixture->link, 40, 5000);
  g_assert_cmpuint (bud_sony_link_get_n_pending (fixture->link), ==, 1);

  run_until (fixture, nothing_pending);
  g_assert_cmpint (bud_device_get_right_level (fixture->device), ==, 20);
  g_assert_cmpint (bud_device_get_case_level (fixture->device), ==, 55);
  g_assert_null (bud_device_get_firmware_version (fixture->device));
}

static void
test_link_ignores_other_devices (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *uuids[] = { UUID_AUDIO_SINK, NULL };

  bud_bluez_device1_set_uuids (fixture->device1, uuids);
  run_until (fixture, sony_uuid_gone);

  fixture->link = bud_sony_link_new (fixture->client);
  g_assert_cmpuint (bud_sony_link_get_n_pending (fixture->link), ==, 0);
  spin (100);
  g_assert_cmpuint (fixture->n_register, ==, 0);
  g_assert_cmpuint (fixture->n_connect, ==, 0);
  g_assert_cmpint (bud_device_get_left_level (fixture->device), ==, BUD_BATTERY_UNKNOWN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sony-link/mirrors-readings", test_link_mirrors_readings);
  ADD ("/sony-link/bud-at-zero", test_link_bud_at_zero);
  ADD ("/sony-link/hang-up", test_link_hang_up);
  ADD ("/sony-link/reconnect", test_link_reconnect);
  ADD ("/sony-link/request-disconnection", test_link_request_disconnection);
  ADD ("/sony-link/release", test_link_release);
  ADD ("/sony-link/ignores-other-devices", test_link_ignores_other_devices);
  ADD ("/sony-link/unanswered-requests", test_link_unanswered_requests);
  ADD ("/sony-link/bad-answers", test_link_bad_answers);
#undef ADD

  return g_test_run ();
}
