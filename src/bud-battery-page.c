/* bud-battery-page.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-battery-page.h"
#include "bud-device-row.h"

struct _BudBatteryPage
{
  AdwBin parent_instance;

  BudBluezClient *client;
  char *error_message;
  GListModel *devices;

  /* Template widgets */
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *unavailable_page;
  GtkListBox *device_list;
};

G_DEFINE_FINAL_TYPE (BudBatteryPage, bud_battery_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
page_name (BudBatteryPage *self)
{
  if (self->error_message != NULL)
    {
      return "unavailable";
    }
  if (self->client == NULL)
    {
      return "loading";
    }
  if (!bud_bluez_client_get_available (self->client) ||
      bud_bluez_client_get_n_adapters (self->client) == 0)
    {
      return "unavailable";
    }

  return g_list_model_get_n_items (self->devices) == 0 ? "empty" : "devices";
}

static void
update_state (BudBatteryPage *self)
{
  const char *page = page_name (self);

  if (g_str_equal (page, "unavailable"))
    {
      adw_status_page_set_description (self->unavailable_page,
                                       self->error_message != NULL
                                       ? self->error_message
                                       : _("The Bluetooth service is not running, or this "
                                           "computer has no Bluetooth adapter. Check that "
                                           "Bluetooth is turned on in Settings."));
    }

  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return bud_device_row_new (BUD_DEVICE (item));
}

static void
devices_changed_cb (BudBatteryPage *self)
{
  update_state (self);
}

static void
set_client (BudBatteryPage *self,
            BudBluezClient *client)
{
  if (self->client == client)
    {
      return;
    }

  if (self->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->client, self);
      g_signal_handlers_disconnect_by_data (self->devices, self);
    }
  g_clear_object (&self->devices);
  g_set_object (&self->client, client);

  if (client != NULL)
    {
      self->devices = g_object_ref (bud_bluez_client_get_devices (client));
      g_signal_connect_swapped (self->devices, "items-changed",
                                G_CALLBACK (devices_changed_cb), self);
      g_signal_connect_swapped (client, "notify::available",
                                G_CALLBACK (devices_changed_cb), self);
      g_signal_connect_swapped (client, "notify::n-adapters",
                                G_CALLBACK (devices_changed_cb), self);
    }

  gtk_list_box_bind_model (self->device_list, self->devices, create_row_cb, NULL, NULL);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

static void
bud_battery_page_dispose (GObject *object)
{
  BudBatteryPage *self = BUD_BATTERY_PAGE (object);

  set_client (self, NULL);
  /* The template's root is also the bin's child: let the bin drop it first. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), BUD_TYPE_BATTERY_PAGE);

  G_OBJECT_CLASS (bud_battery_page_parent_class)->dispose (object);
}

static void
bud_battery_page_finalize (GObject *object)
{
  BudBatteryPage *self = BUD_BATTERY_PAGE (object);

  g_free (self->error_message);

  G_OBJECT_CLASS (bud_battery_page_parent_class)->finalize (object);
}

static void
bud_battery_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BudBatteryPage *self = BUD_BATTERY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_battery_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BudBatteryPage *self = BUD_BATTERY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      set_client (self, g_value_get_object (value));
      break;
    case PROP_ERROR_MESSAGE:
      if (g_strcmp0 (self->error_message, g_value_get_string (value)) != 0)
        {
          g_free (self->error_message);
          self->error_message = g_value_dup_string (value);
          update_state (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_battery_page_class_init (BudBatteryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bud_battery_page_dispose;
  object_class->finalize = bud_battery_page_finalize;
  object_class->get_property = bud_battery_page_get_property;
  object_class->set_property = bud_battery_page_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         BUD_TYPE_BLUEZ_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BUD_TYPE_DEVICE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bud-battery-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BudBatteryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BudBatteryPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, BudBatteryPage, unavailable_page);
  gtk_widget_class_bind_template_child (widget_class, BudBatteryPage, device_list);
}

static void
bud_battery_page_init (BudBatteryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_state (self);
}
