/* bud-device.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bud-device.h"

struct _BudDevice
{
  GObject parent_instance;

  char *address;
  char *name;
  gboolean connected;
  int battery;
};

G_DEFINE_FINAL_TYPE (BudDevice, bud_device, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ADDRESS,
  PROP_NAME,
  PROP_CONNECTED,
  PROP_BATTERY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

  if (g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
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

  connected = !!connected;
  if (self->connected != connected)
    {
      self->connected = connected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
    }
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

  if (self->battery != battery)
    {
      self->battery = battery;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BATTERY]);
    }
}

static void
bud_device_finalize (GObject *object)
{
  BudDevice *self = BUD_DEVICE (object);

  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->name, g_free);

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
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    case PROP_BATTERY:
      g_value_set_int (value, self->battery);
      break;
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
    case PROP_CONNECTED:
      bud_device_set_connected (self, g_value_get_boolean (value));
      break;
    case PROP_BATTERY:
      bud_device_set_battery (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_device_class_init (BudDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bud_device_finalize;
  object_class->get_property = bud_device_get_property;
  object_class->set_property = bud_device_set_property;

  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BATTERY] =
    g_param_spec_int ("battery", NULL, NULL,
                      BUD_BATTERY_UNKNOWN, 100, BUD_BATTERY_UNKNOWN,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bud_device_init (BudDevice *self)
{
  self->battery = BUD_BATTERY_UNKNOWN;
}
