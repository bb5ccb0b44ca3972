/* test-sony-profile.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <unistd.h>

#include <gio/gunixfdlist.h>

#include "bud-sony-profile.h"
#include "fake-earbud.h"

/* A private bus where the test plays bluetoothd: it owns org.bluez, serves
 * ProfileManager1 and Device1.ConnectProfile, and answers ConnectProfile by
 * calling the app's Profile1.NewConnection with one end of a socketpair whose
 * other end is the fake earbud. */

#define DEVICE_PATH "/org/bluez/hci0/dev_AA_BB_CC_DD_EE_FF"

static const char bluez_xml[] =
  "<node>"
  "  <interface name='org.bluez.ProfileManager1'>"
  "    <method name='RegisterProfile'>"
  "      <arg type='o' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "  </interface>"
  "  <interface name='org.bluez.Device1'>"
  "    <method name='ConnectProfile'>"
  "      <arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct {
  GTestDBus *bus;
  GDBusConnection *app;
  GDBusConnection *bluez;
  GDBusNodeInfo *info;
  guint manager_id;
  guint device_id;
  guint name_id;
  gboolean name_acquired;

  /* what the app registered */
  char *profile_sender;
  char *profile_path;
  char *profile_uuid;
  GVariant *profile_options;
  const char *register_error;     /* D-Bus error name to answer with */

  FakeEarbudOptions fake_options;
  FakeEarbud *fake;
  char *connect_uuid;
  GError *new_connection_error;

  BudSonyProfile *profile;
  GAsyncResult *result;
  guint n_started;
  guint n_ended;
  guint n_released;
  char *started_path;
  BudSonySession *started_session;  /* not owned */
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

/* Mock bluetoothd */

static void
new_connection_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GDBusMethodInvocation) invocation = user_data;
  Fixture *fixture = g_object_get_data (G_OBJECT (invocation), "fixture");
  g_autoptr (GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result,
                                         &fixture->new_connection_error);
  if (reply == NULL)
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.Error.Failed",
                                                  fixture->new_connection_error->message);
      return;
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
handle_connect_profile (Fixture               *fixture,
                        GVariant              *parameters,
                        GDBusMethodInvocation *invocation)
{
  g_autoptr (GUnixFDList) fd_list = g_unix_fd_list_new ();
  g_autoptr (GError) error = NULL;
  int host_fd;

  g_clear_pointer (&fixture->connect_uuid, g_free);
  g_variant_get (parameters, "(s)", &fixture->connect_uuid);
  if (fixture->profile_path == NULL || g_strcmp0 (fixture->connect_uuid,
                                                  fixture->profile_uuid) != 0)
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.Error.NotAvailable",
                                                  "Operation currently not available");
      return;
    }

  fixture->fake = fake_earbud_new_for_fd (&fixture->fake_options, &host_fd);
  g_unix_fd_list_append (fd_list, host_fd, &error);
  g_assert_no_error (error);
  close (host_fd);

  g_object_set_data (G_OBJECT (invocation), "fixture", fixture);
  g_dbus_connection_call_with_unix_fd_list (fixture->bluez, fixture->profile_sender,
                                            fixture->profile_path, "org.bluez.Profile1",
                                            "NewConnection",
                                            g_variant_new_parsed ("(@o %o, @h 0, @a{sv} {})",
                                                                  DEVICE_PATH),
                                            NULL, G_DBUS_CALL_FLAGS_NONE, 5000, fd_list, NULL,
                                            new_connection_cb, g_object_ref (invocation));
}

static void
bluez_method_call (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *object_path,
                   const char            *interface_name,
                   const char            *method_name,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  Fixture *fixture = user_data;

  if (g_strcmp0 (method_name, "RegisterProfile") == 0)
    {
      if (fixture->register_error != NULL)
        {
          g_dbus_method_invocation_return_dbus_error (invocation, fixture->register_error,
                                                      "Already Exists");
          return;
        }
      g_variant_get (parameters, "(os@a{sv})", &fixture->profile_path, &fixture->profile_uuid,
                     &fixture->profile_options);
      fixture->profile_sender = g_strdup (sender);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_strcmp0 (method_name, "ConnectProfile") == 0)
    {
      handle_connect_profile (fixture, parameters, invocation);
    }
}

static const GDBusInterfaceVTable bluez_vtable = {
  .method_call = bluez_method_call,
};

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

/* App side */

static void
session_started_cb (BudSonyProfile *profile,
                    const char     *device_path,
                    BudSonySession *session,
                    Fixture        *fixture)
{
  fixture->n_started++;
  g_free (fixture->started_path);
  fixture->started_path = g_strdup (device_path);
  fixture->started_session = session;
}

