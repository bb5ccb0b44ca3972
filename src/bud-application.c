/* bud-application.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-application.h"
#include "bud-history-keeper.h"
#include "bud-sony-link.h"
#include "bud-window.h"

struct _BudApplication
{
  AdwApplication parent_instance;

  GCancellable *cancellable;
  BudBluezClient *client;
  BudSonyLink *sony_link;
  char *bluetooth_error;
  BudFirmwareCatalog *catalog;
  char *catalog_error;
  BudStepTimer *timer;
  BudHistoryKeeper *history_keeper;
};

G_DEFINE_FINAL_TYPE (BudApplication, bud_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_BLUETOOTH_ERROR,
  PROP_CATALOG,
  PROP_CATALOG_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * bud_application_get_client:
 * @self: a #BudApplication
 *
 * Returns: (nullable) (transfer none): the BlueZ client, once it has loaded
 */
BudBluezClient *
bud_application_get_client (BudApplication *self)
{
  g_return_val_if_fail (BUD_IS_APPLICATION (self), NULL);

  return self->client;
}

/**
 * bud_application_get_bluetooth_error:
 * @self: a #BudApplication
 *
 * Returns: (nullable): why Bluetooth could not be reached, as a sentence
 */
const char *
bud_application_get_bluetooth_error (BudApplication *self)
{
  g_return_val_if_fail (BUD_IS_APPLICATION (self), NULL);

  return self->bluetooth_error;
}

/**
 * bud_application_get_data_dir:
 *
 * Returns: where the firmware catalogue and the guides are: the installed
 *   data, or the source tree's when EARBUD_DOCTOR_DATA_DIR says so
 */
const char *
bud_application_get_data_dir (void)
{
  const char *dir = g_getenv ("EARBUD_DOCTOR_DATA_DIR");

  return dir != NULL && *dir != '\0' ? dir : PKGDATADIR;
}

/**
 * bud_application_get_state_dir:
 * @what: a folder name, such as "progress" or "history"
 *
 * Returns: (transfer full): where the app keeps what it must not lose
 */
GFile *
bud_application_get_state_dir (const char *what)
{
  return g_file_new_build_filename (g_get_user_data_dir (), "earbud-doctor", what, NULL);
}

BudFirmwareCatalog *
bud_application_get_catalog (BudApplication *self)
{
  g_return_val_if_fail (BUD_IS_APPLICATION (self), NULL);

  return self->catalog;
}

const char *
bud_application_get_catalog_error (BudApplication *self)
{
  g_return_val_if_fail (BUD_IS_APPLICATION (self), NULL);

  return self->catalog_error;
}

BudStepTimer *
bud_application_get_timer (BudApplication *self)
{
  g_return_val_if_fail (BUD_IS_APPLICATION (self), NULL);

  return self->timer;
}

/* Devices learn their model from the catalogue, whichever of the two loads first. */
static void
share_catalog (BudApplication *self)
{
  if (self->client != NULL && self->catalog != NULL)
    {
      bud_bluez_client_set_catalog (self->client, self->catalog);
    }
}

static void
catalog_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (BudApplication) self = user_data;
  g_autoptr (GError) error = NULL;

  self->catalog = bud_firmware_catalog_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }
  if (self->catalog == NULL)
    {
      self->catalog_error = g_strdup (error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG_ERROR]);
      return;
    }

  share_catalog (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

static void
set_bluetooth_error (BudApplication *self,
                     const GError   *error)
{
  g_free (self->bluetooth_error);
  /* Translators: %s is the technical reason, from the system */
  self->bluetooth_error = g_strdup_printf (_("Earbud Doctor could not reach the Bluetooth "
                                             "service, so it can’t show battery levels. Check "
                                             "that Bluetooth is turned on in Settings. The "
                                             "guide and the firmware check work without it.\n\n"
                                             "Details: %s"), error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLUETOOTH_ERROR]);
}

