/* bud-history-keeper.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bud-battery-history.h"
#include "bud-device.h"
#include "bud-history-keeper.h"

/* Gives every device the battery history saved on disk, and saves it again
 * after each new reading, so trends span restarts and a crash loses at most
 * the reading being written. Loading and saving happen off the main thread. */
struct _BudHistoryKeeper
{
  GObject parent_instance;

  GListModel *devices;
  char *directory;
  GCancellable *cancellable;
  GHashTable *loaded;   /* address → BudBatteryHistory, the ones from disk */
  GHashTable *saving;   /* address → TRUE while a save is in flight */
  GHashTable *dirty;    /* address → TRUE when another save is due */
};

G_DEFINE_FINAL_TYPE (BudHistoryKeeper, bud_history_keeper, G_TYPE_OBJECT)

static void save (BudHistoryKeeper  *self,
                  BudBatteryHistory *history);

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (BudHistoryKeeper) self = user_data;
  BudBatteryHistory *history = BUD_BATTERY_HISTORY (source);
  const char *address = bud_battery_history_get_address (history);
  g_autoptr (GError) error = NULL;

  if (!bud_battery_history_save_finish (history, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          return;
        }
      g_message ("%s", error->message);
    }

  g_hash_table_remove (self->saving, address);
  if (g_hash_table_remove (self->dirty, address))
    {
      save (self, history);
    }
}

/* One save per device at a time, so an older file never lands last. */
static void
save (BudHistoryKeeper  *self,
      BudBatteryHistory *history)
{
  const char *address = bud_battery_history_get_address (history);

  if (g_hash_table_contains (self->saving, address))
    {
      g_hash_table_add (self->dirty, g_strdup (address));
      return;
    }

  g_hash_table_add (self->saving, g_strdup (address));
  bud_battery_history_save_async (history, self->cancellable, saved_cb, g_object_ref (self));
}

static void
reading_cb (BudDevice        *device,
            GParamSpec       *pspec,
            BudHistoryKeeper *self)
{
  BudBatteryHistory *history = bud_device_get_history (device);

  /* Only a history from disk knows where it belongs. */
  if (history != NULL && bud_battery_history_get_path (history) != NULL)
    {
      save (self, history);
    }
}

/* Readings that arrived while the file was loading are kept. */
static void
merge_samples (BudBatteryHistory *into,
               BudBatteryHistory *from)
{
  for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      for (guint i = 0; i < bud_battery_history_get_n_samples (from, c); i++)
        {
          const BudBatterySample *s = bud_battery_history_get_sample (from, c, i);

          bud_battery_history_add_at (into, c, s->level, s->status, s->time);
        }
    }
}

typedef struct {
  BudHistoryKeeper *self;
  BudDevice *device;
} LoadData;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr (BudHistoryKeeper) self = data->self;
  g_autoptr (BudDevice) device = data->device;
  g_autoptr (BudBatteryHistory) history = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *notice = NULL;

  g_free (data);
  history = bud_battery_history_load_finish (result, &notice, &error);
  if (history == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_message ("%s", error->message);
        }
      return;
    }

  merge_samples (history, bud_device_get_history (device));
  g_hash_table_replace (self->loaded, g_strdup (bud_device_get_address (device)),
                        g_object_ref (history));
  bud_device_set_history (device, history);
  save (self, history);
}

static void
watch_device (BudHistoryKeeper *self,
              BudDevice        *device)
{
  static const char * const readings[] = {
    "notify::battery", "notify::left-level", "notify::right-level", "notify::case-level",
    "notify::left-status", "notify::right-status", "notify::case-status",
  };
  BudBatteryHistory *known = g_hash_table_lookup (self->loaded, bud_device_get_address (device));
  LoadData *data;

  /* The client lists the same device again when its adapter comes back. */
  g_signal_handlers_disconnect_by_func (device, reading_cb, self);
  for (gsize i = 0; i < G_N_ELEMENTS (readings); i++)
    {
      g_signal_connect_object (device, readings[i], G_CALLBACK (reading_cb), self,
                               G_CONNECT_AFTER);
    }

  if (known != NULL)
    {
      if (bud_device_get_history (device) != known)
        {
          bud_device_set_history (device, known);
        }
      return;
    }

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->device = g_object_ref (device);
  bud_battery_history_load_async (self->directory, bud_device_get_address (device), NULL, NULL,
                                  self->cancellable, loaded_cb, data);
}

static void
items_changed_cb (BudHistoryKeeper *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *devices)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (BudDevice) device = g_list_model_get_item (devices, i);

      watch_device (self, device);
    }
}

BudHistoryKeeper *
bud_history_keeper_new (GListModel *devices,
                        const char *directory)
{
  BudHistoryKeeper *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (devices), NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (BUD_TYPE_HISTORY_KEEPER, NULL);
  self->devices = g_object_ref (devices);
  self->directory = g_strdup (directory);
  g_signal_connect_object (devices, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  items_changed_cb (self, 0, 0, g_list_model_get_n_items (devices), devices);

  return self;
}

static void
bud_history_keeper_dispose (GObject *object)
{
  BudHistoryKeeper *self = BUD_HISTORY_KEEPER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->devices);

  G_OBJECT_CLASS (bud_history_keeper_parent_class)->dispose (object);
}

static void
bud_history_keeper_finalize (GObject *object)
{
  BudHistoryKeeper *self = BUD_HISTORY_KEEPER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->loaded, g_hash_table_unref);
  g_clear_pointer (&self->saving, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_free (self->directory);

  G_OBJECT_CLASS (bud_history_keeper_parent_class)->finalize (object);
}

static void
bud_history_keeper_class_init (BudHistoryKeeperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bud_history_keeper_dispose;
  object_class->finalize = bud_history_keeper_finalize;
}

static void
bud_history_keeper_init (BudHistoryKeeper *self)
{
  self->cancellable = g_cancellable_new ();
  self->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->saving = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
