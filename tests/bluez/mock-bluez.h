/* mock-bluez.h: a private bus with python-dbusmock's bluez5 template, for tests
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Full UUIDs of the audio profiles, and of the Sony v2 vendor service. */
#define MOCK_UUID_AUDIO_SINK "0000110b-0000-1000-8000-00805f9b34fb"
#define MOCK_UUID_HANDSFREE  "0000111e-0000-1000-8000-00805f9b34fb"
#define MOCK_UUID_SONY_V2    "956c7b26-d49a-4ba8-b03f-b17d393cb6e2"
#define MOCK_XM4_MODALIAS    "usb:v054Cp0DE1d0201"

typedef struct {
  GSubprocess *bus;
  char *address;
  GDBusConnection *connection;
  GSubprocess *bluez;
} MockBluez;

void   mock_bluez_setup        (MockBluez  *mock);
void   mock_bluez_teardown     (MockBluez  *mock);
void   mock_bluez_start        (MockBluez  *mock);
void   mock_bluez_stop         (MockBluez  *mock);
void   mock_bluez_start_bare   (MockBluez  *mock);
void   mock_bluez_load_template (MockBluez *mock);
void   mock_bluez_add_adapter  (MockBluez  *mock,
                                const char *name);
void   mock_bluez_remove_adapter (MockBluez *mock,
                                  const char *name);
void   mock_bluez_set_powered  (MockBluez  *mock,
                                const char *adapter,
                                gboolean    powered);
char  *mock_bluez_add_device   (MockBluez  *mock,
                                const char *adapter,
                                const char *address,
                                const char *alias);
char  *mock_bluez_add_headphones (MockBluez  *mock,
                                  const char *address,
                                  const char *alias);
void   mock_bluez_update       (MockBluez  *mock,
                                const char *path,
                                const char *interface,
                                const char *property,
                                GVariant   *value);
void   mock_bluez_remove_device (MockBluez  *mock,
                                 const char *path);
void   mock_bluez_add_battery  (MockBluez  *mock,
                                const char *path,
                                guint8      percentage);
void   mock_bluez_set_battery  (MockBluez  *mock,
                                const char *path,
                                guint8      percentage);

/* Iterates the default main context until @check returns TRUE; fails the
 * test after a few seconds, naming @what. */
void   mock_wait               (gboolean  (*check) (gpointer data),
                                gpointer    data,
                                const char *what);

G_END_DECLS
