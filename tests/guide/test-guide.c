/* test-guide.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bud-guide.h"

#define ILLUSTRATIONS "/io/github/earbuddoctor/EarbudDoctor/illustrations/"

static const char * const step_ids[] = {
  "reseat", "charge-case", "clean-contacts", "update-firmware", "reset", "contact-support",
};

static GFile *
guides_dir (void)
{
  const char *data_dir = g_getenv ("EARBUD_DOCTOR_DATA_DIR");

  g_assert_nonnull (data_dir);
  return g_file_new_build_filename (data_dir, "guides", NULL);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "guide", name, NULL);
}

static BudGuide *
load_fixture (const char  *name,
              GError     **error)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return bud_guide_new_from_file (file, NULL, error);
}

static BudGuide *
load_shipped (const char *model_id)
{
  g_autoptr (GFile) dir = guides_dir ();
  g_autoptr (GError) error = NULL;
  BudGuide *guide = bud_guide_load_for_model (dir, model_id, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (guide);
  g_assert_null (bud_guide_get_fallback_error (guide));
  return guide;
}

static void
assert_illustration_exists (const char *resource_path)
{
  const char *data_dir = g_getenv ("EARBUD_DOCTOR_DATA_DIR");
  g_autofree char *path = NULL;

  g_assert_true (g_str_has_prefix (resource_path, ILLUSTRATIONS));
  path = g_build_filename (data_dir, "illustrations",
                           resource_path + strlen (ILLUSTRATIONS), NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
assert_reset_checklist (BudGuideStep *step,
                        gboolean      per_bud)
{
  guint n = bud_guide_step_get_n_checklist_items (step);
  gboolean seen_left = FALSE, seen_right = FALSE, seen_red = FALSE, seen_green = FALSE;

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      const BudGuideChecklistItem *item = bud_guide_step_get_checklist_item (step, i);

      g_assert_nonnull (item->text);
      g_assert_cmpstr (item->text, !=, "");
      seen_left |= item->bud == BUD_GUIDE_BUD_LEFT;
      seen_right |= item->bud == BUD_GUIDE_BUD_RIGHT;
      seen_red |= g_strcmp0 (item->led, "red") == 0;
      seen_green |= g_strcmp0 (item->led, "green") == 0;
    }

  g_assert_true (seen_left == per_bud);
  g_assert_true (seen_right == per_bud);
  g_assert_true (seen_red == per_bud);
  g_assert_true (seen_green == per_bud);
  g_assert_cmpuint (bud_guide_step_get_lid_cycles (step), ==, per_bud ? 5 : 0);
}

static void
assert_shipped_guide (BudGuide   *guide,
                      const char *model_id)
{
  static const BudGuideCheckKind kinds[] = {
    BUD_GUIDE_CHECK_BEFORE_AFTER, BUD_GUIDE_CHECK_TIMED_WAIT, BUD_GUIDE_CHECK_BEFORE_AFTER,
    BUD_GUIDE_CHECK_FIRMWARE, BUD_GUIDE_CHECK_RESET, BUD_GUIDE_CHECK_NONE,
  };
  static const guint minutes[] = { 10, 30, 10, 0, 0, 0 };
  gboolean is_generic = g_str_equal (model_id, BUD_GUIDE_GENERIC_MODEL);
  guint position = G_MAXUINT;

  g_assert_cmpstr (bud_guide_get_model_id (guide), ==, model_id);
  g_assert_cmpstr (bud_guide_get_name (guide), !=, "");
  g_assert_cmpuint (bud_guide_get_n_steps (guide), ==, G_N_ELEMENTS (step_ids));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (guide)), ==, 6);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (guide)) == BUD_TYPE_GUIDE_STEP);

  for (guint i = 0; i < G_N_ELEMENTS (step_ids); i++)
    {
      BudGuideStep *step = bud_guide_get_step (guide, i);
      g_autoptr (BudGuideStep) item = g_list_model_get_item (G_LIST_MODEL (guide), i);
      g_autofree char *expected_illustration =
        g_strconcat (ILLUSTRATIONS, step_ids[i], ".svg", NULL);

      g_assert_true (item == step);
      g_assert_cmpstr (bud_guide_step_get_id (step), ==, step_ids[i]);
      g_assert_cmpuint (strlen (bud_guide_step_get_title (step)), >, 5);
      g_assert_cmpuint (strlen (bud_guide_step_get_body (step)), >, 20);
      g_assert_cmpuint (strlen (bud_guide_step_get_why (step)), >, 20);
      g_assert_cmpuint (strlen (bud_guide_step_get_illustration_alt (step)), >, 20);
      g_assert_cmpstr (bud_guide_step_get_illustration (step), ==, expected_illustration);
      assert_illustration_exists (bud_guide_step_get_illustration (step));
      g_assert_nonnull (bud_guide_step_get_tips (step));
      g_assert_nonnull (bud_guide_step_get_findings (step));
      g_assert_cmpint (bud_guide_step_get_check_kind (step), ==, kinds[i]);
      g_assert_cmpuint (bud_guide_step_get_check_minutes (step), ==, minutes[i]);
      if (kinds[i] == BUD_GUIDE_CHECK_RESET)
        {
          assert_reset_checklist (step, !is_generic);
        }
      else
        {
          g_assert_cmpuint (bud_guide_step_get_n_checklist_items (step), ==, 0);
        }
      g_assert_true (bud_guide_lookup_step (guide, step_ids[i], &position) == step);
      g_assert_cmpuint (position, ==, i);
    }

  g_assert_null (bud_guide_lookup_step (guide, "no-such-step", NULL));
  g_assert_cmpstr (bud_guide_step_get_id (bud_guide_lookup_step_for_finding (guide, "case-low",
                                                                             &position)),
                   ==, "charge-case");
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpstr (bud_guide_step_get_id (
                     bud_guide_lookup_step_for_finding (guide, "firmware-known-drain", NULL)),
                   ==, "update-firmware");
  g_assert_cmpstr (bud_guide_step_get_id (
                     bud_guide_lookup_step_for_finding (guide, "one-bud-not-charging", NULL)),
                   ==, "reseat");
  g_assert_null (bud_guide_lookup_step_for_finding (guide, "no-such-finding", NULL));
}

static void
test_guide_shipped_sony (void)
{
  BudGuide *guide = load_shipped ("sony-wf-1000xm4");
  BudGuideStep *charge;
  const char * const *tips;
  g_autofree char *all_tips = NULL;

  assert_shipped_guide (guide, "sony-wf-1000xm4");
  g_assert_cmpstr (bud_guide_get_name (guide), ==, "Sony WF-1000XM4");

  /* The Sony hints belong with charging the case. */
  charge = bud_guide_lookup_step (guide, "charge-case", NULL);
  tips = bud_guide_step_get_tips (charge);
  all_tips = g_strjoinv (" ", (char **) tips);
  g_assert_nonnull (strstr (all_tips, "Qi"));
  g_assert_nonnull (strstr (all_tips, "red twice"));
  g_assert_nonnull (strstr (all_tips, "plain USB charger"));
  g_assert_nonnull (strstr (bud_guide_step_get_body (bud_guide_lookup_step (guide,
                                                                           "update-firmware",
                                                                           NULL)),
                            "Headphones Connect"));

  g_assert_finalize_object (guide);
}

