/* test-history-keeper.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "bud-battery-history.h"
#include "bud-device.h"
#include "bud-history-keeper.h"

#define ADDRESS "AA:BB:CC:DD:EE:01"

static gboolean
history_from_disk (BudDevice *device)
{
  BudBatteryHistory *history = bud_device_get_history (device);

  return history != NULL && bud_battery_history_get_path (history) != NULL;
}

static void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (done (data));
}

/* Saves and loads in flight hold references until their callbacks run. */
static gboolean
only_ours (gpointer object)
{
  return g_atomic_int_get (&G_OBJECT (object)->ref_count) == 1;
}

static gboolean
file_has_sample (gpointer path)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, "70") != NULL;
}

static void
test_keeper_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bud-keeper-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (GListStore) devices = g_list_store_new (BUD_TYPE_DEVICE);
  BudHistoryKeeper *keeper;
  BudDevice *device;
  BudBatteryHistory *history;
  const BudBatterySample *sample;

  g_assert_no_error (error);
  keeper = bud_history_keeper_new (G_LIST_MODEL (devices), dir);

  /* A reading before the saved history has loaded is kept too. */
  device = bud_device_new (ADDRESS);
  g_list_store_append (devices, device);
  bud_battery_history_add (bud_device_get_history (device), BUD_BATTERY_COMPONENT_SINGLE, 60,
                           BUD_CHARGE_STATUS_UNKNOWN);
  wait_until ((gpointer) history_from_disk, device);
  path = g_strdup (bud_battery_history_get_path (bud_device_get_history (device)));
  g_assert_true (g_str_has_prefix (path, dir));

  bud_battery_history_add (bud_device_get_history (device), BUD_BATTERY_COMPONENT_SINGLE, 70,
                           BUD_CHARGE_STATUS_UNKNOWN);
  bud_device_set_battery (device, 70);
  wait_until (file_has_sample, path);

  g_list_store_remove_all (devices);
  wait_until (only_ours, keeper);
  wait_until (only_ours, device);
  g_assert_finalize_object (device);
  g_assert_finalize_object (keeper);

  /* After a restart the device gets its old readings back. */
  keeper = bud_history_keeper_new (G_LIST_MODEL (devices), dir);
  device = bud_device_new (ADDRESS);
  g_list_store_append (devices, device);
  wait_until ((gpointer) history_from_disk, device);
  history = bud_device_get_history (device);
  g_assert_cmpuint (bud_battery_history_get_n_samples (history, BUD_BATTERY_COMPONENT_SINGLE),
                    ==, 2);
  sample = bud_battery_history_get_sample (history, BUD_BATTERY_COMPONENT_SINGLE, 1);
  g_assert_cmpint (sample->level, ==, 70);

  g_list_store_remove_all (devices);
  wait_until (only_ours, keeper);
  wait_until (only_ours, device);
  g_assert_finalize_object (device);
  g_assert_finalize_object (keeper);
  g_unlink (path);
  g_rmdir (dir);
}

/* The client lists the same device again when its adapter comes back; the
 * keeper watches it once, or every reading would be saved again per listing. */
static void
test_keeper_relisted (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bud-keeper-XXXXXX", &error);
  g_autoptr (GListStore) devices = g_list_store_new (BUD_TYPE_DEVICE);
  BudHistoryKeeper *keeper;
  BudDevice *device = bud_device_new (ADDRESS);
  g_autofree char *path = NULL;
  guint n_handlers;

  g_assert_no_error (error);
  keeper = bud_history_keeper_new (G_LIST_MODEL (devices), dir);
  g_list_store_append (devices, device);
  wait_until ((gpointer) history_from_disk, device);
  g_list_store_remove_all (devices);
  g_list_store_append (devices, device);

  n_handlers = g_signal_handlers_disconnect_matched (device, G_SIGNAL_MATCH_DATA,
                                                     0, 0, NULL, NULL, keeper);
  g_assert_cmpuint (n_handlers, ==, 7);

  path = g_strdup (bud_battery_history_get_path (bud_device_get_history (device)));
  g_list_store_remove_all (devices);
  wait_until (only_ours, keeper);
  wait_until (only_ours, device);
  g_assert_finalize_object (device);
  g_assert_finalize_object (keeper);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history-keeper/round-trip", test_keeper_round_trip);
  g_test_add_func ("/history-keeper/relisted", test_keeper_relisted);

  return g_test_run ();
}
