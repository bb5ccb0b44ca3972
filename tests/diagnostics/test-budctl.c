/* test-budctl.c: runs budctl as a process, the way scripts do
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

typedef struct {
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* @env holds pairs of variable names and values to set, or is %NULL. */
static void
run_budctl_env (Run                *run,
                const char * const *env,
                const char * const *args)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *budctl = g_getenv ("BUDCTL");

  g_assert_nonnull (budctl);
  g_ptr_array_add (argv, (gpointer) budctl);
  for (guint i = 0; args[i] != NULL; i++)
    {
      g_ptr_array_add (argv, (gpointer) args[i]);
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    {
      g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

#define run_budctl(run, ...) \
  run_budctl_env (run, NULL, (const char * const[]) { __VA_ARGS__, NULL })

static void
assert_one_line_error (Run        *run,
                       int         status,
                       const char *text)
{
  g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, status);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "budctl: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, strlen (run->err) - 1);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (run->err, text));
    }
}

static JsonObject *
parse_object (const char *text,
              JsonNode  **root)
{
  g_autoptr (GError) error = NULL;

  *root = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));

  return json_node_get_object (*root);
}

static gboolean
array_contains (JsonArray  *array,
                const char *text)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (strstr (json_array_get_string_element (array, i), text) != NULL)
        {
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_budctl_firmware_json (void)
{
  g_auto (Run) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *notes;

  run_budctl (&run, "firmware", "--model", "sony-wf-1000xm4", "--version", "1.4.2", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  object = parse_object (run.out, &root);
  g_assert_cmpstr (json_object_get_string_member (object, "model"), ==, "sony-wf-1000xm4");
  g_assert_cmpstr (json_object_get_string_member (object, "installed"), ==, "1.4.2");
  g_assert_cmpstr (json_object_get_string_member (object, "latest"), ==, "2.3.1");
  g_assert_cmpstr (json_object_get_string_member (object, "as_of"), ==, "2026-09-30");
  g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==, "update-available");
  notes = json_object_get_array_member (object, "notes");
  g_assert_true (array_contains (notes, "1.4.2 is the release after which"));
  g_assert_true (array_contains (notes, "draining fast"));
}

static void
test_budctl_firmware_text (void)
{
  g_auto (Run) run = { 0 };

  run_budctl (&run, "firmware", "--model", "sony-wf-1000xm4", "--version", "1.4.2");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "update is available"));
  g_assert_nonnull (strstr (run.out, "2.3.1 (as of 2026-09-30)"));
  g_assert_nonnull (strstr (run.out, "draining fast"));
}

static void
assert_verdict (const char *model,
                const char *version,
                const char *verdict)
{
  g_auto (Run) run = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;

  /* Options may come before the command's own arguments too. */
  run_budctl (&run, "--json", "firmware", "--version", version, "--model", model);
  g_assert_cmpint (run.status, ==, 0);
  object = parse_object (run.out, &root);
  g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==, verdict);
  g_assert_true (json_object_has_member (object, "latest"));
  g_assert_cmpstr (json_object_get_string_member (object, "as_of"), ==, "2026-09-30");
}

static void
test_budctl_verdicts (void)
{
  assert_verdict ("sony-wf-1000xm4", "2.3.1", "up-to-date");
  assert_verdict ("sony-wf-1000xm4", "2.10", "newer-than-known");
  assert_verdict ("sony-wf-1000xm4", "latest", "unknown-version");
  assert_verdict ("sony-wf-1000xm5", "1.0.0", "unknown-version");
  assert_verdict ("acme-pods", "1.0.0", "unknown-model");
}

static void
test_budctl_models (void)
{
  g_auto (Run) json = { 0 };
  g_auto (Run) text = { 0 };
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *models;

  run_budctl (&json, "models", "--json");
  g_assert_cmpint (json.status, ==, 0);
  object = parse_object (json.out, &root);
  models = json_object_get_array_member (object, "models");
  g_assert_cmpuint (json_array_get_length (models), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (models, 0),
                                                  "id"), ==, "sony-wf-1000xm4");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (models, 0),
                                               "product_id"), ==, 0x0DE1);

  run_budctl (&text, "models");
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "sony-linkbuds-s"));
}

