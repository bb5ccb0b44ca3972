/* bud-device.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bud-device.h"

/* The components that the vendor link reports separately. */
typedef enum {
  COMPONENT_LEFT,
  COMPONENT_RIGHT,
  COMPONENT_CASE,
  N_COMPONENTS
} Component;

struct _BudDevice
{
  GObject parent_instance;

  /* From org.bluez.Device1 and Battery1 */
  char *address;
  char *object_path;
  char *name;
  char *icon;
  char *adapter;
  char *modalias;
  char **uuids;
  guint32 klass;
  gboolean paired;
  gboolean connected;
  gboolean available;
  gboolean is_audio;
  int battery;

  /* Derived, or filled in by the vendor link */
  char *model_id;
  char *firmware_version;
  BudBatteryHistory *history;
  int levels[N_COMPONENTS];
  BudChargeStatus statuses[N_COMPONENTS];
  gint64 case_updated;
};

G_DEFINE_FINAL_TYPE (BudDevice, bud_device, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (BudChargeStatus, bud_charge_status,
  G_DEFINE_ENUM_VALUE (BUD_CHARGE_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (BUD_CHARGE_STATUS_NOT_CHARGING, "not-charging"),
  G_DEFINE_ENUM_VALUE (BUD_CHARGE_STATUS_CHARGING, "charging"),
  G_DEFINE_ENUM_VALUE (BUD_CHARGE_STATUS_CHARGED, "charged"))

enum {
  PROP_0,
  PROP_ADDRESS,
  PROP_NAME,
  PROP_OBJECT_PATH,
  PROP_ICON,
  PROP_ADAPTER,
  PROP_CLASS,
  PROP_PAIRED,
  PROP_CONNECTED,
  PROP_AVAILABLE,
  PROP_MODALIAS,
  PROP_UUIDS,
  PROP_IS_AUDIO,
  PROP_MODEL_ID,
  PROP_BATTERY,
  PROP_LEFT_LEVEL,
  PROP_RIGHT_LEVEL,
  PROP_CASE_LEVEL,
  PROP_LEFT_STATUS,
  PROP_RIGHT_STATUS,
  PROP_CASE_STATUS,
  PROP_CASE_UPDATED,
  PROP_FIRMWARE_VERSION,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Bluetooth SIG base UUID; the audio profiles differ only in the first field. */
#define BASE_UUID_SUFFIX "-0000-1000-8000-00805f9b34fb"
static const char * const audio_uuid_prefixes[] = {
  "00001108", /* Headset */
  "0000110b", /* Audio Sink */
  "0000110d", /* Advanced Audio Distribution */
  "0000111e", /* Handsfree */
};

#define CLASS_SERVICE_AUDIO (1u << 21)
#define CLASS_MAJOR_AUDIO_VIDEO 0x04

static void
set_string (BudDevice   *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  if (g_strcmp0 (*field, value) != 0)
    {
      g_free (*field);
      *field = g_strdup (value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
    }
}

static void
set_int (BudDevice *self,
         int       *field,
         int        value,
         guint      prop_id)
{
  if (*field != value)
    {
      *field = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
    }
}

static gboolean
is_audio_uuid (const char *uuid)
{
  if (strlen (uuid) != 36 || g_ascii_strcasecmp (uuid + 8, BASE_UUID_SUFFIX) != 0)
    {
      return FALSE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (audio_uuid_prefixes); i++)
    {
      if (g_ascii_strncasecmp (uuid, audio_uuid_prefixes[i], 8) == 0)
        {
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
compute_is_audio (BudDevice *self)
{
  if ((self->klass & CLASS_SERVICE_AUDIO) != 0
      || ((self->klass >> 8) & 0x1f) == CLASS_MAJOR_AUDIO_VIDEO)
    {
      return TRUE;
    }

  if (self->icon != NULL && g_str_has_prefix (self->icon, "audio-"))
    {
      return TRUE;
    }

  for (guint i = 0; self->uuids != NULL && self->uuids[i] != NULL; i++)
    {
      if (is_audio_uuid (self->uuids[i]))
        {
          return TRUE;
        }
    }

  return FALSE;
}

static void
update_is_audio (BudDevice *self)
{
  gboolean is_audio = compute_is_audio (self);

  if (self->is_audio != is_audio)
    {
      self->is_audio = is_audio;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_AUDIO]);
    }
}

BudDevice *
bud_device_new (const char *address)
{
  g_return_val_if_fail (address != NULL, NULL);

  return g_object_new (BUD_TYPE_DEVICE, "address", address, NULL);
}

const char *
bud_device_get_address (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), NULL);

  return self->address;
}

const char *
bud_device_get_name (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), NULL);

  return self->name != NULL ? self->name : self->address;
}

void
bud_device_set_name (BudDevice  *self,
                     const char *name)
{
  g_return_if_fail (BUD_IS_DEVICE (self));

  set_string (self, &self->name, name, PROP_NAME);
}

/* BlueZ's object for the device, for calls such as Device1.ConnectProfile. */
const char *
bud_device_get_object_path (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), NULL);

  return self->object_path;
}