static void
client_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (BudApplication) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) history_dir = NULL;
  g_autofree char *history_path = NULL;
  BudBluezClient *client;

  client = bud_bluez_client_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }
  if (client == NULL)
    {
      set_bluetooth_error (self, error);
      return;
    }

  self->client = client;
  share_catalog (self);
  history_dir = bud_application_get_state_dir ("history");
  history_path = g_file_get_path (history_dir);
  self->history_keeper = bud_history_keeper_new (bud_bluez_client_get_devices (client),
                                                 history_path);
  /* After the keeper, so that the vendor link's readings add to a loaded history. */
  self->sony_link = bud_sony_link_new (client);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

static void
system_bus_ready_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (BudApplication) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) bus = NULL;

  bus = g_bus_get_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }
  if (bus == NULL)
    {
      set_bluetooth_error (self, error);
      return;
    }

  bud_bluez_client_new_async (bus, self->cancellable, client_ready_cb, g_object_ref (self));
}

BudApplication *
bud_application_new (void)
{
  return g_object_new (BUD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

static void
bud_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (bud_window_new (BUD_APPLICATION (app)));
    }

  gtk_window_present (window);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *about;
  const char *developers[] = { _("The Earbud Doctor developers"), NULL };

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Earbud Doctor"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Earbud Doctor developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Find out why your wireless earbuds won’t charge, "
                                      "and measure whether a fix worked."),
                        "website", "https://github.com/earbuddoctor/EarbudDoctor",
                        "issue-url", "https://github.com/earbuddoctor/EarbudDoctor/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2026 The Earbud Doctor developers"),
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your name/username,
                         * and optionally an email or URL. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows;

  /* Close the windows first, so each one saves its state. */
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }

  g_application_quit (app);
}

static void
activate_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  g_application_activate (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "activate", activate_activated_cb },
  { "about", about_activated_cb },
  { "quit", quit_activated_cb },
};

static void
bud_application_startup (GApplication *app)
{
  BudApplication *self = BUD_APPLICATION (app);
  g_autoptr (GFile) catalog_file = NULL;
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (bud_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  self->timer = bud_step_timer_new (app);

  /* Data and Bluetooth load in the background; the window shows progress until then. */
  catalog_file = g_file_new_build_filename (bud_application_get_data_dir (),
                                            "firmware.json", NULL);
  bud_firmware_catalog_load_async (catalog_file, self->cancellable, catalog_ready_cb,
                                   g_object_ref (self));
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable,
             system_bus_ready_cb, g_object_ref (app));
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
bud_application_shutdown (GApplication *app)
{
  BudApplication *self = BUD_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->history_keeper);
  g_clear_object (&self->sony_link);
  g_clear_object (&self->client);
  g_clear_object (&self->timer);

  G_APPLICATION_CLASS (bud_application_parent_class)->shutdown (app);
}

static void
bud_application_finalize (GObject *object)
{
  BudApplication *self = BUD_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->history_keeper);
  g_clear_object (&self->sony_link);
  g_clear_object (&self->client);
  g_clear_pointer (&self->bluetooth_error, g_free);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->catalog_error, g_free);
  g_clear_object (&self->timer);

  G_OBJECT_CLASS (bud_application_parent_class)->finalize (object);
}

static void
bud_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BudApplication *self = BUD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_BLUETOOTH_ERROR:
      g_value_set_string (value, self->bluetooth_error);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_CATALOG_ERROR:
      g_value_set_string (value, self->catalog_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_application_class_init (BudApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = bud_application_finalize;
  object_class->get_property = bud_application_get_property;
  app_class->activate = bud_application_activate;
  app_class->startup = bud_application_startup;
  app_class->shutdown = bud_application_shutdown;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         BUD_TYPE_BLUEZ_CLIENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLUETOOTH_ERROR] =
    g_param_spec_string ("bluetooth-error", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL,
                         BUD_TYPE_FIRMWARE_CATALOG,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATALOG_ERROR] =
    g_param_spec_string ("catalog-error", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bud_application_init (BudApplication *self)
{
  self->cancellable = g_cancellable_new ();
}
