/* bud-bluez-client.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bud-bluez-client.h"
#include "bud-bluez-generated.h"
#include "bud-firmware-catalog.h"

struct _BudBluezClient
{
  GObject parent_instance;

  GDBusConnection *connection;
  guint watch_id;
  char *owner;                        /* bluetoothd's unique name */
  GDBusObjectManager *manager;        /* for @owner, once it has listed its objects */
  GCancellable *manager_cancellable;  /* creating @manager; cancelled in dispose */
  guint retry_id;
  guint n_retries;

  /* While bud_bluez_client_new_async() runs */
  GTask *init_task;
  GCancellable *init_cancellable;
  gulong init_cancel_handler;
  guint init_timeout_id;
  guint init_cancelled_id;

  GHashTable *devices;   /* object path → DeviceEntry, audio or not */
  GHashTable *adapters;  /* object path → BudBluezAdapter1 */
  GListStore *store;     /* the BudDevices shown */
  GHashTable *histories; /* address → BudBatteryHistory, kept across restarts */
  BudFirmwareCatalog *catalog;

  gboolean available;
  gboolean powered;
  gboolean show_all;
};

typedef struct {
  BudDevice *device;
  BudBluezDevice1 *proxy;
  char *adapter_path;
  gboolean listed;
} DeviceEntry;

G_DEFINE_FINAL_TYPE (BudBluezClient, bud_bluez_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (bud-bluetooth-error-quark, bud_bluetooth_error)

#define MAX_RETRIES 3
#define RETRY_DELAY_MS 50

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_DEVICES,
  PROP_AVAILABLE,
  PROP_POWERED,
  PROP_SHOW_ALL,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  BATTERY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
device_entry_free (gpointer data)
{
  DeviceEntry *entry = data;

  g_clear_object (&entry->device);
  g_clear_object (&entry->proxy);
  g_clear_pointer (&entry->adapter_path, g_free);
  g_free (entry);
}

static void
set_boolean (BudBluezClient *self,
             gboolean       *field,
             gboolean        value,
             guint           prop_id)
{
  value = !!value;
  if (*field != value)
    {
      *field = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
    }
}

static void
update_listing (BudBluezClient *self,
                DeviceEntry    *entry)
{
  gboolean available = entry->adapter_path != NULL
                       && g_hash_table_contains (self->adapters, entry->adapter_path);
  gboolean show = available && (self->show_all || bud_device_is_audio (entry->device));
  guint position;

  bud_device_set_available (entry->device, available);
  if (show == entry->listed)
    {
      return;
    }

  entry->listed = show;
  if (show)
    {
      g_list_store_append (self->store, entry->device);
    }
  else if (g_list_store_find (self->store, entry->device, &position))
    {
      g_list_store_remove (self->store, position);
    }
}

static void
update_all_listings (BudBluezClient *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->devices);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      update_listing (self, value);
    }
}

static void
update_powered (BudBluezClient *self)
{
  GHashTableIter iter;
  gpointer value;
  gboolean powered = FALSE;

  g_hash_table_iter_init (&iter, self->adapters);
  while (!powered && g_hash_table_iter_next (&iter, NULL, &value))
    {
      powered = bud_bluez_adapter1_get_powered (value);
    }

  set_boolean (self, &self->powered, powered, PROP_POWERED);
}

static void
sync_battery (BudBluezClient   *self,
              DeviceEntry      *entry,
              BudBluezBattery1 *battery)
{
  int level = BUD_BATTERY_UNKNOWN;

  /* A level above 100 is a broken reply, not a reading. */
  if (battery != NULL && bud_bluez_battery1_get_percentage (battery) <= 100)
    {
      level = bud_bluez_battery1_get_percentage (battery);
    }

  if (bud_device_get_battery (entry->device) != level)
    {
      bud_device_set_battery (entry->device, level);
      g_signal_emit (self, signals[BATTERY_CHANGED], 0, entry->device, level);
    }
}

/* Every level a device reports, from BlueZ or the vendor link, goes into its
 * history, so that a fix can be judged by what happened after it. */