static void
session_ended_cb (BudSonyProfile *profile,
                  const char     *device_path,
                  Fixture        *fixture)
{
  g_assert_cmpstr (device_path, ==, fixture->started_path);
  fixture->n_ended++;
}

static void
released_cb (BudSonyProfile *profile,
             Fixture        *fixture)
{
  fixture->n_released++;
}

static void
fixture_setup (Fixture    *fixture,
               const char *uuid)
{
  g_autoptr (GError) error = NULL;

  fixture->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (fixture->bus);
  fixture->app = connect_to_bus (fixture);
  fixture->bluez = connect_to_bus (fixture);

  fixture->info = g_dbus_node_info_new_for_xml (bluez_xml, &error);
  g_assert_no_error (error);
  fixture->manager_id = g_dbus_connection_register_object (fixture->bluez, "/org/bluez",
                                                           fixture->info->interfaces[0],
                                                           &bluez_vtable, fixture, NULL,
                                                           &error);
  g_assert_no_error (error);
  fixture->device_id = g_dbus_connection_register_object (fixture->bluez, DEVICE_PATH,
                                                          fixture->info->interfaces[1],
                                                          &bluez_vtable, fixture, NULL,
                                                          &error);
  g_assert_no_error (error);
  fixture->name_id = g_bus_own_name_on_connection (fixture->bluez, "org.bluez",
                                                   G_BUS_NAME_OWNER_FLAGS_NONE,
                                                   name_acquired_cb, NULL, fixture, NULL);
  run_until (fixture, name_is_acquired);

  fixture->fake_options = (FakeEarbudOptions) {
    .protocol_version = 2,
    .left = 70, .left_status = 1,
    .right = 20, .right_status = 0,
    .case_level = 55, .case_status = 1,
  };

  fixture->profile = bud_sony_profile_new (fixture->app, uuid);
  bud_sony_profile_set_session_timing (fixture->profile, 40, 500);
  g_signal_connect (fixture->profile, "session-started", G_CALLBACK (session_started_cb),
                    fixture);
  g_signal_connect (fixture->profile, "session-ended", G_CALLBACK (session_ended_cb), fixture);
  g_signal_connect (fixture->profile, "released", G_CALLBACK (released_cb), fixture);
}

static void
fixture_teardown (Fixture *fixture)
{
  /* A task's result holds its source object. */
  g_clear_object (&fixture->result);
  if (fixture->profile != NULL)
    {
      g_assert_finalize_object (fixture->profile);
    }
  g_clear_pointer (&fixture->fake, fake_earbud_free);
  g_bus_unown_name (fixture->name_id);
  g_dbus_connection_unregister_object (fixture->bluez, fixture->manager_id);
  g_dbus_connection_unregister_object (fixture->bluez, fixture->device_id);
  g_dbus_connection_close_sync (fixture->app, NULL, NULL);
  g_dbus_connection_close_sync (fixture->bluez, NULL, NULL);
  g_clear_object (&fixture->app);
  g_clear_object (&fixture->bluez);
  g_dbus_node_info_unref (fixture->info);
  g_test_dbus_down (fixture->bus);
  g_clear_object (&fixture->bus);
  g_clear_object (&fixture->result);
  g_clear_pointer (&fixture->profile_sender, g_free);
  g_clear_pointer (&fixture->profile_path, g_free);
  g_clear_pointer (&fixture->profile_uuid, g_free);
  g_clear_pointer (&fixture->profile_options, g_variant_unref);
  g_clear_pointer (&fixture->connect_uuid, g_free);
  g_clear_pointer (&fixture->started_path, g_free);
  g_clear_error (&fixture->new_connection_error);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_set_object (&fixture->result, result);
}

static gboolean
has_result (Fixture *fixture)
{
  return fixture->result != NULL;
}

