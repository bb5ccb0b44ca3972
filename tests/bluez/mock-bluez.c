/* mock-bluez.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>
#include <sys/prctl.h>

#include "mock-bluez.h"

#define WAIT_SECONDS 10
#define MOCK_IFACE "org.freedesktop.DBus.Mock"
#define BLUEZ_MOCK_IFACE "org.bluez.Mock"

static GVariant *
call (MockBluez  *mock,
      const char *path,
      const char *interface,
      const char *method,
      GVariant   *parameters)
{
  g_autoptr (GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (mock->connection, "org.bluez", path, interface, method,
                                       parameters, NULL, G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, &error);
  g_assert_no_error (error);

  return reply;
}

static void
call_void (MockBluez  *mock,
           const char *path,
           const char *interface,
           const char *method,
           GVariant   *parameters)
{
  g_autoptr (GVariant) reply = call (mock, path, interface, method, parameters);
}

/* If the test dies (a failed assertion), its bus and mock die with it
 * rather than keep the test's output open. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

void
mock_wait (gboolean  (*check) (gpointer data),
           gpointer    data,
           const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, timed_out_cb, &timed_out);

  while (!check (data) && !timed_out)
    {
      g_main_context_iteration (NULL, TRUE);
    }

  if (timed_out)
    {
      g_error ("Timed out waiting for %s", what);
    }
  g_source_remove (id);
}

static void
name_appeared_cb (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         data)
{
  *(gboolean *) data = TRUE;
}

static void
name_vanished_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         data)
{
  *(gboolean *) data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Our own dbus-daemon rather than GTestDBus, which changes the environment
 * of a process that already runs threads. */
void
mock_bluez_setup (MockBluez *mock)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) output = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  mock->bus = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", "--session",
                                           "--nofork", "--print-address", NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (mock->bus));
  mock->address = g_data_input_stream_read_line (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mock->address);

  mock->connection =
    g_dbus_connection_new_for_address_sync (mock->address,
                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                            | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                            NULL, NULL, &error);
  g_assert_no_error (error);
}

void
mock_bluez_teardown (MockBluez *mock)
{
  mock_bluez_stop (mock);
  g_dbus_connection_close_sync (mock->connection, NULL, NULL);
  g_clear_object (&mock->connection);
  g_subprocess_send_signal (mock->bus, SIGTERM);
  g_subprocess_wait (mock->bus, NULL, NULL);
  g_clear_object (&mock->bus);
  g_clear_pointer (&mock->address, g_free);
}

static void
start (MockBluez          *mock,
       const char * const *argv)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  gboolean appeared = FALSE;
  guint watch;

  g_assert_null (mock->bluez);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "DBUS_SYSTEM_BUS_ADDRESS",
                                mock->address, TRUE);
  mock->bluez = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  watch = g_bus_watch_name_on_connection (mock->connection, "org.bluez",
                                          G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          name_appeared_cb, NULL, &appeared, NULL);
  mock_wait (is_true, &appeared, "the mock BlueZ to own org.bluez");
  g_bus_unwatch_name (watch);
}

void
mock_bluez_start (MockBluez *mock)
{
  const char * const argv[] = { "/usr/bin/python3", "-m", "dbusmock", "--system",
                                "--template", "bluez5", NULL };

  start (mock, argv);
}

/* A process that owns org.bluez but is not (yet) an object manager, like a
 * bluetoothd that has not finished starting. */
void
mock_bluez_start_bare (MockBluez *mock)
{
  const char * const argv[] = { "/usr/bin/python3", "-m", "dbusmock", "--system",
                                "org.bluez", "/", "org.bluez.Mock", NULL };

  start (mock, argv);
}

/* Turns a bare mock into bluez5. */
void
mock_bluez_load_template (MockBluez *mock)
{
  call_void (mock, "/", MOCK_IFACE, "AddTemplate",
             g_variant_new_parsed ("('bluez5', @a{sv} {})"));
}

void
mock_bluez_stop (MockBluez *mock)
{
  gboolean vanished = FALSE;
  guint watch;

  if (mock->bluez == NULL)
    {
      return;
    }

  g_subprocess_send_signal (mock->bluez, SIGTERM);
  g_subprocess_wait (mock->bluez, NULL, NULL);
  g_clear_object (&mock->bluez);

  /* The bus notices the exit a little later: until then it still names the
   * dead process as the owner. */
  watch = g_bus_watch_name_on_connection (mock->connection, "org.bluez",
                                          G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          NULL, name_vanished_cb, &vanished, NULL);
  mock_wait (is_true, &vanished, "the bus to see the mock BlueZ go");
  g_bus_unwatch_name (watch);
}

