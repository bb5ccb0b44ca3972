/* test-guide-progress.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "bud-guide.h"
#include "bud-guide-progress.h"

#define MODEL "sony-wf-1000xm4"
#define ADDRESS "AA:BB:CC:DD:EE:FF"
#define FILE_NAME "device-aa_bb_cc_dd_ee_ff.json"
#define T0 G_GINT64_CONSTANT (1795000000123456)

typedef struct {
  char *tmp;
  GFile *dir;  /* tmp/progress, created by the first save */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->tmp = g_dir_make_tmp ("test-guide-progress-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->dir = g_file_new_build_filename (fixture->tmp, "progress", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          remove_tree (child);
        }
      else
        {
          g_assert_cmpint (g_unlink (child), ==, 0);
        }
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->tmp);
  g_clear_object (&fixture->dir);
  g_clear_pointer (&fixture->tmp, g_free);
}

static char *
progress_path (Fixture    *fixture,
               const char *name)
{
  return g_build_filename (fixture->tmp, "progress", name, NULL);
}

static guint
count_files (Fixture *fixture)
{
  g_autofree char *path = progress_path (fixture, NULL);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    {
      n++;
    }

  return n;
}

static void
changed_cb (gpointer  object,
            guint    *count)
{
  (*count)++;
}

static void
notify_cb (gpointer    object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* A person who reseated the buds (no luck), skipped cleaning, and got the
 * case charging. */
static void
record_session (BudGuideProgress *progress)
{
  bud_guide_progress_set_current_step (progress, "reseat");
  bud_guide_progress_set_before (progress, "reseat", BUD_GUIDE_COMPONENT_LEFT, 40, T0);
  bud_guide_progress_set_after (progress, "reseat", BUD_GUIDE_COMPONENT_LEFT, 40, T0 + 600);
  bud_guide_progress_set_outcome (progress, "reseat", BUD_GUIDE_OUTCOME_NOT_FIXED);
  bud_guide_progress_set_current_step (progress, "clean-contacts");
  bud_guide_progress_set_outcome (progress, "clean-contacts", BUD_GUIDE_OUTCOME_SKIPPED);
  bud_guide_progress_set_current_step (progress, "charge-case");
  bud_guide_progress_set_before (progress, "charge-case", BUD_GUIDE_COMPONENT_CASE, 5, T0 + 1000);
  bud_guide_progress_set_after (progress, "charge-case", BUD_GUIDE_COMPONENT_CASE, 35,
                                T0 + 1000 + 30 * G_USEC_PER_SEC * 60);
  bud_guide_progress_set_before (progress, "charge-case", BUD_GUIDE_COMPONENT_RIGHT, 0, T0);
  bud_guide_progress_set_outcome (progress, "charge-case", BUD_GUIDE_OUTCOME_FIXED);
}

static void
assert_session (BudGuideProgress *progress)
{
  g_auto (GStrv) tried = bud_guide_progress_dup_tried_steps (progress);
  const char * const expected[] = { "reseat", "clean-contacts", "charge-case", NULL };
  BudGuideMeasurement m;

  g_assert_cmpstr (bud_guide_progress_get_model_id (progress), ==, MODEL);
  g_assert_cmpstr (bud_guide_progress_get_device_address (progress), ==, ADDRESS);
  g_assert_cmpstr (bud_guide_progress_get_current_step (progress), ==, "charge-case");
  g_assert_true (g_strv_equal ((const char * const *) tried, expected));
  g_assert_false (bud_guide_progress_is_empty (progress));
  g_assert_cmpint (bud_guide_progress_get_outcome (progress, "reseat"), ==,
                   BUD_GUIDE_OUTCOME_NOT_FIXED);
  g_assert_cmpint (bud_guide_progress_get_outcome (progress, "clean-contacts"), ==,
                   BUD_GUIDE_OUTCOME_SKIPPED);
  g_assert_cmpint (bud_guide_progress_get_outcome (progress, "reset"), ==,
                   BUD_GUIDE_OUTCOME_NONE);
  g_assert_cmpstr (bud_guide_progress_get_fixed_by (progress), ==, "charge-case");
  g_assert_cmpint (bud_guide_progress_get_updated (progress), >, 0);

  g_assert_true (bud_guide_progress_get_measurement (progress, "reseat",
                                                     BUD_GUIDE_COMPONENT_LEFT, &m));
  g_assert_cmpint (m.before, ==, 40);
  g_assert_cmpint (m.before_time, ==, T0);
  g_assert_cmpint (m.after, ==, 40);
  g_assert_cmpint (m.after_time, ==, T0 + 600);

  g_assert_true (bud_guide_progress_get_measurement (progress, "charge-case",
                                                     BUD_GUIDE_COMPONENT_CASE, &m));
  g_assert_cmpint (m.before, ==, 5);
  g_assert_cmpint (m.after, ==, 35);
  g_assert_cmpint (m.after_time - m.before_time, ==, 30 * 60 * G_USEC_PER_SEC);

  g_assert_true (bud_guide_progress_get_measurement (progress, "charge-case",
                                                     BUD_GUIDE_COMPONENT_RIGHT, &m));
  g_assert_cmpint (m.before, ==, 0);
  g_assert_cmpint (m.after, ==, BUD_GUIDE_LEVEL_UNKNOWN);
  g_assert_cmpint (m.after_time, ==, 0);

  g_assert_false (bud_guide_progress_get_measurement (progress, "charge-case",
                                                      BUD_GUIDE_COMPONENT_LEFT, &m));
  g_assert_cmpint (m.before, ==, BUD_GUIDE_LEVEL_UNKNOWN);
  g_assert_false (bud_guide_progress_get_measurement (progress, "clean-contacts",
                                                      BUD_GUIDE_COMPONENT_DEVICE, &m));
  g_assert_false (bud_guide_progress_get_measurement (progress, "reset",
                                                      BUD_GUIDE_COMPONENT_DEVICE, &m));
}

static void
test_progress_record (void)
{
  BudGuideProgress *progress = bud_guide_progress_new (MODEL, ADDRESS);
  guint changes = 0, notifies = 0;
  g_autofree char *name = NULL;
  BudGuideMeasurement m;

  g_signal_connect (progress, "changed", G_CALLBACK (changed_cb), &changes);
  g_signal_connect (progress, "notify::current-step", G_CALLBACK (notify_cb), &notifies);
  g_assert_true (bud_guide_progress_is_empty (progress));
  g_assert_null (bud_guide_progress_get_fixed_by (progress));
  g_assert_null (bud_guide_progress_get_discarded (progress));

  record_session (progress);
  assert_session (progress);
  g_assert_cmpuint (notifies, ==, 3);
  g_assert_cmpuint (changes, ==, 11);

  /* Setting the same step again is no change. */
  bud_guide_progress_set_current_step (progress, "charge-case");
  g_assert_cmpuint (notifies, ==, 3);
  g_assert_cmpuint (changes, ==, 11);

  /* Trying a step again starts a new measurement. */
  bud_guide_progress_set_before (progress, "reseat", BUD_GUIDE_COMPONENT_LEFT, 41, T0 + 5);
  g_assert_true (bud_guide_progress_get_measurement (progress, "reseat",
                                                     BUD_GUIDE_COMPONENT_LEFT, &m));
  g_assert_cmpint (m.before, ==, 41);
  g_assert_cmpint (m.after, ==, BUD_GUIDE_LEVEL_UNKNOWN);

  name = bud_guide_progress_get_file_name (progress);
  g_assert_cmpstr (name, ==, FILE_NAME);

  bud_guide_progress_clear (progress);
  g_assert_true (bud_guide_progress_is_empty (progress));
  g_assert_null (bud_guide_progress_get_current_step (progress));
  g_assert_cmpuint (notifies, ==, 4);

  g_assert_finalize_object (progress);
}

static void
test_progress_file_names (void)
{
  g_autoptr (BudGuideProgress) by_model = bud_guide_progress_new ("generic", NULL);
  g_autoptr (BudGuideProgress) hostile = bud_guide_progress_new ("../../x", "/etc/passwd");
  g_autofree char *model_name = bud_guide_progress_get_file_name (by_model);
  g_autofree char *hostile_name = bud_guide_progress_get_file_name (hostile);

  g_assert_cmpstr (model_name, ==, "model-generic.json");
  g_assert_cmpstr (hostile_name, ==, "device-_etc_passwd.json");
  g_assert_null (strchr (hostile_name, '/'));
}

static void
test_progress_roundtrip (void)
{
  g_autoptr (BudGuideProgress) progress = bud_guide_progress_new (MODEL, ADDRESS);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) again = NULL;
  g_autoptr (GError) error = NULL;
  BudGuideProgress *copy;

  record_session (progress);
  bytes = bud_guide_progress_serialize (progress);
  copy = bud_guide_progress_new_from_bytes (bytes, "progress.json", &error);
  g_assert_no_error (error);
  assert_session (copy);
  g_assert_cmpint (bud_guide_progress_get_updated (copy), ==,
                   bud_guide_progress_get_updated (progress));

  again = bud_guide_progress_serialize (copy);
  g_assert_true (g_bytes_equal (bytes, again));
  g_assert_finalize_object (copy);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
    }

  return *result;
}