void
bud_device_set_object_path (BudDevice  *self,
                            const char *object_path)
{
  g_return_if_fail (BUD_IS_DEVICE (self));
  g_return_if_fail (object_path == NULL || g_variant_is_object_path (object_path));

  set_string (self, &self->object_path, object_path, PROP_OBJECT_PATH);
}

const char *
bud_device_get_icon (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), NULL);

  return self->icon;
}

void
bud_device_set_icon (BudDevice  *self,
                     const char *icon)
{
  g_return_if_fail (BUD_IS_DEVICE (self));

  set_string (self, &self->icon, icon, PROP_ICON);
  update_is_audio (self);
}

const char *
bud_device_get_adapter (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), NULL);

  return self->adapter;
}

void
bud_device_set_adapter (BudDevice  *self,
                        const char *adapter)
{
  g_return_if_fail (BUD_IS_DEVICE (self));

  set_string (self, &self->adapter, adapter, PROP_ADAPTER);
}

guint32
bud_device_get_class (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), 0);

  return self->klass;
}

void
bud_device_set_class (BudDevice *self,
                      guint32    klass)
{
  g_return_if_fail (BUD_IS_DEVICE (self));

  if (self->klass != klass)
    {
      self->klass = klass;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASS]);
      update_is_audio (self);
    }
}

gboolean
bud_device_get_paired (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), FALSE);

  return self->paired;
}

void
bud_device_set_paired (BudDevice *self,
                       gboolean   paired)
{
  g_return_if_fail (BUD_IS_DEVICE (self));

  set_int (self, &self->paired, !!paired, PROP_PAIRED);
}

gboolean
bud_device_get_connected (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), FALSE);

  return self->connected;
}

void
bud_device_set_connected (BudDevice *self,
                          gboolean   connected)
{
  g_return_if_fail (BUD_IS_DEVICE (self));

  set_int (self, &self->connected, !!connected, PROP_CONNECTED);
}

gboolean
bud_device_get_available (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), FALSE);

  return self->available;
}

/* FALSE once BlueZ, or the device's adapter, has gone away. */
void
bud_device_set_available (BudDevice *self,
                          gboolean   available)
{
  g_return_if_fail (BUD_IS_DEVICE (self));

  set_int (self, &self->available, !!available, PROP_AVAILABLE);
}

const char *
bud_device_get_modalias (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), NULL);

  return self->modalias;
}

void
bud_device_set_modalias (BudDevice  *self,
                         const char *modalias)
{
  g_return_if_fail (BUD_IS_DEVICE (self));

  set_string (self, &self->modalias, modalias, PROP_MODALIAS);
}

const char * const *
bud_device_get_uuids (BudDevice *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (BUD_IS_DEVICE (self), none);

  return self->uuids != NULL ? (const char * const *) self->uuids : none;
}

void
bud_device_set_uuids (BudDevice          *self,
                      const char * const *uuids)
{
  g_return_if_fail (BUD_IS_DEVICE (self));

  if (uuids != NULL && uuids[0] == NULL)
    {
      uuids = NULL;
    }

  if (self->uuids == NULL && uuids == NULL)
    {
      return;
    }
  if (self->uuids != NULL && uuids != NULL
      && g_strv_equal ((const char * const *) self->uuids, uuids))
    {
      return;
    }

  g_strfreev (self->uuids);
  self->uuids = g_strdupv ((char **) uuids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUIDS]);
  update_is_audio (self);
}

gboolean
bud_device_has_uuid (BudDevice  *self,
                     const char *uuid)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  for (guint i = 0; self->uuids != NULL && self->uuids[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (self->uuids[i], uuid) == 0)
        {
          return TRUE;
        }
    }

  return FALSE;
}

