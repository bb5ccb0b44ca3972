/* bud-sony-profile.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gio/gunixfdlist.h>
#include <glib/gi18n-lib.h>

#include "bud-sony-profile.h"

#define BLUEZ_NAME "org.bluez"
#define REGISTER_TIMEOUT_MS 5000
/* Connecting may page the device, which BlueZ gives tens of seconds. */
#define CONNECT_TIMEOUT_MS 45000
#define PATH_PREFIX "/io/github/earbuddoctor/EarbudDoctor/sony/"

static const char profile_xml[] =
  "<node>"
  "  <interface name='org.bluez.Profile1'>"
  "    <method name='Release'/>"
  "    <method name='NewConnection'>"
  "      <arg name='device' type='o' direction='in'/>"
  "      <arg name='fd' type='h' direction='in'/>"
  "      <arg name='fd_properties' type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RequestDisconnection'>"
  "      <arg name='device' type='o' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

struct _BudSonyProfile
{
  GObject parent_instance;

  GDBusConnection *connection;
  char *uuid;
  char *object_path;
  guint registration_id;
  guint watch_id;
  char *bluez_owner;
  gboolean registered;
  guint retry_interval_ms;
  guint request_timeout_ms;

  GHashTable *sessions;   /* device path -> BudSonySession */
};

G_DEFINE_FINAL_TYPE (BudSonyProfile, bud_sony_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_UUID,
  PROP_REGISTERED,
  N_PROPS
};

enum {
  SIGNAL_SESSION_STARTED,
  SIGNAL_SESSION_ENDED,
  SIGNAL_RELEASED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

const char *
bud_sony_choose_uuid (const char * const *device_uuids)
{
  if (device_uuids != NULL &&
      g_strv_contains (device_uuids, BUD_SONY_UUID_V2))
    {
      return BUD_SONY_UUID_V2;
    }

  return BUD_SONY_UUID_V1;
}

static void
connect_profile_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GVariant) reply = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_dbus_error_strip_remote_error (error);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
bud_sony_connect_profile_async (GDBusConnection     *connection,
                                const char          *device_path,
                                const char          *uuid,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_DBUS_CONNECTION (connection));
  g_return_if_fail (g_variant_is_object_path (device_path));
  g_return_if_fail (uuid != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bud_sony_connect_profile_async);
  g_dbus_connection_call (connection, BLUEZ_NAME, device_path, "org.bluez.Device1",
                          "ConnectProfile", g_variant_new ("(s)", uuid), NULL,
                          G_DBUS_CALL_FLAGS_NONE, CONNECT_TIMEOUT_MS, cancellable,
                          connect_profile_cb, g_steal_pointer (&task));
}

gboolean
bud_sony_connect_profile_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Sessions */

static void
session_closed_cb (BudSonySession *session,
                   GError         *error,
                   BudSonyProfile *self)
{
  g_autofree char *path = NULL;
  gpointer key;

  if (!g_hash_table_steal_extended (self->sessions,
                                    g_object_get_data (G_OBJECT (session), "bud-device-path"),
                                    &key, NULL))
    {
      return;
    }

  path = key;
  g_signal_handlers_disconnect_by_data (session, self);
  if (error != NULL)
    {
      g_debug ("Sony link to %s ended: %s", path, error->message);
    }
  g_signal_emit (self, signals[SIGNAL_SESSION_ENDED], 0, path);
  g_object_unref (session);
}

static void
end_session (BudSonyProfile *self,
             const char     *device_path)
{
  BudSonySession *session = g_hash_table_lookup (self->sessions, device_path);

  /* Closing emits ::closed, which drops it from the table. */
  if (session != NULL)
    {
      bud_sony_session_close (session);
    }
}

static void
end_all_sessions (BudSonyProfile *self)
{
  g_autofree gpointer *paths = NULL;
  guint n = 0;

  paths = g_hash_table_get_keys_as_array (self->sessions, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup (paths[i]);

      end_session (self, path);
    }
}

/* "/org/bluez/hci0/dev_AA_BB_CC_DD_EE_FF" -> "AA:BB:CC:DD:EE:FF" */
static char *
address_from_path (const char *device_path)
{
  const char *base = strrchr (device_path, '/');
  char *address;

  if (base == NULL || !g_str_has_prefix (base, "/dev_"))
    {
      return g_strdup (device_path);
    }

  address = g_strdup (base + strlen ("/dev_"));
  g_strdelimit (address, "_", ':');

  return address;
}

static void
start_session (BudSonyProfile *self,
               const char     *device_path,
               GSocket        *socket)
{
  g_autoptr (GSocketConnection) stream = NULL;
  g_autofree char *address = address_from_path (device_path);
  BudSonySession *session;

  /* A new connection replaces an older one to the same device. */
  end_session (self, device_path);

  stream = g_socket_connection_factory_create_connection (socket);
  session = bud_sony_session_new_full (G_IO_STREAM (stream), address,
                                       self->retry_interval_ms, self->request_timeout_ms);
  g_object_set_data_full (G_OBJECT (session), "bud-device-path", g_strdup (device_path), g_free);
  g_hash_table_insert (self->sessions, g_strdup (device_path), session);
  g_signal_connect (session, "closed", G_CALLBACK (session_closed_cb), self);

  g_signal_emit (self, signals[SIGNAL_SESSION_STARTED], 0, device_path, session);
  bud_sony_session_start (session);
}

