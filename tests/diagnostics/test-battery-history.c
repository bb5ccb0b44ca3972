/* test-battery-history.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "bud-battery-history.h"

#define ADDRESS "AA:BB:CC:DD:EE:FF"
#define DAY (24 * 3600)

typedef struct {
  gint64 now;
  char *dir;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->now = 1790000000;
  fixture->dir = g_dir_make_tmp ("bud-history-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static BudBatteryHistory *
load (Fixture  *fixture,
      char    **notice)
{
  g_autoptr (GError) error = NULL;
  BudBatteryHistory *history;

  history = bud_battery_history_load (fixture->dir, ADDRESS, fake_clock, fixture, notice,
                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (history);

  return history;
}

static void
sample_added_cb (BudBatteryHistory *history,
                 guint              component,
                 guint             *count)
{
  (*count)++;
}

static void
test_history_only_changes (Fixture       *fixture,
                           gconstpointer  data)
{
  BudBatteryHistory *history = bud_battery_history_new (ADDRESS);
  BudBatteryComponent left = BUD_BATTERY_COMPONENT_LEFT;
  guint count = 0;

  bud_battery_history_set_clock (history, fake_clock, fixture);
  g_signal_connect (history, "sample-added", G_CALLBACK (sample_added_cb), &count);

  g_assert_true (bud_battery_history_add (history, left, 50, BUD_CHARGE_STATUS_CHARGING));
  fixture->now += 60;
  g_assert_false (bud_battery_history_add (history, left, 50, BUD_CHARGE_STATUS_CHARGING));
  g_assert_true (bud_battery_history_add (history, left, 50, BUD_CHARGE_STATUS_CHARGED));
  g_assert_false (bud_battery_history_add (history, left, 101, BUD_CHARGE_STATUS_CHARGED));
  g_assert_false (bud_battery_history_add (history, left, -7, BUD_CHARGE_STATUS_CHARGED));
  g_assert_cmpuint (bud_battery_history_get_n_samples (history, left), ==, 2);
  g_assert_cmpuint (count, ==, 2);
  g_assert_false (bud_battery_history_has_component (history, BUD_BATTERY_COMPONENT_CASE));

  /* A clock set back doesn't reorder the samples. */
  g_assert_true (bud_battery_history_add_at (history, left, 60, BUD_CHARGE_STATUS_CHARGING,
                                             fixture->now - 3600));
  g_assert_cmpint (bud_battery_history_get_sample (history, left, 2)->time, ==, fixture->now);

  g_assert_finalize_object (history);
}

static void
test_history_bounded (Fixture       *fixture,
                      gconstpointer  data)
{
  BudBatteryHistory *history = bud_battery_history_new (ADDRESS);
  BudBatteryComponent c = BUD_BATTERY_COMPONENT_CASE;

  bud_battery_history_set_clock (history, fake_clock, fixture);
  bud_battery_history_add (history, c, 10, BUD_CHARGE_STATUS_NOT_CHARGING);
  fixture->now += 29 * DAY;
  bud_battery_history_add (history, c, 20, BUD_CHARGE_STATUS_NOT_CHARGING);
  g_assert_cmpuint (bud_battery_history_get_n_samples (history, c), ==, 2);
  fixture->now += 2 * DAY;
  bud_battery_history_add (history, c, 30, BUD_CHARGE_STATUS_NOT_CHARGING);
  g_assert_cmpuint (bud_battery_history_get_n_samples (history, c), ==, 2);
  g_assert_cmpint (bud_battery_history_get_sample (history, c, 0)->level, ==, 20);

  g_assert_finalize_object (history);
}