/* Headphones, headsets and speakers: by class, by profile or by icon. */
gboolean
bud_device_is_audio (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), FALSE);

  return self->is_audio;
}

const char *
bud_device_get_model_id (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), NULL);

  return self->model_id;
}

void
bud_device_set_model_id (BudDevice  *self,
                         const char *model_id)
{
  g_return_if_fail (BUD_IS_DEVICE (self));

  set_string (self, &self->model_id, model_id, PROP_MODEL_ID);
}

int
bud_device_get_battery (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), BUD_BATTERY_UNKNOWN);

  return self->battery;
}

void
bud_device_set_battery (BudDevice *self,
                        int        battery)
{
  g_return_if_fail (BUD_IS_DEVICE (self));
  g_return_if_fail (battery >= BUD_BATTERY_UNKNOWN && battery <= 100);

  set_int (self, &self->battery, battery, PROP_BATTERY);
}

static int
get_level (BudDevice *self,
           Component  component)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), BUD_BATTERY_UNKNOWN);

  return self->levels[component];
}

static void
set_level (BudDevice *self,
           Component  component,
           int        level)
{
  g_return_if_fail (BUD_IS_DEVICE (self));
  g_return_if_fail (level >= BUD_BATTERY_UNKNOWN && level <= 100);

  set_int (self, &self->levels[component], level, PROP_LEFT_LEVEL + component);
}

static BudChargeStatus
get_status (BudDevice *self,
            Component  component)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), BUD_CHARGE_STATUS_UNKNOWN);

  return self->statuses[component];
}

static void
set_status (BudDevice       *self,
            Component        component,
            BudChargeStatus  status)
{
  g_return_if_fail (BUD_IS_DEVICE (self));
  g_return_if_fail (status <= BUD_CHARGE_STATUS_CHARGED);

  if (self->statuses[component] != status)
    {
      self->statuses[component] = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEFT_STATUS + component]);
    }
}

int
bud_device_get_left_level (BudDevice *self)
{
  return get_level (self, COMPONENT_LEFT);
}

void
bud_device_set_left_level (BudDevice *self,
                           int        level)
{
  set_level (self, COMPONENT_LEFT, level);
}

int
bud_device_get_right_level (BudDevice *self)
{
  return get_level (self, COMPONENT_RIGHT);
}

void
bud_device_set_right_level (BudDevice *self,
                            int        level)
{
  set_level (self, COMPONENT_RIGHT, level);
}

int
bud_device_get_case_level (BudDevice *self)
{
  return get_level (self, COMPONENT_CASE);
}

void
bud_device_set_case_level (BudDevice *self,
                           int        level)
{
  set_level (self, COMPONENT_CASE, level);
}

BudChargeStatus
bud_device_get_left_status (BudDevice *self)
{
  return get_status (self, COMPONENT_LEFT);
}

void
bud_device_set_left_status (BudDevice       *self,
                            BudChargeStatus  status)
{
  set_status (self, COMPONENT_LEFT, status);
}

BudChargeStatus
bud_device_get_right_status (BudDevice *self)
{
  return get_status (self, COMPONENT_RIGHT);
}

void
bud_device_set_right_status (BudDevice       *self,
                             BudChargeStatus  status)
{
  set_status (self, COMPONENT_RIGHT, status);
}

BudChargeStatus
bud_device_get_case_status (BudDevice *self)
{
  return get_status (self, COMPONENT_CASE);
}

void
bud_device_set_case_status (BudDevice       *self,
                            BudChargeStatus  status)
{
  set_status (self, COMPONENT_CASE, status);
}

/* The case reports only while a bud sits in it, so its level can be old. */
gint64
bud_device_get_case_updated (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), 0);

  return self->case_updated;
}

void
bud_device_set_case_updated (BudDevice *self,
                             gint64     unix_time)
{
  g_return_if_fail (BUD_IS_DEVICE (self));

  if (self->case_updated != unix_time)
    {
      self->case_updated = unix_time;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_UPDATED]);
    }
}

const char *
bud_device_get_firmware_version (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), NULL);

  return self->firmware_version;
}

void
bud_device_set_firmware_version (BudDevice  *self,
                                 const char *version)
{
  g_return_if_fail (BUD_IS_DEVICE (self));

  set_string (self, &self->firmware_version, version, PROP_FIRMWARE_VERSION);
}