/* Profile1 */

static void
handle_new_connection (BudSonyProfile        *self,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation)
{
  GDBusMessage *message = g_dbus_method_invocation_get_message (invocation);
  GUnixFDList *fd_list = g_dbus_message_get_unix_fd_list (message);
  g_autoptr (GVariant) fd_properties = NULL;
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GError) error = NULL;
  const char *device_path;
  gint32 handle;
  int fd = -1;

  g_variant_get (parameters, "(&oh@a{sv})", &device_path, &handle, &fd_properties);

  if (fd_list != NULL && handle >= 0 && handle < g_unix_fd_list_get_length (fd_list))
    {
      fd = g_unix_fd_list_get (fd_list, handle, &error);
    }
  if (fd >= 0)
    {
      socket = g_socket_new_from_fd (fd, &error);
      if (socket == NULL)
        {
          close (fd);
        }
    }
  if (socket == NULL)
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.Error.Rejected",
                                                  _("The Sony link was offered without "
                                                    "a usable connection."));
      return;
    }

  start_session (self, device_path, socket);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
profile_method_call (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *object_path,
                     const char            *interface_name,
                     const char            *method_name,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  BudSonyProfile *self = user_data;

  /* Only bluetoothd may hand us connections or take them away. */
  if (self->bluez_owner == NULL || g_strcmp0 (sender, self->bluez_owner) != 0)
    {
      g_dbus_method_invocation_return_dbus_error (invocation, "org.bluez.Error.Rejected",
                                                  _("Only BlueZ may call this method."));
      return;
    }

  if (g_strcmp0 (method_name, "NewConnection") == 0)
    {
      handle_new_connection (self, parameters, invocation);
    }
  else if (g_strcmp0 (method_name, "RequestDisconnection") == 0)
    {
      const char *device_path;

      g_variant_get (parameters, "(&o)", &device_path);
      end_session (self, device_path);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_strcmp0 (method_name, "Release") == 0)
    {
      if (self->registered)
        {
          self->registered = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTERED]);
        }
      end_all_sessions (self);
      g_dbus_method_invocation_return_value (invocation, NULL);
      g_signal_emit (self, signals[SIGNAL_RELEASED], 0);
    }
  else
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                             G_DBUS_ERROR_UNKNOWN_METHOD,
                                             "Unknown method %s", method_name);
    }
}

static const GDBusInterfaceVTable profile_vtable = {
  .method_call = profile_method_call,
};

static GDBusInterfaceInfo *
profile_interface_info (void)
{
  static GDBusNodeInfo *info;

  if (g_once_init_enter (&info))
    {
      GDBusNodeInfo *parsed = g_dbus_node_info_new_for_xml (profile_xml, NULL);

      g_once_init_leave (&info, parsed);
    }

  return info->interfaces[0];
}

static void
bluez_appeared_cb (GDBusConnection *connection,
                   const char      *name,
                   const char      *owner,
                   gpointer         user_data)
{
  BudSonyProfile *self = user_data;

  g_free (self->bluez_owner);
  self->bluez_owner = g_strdup (owner);
}

static void
bluez_vanished_cb (GDBusConnection *connection,
                   const char      *name,
                   gpointer         user_data)
{
  BudSonyProfile *self = user_data;

  /* A restarted bluetoothd forgets profiles; the owner must register again. */
  g_clear_pointer (&self->bluez_owner, g_free);
  if (self->registered)
    {
      self->registered = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTERED]);
    }
}

static gboolean
export (BudSonyProfile *self,
        GError        **error)
{
  if (self->registration_id != 0)
    {
      return TRUE;
    }

  self->registration_id =
    g_dbus_connection_register_object (self->connection, self->object_path,
                                       profile_interface_info (), &profile_vtable,
                                       self, NULL, error);

  return self->registration_id != 0;
}

static void
register_profile_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  BudSonyProfile *self = g_task_get_source_object (task);
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      g_dbus_error_strip_remote_error (error);
      g_task_return_new_error (task, error->domain, error->code,
                               _("Could not register the Sony link with BlueZ: %s"),
                               error->message);
      return;
    }

  if (!self->registered)
    {
      self->registered = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTERED]);
    }
  g_task_return_boolean (task, TRUE);
}

void
bud_sony_profile_register_async (BudSonyProfile      *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  GVariantBuilder options;

  g_return_if_fail (BUD_IS_SONY_PROFILE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bud_sony_profile_register_async);

  if (!export (self, &error))
    {
      g_task_return_new_error (task, error->domain, error->code,
                               _("Could not offer the Sony link on D-Bus: %s"),
                               error->message);
      return;
    }

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "Role", g_variant_new_string ("client"));
  g_variant_builder_add (&options, "{sv}", "AutoConnect", g_variant_new_boolean (TRUE));
  g_dbus_connection_call (self->connection, BLUEZ_NAME, "/org/bluez",
                          "org.bluez.ProfileManager1", "RegisterProfile",
                          g_variant_new ("(osa{sv})", self->object_path, self->uuid, &options),
                          NULL, G_DBUS_CALL_FLAGS_NONE, REGISTER_TIMEOUT_MS, cancellable,
                          register_profile_cb, g_steal_pointer (&task));
}