static void
record_level_cb (BudDevice  *device,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  BudBatteryHistory *history = bud_device_get_history (device);
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "battery"))
    {
      bud_battery_history_add (history, BUD_BATTERY_COMPONENT_SINGLE,
                               bud_device_get_battery (device), BUD_CHARGE_STATUS_UNKNOWN);
    }
  else if (g_str_has_prefix (name, "left-"))
    {
      bud_battery_history_add (history, BUD_BATTERY_COMPONENT_LEFT,
                               bud_device_get_left_level (device),
                               bud_device_get_left_status (device));
    }
  else if (g_str_has_prefix (name, "right-"))
    {
      bud_battery_history_add (history, BUD_BATTERY_COMPONENT_RIGHT,
                               bud_device_get_right_level (device),
                               bud_device_get_right_status (device));
    }
  else if (g_str_has_prefix (name, "case-"))
    {
      bud_battery_history_add (history, BUD_BATTERY_COMPONENT_CASE,
                               bud_device_get_case_level (device),
                               bud_device_get_case_status (device));
    }
}

/* Whoever loads a saved history into a device keeps it across restarts too. */
static void
history_changed_cb (BudDevice      *device,
                    GParamSpec     *pspec,
                    BudBluezClient *self)
{
  if (self->histories != NULL)
    {
      g_hash_table_replace (self->histories, g_strdup (bud_device_get_address (device)),
                            g_object_ref (bud_device_get_history (device)));
    }
}

static BudDevice *
create_device (BudBluezClient *self,
               const char     *address)
{
  static const char * const recorded[] = {
    "notify::battery",
    "notify::left-level", "notify::left-status",
    "notify::right-level", "notify::right-status",
    "notify::case-level", "notify::case-status",
  };
  BudDevice *device = bud_device_new (address);
  BudBatteryHistory *history = g_hash_table_lookup (self->histories, address);

  if (history != NULL)
    {
      bud_device_set_history (device, history);
    }
  else
    {
      g_hash_table_insert (self->histories, g_strdup (address),
                           g_object_ref (bud_device_get_history (device)));
    }

  /* No client pointer: the device may outlive us and still record. */
  for (gsize i = 0; i < G_N_ELEMENTS (recorded); i++)
    {
      g_signal_connect (device, recorded[i], G_CALLBACK (record_level_cb), NULL);
    }
  g_signal_connect_object (device, "notify::history", G_CALLBACK (history_changed_cb), self, 0);

  return device;
}

/* The level stays on the device for whoever shows it greyed out, but the
 * history must show that readings stopped. */
static void
record_gone (DeviceEntry *entry)
{
  bud_battery_history_add (bud_device_get_history (entry->device), BUD_BATTERY_COMPONENT_SINGLE,
                           BUD_BATTERY_UNKNOWN, BUD_CHARGE_STATUS_UNKNOWN);
}

static char *
adapter_name (const char *adapter_path)
{
  return adapter_path != NULL ? g_path_get_basename (adapter_path) : NULL;
}

static void
match_model (BudBluezClient *self,
             DeviceEntry    *entry)
{
  const char *model_id = NULL;

  if (self->catalog != NULL)
    {
      model_id = bud_firmware_catalog_match (self->catalog,
                                             bud_bluez_device1_get_modalias (entry->proxy),
                                             bud_bluez_device1_get_name (entry->proxy),
                                             bud_bluez_device1_get_alias (entry->proxy),
                                             bud_bluez_device1_get_uuids (entry->proxy));
    }
  bud_device_set_model_id (entry->device, model_id);
}