/* Where every level of this device is recorded: see BudBluezClient. */
BudBatteryHistory *
bud_device_get_history (BudDevice *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE (self), NULL);

  return self->history;
}

void
bud_device_set_history (BudDevice         *self,
                        BudBatteryHistory *history)
{
  g_return_if_fail (BUD_IS_DEVICE (self));
  g_return_if_fail (BUD_IS_BATTERY_HISTORY (history));

  if (g_set_object (&self->history, history))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
    }
}

static void
bud_device_constructed (GObject *object)
{
  BudDevice *self = BUD_DEVICE (object);

  G_OBJECT_CLASS (bud_device_parent_class)->constructed (object);

  if (self->history == NULL)
    {
      self->history = bud_battery_history_new (self->address);
    }
}

static void
bud_device_finalize (GObject *object)
{
  BudDevice *self = BUD_DEVICE (object);

  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->object_path, g_free);
  g_clear_pointer (&self->icon, g_free);
  g_clear_pointer (&self->adapter, g_free);
  g_clear_pointer (&self->modalias, g_free);
  g_clear_pointer (&self->uuids, g_strfreev);
  g_clear_pointer (&self->model_id, g_free);
  g_clear_pointer (&self->firmware_version, g_free);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (bud_device_parent_class)->finalize (object);
}