static void
assert_bad_db (const char *path)
{
  g_auto (Run) run = { 0 };

  run_budctl (&run, "firmware", "--firmware-db", path, "--model", "sony-wf-1000xm4",
              "--version", "1.4.2", "--json");
  assert_one_line_error (&run, 2, path);
  run_clear (&run);

  run_budctl (&run, "--firmware-db", path, "models");
  assert_one_line_error (&run, 2, path);
}

static void
test_budctl_hostile_files (void)
{
  const char *fixtures[] = {
    "empty.json", "truncated.json", "binary.json", "not-an-object.json",
    "wrong-type-release-version.json", "wrong-type-product-id.json", "model-not-object.json",
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("budctl-XXXXXX", &error);
  g_autofree char *huge = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *deep = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *contents = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "diagnostics",
                                                     fixtures[i], NULL);

      assert_bad_db (path);
    }

  contents = g_strnfill (2 * 1024 * 1024, '"');
  g_file_set_contents (huge, contents, -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  contents = g_strnfill (100000, '{');
  g_file_set_contents (deep, contents, -1, &error);
  g_assert_no_error (error);

  assert_bad_db (huge);
  assert_bad_db (deep);
  assert_bad_db (missing);
  assert_bad_db (dir);

  g_unlink (huge);
  g_unlink (deep);
  g_rmdir (dir);
}

static void
test_budctl_data_dir (void)
{
  g_auto (Run) run = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("budctl-data-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "firmware.json", NULL);

  g_file_set_contents (path, "{\"format\": 1, \"as_of\": 2026, \"models\": []}", -1, &error);
  g_assert_no_error (error);

  run_budctl_env (&run, (const char * const[]) { "EARBUD_DOCTOR_DATA_DIR", dir, NULL },
                  (const char * const[]) { "models", NULL });
  assert_one_line_error (&run, 2, path);
  g_assert_nonnull (strstr (run.err, "as_of must be a string"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_budctl_bad_arguments (void)
{
  const char * const cases[][7] = {
    { NULL },
    { "frobnicate", NULL },
    { "models", "--bogus", NULL },
    { "models", "extra", NULL },
    { "firmware", NULL },
    { "firmware", "--model", "sony-wf-1000xm4", NULL },
    { "firmware", "--model", "x", "--version", "1", "AA:BB:CC:DD:EE:FF" },
    { "--firmware-db", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Run) run = { 0 };

      run_budctl_env (&run, NULL, cases[i]);
      assert_one_line_error (&run, 2, NULL);
    }
}

static void
test_budctl_needs_bluetooth (void)
{
  const char * const no_bus[] = {
    "DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/earbud-doctor-test-bus", NULL
  };
  g_auto (Run) run = { 0 };

  /* Without a reachable Bluetooth, asking a device is exit 3 with one line. */
  run_budctl_env (&run, no_bus, (const char * const[]) { "firmware", "AA:BB:CC:DD:EE:FF", NULL });
  assert_one_line_error (&run, 3, NULL);
}

static void
test_budctl_help_version (void)
{
  g_auto (Run) help = { 0 };
  g_auto (Run) version = { 0 };
  g_auto (Run) command_help = { 0 };

  run_budctl (&help, "--help");
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "firmware"));
  g_assert_nonnull (strstr (help.out, "--firmware-db"));
  g_assert_nonnull (strstr (help.out, "  3  "));

  run_budctl (&version, "--version");
  g_assert_cmpint (version.status, ==, 0);
  g_assert_true (g_str_has_prefix (version.out, "budctl "));

  run_budctl (&command_help, "firmware", "--help");
  g_assert_cmpint (command_help.status, ==, 0);
  g_assert_nonnull (strstr (command_help.out, "--model"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/budctl/firmware-json", test_budctl_firmware_json);
  g_test_add_func ("/budctl/firmware-text", test_budctl_firmware_text);
  g_test_add_func ("/budctl/verdicts", test_budctl_verdicts);
  g_test_add_func ("/budctl/models", test_budctl_models);
  g_test_add_func ("/budctl/hostile-files", test_budctl_hostile_files);
  g_test_add_func ("/budctl/data-dir", test_budctl_data_dir);
  g_test_add_func ("/budctl/bad-arguments", test_budctl_bad_arguments);
  g_test_add_func ("/budctl/needs-bluetooth", test_budctl_needs_bluetooth);
  g_test_add_func ("/budctl/help-version", test_budctl_help_version);

  return g_test_run ();
}