static BudGuideProgress *
load_async (Fixture *fixture)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  BudGuideProgress *progress;

  bud_guide_progress_load_async (fixture->dir, MODEL, ADDRESS, NULL, async_done_cb, &result);
  progress = bud_guide_progress_load_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (progress);
  return progress;
}

static void
test_progress_save_load (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (BudGuideProgress) progress = bud_guide_progress_new (MODEL, ADDRESS);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = progress_path (fixture, FILE_NAME);
  BudGuideProgress *loaded;
  GStatBuf st;

  /* Nothing saved yet: empty progress, no error. */
  loaded = load_async (fixture);
  g_assert_true (bud_guide_progress_is_empty (loaded));
  g_assert_null (bud_guide_progress_get_discarded (loaded));
  g_assert_finalize_object (loaded);

  record_session (progress);
  bud_guide_progress_save_async (progress, fixture->dir, NULL, async_done_cb, &result);
  g_assert_true (bud_guide_progress_save_finish (progress, wait_for (&result), &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
  g_assert_cmpuint (count_files (fixture), ==, 1);

  loaded = load_async (fixture);
  assert_session (loaded);
  g_assert_null (bud_guide_progress_get_discarded (loaded));
  g_assert_finalize_object (loaded);

  /* The synchronous pair, and an address in another case, find the same file. */
  bud_guide_progress_set_current_step (progress, "reset");
  g_assert_true (bud_guide_progress_save (progress, fixture->dir, NULL, &error));
  g_assert_no_error (error);
  loaded = bud_guide_progress_load (fixture->dir, MODEL, "aa:bb:cc:dd:ee:ff", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bud_guide_progress_get_current_step (loaded), ==, "reset");
  g_assert_finalize_object (loaded);
}

static void
test_progress_save_order (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (BudGuideProgress) progress = bud_guide_progress_new (MODEL, ADDRESS);
  GAsyncResult *results[20] = { NULL, };
  g_autoptr (GError) error = NULL;
  BudGuideProgress *loaded;

  /* Saves overlap in worker threads; the last state must win. */
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *step = g_strdup_printf ("step-%u", i);

      bud_guide_progress_set_current_step (progress, step);
      bud_guide_progress_save_async (progress, fixture->dir, NULL, async_done_cb, &results[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_assert_true (bud_guide_progress_save_finish (progress, wait_for (&results[i]), &error));
      g_assert_no_error (error);
      g_clear_object (&results[i]);
    }

  loaded = bud_guide_progress_load (fixture->dir, MODEL, ADDRESS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bud_guide_progress_get_current_step (loaded), ==, "step-19");
  g_assert_cmpuint (count_files (fixture), ==, 1);
  g_assert_finalize_object (loaded);
}

static void
write_progress_file (Fixture    *fixture,
                     const char *contents,
                     gssize      length)
{
  g_autofree char *dir = progress_path (fixture, NULL);
  g_autofree char *path = progress_path (fixture, FILE_NAME);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_progress_corrupt (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = progress_path (fixture, FILE_NAME);
  g_autofree char *aside = progress_path (fixture, FILE_NAME ".corrupt");
  g_autofree char *huge = g_strnfill (300 * 1024, '[');
  g_autofree char *deep = g_strnfill (100000, '[');
  const struct {
    const char *contents;
    gssize length;
    const char *reason;
  } corrupt[] = {
    { "", 0, "is empty" },
    { "{\"format\": 1, \"model\": \"sony-wf-", -1, "not valid JSON" },
    { "\x89PNG\r\n\x1a\n\0\0\0", 11, "binary" },
    { huge, -1, "larger than" },
    { deep, -1, "deeper than" },
    { "[]", -1, "must be a JSON object" },
    { "{\"format\": 2, \"model\": \"" MODEL "\", \"steps\": []}", -1, "format" },
    { "{\"format\": 1, \"model\": \"" MODEL "\", \"device\": \"" ADDRESS "\", "
      "\"steps\": [{\"id\": \"reseat\", \"outcome\": \"maybe\"}]}", -1, "steps[0].outcome" },
    { "{\"format\": 1, \"model\": \"" MODEL "\", \"device\": \"" ADDRESS "\", "
      "\"steps\": [{\"id\": \"reseat\", \"outcome\": \"fixed\", \"levels\": "
      "[{\"component\": \"left\", \"before\": 140}]}]}", -1, "steps[0].levels[0].before" },
    { "{\"format\": 1, \"model\": \"" MODEL "\", \"device\": \"" ADDRESS "\", "
      "\"steps\": [{\"id\": \"reseat\", \"outcome\": \"fixed\", \"started\": \"noon\"}]}",
      -1, "steps[0].started" },
    { "{\"format\": 1, \"model\": \"" MODEL "\", \"device\": \"" ADDRESS "\", \"steps\": ["
      "{\"id\": \"reseat\", \"outcome\": \"fixed\"}, {\"id\": \"reseat\", \"outcome\": \"fixed\"}"
      "]}", -1, "listed twice" },
    { "{\"format\": 1, \"model\": \"other-buds\", \"device\": \"" ADDRESS "\", \"steps\": []}",
      -1, "belongs to other earbuds" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (corrupt); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *kept = NULL;
      gsize kept_length = 0;
      gsize length = corrupt[i].length >= 0 ? (gsize) corrupt[i].length
                                             : strlen (corrupt[i].contents);
      BudGuideProgress *progress;

      write_progress_file (fixture, corrupt[i].contents, (gssize) length);
      progress = bud_guide_progress_load (fixture->dir, MODEL, ADDRESS, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("%u: %s", i, bud_guide_progress_get_discarded (progress));
      g_assert_true (bud_guide_progress_is_empty (progress));
      g_assert_nonnull (strstr (bud_guide_progress_get_discarded (progress), FILE_NAME));
      g_assert_nonnull (strstr (bud_guide_progress_get_discarded (progress), corrupt[i].reason));

      /* Set aside unchanged, and the next save starts afresh. */
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_get_contents (aside, &kept, &kept_length, NULL));
      g_assert_cmpmem (kept, kept_length, corrupt[i].contents, length);
      g_assert_true (bud_guide_progress_save (progress, fixture->dir, NULL, &error));
      g_assert_no_error (error);
      g_assert_finalize_object (progress);

      progress = bud_guide_progress_load (fixture->dir, MODEL, ADDRESS, NULL, &error);
      g_assert_no_error (error);
      g_assert_null (bud_guide_progress_get_discarded (progress));
      g_assert_finalize_object (progress);
    }
}

static void
test_progress_unwritable (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr (BudGuideProgress) progress = bud_guide_progress_new (MODEL, ADDRESS);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = progress_path (fixture, NULL);
  g_autofree char *path = progress_path (fixture, FILE_NAME);

  /* The folder is a file: saving fails with a message naming it. */
  g_file_set_contents (dir, "not a folder", -1, &error);
  g_assert_no_error (error);
  bud_guide_progress_set_current_step (progress, "reseat");
  g_assert_false (bud_guide_progress_save (progress, fixture->dir, NULL, &error));
  g_assert_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "progress"));
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (dir), ==, 0);

  /* The progress file is a folder: loading can't read it, and says so. */
  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  g_assert_null (bud_guide_progress_load (fixture->dir, MODEL, ADDRESS, NULL, &error));
  g_assert_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, FILE_NAME));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guide-progress/record", test_progress_record);
  g_test_add_func ("/guide-progress/file-names", test_progress_file_names);
  g_test_add_func ("/guide-progress/roundtrip", test_progress_roundtrip);
  g_test_add ("/guide-progress/save-load", Fixture, NULL,
              fixture_set_up, test_progress_save_load, fixture_tear_down);
  g_test_add ("/guide-progress/save-order", Fixture, NULL,
              fixture_set_up, test_progress_save_order, fixture_tear_down);
  g_test_add ("/guide-progress/corrupt", Fixture, NULL,
              fixture_set_up, test_progress_corrupt, fixture_tear_down);
  g_test_add ("/guide-progress/unwritable", Fixture, NULL,
              fixture_set_up, test_progress_unwritable, fixture_tear_down);

  return g_test_run ();
}
