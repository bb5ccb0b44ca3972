/* bud-firmware-page.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-bluez-client.h"
#include "bud-firmware-catalog.h"
#include "bud-firmware-page.h"
#include "bud-firmware-view.h"

struct _BudFirmwarePage
{
  AdwBin parent_instance;

  BudFirmwareCatalog *catalog;
  char *catalog_error;
  BudBluezClient *client;

  /* Template widgets */
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_page;
  BudFirmwareView *view;
};

G_DEFINE_FINAL_TYPE (BudFirmwarePage, bud_firmware_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_CATALOG_ERROR,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The earbuds to check first: connected ones the catalogue knows. */
static BudDevice *
pick_device (BudFirmwarePage *self)
{
  GListModel *devices;
  BudDevice *best = NULL;

  if (self->client == NULL)
    {
      return NULL;
    }

  devices = bud_bluez_client_get_devices (self->client);
  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr (BudDevice) device = g_list_model_get_item (devices, i);

      if (bud_device_get_model_id (device) == NULL)
        {
          continue;
        }
      if (best == NULL || (bud_device_get_connected (device) && !bud_device_get_connected (best)))
        {
          best = device;
        }
    }

  return best;
}

static void
update (BudFirmwarePage *self)
{
  const char *page = "check";

  if (self->catalog_error != NULL)
    {
      adw_status_page_set_description (self->error_page, self->catalog_error);
      page = "error";
    }
  else if (self->catalog == NULL)
    {
      page = "loading";
    }

  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
  bud_firmware_view_set_catalog (self->view, self->catalog);
  bud_firmware_view_set_device (self->view, pick_device (self));
}

static void
device_changed_cb (BudFirmwarePage *self)
{
  bud_firmware_view_set_device (self->view, pick_device (self));
}

/* Which earbuds to check depends on which are connected and which the
 * catalogue knows, so a device connecting later changes the choice too. */
static void
devices_changed_cb (BudFirmwarePage *self,
                    guint            position,
                    guint            removed,
                    guint            added,
                    GListModel      *devices)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (BudDevice) device = g_list_model_get_item (devices, i);

      /* The client lists the same device again when its adapter comes back. */
      g_signal_handlers_disconnect_by_func (device, device_changed_cb, self);
      g_signal_connect_object (device, "notify::connected", G_CALLBACK (device_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (device, "notify::model-id", G_CALLBACK (device_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  device_changed_cb (self);
}

static void
set_client (BudFirmwarePage *self,
            BudBluezClient  *client)
{
  if (self->client == client)
    {
      return;
    }

  if (self->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (bud_bluez_client_get_devices (self->client), self);
    }
  g_set_object (&self->client, client);
  if (client != NULL)
    {
      GListModel *devices = bud_bluez_client_get_devices (client);

      g_signal_connect_swapped (devices, "items-changed", G_CALLBACK (devices_changed_cb), self);
      devices_changed_cb (self, 0, 0, g_list_model_get_n_items (devices), devices);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

static void
bud_firmware_page_dispose (GObject *object)
{
  BudFirmwarePage *self = BUD_FIRMWARE_PAGE (object);

  if (self->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (bud_bluez_client_get_devices (self->client), self);
    }
  g_clear_object (&self->client);
  g_clear_object (&self->catalog);
  /* The template's root is also the bin's child: let the bin drop it first. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), BUD_TYPE_FIRMWARE_PAGE);

  G_OBJECT_CLASS (bud_firmware_page_parent_class)->dispose (object);
}

static void
bud_firmware_page_finalize (GObject *object)
{
  g_free (BUD_FIRMWARE_PAGE (object)->catalog_error);

  G_OBJECT_CLASS (bud_firmware_page_parent_class)->finalize (object);
}

static void
bud_firmware_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BudFirmwarePage *self = BUD_FIRMWARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_CATALOG_ERROR:
      g_value_set_string (value, self->catalog_error);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_firmware_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BudFirmwarePage *self = BUD_FIRMWARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      if (g_set_object (&self->catalog, g_value_get_object (value)))
        {
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CATALOG_ERROR:
      if (g_strcmp0 (self->catalog_error, g_value_get_string (value)) != 0)
        {
          g_free (self->catalog_error);
          self->catalog_error = g_value_dup_string (value);
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CLIENT:
      set_client (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_firmware_page_class_init (BudFirmwarePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bud_firmware_page_dispose;
  object_class->finalize = bud_firmware_page_finalize;
  object_class->get_property = bud_firmware_page_get_property;
  object_class->set_property = bud_firmware_page_set_property;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, BUD_TYPE_FIRMWARE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATALOG_ERROR] =
    g_param_spec_string ("catalog-error", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, BUD_TYPE_BLUEZ_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BUD_TYPE_FIRMWARE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bud-firmware-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BudFirmwarePage, stack);
  gtk_widget_class_bind_template_child (widget_class, BudFirmwarePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, BudFirmwarePage, error_page);
  gtk_widget_class_bind_template_child (widget_class, BudFirmwarePage, view);
}

static void
bud_firmware_page_init (BudFirmwarePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