void
mock_bluez_add_adapter (MockBluez  *mock,
                        const char *name)
{
  call_void (mock, "/", BLUEZ_MOCK_IFACE, "AddAdapter",
             g_variant_new ("(ss)", name, "earbud-test"));
}

void
mock_bluez_remove_adapter (MockBluez  *mock,
                           const char *name)
{
  call_void (mock, "/", BLUEZ_MOCK_IFACE, "RemoveAdapter", g_variant_new ("(s)", name));
}

void
mock_bluez_set_powered (MockBluez  *mock,
                        const char *adapter,
                        gboolean    powered)
{
  g_autofree char *path = g_strconcat ("/org/bluez/", adapter, NULL);

  mock_bluez_update (mock, path, "org.bluez.Adapter1", "Powered",
                     g_variant_new_boolean (powered));
}

char *
mock_bluez_add_device (MockBluez  *mock,
                       const char *adapter,
                       const char *address,
                       const char *alias)
{
  g_autoptr (GVariant) reply = NULL;
  char *path;

  reply = call (mock, "/", BLUEZ_MOCK_IFACE, "AddDevice",
                g_variant_new ("(sss)", adapter, address, alias));
  g_variant_get (reply, "(s)", &path);

  return path;
}

/* A paired, connected WF-1000XM4 on hci0, the way bluetoothd shows one. */
char *
mock_bluez_add_headphones (MockBluez  *mock,
                           const char *address,
                           const char *alias)
{
  const char * const uuids[] = { MOCK_UUID_AUDIO_SINK, MOCK_UUID_HANDSFREE,
                                 MOCK_UUID_SONY_V2, NULL };
  g_autoptr (GVariantBuilder) props = g_variant_builder_new (G_VARIANT_TYPE ("a{sv}"));
  char *path = mock_bluez_add_device (mock, "hci0", address, alias);

  g_variant_builder_add (props, "{sv}", "Icon", g_variant_new_string ("audio-headphones"));
  g_variant_builder_add (props, "{sv}", "Modalias", g_variant_new_string (MOCK_XM4_MODALIAS));
  g_variant_builder_add (props, "{sv}", "UUIDs", g_variant_new_strv (uuids, -1));
  g_variant_builder_add (props, "{sv}", "Paired", g_variant_new_boolean (TRUE));
  g_variant_builder_add (props, "{sv}", "Connected", g_variant_new_boolean (TRUE));
  call_void (mock, path, MOCK_IFACE, "UpdateProperties",
             g_variant_new ("(sa{sv})", "org.bluez.Device1", props));

  return path;
}

void
mock_bluez_update (MockBluez  *mock,
                   const char *path,
                   const char *interface,
                   const char *property,
                   GVariant   *value)
{
  g_autoptr (GVariantBuilder) props = g_variant_builder_new (G_VARIANT_TYPE ("a{sv}"));

  g_variant_builder_add (props, "{sv}", property, value);
  call_void (mock, path, MOCK_IFACE, "UpdateProperties",
             g_variant_new ("(sa{sv})", interface, props));
}

void
mock_bluez_remove_device (MockBluez  *mock,
                          const char *path)
{
  g_autofree char *adapter = g_path_get_dirname (path);

  call_void (mock, adapter, "org.bluez.Adapter1", "RemoveDevice",
             g_variant_new ("(o)", path));
}

/* bluetoothd adds Battery1 once the headset reports a level: the template
 * lacks it, so add the properties and announce them with InterfacesAdded. */
void
mock_bluez_add_battery (MockBluez  *mock,
                        const char *path,
                        guint8      percentage)
{
  GVariant *props;
  GVariant *args[2];

  props = g_variant_new_parsed ("{'Percentage': <%y>, 'Source': <'HFP'>}", percentage);
  g_variant_ref_sink (props);
  call_void (mock, path, MOCK_IFACE, "AddProperties",
             g_variant_new ("(s@a{sv})", "org.bluez.Battery1", props));

  args[0] = g_variant_new_variant (g_variant_new_object_path (path));
  args[1] = g_variant_new_variant (g_variant_new_parsed ("{'org.bluez.Battery1': %@a{sv}}",
                                                         props));
  call_void (mock, "/", MOCK_IFACE, "EmitSignal",
             g_variant_new ("(sss@av)", "org.freedesktop.DBus.ObjectManager",
                            "InterfacesAdded", "oa{sa{sv}}",
                            g_variant_new_array (G_VARIANT_TYPE_VARIANT, args, 2)));
  g_variant_unref (props);
}

void
mock_bluez_set_battery (MockBluez  *mock,
                        const char *path,
                        guint8      percentage)
{
  mock_bluez_update (mock, path, "org.bluez.Battery1", "Percentage",
                     g_variant_new_byte (percentage));
}
