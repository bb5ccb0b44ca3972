/* bud-sony-link.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bud-bluez-client.h"

G_BEGIN_DECLS

/* BudSonyLink connects Sony's vendor link for the devices of a BudBluezClient
 * and mirrors what it reads into their BudDevices.
 *
 * It registers a BudSonyProfile for the v2 service UUID (and, only once a
 * device needs it, one for v1), and for each connected device that offers a
 * Sony service calls Device1.ConnectProfile once per connection. While a
 * session runs, the device's left, right and case levels and charging states,
 * the case's reading time and the firmware version follow the session's.
 * When the session ends, the live readings (the buds' levels, all charging
 * states) become unknown; the case's last known level with its time and the
 * firmware version stay.
 *
 * n-pending counts the devices for which readings are on their way: a Sony
 * device is connected and the link is registering, connecting, or waiting for
 * the session's first requests (batteries, case, firmware, model) to be
 * answered, answered badly or timed out. A command-line tool can wait
 * (briefly) for it to drop to 0. It is set from the start, so it can be
 * checked right after _new().
 */

#define BUD_TYPE_SONY_LINK (bud_sony_link_get_type ())

G_DECLARE_FINAL_TYPE (BudSonyLink, bud_sony_link, BUD, SONY_LINK, GObject)

BudSonyLink    *bud_sony_link_new            (BudBluezClient *client);
BudBluezClient *bud_sony_link_get_client     (BudSonyLink    *self);
guint           bud_sony_link_get_n_pending  (BudSonyLink    *self);

/* Tests use short intervals; 0 keeps the session's defaults. */
void            bud_sony_link_set_session_timing (BudSonyLink *self,
                                                  guint        retry_interval_ms,
                                                  guint        request_timeout_ms);

G_END_DECLS
