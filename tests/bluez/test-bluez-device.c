/* test-bluez-device.c: what BudDevice derives from BlueZ's fields
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bud-device.h"

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_audio_by_class (void)
{
  BudDevice *device = bud_device_new ("AA:BB:CC:DD:EE:FF");
  guint count = 0;

  g_signal_connect (device, "notify::is-audio", G_CALLBACK (count_cb), &count);
  g_assert_false (bud_device_is_audio (device));

  /* Computer, laptop: not audio. */
  bud_device_set_class (device, 0x00010c);
  g_assert_false (bud_device_is_audio (device));
  /* Audio service bit, whatever the major class. */
  bud_device_set_class (device, 0x200000 | 0x00010c);
  g_assert_true (bud_device_is_audio (device));
  /* Major class audio/video (a headset without the service bit). */
  bud_device_set_class (device, 0x000404);
  g_assert_true (bud_device_is_audio (device));
  g_assert_cmpuint (count, ==, 1);

  g_assert_finalize_object (device);
}

static void
test_audio_by_uuid_and_icon (void)
{
  const char * const sink[] = { "0000110B-0000-1000-8000-00805F9B34FB", NULL };
  const char * const phone[] = { "00001105-0000-1000-8000-00805f9b34fb",
                                 "0000110b-0000-1000-8000-00805f9b34fc", NULL };
  BudDevice *device = bud_device_new ("AA:BB:CC:DD:EE:FF");

  bud_device_set_uuids (device, phone);
  g_assert_false (bud_device_is_audio (device));
  g_assert_true (bud_device_has_uuid (device, "00001105-0000-1000-8000-00805F9B34FB"));
  bud_device_set_uuids (device, sink);
  g_assert_true (bud_device_is_audio (device));
  bud_device_set_uuids (device, NULL);
  g_assert_cmpuint (g_strv_length ((char **) bud_device_get_uuids (device)), ==, 0);
  g_assert_false (bud_device_is_audio (device));

  bud_device_set_icon (device, "audio-headset");
  g_assert_true (bud_device_is_audio (device));
  bud_device_set_icon (device, "phone");
  g_assert_false (bud_device_is_audio (device));

  g_assert_finalize_object (device);
}

static void
test_components (void)
{
  BudDevice *device = bud_device_new ("AA:BB:CC:DD:EE:FF");
  BudBatteryHistory *history = bud_device_get_history (device);
  guint count = 0;

  g_assert_nonnull (history);
  g_assert_cmpstr (bud_battery_history_get_address (history), ==, "AA:BB:CC:DD:EE:FF");
  g_assert_true (bud_device_get_available (device));
  g_assert_cmpint (bud_device_get_left_level (device), ==, BUD_BATTERY_UNKNOWN);
  g_assert_cmpint (bud_device_get_case_status (device), ==, BUD_CHARGE_STATUS_UNKNOWN);
  g_assert_cmpint (bud_device_get_case_updated (device), ==, 0);
  g_assert_null (bud_device_get_firmware_version (device));

  g_signal_connect (device, "notify::case-level", G_CALLBACK (count_cb), &count);
  g_object_set (device,
                "left-level", 80, "right-level", 75, "case-level", 20,
                "right-status", BUD_CHARGE_STATUS_CHARGING,
                "case-updated", (gint64) 1764331200,
                "firmware-version", "1.6.1",
                NULL);
  bud_device_set_case_level (device, 20);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpint (bud_device_get_left_level (device), ==, 80);
  g_assert_cmpint (bud_device_get_right_level (device), ==, 75);
  g_assert_cmpint (bud_device_get_right_status (device), ==, BUD_CHARGE_STATUS_CHARGING);
  g_assert_cmpint (bud_device_get_case_updated (device), ==, 1764331200);
  g_assert_cmpstr (bud_device_get_firmware_version (device), ==, "1.6.1");

  g_assert_finalize_object (device);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bluez-device/audio-by-class", test_audio_by_class);
  g_test_add_func ("/bluez-device/audio-by-uuid-and-icon", test_audio_by_uuid_and_icon);
  g_test_add_func ("/bluez-device/components", test_components);

  return g_test_run ();
}
