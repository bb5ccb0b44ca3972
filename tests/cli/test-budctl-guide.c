/* test-budctl-guide.c: `budctl guide` run as a process
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

static void
run_budctlv (Run                *run,
             const char * const *args)
{
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

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("stderr: %s", run->err);
}

#define run_budctl(run, ...) run_budctlv (run, (const char * const[]) { __VA_ARGS__, NULL })

static char *
guide_path (const char *name)
{
  const char *data_dir = g_getenv ("EARBUD_DOCTOR_DATA_DIR");

  g_assert_nonnull (data_dir);
  return g_build_filename (data_dir, "guides", name, NULL);
}

static JsonObject *
load_guide_json (const char  *name,
                 JsonParser **parser)
{
  g_autofree char *path = guide_path (name);
  g_autoptr (GError) error = NULL;

  *parser = json_parser_new ();
  json_parser_load_from_file (*parser, path, &error);
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (*parser));
}

static void
assert_one_stderr_line (Run        *run,
                        const char *text)
{
  const char *newline = strchr (run->err, '\n');

  g_assert_true (g_str_has_prefix (run->err, "budctl: "));
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  g_assert_nonnull (strstr (run->err, text));
}

/* Whether @out starts with the guide's name on its own line. */
static void
assert_guide_name (Run        *run,
                   const char *file)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *guide = load_guide_json (file, &parser);
  g_autofree char *first = g_strconcat (json_object_get_string_member (guide, "name"), "\n",
                                        NULL);

  g_assert_true (g_str_has_prefix (run->out, first));
}

static void
test_guide_xm4 (void)
{
  g_auto (Run) run = { 0 };
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *guide = load_guide_json ("sony-wf-1000xm4.json", &parser);
  JsonArray *steps = json_object_get_array_member (guide, "steps");
  const char *from;

  run_budctl (&run, "guide", "sony-wf-1000xm4");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_guide_name (&run, "sony-wf-1000xm4.json");

  /* Every step, numbered, in the file's order. */
  g_assert_cmpuint (json_array_get_length (steps), ==, 6);
  from = run.out;
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      g_autofree char *line = g_strdup_printf ("\n%u. %s\n", i + 1,
                                               json_object_get_string_member (step, "title"));
      g_autofree char *why = g_strdup_printf ("Why: %s\n",
                                              json_object_get_string_member (step, "why"));
      const char *found = strstr (from, line);

      g_assert_nonnull (found);
      g_assert_nonnull (strstr (found, json_object_get_string_member (step, "body")));
      g_assert_nonnull (strstr (found, why));
      from = found + 1;
    }

  g_assert_nonnull (strstr (run.out, "\n- If the case doesn’t charge at all"));
  g_assert_nonnull (strstr (run.out, "Check: wait 30 minutes, then compare the battery "
                                     "levels.\n"));
  g_assert_nonnull (strstr (run.out, "Check: note the battery levels, wait 10 minutes"));
  g_assert_nonnull (strstr (run.out, "\nLeft earbud:\n"
                                     "- Disconnect the earbuds from your phone.\n"));
  g_assert_nonnull (strstr (run.out, "\nRight earbud:\n"
                                     "- Put only the right earbud in the case.\n"));
  g_assert_true (strstr (run.out, "Left earbud:") < strstr (run.out, "Right earbud:"));
}

static void
test_guide_generic (void)
{
  g_auto (Run) run = { 0 };

  run_budctl (&run, "guide", "generic");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_guide_name (&run, "generic.json");
  g_assert_nonnull (strstr (run.out, "\n1. "));
}

static void
test_guide_unknown_model (void)
{
  const char *models[] = { "acme-buds-9", "../sony-wf-1000xm4", "Acme Buds" };

  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_auto (Run) run = { 0 };

      run_budctl (&run, "guide", models[i]);
      g_assert_cmpint (run.status, ==, 0);
      assert_guide_name (&run, "generic.json");
      assert_one_stderr_line (&run, models[i]);
    }
}

static char *
make_guides_dir (const char *model_contents)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *generic = guide_path ("generic.json");
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *model = NULL;
  char *dir = g_dir_make_tmp ("budctl-guide-XXXXXX", &error);

  g_assert_no_error (error);
  g_file_get_contents (generic, &contents, NULL, &error);
  g_assert_no_error (error);
  copy = g_build_filename (dir, "generic.json", NULL);
  g_file_set_contents (copy, contents, -1, &error);
  g_assert_no_error (error);
  model = g_build_filename (dir, "sony-wf-1000xm4.json", NULL);
  g_file_set_contents (model, model_contents, -1, &error);
  g_assert_no_error (error);

  return dir;
}

