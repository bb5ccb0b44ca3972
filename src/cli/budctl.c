/* budctl.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "budctl.h"

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n%s\n%s\n\n%s\n%s\n%s\n",
           _("Usage: budctl COMMAND [OPTION…]"),
           _("Commands:"),
           _("  models        List the earbud models the firmware catalogue knows"),
           _("Exit status:"),
           _("  0  the command ran"),
           _("  2  bad arguments, or a data file that cannot be read"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return BUDCTL_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_usage (stdout);
      return BUDCTL_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("budctl %s\n", PACKAGE_VERSION);
      return BUDCTL_EXIT_OK;
    }

  fprintf (stderr, _("budctl: “%s” is not a command. Run “budctl --help” to see the commands.\n"),
           argv[1]);
  return BUDCTL_EXIT_USAGE;
}
