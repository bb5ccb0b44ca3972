/* test-firmware-catalog.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "bud-firmware-catalog.h"
#include "bud-json.h"

#define XM4 "sony-wf-1000xm4"
#define V2_UUID "956c7b26-d49a-4ba8-b03f-b17d393cb6e2"
#define V1_UUID "96cc203e-5068-46ad-b32d-e316f5e069ba"

static BudFirmwareCatalog *
load_shipped (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  BudFirmwareCatalog *catalog;

  path = g_build_filename (g_getenv ("EARBUD_DOCTOR_DATA_DIR"), "firmware.json", NULL);
  catalog = bud_firmware_catalog_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (catalog);

  return catalog;
}

static void
test_catalog_shipped (void)
{
  BudFirmwareCatalog *catalog = load_shipped ();
  const char *siblings[] = { "sony-wf-1000xm3", "sony-wf-1000xm5", "sony-wh-1000xm4",
                             "sony-wh-1000xm5", "sony-linkbuds-s", "sony-wf-c700n" };
  const guint16 sibling_ids[] = { 0x0CE0, 0x0E63, 0x0D58, 0x0DF0, 0x0DF4, 0x0EC4 };
  g_autoptr (BudFirmwareModel) first = NULL;
  g_autofree char *id = NULL;
  g_autofree char *latest = NULL;
  BudFirmwareModel *xm4;

  g_assert_cmpstr (bud_firmware_catalog_get_as_of (catalog), ==, "2026-09-30");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, 7);
  first = g_list_model_get_item (G_LIST_MODEL (catalog), 0);
  g_assert_true (BUD_IS_FIRMWARE_MODEL (first));
  g_object_get (first, "id", &id, "latest", &latest, NULL);
  g_assert_cmpstr (id, ==, "sony-wf-1000xm4");
  g_assert_cmpstr (latest, ==, "2.3.1");

  xm4 = bud_firmware_catalog_lookup (catalog, XM4);
  g_assert_nonnull (xm4);
  g_assert_cmpstr (bud_firmware_model_get_name (xm4), ==, "Sony WF-1000XM4");
  g_assert_cmpuint (bud_firmware_model_get_vendor_id (xm4), ==, 0x054C);
  g_assert_cmpuint (bud_firmware_model_get_product_id (xm4), ==, 0x0DE1);
  g_assert_cmpstr (bud_firmware_model_get_protocol (xm4), ==, "v2");
  g_assert_cmpstr (bud_firmware_model_get_latest (xm4), ==, "2.3.1");
  g_assert_cmpuint (bud_firmware_model_get_n_releases (xm4), ==, 9);
  g_assert_nonnull (bud_firmware_model_find_release (xm4, "1.6.1"));
  g_assert_null (bud_firmware_model_find_release (xm4, "1.5.0"));
  g_assert_true (bud_firmware_model_has_service_uuid (xm4, V2_UUID));

  for (guint i = 0; i < G_N_ELEMENTS (siblings); i++)
    {
      BudFirmwareModel *model = bud_firmware_catalog_lookup (catalog, siblings[i]);

      g_assert_nonnull (model);
      g_assert_cmpuint (bud_firmware_model_get_product_id (model), ==, sibling_ids[i]);
      g_assert_null (bud_firmware_model_get_latest (model));
    }
  g_assert_null (bud_firmware_catalog_lookup (catalog, "sony-wf-1000xm9"));

  g_clear_object (&first);
  g_assert_finalize_object (catalog);
}

static gboolean
notes_contain (BudFirmwareCheck *check,
               const char       *text)
{
  for (guint i = 0; check->notes[i] != NULL; i++)
    {
      if (strstr (check->notes[i], text) != NULL)
        {
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_catalog_check (void)
{
  BudFirmwareCatalog *catalog = load_shipped ();
  g_autoptr (BudFirmwareCheck) drain = bud_firmware_catalog_check (catalog, XM4, "1.4.2");
  g_autoptr (BudFirmwareCheck) unlisted = bud_firmware_catalog_check (catalog, XM4, "1.5.0");
  g_autoptr (BudFirmwareCheck) fixed = bud_firmware_catalog_check (catalog, XM4, "1.6.1");
  g_autoptr (BudFirmwareCheck) old = bud_firmware_catalog_check (catalog, XM4, "1.1.5");
  g_autoptr (BudFirmwareCheck) current = bud_firmware_catalog_check (catalog, XM4, "2.3.1");
  g_autoptr (BudFirmwareCheck) padded = bud_firmware_catalog_check (catalog, XM4, "2.3.1.0");
  g_autoptr (BudFirmwareCheck) newer = bud_firmware_catalog_check (catalog, XM4, "2.10.0");
  g_autoptr (BudFirmwareCheck) junk = bud_firmware_catalog_check (catalog, XM4, "v2;rm -rf");
  g_autoptr (BudFirmwareCheck) no_latest =
    bud_firmware_catalog_check (catalog, "sony-wf-1000xm5", "3.0.0");
  g_autoptr (BudFirmwareCheck) no_model = bud_firmware_catalog_check (catalog, "acme-x1", "1.0");

  g_assert_cmpint (drain->verdict, ==, BUD_FIRMWARE_VERDICT_UPDATE_AVAILABLE);
  g_assert_cmpstr (drain->latest, ==, "2.3.1");
  g_assert_cmpstr (drain->as_of, ==, "2026-09-30");
  g_assert_cmpstr (drain->model_name, ==, "Sony WF-1000XM4");
  g_assert_true (g_strv_contains ((const char * const *) drain->open_issues, "battery-drain"));
  g_assert_true (notes_contain (drain, "1.4.2 is the release after which"));
  g_assert_true (notes_contain (drain, "draining fast"));
  g_assert_true (notes_contain (drain, "1.6.1"));

  g_assert_true (g_strv_contains ((const char * const *) unlisted->open_issues,
                                  "battery-drain"));
  g_assert_cmpuint (g_strv_length (fixed->open_issues), ==, 0);
  g_assert_true (notes_contain (fixed, "fix"));
  g_assert_cmpuint (g_strv_length (old->open_issues), ==, 0);
  g_assert_cmpint (old->verdict, ==, BUD_FIRMWARE_VERDICT_UPDATE_AVAILABLE);

  g_assert_cmpint (current->verdict, ==, BUD_FIRMWARE_VERDICT_UP_TO_DATE);
  g_assert_cmpuint (g_strv_length (current->open_issues), ==, 0);
  g_assert_cmpint (padded->verdict, ==, BUD_FIRMWARE_VERDICT_UP_TO_DATE);
  g_assert_cmpint (newer->verdict, ==, BUD_FIRMWARE_VERDICT_NEWER_THAN_KNOWN);
  g_assert_cmpint (junk->verdict, ==, BUD_FIRMWARE_VERDICT_UNKNOWN_VERSION);
  g_assert_cmpint (no_latest->verdict, ==, BUD_FIRMWARE_VERDICT_UNKNOWN_VERSION);
  g_assert_null (no_latest->latest);
  g_assert_cmpint (no_model->verdict, ==, BUD_FIRMWARE_VERDICT_UNKNOWN_MODEL);
  g_assert_cmpstr (no_model->as_of, ==, "2026-09-30");
  g_assert_nonnull (no_model->notes);

  g_assert_cmpstr (bud_firmware_verdict_to_string (drain->verdict), ==, "update-available");
  g_assert_cmpstr (bud_firmware_verdict_to_string (BUD_FIRMWARE_VERDICT_NEWER_THAN_KNOWN), ==,
                   "newer-than-known");
  g_assert_nonnull (bud_firmware_verdict_describe (BUD_FIRMWARE_VERDICT_UNKNOWN_MODEL));

  g_assert_finalize_object (catalog);
}

static void
test_catalog_match (void)
{
  BudFirmwareCatalog *catalog = load_shipped ();
  const char *v2[] = { "0000110b-0000-1000-8000-00805f9b34fb", V2_UUID, NULL };
  const char *v1[] = { V1_UUID, NULL };

  g_assert_cmpstr (bud_firmware_catalog_match (catalog, "usb:v054Cp0DE1d0201", NULL, NULL, NULL),
                   ==, XM4);
  g_assert_cmpstr (bud_firmware_catalog_match (catalog, "bluetooth:v054Cp0DE1d0201", "Bob", NULL,
                                               NULL), ==, XM4);
  g_assert_cmpstr (bud_firmware_catalog_match (catalog, "usb:v054cp0e63", NULL, NULL, NULL), ==,
                   "sony-wf-1000xm5");
  /* The Modalias wins over a misleading name. */
  g_assert_cmpstr (bud_firmware_catalog_match (catalog, "usb:v054Cp0DF4d0100", "WF-1000XM4",
                                               NULL, NULL), ==, "sony-linkbuds-s");

  g_assert_cmpstr (bud_firmware_catalog_match (catalog, "usb:v1234p0DE1d0201", NULL, NULL, NULL),
                   ==, NULL);
  g_assert_cmpstr (bud_firmware_catalog_match (catalog, "garbage", "wf-1000xm4", NULL, NULL), ==,
                   XM4);
  g_assert_cmpstr (bud_firmware_catalog_match (catalog, NULL, "Headphones", "Ana’s WH-1000XM5",
                                               NULL), ==, "sony-wh-1000xm5");
  g_assert_cmpstr (bud_firmware_catalog_match (catalog, NULL, "LE_WF-C700N", NULL, v2), ==,
                   "sony-wf-c700n");
  g_assert_cmpstr (bud_firmware_catalog_match (catalog, NULL, "\xff\xfe", NULL, NULL), ==, NULL);

  /* One vendor protocol serves many models: UUIDs alone don't tell them apart. */
  g_assert_cmpstr (bud_firmware_catalog_match (catalog, NULL, "Speaker", NULL, v2), ==, NULL);
  g_assert_cmpstr (bud_firmware_catalog_match (catalog, NULL, NULL, NULL, v1), ==, NULL);
  g_assert_cmpstr (bud_firmware_catalog_match (catalog, NULL, NULL, NULL, NULL), ==, NULL);

  g_assert_finalize_object (catalog);
}

