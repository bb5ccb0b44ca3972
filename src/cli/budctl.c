/* budctl.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* budctl: main(), the dispatcher and what all commands share. The commands
 * themselves live in budctl-*.c and are listed in budctl-commands.c.
 * Output goes through plain stdio, flushed, so pipes see it at once; a
 * failure is one line on stderr, so scripts can show it as it is. */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "budctl.h"

static const char *common_options[] = { "--firmware-db", "--guides-dir" };

/**
 * budctl_error:
 * @format: a printf() format for one sentence
 *
 * Prints "budctl: " and the message on one line of stderr, whatever
 * line breaks the message holds.
 */
void
budctl_error (const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_strdelimit (message, "\r\n", ' ');
  fprintf (stderr, "budctl: %s\n", message);
  fflush (stderr);
}

static const BudctlCommand *
lookup_command (const char *name)
{
  for (guint i = 0; i < budctl_n_commands; i++)
    {
      if (g_str_equal (name, budctl_commands[i].name))
        {
          return &budctl_commands[i];
        }
    }

  return NULL;
}

gboolean
budctl_parse_options (BudctlContext   *ctx,
                      const char      *command,
                      GOptionEntry    *entries,
                      const char      *parameters,
                      int             *argc,
                      char          ***argv)
{
  const GOptionEntry common[] = {
    { "firmware-db", 0, 0, G_OPTION_ARG_FILENAME, &ctx->firmware_db,
      N_("Read the firmware catalogue from FILE"), N_("FILE") },
    { "guides-dir", 0, 0, G_OPTION_ARG_FILENAME, &ctx->guides_dir,
      N_("Read the fix guides from DIR"), N_("DIR") },
    { NULL }
  };
  const BudctlCommand *info = lookup_command (command);
  /* "Usage: budctl [OPTION…] diagnose ADDRESS": options may come anywhere. */
  g_autofree char *usage = g_strjoin (" ", command, parameters, NULL);
  g_autoptr (GOptionContext) context = g_option_context_new (usage);
  g_autoptr (GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (info != NULL)
    {
      g_option_context_set_summary (context, _(info->summary));
    }
  g_option_context_set_description (context, _("Run “budctl --help” for the exit status."));
  if (entries != NULL)
    {
      g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
    }
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      budctl_error (_("%s. Run “budctl %s --help” for its options."), error->message, command);
      return FALSE;
    }

  return TRUE;
}

/* The data directory: $EARBUD_DOCTOR_DATA_DIR when set, else the installed one. */
char *
budctl_data_path (BudctlContext *ctx,
                  const char    *name)
{
  const char *dir = g_getenv ("EARBUD_DOCTOR_DATA_DIR");

  return g_build_filename (dir != NULL && *dir != '\0' ? dir : PKGDATADIR, name, NULL);
}

/* Prints why on failure; the caller then exits with BUDCTL_EXIT_USAGE. */
BudFirmwareCatalog *
budctl_load_catalog (BudctlContext *ctx)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  BudFirmwareCatalog *catalog;

  path = ctx->firmware_db != NULL ? g_strdup (ctx->firmware_db)
                                  : budctl_data_path (ctx, "firmware.json");
  catalog = bud_firmware_catalog_new_from_file (path, &error);
  if (catalog == NULL)
    {
      budctl_error ("%s", error->message);
    }

  return catalog;
}

