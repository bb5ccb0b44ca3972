/* test-device.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bud-device.h"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_device_properties (void)
{
  BudDevice *device = bud_device_new ("AA:BB:CC:DD:EE:FF");

  g_assert_cmpstr (bud_device_get_address (device), ==, "AA:BB:CC:DD:EE:FF");
  /* Without a name, the address stands in for it. */
  g_assert_cmpstr (bud_device_get_name (device), ==, "AA:BB:CC:DD:EE:FF");
  g_assert_cmpint (bud_device_get_battery (device), ==, BUD_BATTERY_UNKNOWN);
  g_assert_false (bud_device_get_connected (device));

  bud_device_set_name (device, "WF-1000XM4");
  bud_device_set_battery (device, 70);
  bud_device_set_connected (device, TRUE);
  g_assert_cmpstr (bud_device_get_name (device), ==, "WF-1000XM4");
  g_assert_cmpint (bud_device_get_battery (device), ==, 70);
  g_assert_true (bud_device_get_connected (device));

  g_assert_finalize_object (device);
}

static void
test_device_notify_on_change_only (void)
{
  BudDevice *device = bud_device_new ("AA:BB:CC:DD:EE:FF");
  guint count = 0;

  g_signal_connect (device, "notify::battery", G_CALLBACK (count_notify_cb), &count);
  bud_device_set_battery (device, 50);
  bud_device_set_battery (device, 50);
  g_assert_cmpuint (count, ==, 1);
  bud_device_set_battery (device, BUD_BATTERY_UNKNOWN);
  g_assert_cmpuint (count, ==, 2);

  g_assert_finalize_object (device);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/device/properties", test_device_properties);
  g_test_add_func ("/device/notify-on-change-only", test_device_notify_on_change_only);

  return g_test_run ();
}