static void
bud_device_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BudDevice *self = BUD_DEVICE (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_NAME:
      g_value_set_string (value, bud_device_get_name (self));
      break;
    case PROP_OBJECT_PATH:
      g_value_set_string (value, self->object_path);
      break;
    case PROP_ICON:
      g_value_set_string (value, self->icon);
      break;
    case PROP_ADAPTER:
      g_value_set_string (value, self->adapter);
      break;
    case PROP_CLASS:
      g_value_set_uint (value, self->klass);
      break;
    case PROP_PAIRED:
      g_value_set_boolean (value, self->paired);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_MODALIAS:
      g_value_set_string (value, self->modalias);
      break;
    case PROP_UUIDS:
      g_value_set_boxed (value, bud_device_get_uuids (self));
      break;
    case PROP_IS_AUDIO:
      g_value_set_boolean (value, self->is_audio);
      break;
    case PROP_MODEL_ID:
      g_value_set_string (value, self->model_id);
      break;
    case PROP_BATTERY:
      g_value_set_int (value, self->battery);
      break;
    case PROP_LEFT_LEVEL:
    case PROP_RIGHT_LEVEL:
    case PROP_CASE_LEVEL:
      g_value_set_int (value, self->levels[prop_id - PROP_LEFT_LEVEL]);
      break;
    case PROP_LEFT_STATUS:
    case PROP_RIGHT_STATUS:
    case PROP_CASE_STATUS:
      g_value_set_enum (value, self->statuses[prop_id - PROP_LEFT_STATUS]);
      break;
    case PROP_CASE_UPDATED:
      g_value_set_int64 (value, self->case_updated);
      break;
    case PROP_FIRMWARE_VERSION:
      g_value_set_string (value, self->firmware_version);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_0:
    case N_PROPS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_device_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BudDevice *self = BUD_DEVICE (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      self->address = g_value_dup_string (value);
      break;
    case PROP_NAME:
      bud_device_set_name (self, g_value_get_string (value));
      break;
    case PROP_OBJECT_PATH:
      bud_device_set_object_path (self, g_value_get_string (value));
      break;
    case PROP_ICON:
      bud_device_set_icon (self, g_value_get_string (value));
      break;
    case PROP_ADAPTER:
      bud_device_set_adapter (self, g_value_get_string (value));
      break;
    case PROP_CLASS:
      bud_device_set_class (self, g_value_get_uint (value));
      break;
    case PROP_PAIRED:
      bud_device_set_paired (self, g_value_get_boolean (value));
      break;
    case PROP_CONNECTED:
      bud_device_set_connected (self, g_value_get_boolean (value));
      break;
    case PROP_AVAILABLE:
      bud_device_set_available (self, g_value_get_boolean (value));
      break;
    case PROP_MODALIAS:
      bud_device_set_modalias (self, g_value_get_string (value));
      break;
    case PROP_UUIDS:
      bud_device_set_uuids (self, g_value_get_boxed (value));
      break;
    case PROP_MODEL_ID:
      bud_device_set_model_id (self, g_value_get_string (value));
      break;
    case PROP_BATTERY:
      bud_device_set_battery (self, g_value_get_int (value));
      break;
    case PROP_LEFT_LEVEL:
    case PROP_RIGHT_LEVEL:
    case PROP_CASE_LEVEL:
      set_level (self, prop_id - PROP_LEFT_LEVEL, g_value_get_int (value));
      break;
    case PROP_LEFT_STATUS:
    case PROP_RIGHT_STATUS:
    case PROP_CASE_STATUS:
      set_status (self, prop_id - PROP_LEFT_STATUS, g_value_get_enum (value));
      break;
    case PROP_CASE_UPDATED:
      bud_device_set_case_updated (self, g_value_get_int64 (value));
      break;
    case PROP_FIRMWARE_VERSION:
      bud_device_set_firmware_version (self, g_value_get_string (value));
      break;
    case PROP_HISTORY:
      if (g_value_get_object (value) != NULL)
        {
          bud_device_set_history (self, g_value_get_object (value));
        }
      break;
    case PROP_0:
    case PROP_IS_AUDIO:
    case N_PROPS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static GParamSpec *
level_pspec (const char *name)
{
  return g_param_spec_int (name, NULL, NULL,
                           BUD_BATTERY_UNKNOWN, 100, BUD_BATTERY_UNKNOWN, RW_FLAGS);
}

static GParamSpec *
status_pspec (const char *name)
{
  return g_param_spec_enum (name, NULL, NULL,
                            BUD_TYPE_CHARGE_STATUS, BUD_CHARGE_STATUS_UNKNOWN, RW_FLAGS);
}

static void
bud_device_class_init (BudDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bud_device_constructed;
  object_class->finalize = bud_device_finalize;
  object_class->get_property = bud_device_get_property;
  object_class->set_property = bud_device_set_property;

  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_OBJECT_PATH] =
    g_param_spec_string ("object-path", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_ICON] = g_param_spec_string ("icon", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_ADAPTER] = g_param_spec_string ("adapter", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_CLASS] = g_param_spec_uint ("class", NULL, NULL, 0, G_MAXUINT32, 0, RW_FLAGS);
  properties[PROP_PAIRED] = g_param_spec_boolean ("paired", NULL, NULL, FALSE, RW_FLAGS);
  properties[PROP_CONNECTED] = g_param_spec_boolean ("connected", NULL, NULL, FALSE, RW_FLAGS);
  properties[PROP_AVAILABLE] = g_param_spec_boolean ("available", NULL, NULL, TRUE, RW_FLAGS);
  properties[PROP_MODALIAS] = g_param_spec_string ("modalias", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_UUIDS] = g_param_spec_boxed ("uuids", NULL, NULL, G_TYPE_STRV, RW_FLAGS);
  properties[PROP_IS_AUDIO] =
    g_param_spec_boolean ("is-audio", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL_ID] = g_param_spec_string ("model-id", NULL, NULL, NULL, RW_FLAGS);
  properties[PROP_BATTERY] = level_pspec ("battery");
  properties[PROP_LEFT_LEVEL] = level_pspec ("left-level");
  properties[PROP_RIGHT_LEVEL] = level_pspec ("right-level");
  properties[PROP_CASE_LEVEL] = level_pspec ("case-level");
  properties[PROP_LEFT_STATUS] = status_pspec ("left-status");
  properties[PROP_RIGHT_STATUS] = status_pspec ("right-status");
  properties[PROP_CASE_STATUS] = status_pspec ("case-status");
  properties[PROP_CASE_UPDATED] =
    g_param_spec_int64 ("case-updated", NULL, NULL, 0, G_MAXINT64, 0, RW_FLAGS);
  properties[PROP_FIRMWARE_VERSION] =
    g_param_spec_string ("firmware-version", NULL, NULL, NULL, RW_FLAGS);

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, BUD_TYPE_BATTERY_HISTORY, RW_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bud_device_init (BudDevice *self)
{
  self->available = TRUE;
  self->battery = BUD_BATTERY_UNKNOWN;
  for (guint i = 0; i < N_COMPONENTS; i++)
    {
      self->levels[i] = BUD_BATTERY_UNKNOWN;
      self->statuses[i] = BUD_CHARGE_STATUS_UNKNOWN;
    }
}