static void
sync_device (BudBluezClient  *self,
             DeviceEntry     *entry,
             BudBluezDevice1 *proxy)
{
  BudDevice *device = entry->device;
  const char *name = bud_bluez_device1_get_alias (proxy);
  const char *adapter_path = bud_bluez_device1_get_adapter (proxy);
  g_autofree char *adapter = adapter_name (adapter_path);

  if (name == NULL || *name == '\0')
    {
      name = bud_bluez_device1_get_name (proxy);
    }

  g_object_freeze_notify (G_OBJECT (device));
  bud_device_set_name (device, name);
  bud_device_set_icon (device, bud_bluez_device1_get_icon (proxy));
  bud_device_set_class (device, bud_bluez_device1_get_class (proxy));
  bud_device_set_adapter (device, adapter);
  bud_device_set_paired (device, bud_bluez_device1_get_paired (proxy));
  bud_device_set_connected (device, bud_bluez_device1_get_connected (proxy));
  bud_device_set_modalias (device, bud_bluez_device1_get_modalias (proxy));
  bud_device_set_uuids (device, bud_bluez_device1_get_uuids (proxy));
  match_model (self, entry);
  g_object_thaw_notify (G_OBJECT (device));

  if (g_strcmp0 (entry->adapter_path, adapter_path) != 0)
    {
      g_free (entry->adapter_path);
      entry->adapter_path = g_strdup (adapter_path);
    }

  update_listing (self, entry);
}

static void
add_device (BudBluezClient *self,
            BudBluezObject *object)
{
  const char *path = g_dbus_object_get_object_path (G_DBUS_OBJECT (object));
  BudBluezDevice1 *proxy = bud_bluez_object_peek_device1 (object);
  const char *address = bud_bluez_device1_get_address (proxy);
  DeviceEntry *entry;

  if (address == NULL || g_hash_table_contains (self->devices, path))
    {
      return;
    }

  entry = g_new0 (DeviceEntry, 1);
  entry->device = create_device (self, address);
  bud_device_set_object_path (entry->device, path);
  entry->proxy = g_object_ref (proxy);
  g_hash_table_insert (self->devices, g_strdup (path), entry);

  sync_battery (self, entry, bud_bluez_object_peek_battery1 (object));
  sync_device (self, entry, proxy);
}

static void
remove_device (BudBluezClient *self,
               const char     *path)
{
  DeviceEntry *entry = g_hash_table_lookup (self->devices, path);

  if (entry != NULL)
    {
      g_clear_pointer (&entry->adapter_path, g_free);
      update_listing (self, entry);
      record_gone (entry);
      bud_device_set_available (entry->device, FALSE);
      g_hash_table_remove (self->devices, path);
    }
}

static void
add_adapter (BudBluezClient  *self,
             const char      *path,
             BudBluezAdapter1 *adapter)
{
  g_hash_table_replace (self->adapters, g_strdup (path), g_object_ref (adapter));
  update_powered (self);
  update_all_listings (self);
}

static void
remove_adapter (BudBluezClient *self,
                const char     *path)
{
  if (g_hash_table_remove (self->adapters, path))
    {
      update_powered (self);
      update_all_listings (self);
    }
}

static void
add_interface (BudBluezClient  *self,
               BudBluezObject  *object,
               GDBusInterface  *interface)
{
  const char *path = g_dbus_object_get_object_path (G_DBUS_OBJECT (object));
  DeviceEntry *entry;

  if (BUD_BLUEZ_IS_ADAPTER1 (interface))
    {
      add_adapter (self, path, BUD_BLUEZ_ADAPTER1 (interface));
    }
  else if (BUD_BLUEZ_IS_DEVICE1 (interface))
    {
      add_device (self, object);
    }
  else if (BUD_BLUEZ_IS_BATTERY1 (interface))
    {
      entry = g_hash_table_lookup (self->devices, path);
      if (entry != NULL)
        {
          sync_battery (self, entry, BUD_BLUEZ_BATTERY1 (interface));
        }
    }
}

static void
object_added_cb (GDBusObjectManager *manager,
                 GDBusObject        *object,
                 BudBluezClient     *self)
{
  BudBluezAdapter1 *adapter = bud_bluez_object_peek_adapter1 (BUD_BLUEZ_OBJECT (object));

  /* The device reads its battery itself: Battery1 needs no step of its own. */
  if (adapter != NULL)
    {
      add_adapter (self, g_dbus_object_get_object_path (object), adapter);
    }
  if (bud_bluez_object_peek_device1 (BUD_BLUEZ_OBJECT (object)) != NULL)
    {
      add_device (self, BUD_BLUEZ_OBJECT (object));
    }
}