gboolean
bud_sony_profile_register_finish (BudSonyProfile  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (BUD_IS_SONY_PROFILE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

BudSonyProfile *
bud_sony_profile_new (GDBusConnection *connection,
                      const char      *uuid)
{
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);
  g_return_val_if_fail (uuid != NULL && g_uuid_string_is_valid (uuid), NULL);

  return g_object_new (BUD_TYPE_SONY_PROFILE,
                       "connection", connection,
                       "uuid", uuid,
                       NULL);
}

const char *
bud_sony_profile_get_uuid (BudSonyProfile *self)
{
  g_return_val_if_fail (BUD_IS_SONY_PROFILE (self), NULL);

  return self->uuid;
}

const char *
bud_sony_profile_get_object_path (BudSonyProfile *self)
{
  g_return_val_if_fail (BUD_IS_SONY_PROFILE (self), NULL);

  return self->object_path;
}

gboolean
bud_sony_profile_get_registered (BudSonyProfile *self)
{
  g_return_val_if_fail (BUD_IS_SONY_PROFILE (self), FALSE);

  return self->registered;
}

BudSonySession *
bud_sony_profile_lookup_session (BudSonyProfile *self,
                                 const char     *device_path)
{
  g_return_val_if_fail (BUD_IS_SONY_PROFILE (self), NULL);
  g_return_val_if_fail (device_path != NULL, NULL);

  return g_hash_table_lookup (self->sessions, device_path);
}

void
bud_sony_profile_set_session_timing (BudSonyProfile *self,
                                     guint           retry_interval_ms,
                                     guint           request_timeout_ms)
{
  g_return_if_fail (BUD_IS_SONY_PROFILE (self));

  self->retry_interval_ms = retry_interval_ms != 0 ? retry_interval_ms
                                                   : BUD_SONY_DEFAULT_RETRY_INTERVAL_MS;
  self->request_timeout_ms = request_timeout_ms != 0 ? request_timeout_ms
                                                     : BUD_SONY_DEFAULT_REQUEST_TIMEOUT_MS;
}

/* GObject */

static void
bud_sony_profile_constructed (GObject *object)
{
  BudSonyProfile *self = BUD_SONY_PROFILE (object);
  g_autofree char *element = g_strdelimit (g_strdup (self->uuid), "-", '_');

  G_OBJECT_CLASS (bud_sony_profile_parent_class)->constructed (object);

  self->object_path = g_strconcat (PATH_PREFIX, "uuid_", element, NULL);
  self->watch_id = g_bus_watch_name_on_connection (self->connection, BLUEZ_NAME,
                                                   G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   bluez_appeared_cb, bluez_vanished_cb,
                                                   self, NULL);
}

static void
bud_sony_profile_dispose (GObject *object)
{
  BudSonyProfile *self = BUD_SONY_PROFILE (object);

  if (self->registration_id != 0)
    {
      g_dbus_connection_unregister_object (self->connection, self->registration_id);
      self->registration_id = 0;
    }
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  if (self->sessions != NULL)
    {
      end_all_sessions (self);
    }
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (bud_sony_profile_parent_class)->dispose (object);
}

static void
bud_sony_profile_finalize (GObject *object)
{
  BudSonyProfile *self = BUD_SONY_PROFILE (object);

  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->object_path, g_free);
  g_clear_pointer (&self->bluez_owner, g_free);

  G_OBJECT_CLASS (bud_sony_profile_parent_class)->finalize (object);
}

static void
bud_sony_profile_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BudSonyProfile *self = BUD_SONY_PROFILE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_REGISTERED:
      g_value_set_boolean (value, self->registered);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_sony_profile_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BudSonyProfile *self = BUD_SONY_PROFILE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_UUID:
      self->uuid = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_sony_profile_class_init (BudSonyProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bud_sony_profile_constructed;
  object_class->dispose = bud_sony_profile_dispose;
  object_class->finalize = bud_sony_profile_finalize;
  object_class->get_property = bud_sony_profile_get_property;
  object_class->set_property = bud_sony_profile_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, G_TYPE_DBUS_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, BUD_SONY_UUID_V2,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGISTERED] =
    g_param_spec_boolean ("registered", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (device object path, BudSonySession) */
  signals[SIGNAL_SESSION_STARTED] =
    g_signal_new ("session-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING, BUD_TYPE_SONY_SESSION);
  signals[SIGNAL_SESSION_ENDED] =
    g_signal_new ("session-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_RELEASED] =
    g_signal_new ("released", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bud_sony_profile_init (BudSonyProfile *self)
{
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->retry_interval_ms = BUD_SONY_DEFAULT_RETRY_INTERVAL_MS;
  self->request_timeout_ms = BUD_SONY_DEFAULT_REQUEST_TIMEOUT_MS;
}