static void
test_guide_shipped_generic (void)
{
  BudGuide *guide = load_shipped (NULL);
  BudGuideStep *firmware;

  assert_shipped_guide (guide, BUD_GUIDE_GENERIC_MODEL);
  firmware = bud_guide_lookup_step (guide, "update-firmware", NULL);
  g_assert_nonnull (strstr (bud_guide_step_get_body (firmware), "maker"));
  g_assert_null (strstr (bud_guide_step_get_body (firmware), "Sony"));

  g_assert_finalize_object (guide);
}

static void
test_guide_valid_fixture (void)
{
  g_autoptr (GError) error = NULL;
  BudGuide *guide = load_fixture ("valid.json", &error);
  BudGuideStep *step;
  const BudGuideChecklistItem *item;
  g_autofree char *title = NULL;
  BudGuideCheckKind kind;

  g_assert_no_error (error);
  g_assert_cmpstr (bud_guide_get_model_id (guide), ==, "test-buds");
  g_assert_cmpstr (bud_guide_get_name (guide), ==, "Test Buds");
  g_assert_true (g_str_has_suffix (bud_guide_get_source_name (guide), "valid.json"));
  g_assert_cmpuint (bud_guide_get_n_steps (guide), ==, 3);

  step = bud_guide_get_step (guide, 0);
  g_object_get (step, "title", &title, "check-kind", &kind, NULL);
  g_assert_cmpstr (title, ==, "Seat them");
  g_assert_cmpint (kind, ==, BUD_GUIDE_CHECK_BEFORE_AFTER);
  g_assert_true (bud_guide_step_has_finding (step, "one-bud-not-charging"));
  g_assert_false (bud_guide_step_has_finding (step, "case-low"));
  g_assert_cmpuint (g_strv_length ((char **) bud_guide_step_get_tips (step)), ==, 0);

  step = bud_guide_get_step (guide, 1);
  g_assert_cmpuint (bud_guide_step_get_n_checklist_items (step), ==, 2);
  item = bud_guide_step_get_checklist_item (step, 0);
  g_assert_cmpint (item->bud, ==, BUD_GUIDE_BUD_LEFT);
  g_assert_cmpuint (item->lid_cycles, ==, 5);
  g_assert_null (item->led);
  item = bud_guide_step_get_checklist_item (step, 1);
  g_assert_cmpstr (item->led, ==, "green");
  g_assert_cmpuint (item->lid_cycles, ==, 0);

  step = bud_guide_get_step (guide, 2);
  g_assert_cmpint (bud_guide_step_get_check_kind (step), ==, BUD_GUIDE_CHECK_NONE);
  g_assert_cmpuint (g_strv_length ((char **) bud_guide_step_get_findings (step)), ==, 0);
  g_assert_cmpstr (bud_guide_step_get_tips (step)[0], ==, "Keep the receipt.");

  g_assert_finalize_object (guide);
}

