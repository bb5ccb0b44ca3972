/* bud-bluez-client.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bud-device.h"
#include "bud-firmware-catalog.h"

G_BEGIN_DECLS

#define BUD_BLUETOOTH_ERROR (bud_bluetooth_error_quark ())

typedef enum {
  BUD_BLUETOOTH_ERROR_TIMED_OUT,
  BUD_BLUETOOTH_ERROR_NO_BLUEZ,
} BudBluetoothError;

GQuark bud_bluetooth_error_quark (void);

/* How long a call to bluetoothd may take before we give up on it. */
#define BUD_BLUEZ_TIMEOUT_MS 5000

#define BUD_TYPE_BLUEZ_CLIENT (bud_bluez_client_get_type ())

G_DECLARE_FINAL_TYPE (BudBluezClient, bud_bluez_client, BUD, BLUEZ_CLIENT, GObject)

void            bud_bluez_client_new_async      (GDBusConnection      *connection,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
BudBluezClient *bud_bluez_client_new_finish     (GAsyncResult         *result,
                                                 GError              **error);
BudBluezClient *bud_bluez_client_new_sync       (GDBusConnection      *connection,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
GDBusConnection *bud_bluez_client_get_connection (BudBluezClient      *self);
GListModel     *bud_bluez_client_get_devices    (BudBluezClient       *self);
BudDevice      *bud_bluez_client_lookup_device  (BudBluezClient       *self,
                                                 const char           *address);
BudBatteryHistory *bud_bluez_client_get_history (BudBluezClient       *self,
                                                 const char           *address);
gboolean        bud_bluez_client_get_available  (BudBluezClient       *self);
gboolean        bud_bluez_client_get_powered    (BudBluezClient       *self);
guint           bud_bluez_client_get_n_adapters (BudBluezClient       *self);
gboolean        bud_bluez_client_get_show_all   (BudBluezClient       *self);
void            bud_bluez_client_set_show_all   (BudBluezClient       *self,
                                                 gboolean              show_all);
BudFirmwareCatalog *bud_bluez_client_get_catalog (BudBluezClient      *self);
void            bud_bluez_client_set_catalog    (BudBluezClient       *self,
                                                 BudFirmwareCatalog   *catalog);

G_END_DECLS
