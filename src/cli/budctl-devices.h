/* budctl-devices.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "budctl.h"
#include "bud-bluez-client.h"
#include "bud-sony-link.h"

G_BEGIN_DECLS

BudBluezClient *budctl_open_bluez       (gboolean         show_all,
                                         int             *exit_code);
BudBluezClient *budctl_open_devices     (BudctlContext   *ctx,
                                         gboolean         show_all,
                                         gboolean         wait_for_readings,
                                         BudSonyLink    **link,
                                         int             *exit_code);
BudDevice      *budctl_lookup_device    (BudBluezClient  *client,
                                         const char      *address);
int             budctl_devices          (BudBluezClient  *client,
                                         gboolean         json);
int             budctl_watch            (BudBluezClient  *client,
                                         gboolean         json,
                                         guint            count,
                                         double           timeout);
int             budctl_device_firmware  (BudctlContext   *ctx,
                                         const char      *address,
                                         char           **model,
                                         char           **version);
int             budctl_command_devices  (BudctlContext   *ctx,
                                         int              argc,
                                         char           **argv);
int             budctl_command_watch    (BudctlContext   *ctx,
                                         int              argc,
                                         char           **argv);

G_END_DECLS