static const struct {
  const char *file;
  const char *message;
} invalid_fixtures[] = {
  { "empty.json", "is empty" },
  { "blank.json", "is empty" },
  { "truncated.json", "not valid JSON" },
  { "trailing-garbage.json", "not valid JSON" },
  { "not-object.json", "must be a JSON object" },
  { "format-2.json", "has format 2" },
  { "format-string.json", "format must be a whole number" },
  { "model-bad.json", "model must be an identifier" },
  { "name-missing.json", "name is missing" },
  { "unknown-top.json", "unknown member “stpes”" },
  { "steps-object.json", "steps must be a list" },
  { "steps-empty.json", "steps must have from 1" },
  { "step-not-object.json", "steps[1] must be an object" },
  { "title-number.json", "steps[2].title must be a string" },
  { "title-missing.json", "steps[1].title is missing" },
  { "body-empty.json", "steps[0].body must not be empty" },
  { "why-null.json", "steps[0].why must be a string" },
  { "unknown-step-member.json", "steps[0] has an unknown member “chek”" },
  { "id-bad.json", "steps[0].id must be an identifier" },
  { "id-duplicate.json", "steps[2].id “reseat” is used by an earlier step" },
  { "illustration-relative.json", "steps[0].illustration must be a resource path" },
  { "findings-not-strings.json", "steps[0].findings[1] must be a string" },
  { "tips-not-list.json", "steps[0].tips must be a list" },
  { "check-array.json", "steps[0].check must be an object" },
  { "check-kind-bad.json", "steps[0].check.kind must be" },
  { "check-minutes-missing.json", "steps[0].check.minutes is missing" },
  { "check-minutes-negative.json", "steps[0].check.minutes must be a whole number" },
  { "check-minutes-float.json", "steps[0].check.minutes must be a whole number" },
  { "reset-no-buds.json", "steps[1].check.buds is missing" },
  { "reset-bud-bad.json", "steps[1].check.buds[0].bud must be" },
  { "reset-item-string.json", "steps[1].check.buds[0].items[0] must be an object" },
  { "reset-led-bad.json", "steps[1].check.buds[0].items[1].led must be one of" },
  { "reset-cycles-huge.json", "steps[1].check.buds[0].items[0].lid_cycles must be" },
};