static void
register_profile (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;

  bud_sony_profile_register_async (fixture->profile, NULL, store_result_cb, fixture);
  run_until (fixture, has_result);
  g_assert_true (bud_sony_profile_register_finish (fixture->profile, fixture->result, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->result);
}

static void
connect_profile (Fixture    *fixture,
                 const char *uuid)
{
  g_autoptr (GError) error = NULL;

  bud_sony_connect_profile_async (fixture->app, DEVICE_PATH, uuid, NULL,
                                  store_result_cb, fixture);
  run_until (fixture, has_result);
  g_assert_true (bud_sony_connect_profile_finish (fixture->result, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->result);
}

static gboolean
session_has_everything (Fixture *fixture)
{
  BudSonySession *session = bud_sony_profile_lookup_session (fixture->profile, DEVICE_PATH);

  return session != NULL &&
         bud_sony_session_get_firmware_version (session) != NULL &&
         bud_sony_session_get_case_level (session) != BUD_BATTERY_UNKNOWN;
}

static gboolean
session_ended (Fixture *fixture)
{
  return fixture->n_ended > 0 && fake_earbud_get_saw_eof (fixture->fake);
}

static gboolean
fake_saw_eof (Fixture *fixture)
{
  return fake_earbud_get_saw_eof (fixture->fake);
}

static gboolean
is_released (Fixture *fixture)
{
  return fixture->n_released > 0;
}

/* Tests */

static void
test_profile_choose_uuid (void)
{
  const char *with_v2[] = { "0000110b-0000-1000-8000-00805f9b34fb", BUD_SONY_UUID_V2,
                            BUD_SONY_UUID_V1, NULL };
  const char *with_v1[] = { "0000110b-0000-1000-8000-00805f9b34fb", BUD_SONY_UUID_V1, NULL };
  const char *none[] = { NULL };

  g_assert_cmpstr (bud_sony_choose_uuid (with_v2), ==, BUD_SONY_UUID_V2);
  g_assert_cmpstr (bud_sony_choose_uuid (with_v1), ==, BUD_SONY_UUID_V1);
  g_assert_cmpstr (bud_sony_choose_uuid (none), ==, BUD_SONY_UUID_V1);
  g_assert_cmpstr (bud_sony_choose_uuid (NULL), ==, BUD_SONY_UUID_V1);
}

static void
test_profile_register (void)
{
  Fixture fixture = { 0 };
  gboolean auto_connect = FALSE;
  const char *role = NULL;

  fixture_setup (&fixture, BUD_SONY_UUID_V2);
  g_assert_false (bud_sony_profile_get_registered (fixture.profile));
  register_profile (&fixture);

  g_assert_true (bud_sony_profile_get_registered (fixture.profile));
  g_assert_cmpstr (fixture.profile_uuid, ==, BUD_SONY_UUID_V2);
  g_assert_cmpstr (fixture.profile_path, ==, bud_sony_profile_get_object_path (fixture.profile));
  g_assert_cmpstr (fixture.profile_sender, ==, g_dbus_connection_get_unique_name (fixture.app));
  g_assert_true (g_variant_lookup (fixture.profile_options, "Role", "&s", &role));
  g_assert_cmpstr (role, ==, "client");
  g_assert_true (g_variant_lookup (fixture.profile_options, "AutoConnect", "b", &auto_connect));
  g_assert_true (auto_connect);
  fixture_teardown (&fixture);
}

static void
test_profile_session_v2 (void)
{
  Fixture fixture = { 0 };
  const char *uuids[] = { BUD_SONY_UUID_V2, BUD_SONY_UUID_V1, NULL };
  BudSonySession *session;

  fixture_setup (&fixture, BUD_SONY_UUID_V2);
  register_profile (&fixture);
  connect_profile (&fixture, bud_sony_choose_uuid (uuids));

  g_assert_cmpstr (fixture.connect_uuid, ==, BUD_SONY_UUID_V2);
  g_assert_null (fixture.new_connection_error);
  g_assert_cmpuint (fixture.n_started, ==, 1);
  g_assert_cmpstr (fixture.started_path, ==, DEVICE_PATH);
  session = bud_sony_profile_lookup_session (fixture.profile, DEVICE_PATH);
  g_assert_true (session == fixture.started_session);

  run_until (&fixture, session_has_everything);
  g_assert_cmpuint (bud_sony_session_get_protocol_version (session), ==, 2);
  g_assert_cmpint (bud_sony_session_get_left_level (session), ==, 70);
  g_assert_cmpint (bud_sony_session_get_right_level (session), ==, 20);
  g_assert_cmpint (bud_sony_session_get_case_level (session), ==, 55);
  g_assert_cmpstr (bud_sony_session_get_firmware_version (session), ==, "2.3.1");
  g_assert_cmpstr (bud_sony_session_get_device_name (session), ==, "AA:BB:CC:DD:EE:FF");

  fixture_teardown (&fixture);
}

static void
request_disconnection_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_assert_no_error (error);
  g_set_object (&fixture->result, result);
}

static void
call_profile (Fixture    *fixture,
              const char *method,
              GVariant   *parameters)
{
  g_dbus_connection_call (fixture->bluez, fixture->profile_sender, fixture->profile_path,
                          "org.bluez.Profile1", method, parameters, NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, request_disconnection_cb, fixture);
  run_until (fixture, has_result);
  g_clear_object (&fixture->result);
}

static void
test_profile_disconnect_and_release (void)
{
  Fixture fixture = { 0 };

  fixture_setup (&fixture, BUD_SONY_UUID_V2);
  register_profile (&fixture);
  connect_profile (&fixture, BUD_SONY_UUID_V2);
  run_until (&fixture, session_has_everything);

  call_profile (&fixture, "RequestDisconnection", g_variant_new ("(o)", DEVICE_PATH));
  run_until (&fixture, session_ended);
  g_assert_null (bud_sony_profile_lookup_session (fixture.profile, DEVICE_PATH));
  g_assert_cmpuint (fixture.n_ended, ==, 1);

  /* A second connection after a disconnect works, then Release ends it. */
  g_clear_pointer (&fixture.fake, fake_earbud_free);
  connect_profile (&fixture, BUD_SONY_UUID_V2);
  g_assert_cmpuint (fixture.n_started, ==, 2);
  run_until (&fixture, session_has_everything);

  call_profile (&fixture, "Release", NULL);
  run_until (&fixture, is_released);
  g_assert_false (bud_sony_profile_get_registered (fixture.profile));
  g_assert_null (bud_sony_profile_lookup_session (fixture.profile, DEVICE_PATH));
  g_assert_cmpuint (fixture.n_ended, ==, 2);
  fixture_teardown (&fixture);
}

static gboolean
ended_once (Fixture *fixture)
{
  return fixture->n_ended == 1;
}

static void
test_profile_device_hangs_up (void)
{
  Fixture fixture = { 0 };

  fixture_setup (&fixture, BUD_SONY_UUID_V2);
  register_profile (&fixture);
  connect_profile (&fixture, BUD_SONY_UUID_V2);
  run_until (&fixture, session_has_everything);

  fake_earbud_hang_up (fixture.fake);
  run_until (&fixture, ended_once);
  g_assert_null (bud_sony_profile_lookup_session (fixture.profile, DEVICE_PATH));
  fixture_teardown (&fixture);
}

static void
test_profile_v1 (void)
{
  Fixture fixture = { 0 };
  const char *uuids[] = { "0000110b-0000-1000-8000-00805f9b34fb", BUD_SONY_UUID_V1, NULL };
  BudSonySession *session;

  fixture_setup (&fixture, bud_sony_choose_uuid (uuids));
  fixture.fake_options.protocol_version = 1;
  register_profile (&fixture);
  g_assert_cmpstr (fixture.profile_uuid, ==, BUD_SONY_UUID_V1);
  connect_profile (&fixture, BUD_SONY_UUID_V1);
  run_until (&fixture, session_has_everything);

  session = bud_sony_profile_lookup_session (fixture.profile, DEVICE_PATH);
  g_assert_cmpuint (bud_sony_session_get_protocol_version (session), ==, 1);
  g_assert_cmpuint (fake_earbud_count_opcode (fixture.fake, 0x22), ==, 0);
  g_assert_false (fake_earbud_get_powered_off (fixture.fake));
  fixture_teardown (&fixture);
}

static void
test_profile_register_error (void)
{
  Fixture fixture = { 0 };
  g_autoptr (GError) error = NULL;

  fixture_setup (&fixture, BUD_SONY_UUID_V2);
  fixture.register_error = "org.bluez.Error.AlreadyExists";
  bud_sony_profile_register_async (fixture.profile, NULL, store_result_cb, &fixture);
  run_until (&fixture, has_result);
  g_assert_false (bud_sony_profile_register_finish (fixture.profile, fixture.result, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Already Exists"));
  g_assert_false (bud_sony_profile_get_registered (fixture.profile));
  fixture_teardown (&fixture);
}

static void
test_profile_register_cancelled (void)
{
  Fixture fixture = { 0 };
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  fixture_setup (&fixture, BUD_SONY_UUID_V2);
  g_cancellable_cancel (cancellable);
  bud_sony_profile_register_async (fixture.profile, cancellable, store_result_cb, &fixture);
  run_until (&fixture, has_result);
  g_assert_false (bud_sony_profile_register_finish (fixture.profile, fixture.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (bud_sony_profile_get_registered (fixture.profile));
  fixture_teardown (&fixture);
}

static void
test_profile_connect_error (void)
{
  Fixture fixture = { 0 };
  g_autoptr (GError) error = NULL;

  /* Nothing registered: the mock answers NotAvailable. */
  fixture_setup (&fixture, BUD_SONY_UUID_V2);
  bud_sony_connect_profile_async (fixture.app, DEVICE_PATH, BUD_SONY_UUID_V2, NULL,
                                  store_result_cb, &fixture);
  run_until (&fixture, has_result);
  g_assert_false (bud_sony_connect_profile_finish (fixture.result, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (fixture.n_started, ==, 0);
  fixture_teardown (&fixture);
}

static void
store_call_error_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr (GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, error);
  g_assert_null (reply);
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static void
wait_error (GError **error)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (10, deadline_cb, &expired);

  while (!error_set (error) && !expired)
    {
      g_main_context_iteration (NULL, TRUE);
    }
  if (!expired)
    {
      g_source_remove (id);
    }
  g_assert_false (expired);
}

static void
test_profile_hostile_calls (void)
{
  Fixture fixture = { 0 };
  g_autoptr (GDBusConnection) stranger = NULL;
  g_autoptr (GUnixFDList) fd_list = g_unix_fd_list_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) stranger_error = NULL;
  g_autoptr (GError) bad_fd_error = NULL;
  g_autoptr (FakeEarbud) fake = NULL;
  int host_fd;

  fixture_setup (&fixture, BUD_SONY_UUID_V2);
  register_profile (&fixture);

  /* Someone other than bluetoothd offers a connection. */
  stranger = connect_to_bus (&fixture);
  fake = fake_earbud_new_for_fd (&fixture.fake_options, &host_fd);
  g_unix_fd_list_append (fd_list, host_fd, &error);
  g_assert_no_error (error);
  close (host_fd);
  g_dbus_connection_call_with_unix_fd_list (stranger, fixture.profile_sender,
                                            fixture.profile_path, "org.bluez.Profile1",
                                            "NewConnection",
                                            g_variant_new_parsed ("(@o %o, @h 0, @a{sv} {})",
                                                                  DEVICE_PATH),
                                            NULL, G_DBUS_CALL_FLAGS_NONE, 5000, fd_list, NULL,
                                            store_call_error_cb, &stranger_error);
  wait_error (&stranger_error);
  g_assert_nonnull (strstr (stranger_error->message, "org.bluez.Error.Rejected"));

  /* bluetoothd itself, but with no file descriptor behind the handle. */
  g_dbus_connection_call (fixture.bluez, fixture.profile_sender, fixture.profile_path,
                          "org.bluez.Profile1", "NewConnection",
                          g_variant_new_parsed ("(@o %o, @h 3, @a{sv} {})", DEVICE_PATH),
                          NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                          store_call_error_cb, &bad_fd_error);
  wait_error (&bad_fd_error);
  g_assert_nonnull (strstr (bad_fd_error->message, "org.bluez.Error.Rejected"));

  g_assert_cmpuint (fixture.n_started, ==, 0);
  g_assert_null (bud_sony_profile_lookup_session (fixture.profile, DEVICE_PATH));
  g_dbus_connection_close_sync (stranger, NULL, NULL);
  fixture_teardown (&fixture);
}

static void
test_profile_dispose_with_session (void)
{
  Fixture fixture = { 0 };

  fixture_setup (&fixture, BUD_SONY_UUID_V2);
  register_profile (&fixture);
  connect_profile (&fixture, BUD_SONY_UUID_V2);
  run_until (&fixture, session_has_everything);

  /* Dropping the profile hangs up on the device. */
  g_assert_finalize_object (fixture.profile);
  fixture.profile = NULL;
  run_until (&fixture, fake_saw_eof);
  fixture_teardown (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sony/profile/choose-uuid", test_profile_choose_uuid);
  g_test_add_func ("/sony/profile/register", test_profile_register);
  g_test_add_func ("/sony/profile/session-v2", test_profile_session_v2);
  g_test_add_func ("/sony/profile/disconnect-and-release", test_profile_disconnect_and_release);
  g_test_add_func ("/sony/profile/device-hangs-up", test_profile_device_hangs_up);
  g_test_add_func ("/sony/profile/v1", test_profile_v1);
  g_test_add_func ("/sony/profile/register-error", test_profile_register_error);
  g_test_add_func ("/sony/profile/register-cancelled", test_profile_register_cancelled);
  g_test_add_func ("/sony/profile/connect-error", test_profile_connect_error);
  g_test_add_func ("/sony/profile/hostile-calls", test_profile_hostile_calls);
  g_test_add_func ("/sony/profile/dispose-with-session", test_profile_dispose_with_session);

  return g_test_run ();
}
