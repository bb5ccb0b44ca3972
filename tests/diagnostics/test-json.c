/* test-json.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "bud-json.h"

static JsonNode *
parse (const char  *data,
       gsize        len,
       GError     **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, len);

  return bud_json_parse_bytes (bytes, "sample.json", 4096, error);
}

static void
assert_parse_error (const char *data,
                    gsize       len,
                    int         code)
{
  g_autoptr (GError) error = NULL;
  JsonNode *root = parse (data, len, &error);

  g_assert_null (root);
  g_assert_error (error, BUD_DIAGNOSTICS_ERROR, code);
  g_assert_nonnull (strstr (error->message, "sample.json"));
  g_assert_null (strchr (error->message, '\n'));
}

static char *
nested (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    {
      g_string_append_c (text, i % 2 ? '{' : '[');
      if (i % 2)
        {
          g_string_append (text, "\"a\":");
        }
    }
  g_string_append (text, "1");
  for (guint i = depth; i > 0; i--)
    {
      g_string_append_c (text, (i - 1) % 2 ? '}' : ']');
    }

  return g_string_free (text, FALSE);
}

static void
test_json_valid (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  const char *text = "  {\"a\": [1, \"[[[{{{\\\"\", {\"b\": null}]}\n";

  root = parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
}

static void
test_json_empty (void)
{
  assert_parse_error ("", 0, BUD_DIAGNOSTICS_ERROR_EMPTY);
  assert_parse_error (" \n\t ", 4, BUD_DIAGNOSTICS_ERROR_EMPTY);
}

static void
test_json_binary (void)
{
  assert_parse_error ("{\"a\": 1}\0\0\0", 11, BUD_DIAGNOSTICS_ERROR_ENCODING);
  assert_parse_error ("{\"a\": \"\xff\xfe\"}", 11, BUD_DIAGNOSTICS_ERROR_ENCODING);
}

static void
test_json_syntax (void)
{
  const char *truncated = "{\"models\": [{\"id\": \"x\"";
  const char *garbage = "not json at all";

  assert_parse_error (truncated, strlen (truncated), BUD_DIAGNOSTICS_ERROR_SYNTAX);
  assert_parse_error (garbage, strlen (garbage), BUD_DIAGNOSTICS_ERROR_SYNTAX);
}

static void
test_json_depth (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *ok = nested (BUD_JSON_MAX_DEPTH);
  g_autofree char *deep = nested (BUD_JSON_MAX_DEPTH + 1);
  g_autofree char *in_string = NULL;
  g_autofree char *brackets = NULL;

  root = parse (ok, strlen (ok), &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);

  assert_parse_error (deep, strlen (deep), BUD_DIAGNOSTICS_ERROR_NESTING);

  /* Brackets inside strings are text, not nesting. */
  brackets = g_strnfill (BUD_JSON_MAX_DEPTH + 10, '[');
  in_string = g_strdup_printf ("[\"%s\"]", brackets);
  g_clear_pointer (&root, json_node_unref);
  root = parse (in_string, strlen (in_string), &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
}

static void
test_json_size (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *big = g_strnfill (4097, ' ');

  big[0] = '1';
  assert_parse_error (big, 4097, BUD_DIAGNOSTICS_ERROR_TOO_LARGE);
  root = parse (big, 4096, &error);
  g_assert_no_error (error);
}

static char *
write_temp (const char *contents,
            gssize      len)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bud-json-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, "catalogue.json", NULL);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_json_file_huge (void)
{
  g_autoptr (GError) error = NULL;
  gsize size = 3 * 1024 * 1024;
  g_autofree char *contents = g_strnfill (size, '[');
  g_autofree char *path = write_temp (contents, (gssize) size);
  JsonNode *root;

  root = bud_json_load_file (path, BUD_JSON_CATALOG_MAX_SIZE, &error);
  g_assert_null (root);
  g_assert_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, path));
  remove_temp (path);
}

static void
test_json_file_deep (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = nested (100000);
  g_autofree char *path = write_temp (contents, -1);
  JsonNode *root;

  root = bud_json_load_file (path, 4 * 1024 * 1024, &error);
  g_assert_null (root);
  g_assert_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_NESTING);
  g_assert_nonnull (strstr (error->message, path));
  remove_temp (path);
}

static void
test_json_file_missing (void)
{
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  root = bud_json_load_file ("/nonexistent/catalogue.json", 1024, &error);
  g_assert_null (root);
  g_assert_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/nonexistent/catalogue.json"));

  g_clear_error (&error);
  root = bud_json_load_file ("/", 1024, &error);
  g_assert_null (root);
  g_assert_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_READ);
}

static void
test_json_file_endless (void)
{
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  /* A device that never ends is cut off at the limit. */
  root = bud_json_load_file ("/dev/zero", 1024, &error);
  g_assert_null (root);
  g_assert_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_TOO_LARGE);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static JsonNode *