static void
test_guide_invalid_fixtures (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid_fixtures); i++)
    {
      g_autoptr (GError) error = NULL;
      BudGuide *guide = load_fixture (invalid_fixtures[i].file, &error);

      g_test_message ("%s: %s", invalid_fixtures[i].file, error ? error->message : "(none)");
      g_assert_null (guide);
      g_assert_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, invalid_fixtures[i].file));
      g_assert_nonnull (strstr (error->message, invalid_fixtures[i].message));
      g_assert_null (strchr (error->message, '\n'));
    }
}

/* Takes @data's bytes, which must stay valid for the call. */
static void
assert_bytes_rejected (const void *data,
                       gsize       size,
                       const char *message)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr (GError) error = NULL;
  BudGuide *guide = bud_guide_new_from_bytes (bytes, "hostile.json", &error);

  g_assert_null (guide);
  g_assert_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "hostile.json"));
  g_assert_nonnull (strstr (error->message, message));
}

static void
test_guide_hostile (void)
{
  g_autoptr (GString) deep = g_string_new (NULL);
  g_autoptr (GString) deep_in_guide = g_string_new ("{\"format\": 1, \"model\": \"x\", "
                                                    "\"name\": \"x\", \"steps\": ");
  g_autofree char *huge = NULL;
  guint8 binary[4096];

  /* Far deeper than json-glib's recursion survives. */
  for (guint i = 0; i < 200000; i++)
    {
      g_string_append_c (deep, '[');
    }
  assert_bytes_rejected (deep->str, deep->len, "deeper than");

  for (guint i = 0; i < 100; i++)
    {
      g_string_append (deep_in_guide, "[{\"a\": ");
    }
  assert_bytes_rejected (deep_in_guide->str, deep_in_guide->len, "deeper than");

  huge = g_strnfill (BUD_GUIDE_MAX_SIZE + 1, ' ');
  huge[0] = '"';
  huge[BUD_GUIDE_MAX_SIZE] = '"';
  assert_bytes_rejected (huge, BUD_GUIDE_MAX_SIZE + 1, "larger than");

  for (guint i = 0; i < sizeof binary; i++)
    {
      binary[i] = (guint8) (i * 7 + 3);
    }
  assert_bytes_rejected (binary, sizeof binary, "binary");
  assert_bytes_rejected ("{\"format\": 1\0}", 14, "binary");
  assert_bytes_rejected ("\"\xff\xfe\"", 4, "not UTF-8");
  assert_bytes_rejected ("", 0, "empty");
  assert_bytes_rejected ("null", 4, "must be a JSON object");
  assert_bytes_rejected ("{\"format\": 99999999999999999999}", 32, "format");
}

static void
test_guide_hostile_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr (GFile) missing = g_file_new_for_path ("/nonexistent/guide.json");
  g_autoptr (GFile) dir = guides_dir ();
  BudGuide *guide;

  /* An endless file is cut off at the size limit, not read to the end. */
  guide = bud_guide_new_from_file (zero, NULL, &error);
  g_assert_null (guide);
  g_assert_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "/dev/zero"));
  g_clear_error (&error);

  guide = bud_guide_new_from_file (missing, NULL, &error);
  g_assert_null (guide);
  g_assert_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/nonexistent/guide.json"));
  g_clear_error (&error);

  guide = bud_guide_new_from_file (dir, NULL, &error);
  g_assert_null (guide);
  g_assert_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_READ);
}