static void
test_history_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *expected = g_build_filename (fixture->dir, "AA_BB_CC_DD_EE_FF.json", NULL);
  BudBatteryHistory *history = load (fixture, &notice);
  BudBatteryAnalysis analysis;
  GStatBuf buf;

  g_assert_null (notice);
  g_assert_cmpstr (bud_battery_history_get_path (history), ==, expected);
  bud_battery_history_add (history, BUD_BATTERY_COMPONENT_RIGHT, 40, BUD_CHARGE_STATUS_CHARGING);
  fixture->now += 600;
  bud_battery_history_add (history, BUD_BATTERY_COMPONENT_RIGHT, 50, BUD_CHARGE_STATUS_CHARGING);
  bud_battery_history_add (history, BUD_BATTERY_COMPONENT_CASE, 80, BUD_CHARGE_STATUS_UNKNOWN);
  g_assert_true (bud_battery_history_save (history, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (history);

  g_assert_cmpint (g_stat (expected, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);

  history = load (fixture, &notice);
  g_assert_null (notice);
  g_assert_cmpuint (bud_battery_history_get_n_samples (history, BUD_BATTERY_COMPONENT_RIGHT), ==,
                    2);
  g_assert_cmpuint (bud_battery_history_get_n_samples (history, BUD_BATTERY_COMPONENT_CASE), ==,
                    1);
  bud_battery_history_analyze (history, BUD_BATTERY_COMPONENT_RIGHT, 3600, &analysis);
  g_assert_cmpint (analysis.trend, ==, BUD_BATTERY_TREND_RISING);
  g_assert_cmpint (analysis.last_level, ==, 50);
  g_assert_finalize_object (history);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  gboolean *done = user_data;

  g_assert_true (bud_battery_history_save_finish (BUD_BATTERY_HISTORY (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_history_save_async (Fixture       *fixture,
                         gconstpointer  data)
{
  BudBatteryHistory *history = load (fixture, NULL);
  gboolean done = FALSE;

  bud_battery_history_add (history, BUD_BATTERY_COMPONENT_SINGLE, 70, BUD_CHARGE_STATUS_UNKNOWN);
  bud_battery_history_save_async (history, NULL, saved_cb, &done);
  while (!done)
    {
      g_main_context_iteration (NULL, TRUE);
    }

  /* The worker thread may still hold the task, and the task the history. */
  g_object_add_weak_pointer (G_OBJECT (history), (gpointer *) &history);
  g_object_unref (history);
  while (g_atomic_pointer_get (&history) != NULL)
    {
      g_usleep (1000);
    }

  history = load (fixture, NULL);
  g_assert_cmpuint (bud_battery_history_get_n_samples (history, BUD_BATTERY_COMPONENT_SINGLE), ==,
                    1);
  g_assert_finalize_object (history);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_history_load_async (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "AA_BB_CC_DD_EE_FF.json", NULL);
  g_autofree char *notice = NULL;
  BudBatteryHistory *history;

  g_file_set_contents (path, "{\"format\": 1, \"components\": {\"case\": "
                       "[[1790000000, 55, \"charging\"]]}}", -1, &error);
  g_assert_no_error (error);

  bud_battery_history_load_async (fixture->dir, ADDRESS, fake_clock, fixture, NULL, loaded_cb,
                                  &result);
  while (result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
    }

  history = bud_battery_history_load_finish (result, &notice, &error);
  g_assert_no_error (error);
  g_assert_null (notice);
  g_assert_cmpuint (bud_battery_history_get_n_samples (history, BUD_BATTERY_COMPONENT_CASE), ==,
                    1);
  g_assert_cmpint (bud_battery_history_get_sample (history, BUD_BATTERY_COMPONENT_CASE, 0)->level,
                   ==, 55);
  g_assert_finalize_object (history);
}

static void
test_history_unreadable (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "AA_BB_CC_DD_EE_FF.json", NULL);
  BudBatteryHistory *history;

  /* Not a damaged file but one that can't be read at all: an error, and
   * nothing is moved. */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  history = bud_battery_history_load (fixture->dir, ADDRESS, fake_clock, fixture, NULL, &error);
  g_assert_null (history);
  g_assert_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_READ);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_rmdir (path);
}

static void
assert_moved_aside (Fixture    *fixture,
                    const char *contents,
                    gssize      len)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "AA_BB_CC_DD_EE_FF.json", NULL);
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *notice = NULL;
  BudBatteryHistory *history;
  gsize kept_len;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  history = load (fixture, &notice);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, ".corrupt-"));
  g_assert_nonnull (strstr (notice, path));
  for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      g_assert_cmpuint (bud_battery_history_get_n_samples (history, c), ==, 0);
    }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  aside = g_strdup_printf ("%s.corrupt-20260921T141320Z", path);
  g_assert_true (g_file_get_contents (aside, &kept, &kept_len, &error));
  g_assert_cmpmem (kept, kept_len, contents, len < 0 ? strlen (contents) : (gsize) len);
  g_unlink (aside);

  /* The new history saves over the old name. */
  bud_battery_history_add (history, BUD_BATTERY_COMPONENT_LEFT, 10, BUD_CHARGE_STATUS_CHARGING);
  g_assert_true (bud_battery_history_save (history, &error));
  g_assert_finalize_object (history);
}

static void
test_history_corrupt (Fixture       *fixture,
                      gconstpointer  data)
{
  assert_moved_aside (fixture, "{\"format\": 1, \"components\": {\"left\": [[1, 2", -1);
  assert_moved_aside (fixture, "\0\0\0\x7f", 4);
  assert_moved_aside (fixture, "", 0);
  assert_moved_aside (fixture,
                      "{\"format\": 1, \"components\": {\"left\": [[1, 200, \"charging\"]]}}",
                      -1);
  assert_moved_aside (fixture,
                      "{\"format\": 1, \"components\": {\"case\": [[1, 2, \"on fire\"]]}}",
                      -1);
  assert_moved_aside (fixture, "{\"format\": 7, \"components\": {}}", -1);
  assert_moved_aside (fixture, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
                                "[[[[[[[[[[[[[[[[[[[[", -1);
}

static void
test_history_file_name (void)
{
  g_autofree char *plain = bud_battery_history_file_name ("aa:bb:cc:dd:ee:ff");
  g_autofree char *hostile = bud_battery_history_file_name ("../../etc/passwd");
  g_autofree char *empty = bud_battery_history_file_name ("");

  g_assert_cmpstr (plain, ==, "AA_BB_CC_DD_EE_FF.json");
  g_assert_null (strchr (hostile, '/'));
  g_assert_cmpstr (hostile, ==, "______ETC_PASSWD.json");
  g_assert_cmpstr (empty, ==, "unknown.json");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/battery-history/only-changes", test_history_only_changes);
  ADD ("/battery-history/bounded", test_history_bounded);
  ADD ("/battery-history/round-trip", test_history_round_trip);
  ADD ("/battery-history/save-async", test_history_save_async);
  ADD ("/battery-history/corrupt", test_history_corrupt);
  ADD ("/battery-history/load-async", test_history_load_async);
  ADD ("/battery-history/unreadable", test_history_unreadable);
#undef ADD
  g_test_add_func ("/battery-history/file-name", test_history_file_name);

  return g_test_run ();
}