static void
object_removed_cb (GDBusObjectManager *manager,
                   GDBusObject        *object,
                   BudBluezClient     *self)
{
  const char *path = g_dbus_object_get_object_path (object);

  remove_device (self, path);
  remove_adapter (self, path);
}

static void
interface_added_cb (GDBusObjectManager *manager,
                    GDBusObject        *object,
                    GDBusInterface     *interface,
                    BudBluezClient     *self)
{
  add_interface (self, BUD_BLUEZ_OBJECT (object), interface);
}

static void
interface_removed_cb (GDBusObjectManager *manager,
                      GDBusObject        *object,
                      GDBusInterface     *interface,
                      BudBluezClient     *self)
{
  const char *path = g_dbus_object_get_object_path (object);
  DeviceEntry *entry;

  if (BUD_BLUEZ_IS_ADAPTER1 (interface))
    {
      remove_adapter (self, path);
    }
  else if (BUD_BLUEZ_IS_DEVICE1 (interface))
    {
      remove_device (self, path);
    }
  else if (BUD_BLUEZ_IS_BATTERY1 (interface))
    {
      entry = g_hash_table_lookup (self->devices, path);
      if (entry != NULL)
        {
          sync_battery (self, entry, NULL);
        }
    }
}

static void
properties_changed_cb (GDBusObjectManagerClient *manager,
                       GDBusObjectProxy         *object,
                       GDBusProxy               *interface,
                       GVariant                 *changed,
                       const char * const       *invalidated,
                       BudBluezClient           *self)
{
  const char *path = g_dbus_object_get_object_path (G_DBUS_OBJECT (object));
  DeviceEntry *entry = g_hash_table_lookup (self->devices, path);

  if (BUD_BLUEZ_IS_ADAPTER1 (interface))
    {
      update_powered (self);
    }
  else if (entry != NULL && BUD_BLUEZ_IS_DEVICE1 (interface))
    {
      g_set_object (&entry->proxy, BUD_BLUEZ_DEVICE1 (interface));
      sync_device (self, entry, entry->proxy);
    }
  else if (entry != NULL && BUD_BLUEZ_IS_BATTERY1 (interface))
    {
      sync_battery (self, entry, BUD_BLUEZ_BATTERY1 (interface));
    }
}

/* Everything BlueZ told us is void once it has gone: drop it in one go
 * rather than one object-removed at a time. */
static void
forget_everything (BudBluezClient *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->devices);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DeviceEntry *entry = value;

      entry->listed = FALSE;
      bud_device_set_available (entry->device, FALSE);
      record_gone (entry);
    }

  g_list_store_remove_all (self->store);
  g_hash_table_remove_all (self->devices);
  g_hash_table_remove_all (self->adapters);
  update_powered (self);
}

static void
load_objects (BudBluezClient *self)
{
  g_autolist (GDBusObject) objects = g_dbus_object_manager_get_objects (self->manager);

  for (GList *l = objects; l != NULL; l = l->next)
    {
      BudBluezAdapter1 *adapter = bud_bluez_object_peek_adapter1 (l->data);

      if (adapter != NULL)
        {
          add_adapter (self, g_dbus_object_get_object_path (l->data), adapter);
        }
    }

  for (GList *l = objects; l != NULL; l = l->next)
    {
      if (bud_bluez_object_peek_device1 (l->data) != NULL)
        {
          add_device (self, l->data);
        }
    }
}

static void
connect_manager (BudBluezClient *self)
{
  g_signal_connect_object (self->manager, "object-added",
                           G_CALLBACK (object_added_cb), self, 0);
  g_signal_connect_object (self->manager, "object-removed",
                           G_CALLBACK (object_removed_cb), self, 0);
  g_signal_connect_object (self->manager, "interface-added",
                           G_CALLBACK (interface_added_cb), self, 0);
  g_signal_connect_object (self->manager, "interface-removed",
                           G_CALLBACK (interface_removed_cb), self, 0);
  g_signal_connect_object (self->manager, "interface-proxy-properties-changed",
                           G_CALLBACK (properties_changed_cb), self, 0);
}

