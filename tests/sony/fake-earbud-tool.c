/* fake-earbud-tool.c: the fake earbud as a process, for tests where a mock
 * BlueZ in Python hands the app one end of a socketpair.
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>

#include "fake-earbud.h"

/* Never outlive a test that forgot us. */
#define LIFETIME_S 60

typedef struct {
  GMainLoop *loop;
  FakeEarbud *fake;
} Tool;

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_REMOVE;
}

/* The fake has no hang-up callback; a test helper may look now and then. */
static gboolean
check_eof_cb (gpointer user_data)
{
  Tool *tool = user_data;

  if (fake_earbud_get_saw_eof (tool->fake))
    {
      g_main_loop_quit (tool->loop);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  int fd = -1;
  int version = 2, left = 70, left_status = 1, right = 40, right_status = 0;
  int case_level = 55, case_status = 1;
  gboolean silent = FALSE;
  g_autofree char *firmware = NULL;
  GOptionEntry entries[] = {
    { "fd", 0, 0, G_OPTION_ARG_INT, &fd, "The socket to speak on", "FD" },
    { "protocol", 0, 0, G_OPTION_ARG_INT, &version, "1 or 2", "V" },
    { "left", 0, 0, G_OPTION_ARG_INT, &left, "Left level", "N" },
    { "left-status", 0, 0, G_OPTION_ARG_INT, &left_status, "Left status", "S" },
    { "right", 0, 0, G_OPTION_ARG_INT, &right, "Right level", "N" },
    { "right-status", 0, 0, G_OPTION_ARG_INT, &right_status, "Right status", "S" },
    { "case", 0, 0, G_OPTION_ARG_INT, &case_level, "Case level", "N" },
    { "case-status", 0, 0, G_OPTION_ARG_INT, &case_status, "Case status", "S" },
    { "firmware", 0, 0, G_OPTION_ARG_STRING, &firmware, "Firmware version", "V" },
    { "silent", 0, 0, G_OPTION_ARG_NONE, &silent, "Never answer", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- a fake Sony earbud");
  g_autoptr (GError) error = NULL;
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  FakeEarbudOptions options = { 0 };
  Tool tool = { loop, NULL };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || fd < 0)
    {
      g_printerr ("fake-earbud-tool: %s\n", error != NULL ? error->message : "--fd is needed");
      return EXIT_FAILURE;
    }

  options.protocol_version = (guint) version;
  options.left = (guint8) left;
  options.left_status = (guint8) left_status;
  options.right = (guint8) right;
  options.right_status = (guint8) right_status;
  options.case_level = (guint8) case_level;
  options.case_status = (guint8) case_status;
  options.firmware = firmware;
  options.silent = silent;

  tool.fake = fake_earbud_new_on_fd (&options, fd);
  g_timeout_add (50, check_eof_cb, &tool);
  g_timeout_add_seconds (LIFETIME_S, quit_cb, loop);
  g_main_loop_run (loop);
  fake_earbud_free (tool.fake);

  return EXIT_SUCCESS;
}
