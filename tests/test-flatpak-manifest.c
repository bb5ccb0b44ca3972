/* test-flatpak-manifest.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sandbox must grant exactly what the app needs: a window, GPU access and
 * a conversation with BlueZ; never the whole system bus or the host files. */

#include <json-glib/json-glib.h>

static const char *expected_finish_args[] = {
  "--share=ipc",
  "--socket=wayland",
  "--socket=fallback-x11",
  "--device=dri",
  "--system-talk-name=org.bluez",
};

static JsonObject *
load_manifest (JsonParser *parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "flatpak",
                                                 "io.github.earbuddoctor.EarbudDoctor.json",
                                                 NULL);
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_node_get_object (root);
}

static void
test_manifest_identity (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  const char *version;

  g_assert_cmpstr (json_object_get_string_member (manifest, "id"),
                   ==, "io.github.earbuddoctor.EarbudDoctor");
  g_assert_cmpstr (json_object_get_string_member (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member (manifest, "sdk"), ==, "org.gnome.Sdk");
  g_assert_cmpstr (json_object_get_string_member (manifest, "command"), ==, "earbud-doctor");

  /* A numbered stable runtime, not master, and no older than GNOME 47. */
  version = json_object_get_string_member (manifest, "runtime-version");
  g_assert_nonnull (version);
  g_assert_cmpint (g_ascii_strtoll (version, NULL, 10), >=, 47);
}

static void
test_manifest_finish_args (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  JsonArray *args = json_object_get_array_member (manifest, "finish-args");
  guint n;

  g_assert_nonnull (args);
  n = json_array_get_length (args);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected_finish_args));

  for (guint i = 0; i < n; i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      g_assert_false (g_str_has_prefix (arg, "--socket=system-bus"));
      g_assert_false (g_str_has_prefix (arg, "--filesystem"));
      g_assert_true (g_strv_contains ((const char * const *) expected_finish_args, arg));
    }
}

static void
test_manifest_module (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *manifest = load_manifest (parser);
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *app;
  JsonObject *source;

  g_assert_nonnull (modules);
  g_assert_cmpuint (json_array_get_length (modules), >=, 1);
  app = json_array_get_object_element (modules, json_array_get_length (modules) - 1);
  g_assert_cmpstr (json_object_get_string_member (app, "name"), ==, "earbud-doctor");
  g_assert_cmpstr (json_object_get_string_member (app, "buildsystem"), ==, "meson");
  g_assert_true (json_object_get_boolean_member (app, "run-tests"));

  source = json_array_get_object_element (json_object_get_array_member (app, "sources"), 0);
  g_assert_cmpstr (json_object_get_string_member (source, "type"), ==, "dir");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flatpak/identity", test_manifest_identity);
  g_test_add_func ("/flatpak/finish-args", test_manifest_finish_args);
  g_test_add_func ("/flatpak/module", test_manifest_module);

  return g_test_run ();
}
