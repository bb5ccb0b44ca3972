/* test-guide.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bud-guide.h"

static BudGuide *
load_string (const char *json,
             GError    **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (json, strlen (json));

  return bud_guide_new_from_bytes (bytes, "test.json", error);
}

static void
test_guide_valid (void)
{
  g_autoptr (GError) error = NULL;
  BudGuide *guide;

  guide = load_string ("{\"model\": \"generic\", \"steps\": ["
                       "{\"id\": \"reseat\", \"title\": \"Reseat the Earbuds\"},"
                       "{\"id\": \"charge-case\", \"title\": \"Charge the Case\"}]}",
                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bud_guide_get_model_id (guide), ==, "generic");
  g_assert_cmpuint (bud_guide_get_n_steps (guide), ==, 2);
  g_assert_cmpstr (bud_guide_get_step_id (guide, 1), ==, "charge-case");
  g_assert_cmpstr (bud_guide_get_step_title (guide, 0), ==, "Reseat the Earbuds");

  g_assert_finalize_object (guide);
}

static void
test_guide_invalid (void)
{
  const char *bad[] = {
    "",
    "{",
    "[]",
    "{\"model\": 3, \"steps\": []}",
    "{\"model\": \"x\", \"steps\": {}}",
    "{\"model\": \"x\", \"steps\": [1]}",
    "{\"model\": \"x\", \"steps\": [{\"id\": \"a\"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      BudGuide *guide = load_string (bad[i], &error);

      g_assert_null (guide);
      g_assert_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "test.json"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guide/valid", test_guide_valid);
  g_test_add_func ("/guide/invalid", test_guide_invalid);

  return g_test_run ();
}
