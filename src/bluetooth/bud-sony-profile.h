/* bud-sony-profile.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bud-sony-session.h"

G_BEGIN_DECLS

/* The transport for Sony's vendor link, through BlueZ only (no raw Bluetooth
 * sockets, so it works in a Flatpak sandbox that may only talk to org.bluez).
 *
 * A BudSonyProfile exports an org.bluez.Profile1 object for one service UUID
 * and registers it as a client profile with ProfileManager1. When BlueZ
 * connects the service (after bud_sony_connect_profile_async(), or on its own
 * since AutoConnect is set), it calls NewConnection with an RFCOMM socket:
 * the profile wraps it and starts a BudSonySession, then emits
 * ::session-started (device object path, session). The session lasts until
 * the device hangs up, BlueZ calls RequestDisconnection or Release, or the
 * profile is disposed; then ::session-ended (device object path) is emitted.
 *
 * Only calls from the current owner of the org.bluez name are accepted.
 */

#define BUD_SONY_UUID_V2 "956c7b26-d49a-4ba8-b03f-b17d393cb6e2"
#define BUD_SONY_UUID_V1 "96cc203e-5068-46ad-b32d-e316f5e069ba"

#define BUD_TYPE_SONY_PROFILE (bud_sony_profile_get_type ())

G_DECLARE_FINAL_TYPE (BudSonyProfile, bud_sony_profile, BUD, SONY_PROFILE, GObject)

/* The service UUID to use for a device with these UUIDs (v2, else v1). */
const char     *bud_sony_choose_uuid              (const char * const  *device_uuids);

/* Calls org.bluez.Device1.ConnectProfile(@uuid) on @device_path. */
void            bud_sony_connect_profile_async    (GDBusConnection     *connection,
                                                   const char          *device_path,
                                                   const char          *uuid,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        bud_sony_connect_profile_finish   (GAsyncResult        *result,
                                                   GError             **error);

BudSonyProfile *bud_sony_profile_new              (GDBusConnection     *connection,
                                                   const char          *uuid);
const char     *bud_sony_profile_get_uuid         (BudSonyProfile      *self);
const char     *bud_sony_profile_get_object_path  (BudSonyProfile      *self);
gboolean        bud_sony_profile_get_registered   (BudSonyProfile      *self);

/* Exports the Profile1 object (if not yet) and calls RegisterProfile with
 * {"Role": "client", "AutoConnect": true}. */
void            bud_sony_profile_register_async   (BudSonyProfile      *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        bud_sony_profile_register_finish  (BudSonyProfile      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* The running session for a device, or NULL. */
BudSonySession *bud_sony_profile_lookup_session   (BudSonyProfile      *self,
                                                   const char          *device_path);

/* Tests use short intervals; 0 keeps the session's defaults. */
void            bud_sony_profile_set_session_timing (BudSonyProfile    *self,
                                                     guint              retry_interval_ms,
                                                     guint              request_timeout_ms);

G_END_DECLS
