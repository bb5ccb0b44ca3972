/* budctl-commands.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The commands budctl knows, in the order `budctl --help` lists them. */

#include "config.h"

#include <glib/gi18n.h>

#include "budctl.h"
#include "budctl-devices.h"
#include "budctl-diagnose.h"
#include "budctl-firmware.h"
#include "budctl-guide.h"

const BudctlCommand budctl_commands[] = {
  { "devices", "[--json] [--all]",
    N_("List the Bluetooth audio devices with batteries, model and firmware"),
    budctl_command_devices },
  { "watch", "[--json] [--all] [--count N] [--timeout S]",
    N_("Print a line for each device, connection and battery change"),
    budctl_command_watch },
  { "firmware", "(ADDRESS | --model ID --version V) [--json]",
    N_("Check a firmware version against the catalogue"), budctl_command_firmware },
  { "diagnose", "ADDRESS [--json]",
    N_("Say what looks wrong with a device and which fix to try"), budctl_command_diagnose },
  { "guide", "MODEL-ID",
    N_("Print the fix guide for a model as plain text"), budctl_command_guide },
  { "models", "[--json]",
    N_("List the earbud models the firmware catalogue knows"), budctl_command_models },
};

const guint budctl_n_commands = G_N_ELEMENTS (budctl_commands);