static void
assert_fixture_fails (gconstpointer data)
{
  const char * const *expect = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  BudFirmwareCatalog *catalog;

  path = g_test_build_filename (G_TEST_DIST, "data", "diagnostics", expect[0], NULL);
  catalog = bud_firmware_catalog_new_from_file (path, &error);
  g_assert_null (catalog);
  g_assert_nonnull (error);
  g_assert_true (error->domain == BUD_DIAGNOSTICS_ERROR);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, expect[1]));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_catalog_generated (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bud-catalog-XXXXXX", &error);
  g_autofree char *huge = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *deep = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *contents = NULL;
  gsize size = BUD_JSON_CATALOG_MAX_SIZE + 10;
  BudFirmwareCatalog *catalog;

  /* Valid JSON, only too big. */
  contents = g_strnfill (size, ' ');
  memcpy (contents, "{\"format\": 1, \"as_of\": \"2026-09-30\", \"models\": []}", 51);
  g_file_set_contents (huge, contents, (gssize) size, &error);
  g_assert_no_error (error);
  catalog = bud_firmware_catalog_new_from_file (huge, &error);
  g_assert_null (catalog);
  g_assert_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, huge));
  g_clear_error (&error);

  g_clear_pointer (&contents, g_free);
  contents = g_strnfill (100000, '[');
  g_file_set_contents (deep, contents, 100000, &error);
  g_assert_no_error (error);
  catalog = bud_firmware_catalog_new_from_file (deep, &error);
  g_assert_null (catalog);
  g_assert_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_NESTING);
  g_assert_nonnull (strstr (error->message, deep));

  g_unlink (huge);
  g_unlink (deep);
  g_rmdir (dir);
}