/* A guides folder with the shipped generic guide and @model_file as @model_id's guide. */
static GFile *
make_guides_dir (const char *model_id,
                 const char *model_fixture)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("test-guide-XXXXXX", &error);
  g_autoptr (GFile) dir = NULL;
  g_autoptr (GFile) shipped = guides_dir ();
  g_autoptr (GFile) generic = g_file_get_child (shipped, "generic.json");
  g_autoptr (GFile) generic_copy = NULL;

  g_assert_no_error (error);
  dir = g_file_new_for_path (tmp);
  generic_copy = g_file_get_child (dir, "generic.json");
  g_file_copy (generic, generic_copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  if (model_id != NULL)
    {
      g_autofree char *name = g_strconcat (model_id, ".json", NULL);
      g_autofree char *path = fixture_path (model_fixture);
      g_autoptr (GFile) source = g_file_new_for_path (path);
      g_autoptr (GFile) target = g_file_get_child (dir, name);

      g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  return g_steal_pointer (&dir);
}

static void
remove_guides_dir (GFile *dir)
{
  g_autoptr (GFileEnumerator) children = NULL;
  g_autoptr (GError) error = NULL;
  GFile *child;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  while (g_file_enumerator_iterate (children, NULL, &child, NULL, &error) && child != NULL)
    {
      g_file_delete (child, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_no_error (error);
  g_file_delete (dir, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_fallback (GFile      *dir,
                 const char *model_id,
                 int         code,
                 const char *message)
{
  g_autoptr (GError) error = NULL;
  BudGuide *guide = bud_guide_load_for_model (dir, model_id, NULL, &error);
  const GError *reason;

  g_assert_no_error (error);
  g_assert_cmpstr (bud_guide_get_model_id (guide), ==, BUD_GUIDE_GENERIC_MODEL);
  reason = bud_guide_get_fallback_error (guide);
  g_assert_nonnull (reason);
  g_test_message ("%s: %s", model_id, reason->message);
  g_assert_error ((GError *) reason, BUD_GUIDE_ERROR, code);
  g_assert_nonnull (strstr (reason->message, message));
  g_assert_finalize_object (guide);
}

static void
test_guide_fallback (void)
{
  g_autoptr (GFile) dir = make_guides_dir ("test-buds", "title-number.json");
  g_autoptr (GFile) mismatched = make_guides_dir ("other-buds", "valid.json");
  g_autoptr (GFile) empty = NULL;
  g_autoptr (GError) error = NULL;
  BudGuide *guide;

  /* A bad model guide: the generic one, with the reason naming file and field. */
  assert_fallback (dir, "test-buds", BUD_GUIDE_ERROR_INVALID,
                   "test-buds.json”, steps[2].title must be a string");
  assert_fallback (dir, "unknown-buds", BUD_GUIDE_ERROR_NOT_FOUND, "unknown-buds");
  assert_fallback (dir, "../generic", BUD_GUIDE_ERROR_NOT_FOUND, "../generic");
  assert_fallback (mismatched, "other-buds", BUD_GUIDE_ERROR_INVALID,
                   "is for the model “test-buds”, not “other-buds”");

  guide = bud_guide_load_for_model (dir, BUD_GUIDE_GENERIC_MODEL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (bud_guide_get_fallback_error (guide));
  g_assert_finalize_object (guide);

  /* Without a generic guide there is nothing to fall back to. */
  remove_guides_dir (mismatched);
  empty = make_guides_dir (NULL, NULL);
  {
    g_autoptr (GFile) generic = g_file_get_child (empty, "generic.json");

    g_file_replace_contents (generic, "{}", 2, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                             NULL, &error);
    g_assert_no_error (error);
  }
  guide = bud_guide_load_for_model (empty, "test-buds", NULL, &error);
  g_assert_null (guide);
  g_assert_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "generic.json"));

  remove_guides_dir (dir);
  remove_guides_dir (empty);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  BudGuide **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = bud_guide_load_for_model_finish (result, &error);
  g_assert_no_error (error);
}

static void
file_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **out = user_data;

  g_assert_null (bud_guide_new_from_file_finish (result, out));
}

static void
test_guide_async (void)
{
  g_autoptr (GFile) dir = make_guides_dir ("test-buds", "valid.json");
  g_autoptr (GFile) bad = NULL;
  g_autofree char *bad_path = fixture_path ("truncated.json");
  g_autoptr (GError) error = NULL;
  BudGuide *guide = NULL;

  bud_guide_load_for_model_async (dir, "test-buds", NULL, load_done_cb, &guide);
  while (guide == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpstr (bud_guide_get_model_id (guide), ==, "test-buds");
  g_assert_finalize_object (guide);

  bad = g_file_new_for_path (bad_path);
  bud_guide_new_from_file_async (bad, NULL, file_done_cb, &error);
  while (error == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "truncated.json"));

  remove_guides_dir (dir);
}

/* Writes a GNU .mo catalogue; @strings are msgid/msgstr pairs sorted by msgid. */
static void
write_mo (const char         *path,
          const char * const *strings,
          guint               n)
{
  g_autoptr (GByteArray) mo = g_byte_array_new ();
  g_autoptr (GError) error = NULL;
  guint32 header[7] = { 0x950412de, 0, n, 28, 28 + 8 * n, 0, 28 + 16 * n };
  guint32 offset = 28 + 16 * n;

  g_byte_array_append (mo, (guint8 *) header, sizeof header);
  for (guint table = 0; table < 2; table++)
    {
      for (guint i = 0; i < n; i++)
        {
          guint32 entry[2] = { strlen (strings[2 * i + table]), offset };

          g_byte_array_append (mo, (guint8 *) entry, sizeof entry);
          offset += entry[0] + 1;
        }
    }
  for (guint table = 0; table < 2; table++)
    {
      for (guint i = 0; i < n; i++)
        {
          g_byte_array_append (mo, (guint8 *) strings[2 * i + table],
                               strlen (strings[2 * i + table]) + 1);
        }
    }

  g_file_set_contents (path, (char *) mo->data, mo->len, &error);
  g_assert_no_error (error);
}

static void
test_guide_translated (void)
{
  static const char * const strings[] = {
    "", "Content-Type: text/plain; charset=UTF-8\n",
    "An envelope.", "Ein Umschlag.",
    "Keep the receipt.", "Den Kassenbon aufheben.",
    "Open and close the lid.", "Den Deckel öffnen und schließen.",
    "Pins.", "Kontakte.",
    "Put them back.", "Wieder einsetzen.",
    "Seat them", "Einsetzen",
    "Test Buds", "Test-Ohrhörer",
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("test-guide-locale-XXXXXX", &error);
  g_autofree char *messages = g_build_filename (tmp, "C.UTF-8", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  BudGuide *guide;

  g_assert_no_error (error);
  g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, "C.UTF-8");
  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  write_mo (mo, strings, G_N_ELEMENTS (strings) / 2);
  bindtextdomain (GETTEXT_PACKAGE, tmp);

  guide = load_fixture ("valid.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bud_guide_get_name (guide), ==, "Test-Ohrhörer");
  g_assert_cmpstr (bud_guide_step_get_title (bud_guide_get_step (guide, 0)), ==, "Einsetzen");
  g_assert_cmpstr (bud_guide_step_get_body (bud_guide_get_step (guide, 0)), ==,
                   "Wieder einsetzen.");
  g_assert_cmpstr (bud_guide_step_get_why (bud_guide_get_step (guide, 0)), ==, "Kontakte.");
  g_assert_cmpstr (bud_guide_step_get_tips (bud_guide_get_step (guide, 2))[0], ==,
                   "Den Kassenbon aufheben.");
  g_assert_cmpstr (bud_guide_step_get_illustration_alt (bud_guide_get_step (guide, 2)), ==,
                   "Ein Umschlag.");
  g_assert_cmpstr (bud_guide_step_get_checklist_item (bud_guide_get_step (guide, 1), 0)->text,
                   ==, "Den Deckel öffnen und schließen.");
  /* Ids and resource paths are not text. */
  g_assert_cmpstr (bud_guide_step_get_id (bud_guide_get_step (guide, 0)), ==, "reseat");
  g_assert_finalize_object (guide);

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  g_assert_cmpint (g_unlink (mo), ==, 0);
  g_assert_cmpint (g_rmdir (messages), ==, 0);
  g_free (g_steal_pointer (&messages));
  messages = g_build_filename (tmp, "C.UTF-8", NULL);
  g_assert_cmpint (g_rmdir (messages), ==, 0);
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guide/shipped/sony", test_guide_shipped_sony);
  g_test_add_func ("/guide/shipped/generic", test_guide_shipped_generic);
  g_test_add_func ("/guide/valid", test_guide_valid_fixture);
  g_test_add_func ("/guide/invalid", test_guide_invalid_fixtures);
  g_test_add_func ("/guide/hostile/bytes", test_guide_hostile);
  g_test_add_func ("/guide/hostile/files", test_guide_hostile_files);
  g_test_add_func ("/guide/fallback", test_guide_fallback);
  g_test_add_func ("/guide/async", test_guide_async);
  g_test_add_func ("/guide/translated", test_guide_translated);

  return g_test_run ();
}