static void
remove_guides_dir (const char *dir)
{
  const char *names[] = { "generic.json", "sony-wf-1000xm4.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_remove (path);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_guide_broken_file (void)
{
  const char *broken[] = {
    "{ \"format\": 1, \"model\": ",
    "{ \"format\": 1, \"model\": \"sony-wf-1000xm4\", \"name\": \"\", \"steps\": [] }",
    "[]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_auto (Run) run = { 0 };
      g_autofree char *dir = make_guides_dir (broken[i]);
      g_autofree char *file = g_build_filename (dir, "sony-wf-1000xm4.json", NULL);

      run_budctl (&run, "guide", "sony-wf-1000xm4", "--guides-dir", dir);
      g_assert_cmpint (run.status, ==, 0);
      assert_guide_name (&run, "generic.json");
      assert_one_stderr_line (&run, file);
      remove_guides_dir (dir);
    }
}

static void
test_guide_no_guides (void)
{
  g_auto (Run) nowhere = { 0 };
  g_auto (Run) broken = { 0 };
  g_autofree char *dir = make_guides_dir ("{}");
  g_autofree char *generic = g_build_filename (dir, "generic.json", NULL);

  run_budctl (&nowhere, "guide", "sony-wf-1000xm4", "--guides-dir", "/nonexistent/guides");
  g_assert_cmpint (nowhere.status, ==, 2);
  g_assert_cmpstr (nowhere.out, ==, "");
  assert_one_stderr_line (&nowhere, "/nonexistent/guides");

  /* The generic guide broken too: nothing left to show. */
  g_assert_true (g_file_set_contents (generic, "{\"format\": 2}", -1, NULL));
  run_budctl (&broken, "--guides-dir", dir, "guide", "generic");
  g_assert_cmpint (broken.status, ==, 2);
  g_assert_cmpstr (broken.out, ==, "");
  assert_one_stderr_line (&broken, generic);
  remove_guides_dir (dir);
}

static void
test_guide_bad_arguments (void)
{
  g_auto (Run) none = { 0 };
  g_auto (Run) two = { 0 };
  g_auto (Run) option = { 0 };

  run_budctl (&none, "guide");
  g_assert_cmpint (none.status, ==, 2);
  assert_one_stderr_line (&none, "model");

  run_budctl (&two, "guide", "generic", "sony-wf-1000xm4");
  g_assert_cmpint (two.status, ==, 2);
  assert_one_stderr_line (&two, "model");

  run_budctl (&option, "guide", "generic", "--colour");
  g_assert_cmpint (option.status, ==, 2);
  assert_one_stderr_line (&option, "--colour");
}

/* diagnose checks its arguments before it looks for Bluetooth. */
static void
test_diagnose_bad_arguments (void)
{
  g_auto (Run) none = { 0 };
  g_auto (Run) two = { 0 };

  run_budctl (&none, "diagnose", "--json");
  g_assert_cmpint (none.status, ==, 2);
  g_assert_cmpstr (none.out, ==, "");
  assert_one_stderr_line (&none, "address");

  run_budctl (&two, "diagnose", "AA:BB:CC:DD:EE:01", "AA:BB:CC:DD:EE:02");
  g_assert_cmpint (two.status, ==, 2);
  assert_one_stderr_line (&two, "address");
}

static void
test_help_lists_commands (void)
{
  g_auto (Run) help = { 0 };
  g_auto (Run) guide_help = { 0 };

  run_budctl (&help, "--help");
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "  guide MODEL-ID\n"));
  g_assert_nonnull (strstr (help.out, "  diagnose ADDRESS [--json]\n"));

  run_budctl (&guide_help, "guide", "--help");
  g_assert_cmpint (guide_help.status, ==, 0);
  g_assert_nonnull (strstr (guide_help.out, "--guides-dir"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/budctl-guide/xm4", test_guide_xm4);
  g_test_add_func ("/budctl-guide/generic", test_guide_generic);
  g_test_add_func ("/budctl-guide/unknown-model", test_guide_unknown_model);
  g_test_add_func ("/budctl-guide/broken-file", test_guide_broken_file);
  g_test_add_func ("/budctl-guide/no-guides", test_guide_no_guides);
  g_test_add_func ("/budctl-guide/bad-arguments", test_guide_bad_arguments);
  g_test_add_func ("/budctl-diagnose/bad-arguments", test_diagnose_bad_arguments);
  g_test_add_func ("/budctl/help-lists-guide-diagnose", test_help_lists_commands);

  return g_test_run ();
}