static void
assert_generated_fails (const char *models,
                        const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"format\": 1, \"as_of\": \"2026-09-30\", "
                                           "\"models\": [%s]}", models);
  g_autoptr (GBytes) bytes = g_bytes_new (json, strlen (json));
  BudFirmwareCatalog *catalog;

  catalog = bud_firmware_catalog_new_from_bytes (bytes, "generated.json", &error);
  g_assert_null (catalog);
  g_test_message ("%s", error->message);
  g_assert_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "generated.json"));
  g_assert_nonnull (strstr (error->message, expected));
}

static char *
model_with (const char *id,
            const char *patterns,
            const char *releases)
{
  return g_strdup_printf ("{\"id\": \"%s\", \"name\": \"N\", \"vendor\": \"V\", "
                          "\"vendor_id\": 1, \"product_id\": 2, \"name_patterns\": [%s], "
                          "\"protocol\": null, \"service_uuids\": [], \"latest\": null, "
                          "\"sources\": [], \"releases\": [%s]}", id, patterns, releases);
}

static void
test_catalog_limits (void)
{
  g_autoptr (GString) releases = g_string_new (NULL);
  g_autoptr (GString) models = g_string_new (NULL);
  g_autofree char *many_releases = NULL;
  g_autofree char *wild = NULL;
  g_autofree char *ok = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  BudFirmwareCatalog *catalog;

  /* Every release introducing an issue would make checks quadratic. */
  for (guint i = 0; i < 600; i++)
    {
      g_string_append_printf (releases, "%s{\"version\": \"1.%u\", \"introduces\": [\"x\"]}",
                              i > 0 ? ", " : "", i);
    }
  many_releases = model_with ("a", "", releases->str);
  assert_generated_fails (many_releases, "models[0].releases has more than");

  wild = model_with ("a", "\"*a*a*a*a*a*a*a*a*a*a*\"", "");
  assert_generated_fails (wild, "models[0].name_patterns[0] must be at most");

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *model = NULL;
      g_autofree char *id = g_strdup_printf ("m-%u", i);

      model = model_with (id, "", "");
      g_string_append_printf (models, "%s%s", i > 0 ? ", " : "", model);
    }
  assert_generated_fails (models->str, "models has more than");

  /* A name far longer than Bluetooth allows matches nothing. */
  ok = model_with ("a", "\"*WF*\"", "");
  json = g_strdup_printf ("{\"format\": 1, \"as_of\": \"2026-09-30\", \"models\": [%s]}", ok);
  bytes = g_bytes_new (json, strlen (json));
  catalog = bud_firmware_catalog_new_from_bytes (bytes, "ok.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bud_firmware_catalog_match (catalog, NULL, "WF", NULL, NULL), ==, "a");
  g_clear_pointer (&json, g_free);
  json = g_strnfill (300, 'x');
  memcpy (json, "WF", 2);
  g_assert_null (bud_firmware_catalog_match (catalog, NULL, json, NULL, NULL));
  g_assert_finalize_object (catalog);
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
test_catalog_async (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  BudFirmwareCatalog *catalog;

  path = g_build_filename (g_getenv ("EARBUD_DOCTOR_DATA_DIR"), "firmware.json", NULL);
  file = g_file_new_for_path (path);
  bud_firmware_catalog_load_async (file, NULL, loaded_cb, &result);
  while (result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
    }

  catalog = bud_firmware_catalog_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bud_firmware_catalog_lookup (catalog, XM4));
  g_assert_finalize_object (catalog);
}