load_async (const char  *path,
            GError     **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GAsyncResult) result = NULL;

  bud_json_load_file_async (file, 1024, NULL, loaded_cb, &result);
  while (result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
    }

  return bud_json_load_file_finish (result, error);
}

static void
test_json_file_async (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *good = write_temp ("{\"format\": 1}", -1);
  g_autofree char *bad = write_temp ("{\"format\": ", -1);
  g_autoptr (JsonNode) root = NULL;
  JsonNode *bad_root;

  root = load_async (good, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  bad_root = load_async (bad, &error);
  g_assert_null (bad_root);
  g_assert_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, bad));

  remove_temp (good);
  remove_temp (bad);
}

static void
test_json_members (void)
{
  g_autoptr (GError) error = NULL;
  const char *text = "{\"s\": \"x\", \"n\": 5, \"z\": null, \"a\": [\"p\", 3], \"o\": [{}, 1]}";
  g_autoptr (JsonNode) root = parse (text, strlen (text), &error);
  JsonObject *object = json_node_get_object (root);
  g_auto (GStrv) strv = NULL;
  const char *s = NULL;
  gint64 n = 0;
  JsonArray *array = NULL;

  g_assert_true (bud_json_member_string (object, "s", 0, "f.json", "", &s, &error));
  g_assert_cmpstr (s, ==, "x");
  g_assert_true (bud_json_member_string (object, "z", BUD_JSON_NULLABLE, "f.json", "", &s,
                                         &error));
  g_assert_null (s);
  g_assert_true (bud_json_member_string (object, "q", BUD_JSON_OPTIONAL, "f.json", "", &s,
                                         &error));
  g_assert_true (bud_json_member_int (object, "n", 0, 10, 0, "f.json", "", &n, &error));
  g_assert_cmpint (n, ==, 5);
  g_assert_no_error (error);

  g_assert_false (bud_json_member_string (object, "n", 0, "f.json", "models[2]", &s, &error));
  g_assert_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "models[2].n must be a string"));
  g_assert_nonnull (strstr (error->message, "f.json"));
  g_clear_error (&error);

  g_assert_false (bud_json_member_int (object, "n", 0, 4, 0, "f.json", "", &n, &error));
  g_assert_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (bud_json_member_string (object, "q", 0, "f.json", "", &s, &error));
  g_assert_nonnull (strstr (error->message, "q is missing"));
  g_clear_error (&error);

  g_assert_false (bud_json_member_strv (object, "a", 0, "f.json", "m", &strv, &error));
  g_assert_nonnull (strstr (error->message, "m.a[1] must be a string"));
  g_clear_error (&error);

  g_assert_true (bud_json_member_array (object, "o", 0, "f.json", "", &array, &error));
  g_assert_nonnull (bud_json_element_object (array, 0, "f.json", "o", &error));
  g_assert_null (bud_json_element_object (array, 1, "f.json", "o", &error));
  g_assert_nonnull (strstr (error->message, "o[1] must be an object"));
}

static void
test_json_hostile_values (void)
{
  const char *text = "{\"s\": \"\\ud800x\\udfff\", \"n\": 1e99999, "
                     "\"i\": 99999999999999999999999, \"z\": \"a\\u0000b\"}";
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = parse (text, strlen (text), &error);
  const char *s = NULL;
  gint64 n = 0;

  /* json-glib may accept or refuse these; either way, nothing that is not
   * UTF-8 and no out-of-range number gets through the accessors. */
  if (root == NULL)
    {
      g_assert_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_SYNTAX);
      return;
    }

  if (bud_json_member_string (json_node_get_object (root), "s", 0, "f.json", "", &s, &error))
    {
      g_assert_true (g_utf8_validate (s, -1, NULL));
    }
  g_clear_error (&error);
  g_assert_false (bud_json_member_int (json_node_get_object (root), "n", 0, 100, 0, "f.json", "",
                                       &n, &error));
  g_clear_error (&error);
  if (bud_json_member_int (json_node_get_object (root), "i", 0, 100, 0, "f.json", "", &n, &error))
    {
      g_assert_cmpint (n, <=, 100);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/valid", test_json_valid);
  g_test_add_func ("/json/empty", test_json_empty);
  g_test_add_func ("/json/binary", test_json_binary);
  g_test_add_func ("/json/syntax", test_json_syntax);
  g_test_add_func ("/json/depth", test_json_depth);
  g_test_add_func ("/json/size", test_json_size);
  g_test_add_func ("/json/file/huge", test_json_file_huge);
  g_test_add_func ("/json/file/deep", test_json_file_deep);
  g_test_add_func ("/json/file/missing", test_json_file_missing);
  g_test_add_func ("/json/file/endless", test_json_file_endless);
  g_test_add_func ("/json/file/async", test_json_file_async);
  g_test_add_func ("/json/members", test_json_members);
  g_test_add_func ("/json/hostile-values", test_json_hostile_values);

  return g_test_run ();
}