void
budctl_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, NULL);
  fputs (data, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

static void
print_usage (void)
{
  printf ("%s\n\n%s\n", _("Usage: budctl COMMAND [OPTION…]"), _("Commands:"));
  for (guint i = 0; i < budctl_n_commands; i++)
    {
      printf ("  %s %s\n      %s\n", budctl_commands[i].name, budctl_commands[i].synopsis,
              _(budctl_commands[i].summary));
    }

  printf ("\n%s\n%s\n%s\n%s\n%s\n\n%s\n%s\n%s\n%s\n%s\n%s\n",
          _("Options for every command:"),
          _("  --firmware-db FILE   read the firmware catalogue from FILE"),
          _("  --guides-dir DIR     read the fix guides from DIR"),
          _("  --help               show help (after a command: that command’s options)"),
          _("  --version            show the version"),
          _("Exit status:"),
          _("  0  the command ran (for “firmware” and “diagnose”: whatever they found)"),
          _("  2  bad arguments, or a data file that cannot be read or is not valid;"),
          _("     one line on stderr names the file and the problem"),
          _("  3  Bluetooth or the device is not available, or what the command needs"),
          _("     from the device is not known; one line on stderr says which"));
  printf ("\n%s\n", _("The data files come from $EARBUD_DOCTOR_DATA_DIR when it is set."));
  fflush (stdout);
}

/* Libraries tell people things with g_message () (a damaged history moved
 * aside): say it as budctl's own one line. The rest goes GLib's usual way. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if ((log_level & G_LOG_LEVEL_MASK) != G_LOG_LEVEL_MESSAGE)
    {
      return g_log_writer_default (log_level, fields, n_fields, user_data);
    }

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE"))
        {
          g_autofree char *message = fields[i].length < 0
            ? g_strdup (fields[i].value) : g_strndup (fields[i].value, fields[i].length);

          budctl_error ("%s", message);
          return G_LOG_WRITER_HANDLED;
        }
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static gboolean
is_common_option_with_value (const char *arg)
{
  for (guint i = 0; i < G_N_ELEMENTS (common_options); i++)
    {
      if (g_str_equal (arg, common_options[i]))
        {
          return TRUE;
        }
    }

  return FALSE;
}

/* The command is the first argument that is neither an option nor the
 * value of a common option, so `budctl --firmware-db F models` works. */
static int
find_command (int    argc,
              char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        {
          return -1;
        }
      if (is_common_option_with_value (argv[i]))
        {
          i++;
          continue;
        }
      if (argv[i][0] != '-')
        {
          return i;
        }
    }

  return -1;
}

static gboolean
has_argument (int         argc,
              char      **argv,
              const char *a,
              const char *b)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], a) == 0 || g_strcmp0 (argv[i], b) == 0)
        {
          return TRUE;
        }
    }

  return FALSE;
}

static int
dispatch (const BudctlCommand *command,
          int                  argc,
          char               **argv,
          int                  position)
{
  BudctlContext ctx = { NULL, NULL };
  g_autofree char **args = g_new0 (char *, argc + 1);
  int n_args = 0;
  int status;

  /* The command sees its name first, then every other argument. */
  args[n_args++] = argv[position];
  for (int i = 1; i < argc; i++)
    {
      if (i != position)
        {
          args[n_args++] = argv[i];
        }
    }

  status = command->run (&ctx, n_args, args);
  g_free (ctx.firmware_db);
  g_free (ctx.guides_dir);

  return status;
}

int
main (int   argc,
      char *argv[])
{
  const BudctlCommand *command;
  int position;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("budctl");
  g_log_set_writer_func (log_writer, NULL, NULL);

  position = find_command (argc, argv);
  if (position < 0)
    {
      if (has_argument (argc, argv, "--help", "-h"))
        {
          print_usage ();
          return BUDCTL_EXIT_OK;
        }
      if (has_argument (argc, argv, "--version", NULL))
        {
          printf ("budctl %s\n", PACKAGE_VERSION);
          fflush (stdout);
          return BUDCTL_EXIT_OK;
        }
      budctl_error (_("No command given. Run “budctl --help” to see the commands."));
      return BUDCTL_EXIT_USAGE;
    }

  command = lookup_command (argv[position]);
  if (command != NULL)
    {
      return dispatch (command, argc, argv, position);
    }

  budctl_error (_("“%s” is not a command. Run “budctl --help” to see the commands."),
                argv[position]);
  return BUDCTL_EXIT_USAGE;
}