static const char *fixtures[][2] = {
  { "empty.json", "is empty" },
  { "truncated.json", "not valid JSON" },
  { "binary.json", "binary" },
  { "not-an-object.json", "must hold a JSON object" },
  { "future-format.json", "format must be" },
  { "missing-as-of.json", "as_of is missing" },
  { "bad-as-of.json", "as_of must be a date" },
  { "wrong-type-models.json", "models must be a list" },
  { "wrong-type-release-version.json", "models[2].releases[0].version must be a string" },
  { "wrong-type-product-id.json", "models[0].product_id must be a whole number" },
  { "product-id-out-of-range.json", "models[0].product_id must be a whole number" },
  { "wrong-type-name-patterns.json", "models[0].name_patterns[1] must be a string" },
  { "bad-protocol.json", "models[0].protocol must be" },
  { "bad-latest.json", "models[0].latest must be a firmware version" },
  { "duplicate-id.json", "models[1].id" },
  { "model-not-object.json", "models[1] must be an object" },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/firmware-catalog/shipped", test_catalog_shipped);
  g_test_add_func ("/firmware-catalog/check", test_catalog_check);
  g_test_add_func ("/firmware-catalog/match", test_catalog_match);
  g_test_add_func ("/firmware-catalog/generated", test_catalog_generated);
  g_test_add_func ("/firmware-catalog/async", test_catalog_async);
  g_test_add_func ("/firmware-catalog/limits", test_catalog_limits);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *name = g_strdup_printf ("/firmware-catalog/hostile/%s", fixtures[i][0]);

      g_test_add_data_func (name, fixtures[i], assert_fixture_fails);
    }

  return g_test_run ();
}