/* Following bluetoothd.
 *
 * We watch the org.bluez name ourselves and give each bluetoothd process an
 * object manager of its own, bound to its unique name. GLib's manager for a
 * well-known name re-populates itself when the owner changes, but if that
 * one GetManagedObjects call fails it stays deaf until the next restart;
 * this way a failure is ours to retry. */

static void
finish_init (BudBluezClient *self,
             GError         *error)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->init_task);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }

  g_clear_handle_id (&self->init_timeout_id, g_source_remove);
  g_clear_handle_id (&self->init_cancelled_id, g_source_remove);
  if (self->init_cancellable != NULL)
    {
      g_cancellable_disconnect (self->init_cancellable, self->init_cancel_handler);
      g_clear_object (&self->init_cancellable);
    }

  if (error != NULL)
    {
      g_task_return_error (task, error);
    }
  else
    {
      g_task_return_pointer (task, g_object_ref (self), g_object_unref);
    }
}

static void
drop_manager (BudBluezClient *self)
{
  g_cancellable_cancel (self->manager_cancellable);
  g_clear_object (&self->manager_cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->manager != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->manager, self);
      g_clear_object (&self->manager);
    }
}

static void
lose_bluez (BudBluezClient *self)
{
  drop_manager (self);
  g_clear_pointer (&self->owner, g_free);

  /* Say BlueZ has gone before its devices go, so that listeners can tell a
   * crash from devices being removed one by one. */
  set_boolean (self, &self->available, FALSE, PROP_AVAILABLE);
  forget_everything (self);
}

static void start_manager (BudBluezClient *self);

static gboolean
retry_cb (gpointer user_data)
{
  BudBluezClient *self = user_data;

  self->retry_id = 0;
  start_manager (self);

  return G_SOURCE_REMOVE;
}

static void
manager_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BudBluezClient *self = user_data;
  g_autoptr (GError) error = NULL;
  GDBusObjectManager *manager;

  manager = bud_bluez_object_manager_client_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Dropped, or disposed: don't touch @self. */
      return;
    }

  g_clear_object (&self->manager_cancellable);
  if (manager == NULL)
    {
      /* A bluetoothd that is still starting may not answer yet. */
      if (self->n_retries < MAX_RETRIES)
        {
          self->retry_id = g_timeout_add (RETRY_DELAY_MS << self->n_retries, retry_cb, self);
          self->n_retries++;
          return;
        }
      g_debug ("BlueZ (%s) did not list its objects: %s", self->owner, error->message);
      finish_init (self, g_error_new (BUD_BLUETOOTH_ERROR, BUD_BLUETOOTH_ERROR_NO_BLUEZ,
                                      _("The Bluetooth service (BlueZ) did not list its "
                                        "devices: %s"), error->message));
      return;
    }

  self->manager = manager;
  self->n_retries = 0;
  load_objects (self);
  connect_manager (self);
  set_boolean (self, &self->available, TRUE, PROP_AVAILABLE);
  finish_init (self, NULL);
}

static void
start_manager (BudBluezClient *self)
{
  self->manager_cancellable = g_cancellable_new ();
  bud_bluez_object_manager_client_new (self->connection,
                                       G_DBUS_OBJECT_MANAGER_CLIENT_FLAGS_DO_NOT_AUTO_START,
                                       self->owner, "/",
                                       self->manager_cancellable,
                                       manager_ready_cb,
                                       self);
}

static void
name_appeared_cb (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  BudBluezClient *self = user_data;

  if (g_strcmp0 (self->owner, owner) == 0)
    {
      return;
    }

  /* A new bluetoothd, possibly without a gap after the old one. */
  if (self->owner != NULL)
    {
      lose_bluez (self);
    }
  self->owner = g_strdup (owner);
  self->n_retries = 0;
  start_manager (self);
}

static void
name_vanished_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  BudBluezClient *self = user_data;

  lose_bluez (self);
  finish_init (self, NULL);
}

/* Creation */

static gboolean
init_timeout_cb (gpointer user_data)
{
  BudBluezClient *self = user_data;

  self->init_timeout_id = 0;
  drop_manager (self);
  finish_init (self, g_error_new (BUD_BLUETOOTH_ERROR, BUD_BLUETOOTH_ERROR_TIMED_OUT,
                                  _("The Bluetooth service (BlueZ) did not answer within "
                                    "%d seconds."), BUD_BLUEZ_TIMEOUT_MS / 1000));

  return G_SOURCE_REMOVE;
}

static gboolean
init_cancelled_cb (gpointer user_data)
{
  BudBluezClient *self = user_data;

  self->init_cancelled_id = 0;
  drop_manager (self);
  finish_init (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                          _("Connecting to Bluetooth was cancelled.")));

  return G_SOURCE_REMOVE;
}

/* May run in the thread that cancels: finish from our own main context. */
static void
cancelled_cb (GCancellable   *cancellable,
              BudBluezClient *self)
{
  self->init_cancelled_id = g_idle_add (init_cancelled_cb, self);
}

void
bud_bluez_client_new_async (GDBusConnection     *connection,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (BudBluezClient) self = NULL;

  g_return_if_fail (G_IS_DBUS_CONNECTION (connection));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  self = g_object_new (BUD_TYPE_BLUEZ_CLIENT, "connection", connection, NULL);
  /* The task holds @self until the first state of BlueZ is known. */
  self->init_task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->init_task, bud_bluez_client_new_async);
  self->init_timeout_id = g_timeout_add (BUD_BLUEZ_TIMEOUT_MS, init_timeout_cb, self);
  if (cancellable != NULL)
    {
      self->init_cancellable = g_object_ref (cancellable);
      self->init_cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb),
                                                         self, NULL);
    }

  /* Don't start bluetoothd ourselves: if it isn't running, we wait for it. */
  self->watch_id = g_bus_watch_name_on_connection (connection, "org.bluez",
                                                   G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   name_appeared_cb, name_vanished_cb,
                                                   self, NULL);
}

BudBluezClient *
bud_bluez_client_new_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, bud_bluez_client_new_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
new_sync_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* For command-line tools only: runs the thread-default main context until the
 * client is ready, so that later signals arrive on that same context. */
BudBluezClient *
bud_bluez_client_new_sync (GDBusConnection  *connection,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autoptr (GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr (GAsyncResult) result = NULL;

  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);

  bud_bluez_client_new_async (connection, cancellable, new_sync_cb, &result);
  while (result == NULL)
    {
      g_main_context_iteration (context, TRUE);
    }

  return bud_bluez_client_new_finish (result, error);
}

/* Public API */

GDBusConnection *
bud_bluez_client_get_connection (BudBluezClient *self)
{
  g_return_val_if_fail (BUD_IS_BLUEZ_CLIENT (self), NULL);

  return self->connection;
}

/* The devices shown, as BudDevices: audio ones, or all with show-all. */
GListModel *
bud_bluez_client_get_devices (BudBluezClient *self)
{
  g_return_val_if_fail (BUD_IS_BLUEZ_CLIENT (self), NULL);

  return G_LIST_MODEL (self->store);
}

/**
 * bud_bluez_client_get_history:
 * @address: a device address, as BlueZ spells it
 *
 * Returns: (transfer none) (nullable): the levels recorded for the device
 *   since the client started, across BlueZ restarts
 */
BudBatteryHistory *
bud_bluez_client_get_history (BudBluezClient *self,
                              const char     *address)
{
  g_return_val_if_fail (BUD_IS_BLUEZ_CLIENT (self), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  return g_hash_table_lookup (self->histories, address);
}

BudDevice *
bud_bluez_client_lookup_device (BudBluezClient *self,
                                const char     *address)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (BUD_IS_BLUEZ_CLIENT (self), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  g_hash_table_iter_init (&iter, self->devices);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DeviceEntry *entry = value;

      if (g_ascii_strcasecmp (bud_device_get_address (entry->device), address) == 0)
        {
          return entry->device;
        }
    }

  return NULL;
}

gboolean
bud_bluez_client_get_available (BudBluezClient *self)
{
  g_return_val_if_fail (BUD_IS_BLUEZ_CLIENT (self), FALSE);

  return self->available;
}

gboolean
bud_bluez_client_get_powered (BudBluezClient *self)
{
  g_return_val_if_fail (BUD_IS_BLUEZ_CLIENT (self), FALSE);

  return self->powered;
}

guint
bud_bluez_client_get_n_adapters (BudBluezClient *self)
{
  g_return_val_if_fail (BUD_IS_BLUEZ_CLIENT (self), 0);

  return g_hash_table_size (self->adapters);
}

gboolean
bud_bluez_client_get_show_all (BudBluezClient *self)
{
  g_return_val_if_fail (BUD_IS_BLUEZ_CLIENT (self), FALSE);

  return self->show_all;
}

void
bud_bluez_client_set_show_all (BudBluezClient *self,
                               gboolean        show_all)
{
  g_return_if_fail (BUD_IS_BLUEZ_CLIENT (self));

  if (self->show_all != !!show_all)
    {
      set_boolean (self, &self->show_all, show_all, PROP_SHOW_ALL);
      update_all_listings (self);
    }
}

BudFirmwareCatalog *
bud_bluez_client_get_catalog (BudBluezClient *self)
{
  g_return_val_if_fail (BUD_IS_BLUEZ_CLIENT (self), NULL);

  return self->catalog;
}

/* With a catalogue, each device's model-id comes from its Modalias, name,
 * alias and UUIDs; without one it stays %NULL. */
void
bud_bluez_client_set_catalog (BudBluezClient     *self,
                              BudFirmwareCatalog *catalog)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (BUD_IS_BLUEZ_CLIENT (self));
  g_return_if_fail (catalog == NULL || BUD_IS_FIRMWARE_CATALOG (catalog));

  if (!g_set_object (&self->catalog, catalog))
    {
      return;
    }

  g_hash_table_iter_init (&iter, self->devices);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      match_model (self, value);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

/* GObject */

static void
bud_bluez_client_dispose (GObject *object)
{
  BudBluezClient *self = BUD_BLUEZ_CLIENT (object);

  if (self->watch_id != 0)
    {
      g_bus_unwatch_name (self->watch_id);
      self->watch_id = 0;
    }
  drop_manager (self);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->devices, g_hash_table_unref);
  g_clear_pointer (&self->adapters, g_hash_table_unref);
  g_clear_pointer (&self->histories, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->connection);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (bud_bluez_client_parent_class)->dispose (object);
}

static void
bud_bluez_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BudBluezClient *self = BUD_BLUEZ_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_DEVICES:
      g_value_set_object (value, self->store);
      break;
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_POWERED:
      g_value_set_boolean (value, self->powered);
      break;
    case PROP_SHOW_ALL:
      g_value_set_boolean (value, self->show_all);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_0:
    case N_PROPS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_bluez_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BudBluezClient *self = BUD_BLUEZ_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_SHOW_ALL:
      bud_bluez_client_set_show_all (self, g_value_get_boolean (value));
      break;
    case PROP_CATALOG:
      bud_bluez_client_set_catalog (self, g_value_get_object (value));
      break;
    case PROP_0:
    case PROP_DEVICES:
    case PROP_AVAILABLE:
    case PROP_POWERED:
    case N_PROPS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_bluez_client_class_init (BudBluezClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bud_bluez_client_dispose;
  object_class->get_property = bud_bluez_client_get_property;
  object_class->set_property = bud_bluez_client_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL,
                         G_TYPE_DBUS_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEVICES] =
    g_param_spec_object ("devices", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POWERED] =
    g_param_spec_boolean ("powered", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ALL] =
    g_param_spec_boolean ("show-all", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         BUD_TYPE_FIRMWARE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BudBluezClient::battery-changed:
   * @device: the device whose Battery1 level changed
   * @level: the new level, or %BUD_BATTERY_UNKNOWN
   */
  signals[BATTERY_CHANGED] =
    g_signal_new ("battery-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, BUD_TYPE_DEVICE, G_TYPE_INT);
}

static void
bud_bluez_client_init (BudBluezClient *self)
{
  self->devices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, device_entry_free);
  self->adapters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->store = g_list_store_new (BUD_TYPE_DEVICE);
  self->histories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}
