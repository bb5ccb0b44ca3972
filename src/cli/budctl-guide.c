/* budctl-guide.c: the fix guide as plain text
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The text is written for screen readers as much as for eyes: one idea per
 * line, words rather than symbols, and nothing that only layout explains. */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "budctl-guide.h"

/**
 * budctl_load_guide:
 * @model_id: (nullable): the model, %NULL for the generic guide
 * @quiet_fallback: whether to say nothing when the model merely has no guide
 *
 * Loads the model's guide from --guides-dir or the data directory. When
 * the generic guide stands in for it, says why on stderr; when even that
 * fails, says why and returns %NULL: the caller exits with
 * %BUDCTL_EXIT_USAGE.
 */
BudGuide *
budctl_load_guide (BudctlContext *ctx,
                   const char    *model_id,
                   gboolean       quiet_fallback)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) dir = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BudGuide) guide = NULL;
  const GError *fallback;

  path = ctx->guides_dir != NULL ? g_strdup (ctx->guides_dir) : budctl_data_path (ctx, "guides");
  dir = g_file_new_for_commandline_arg (path);
  guide = bud_guide_load_for_model (dir, model_id, NULL, &error);
  if (guide == NULL)
    {
      budctl_error ("%s", error->message);
      return NULL;
    }

  fallback = bud_guide_get_fallback_error (guide);
  if (fallback != NULL &&
      !(quiet_fallback && g_error_matches (fallback, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_NOT_FOUND)))
    {
      budctl_error (_("%s Using the general guide instead."), fallback->message);
    }

  return g_steal_pointer (&guide);
}

static const char *
bud_heading (BudGuideBud bud)
{
  switch (bud)
    {
    case BUD_GUIDE_BUD_LEFT:
      return _("Left earbud:");
    case BUD_GUIDE_BUD_RIGHT:
      return _("Right earbud:");
    case BUD_GUIDE_BUD_BOTH:
    default:
      return _("Both earbuds:");
    }
}

static void
print_checklist (BudGuideStep *step)
{
  guint n = bud_guide_step_get_n_checklist_items (step);

  for (guint i = 0; i < n; i++)
    {
      const BudGuideChecklistItem *item = bud_guide_step_get_checklist_item (step, i);
      const BudGuideChecklistItem *previous =
        i > 0 ? bud_guide_step_get_checklist_item (step, i - 1) : NULL;

      if (previous == NULL || previous->bud != item->bud)
        {
          printf ("%s\n", bud_heading (item->bud));
        }
      printf ("- %s\n", item->text);
    }
}

static void
print_check (BudGuideStep *step)
{
  guint minutes = bud_guide_step_get_check_minutes (step);

  switch (bud_guide_step_get_check_kind (step))
    {
    case BUD_GUIDE_CHECK_BEFORE_AFTER:
      printf (g_dngettext (GETTEXT_PACKAGE,
                           "Check: note the battery levels, wait %u minute, then compare them.\n",
                           "Check: note the battery levels, wait %u minutes, then compare them.\n",
                           minutes), minutes);
      break;
    case BUD_GUIDE_CHECK_TIMED_WAIT:
      printf (g_dngettext (GETTEXT_PACKAGE,
                           "Check: wait %u minute, then compare the battery levels.\n",
                           "Check: wait %u minutes, then compare the battery levels.\n",
                           minutes), minutes);
      break;
    case BUD_GUIDE_CHECK_RESET:
      print_checklist (step);
      break;
    case BUD_GUIDE_CHECK_FIRMWARE:
      printf ("%s\n", _("Check: run “budctl firmware ADDRESS” to compare the installed firmware "
                        "with the latest known version."));
      break;
    case BUD_GUIDE_CHECK_NONE:
    default:
      break;
    }
}

static void
print_step (BudGuideStep *step,
            guint         number)
{
  const char * const *tips = bud_guide_step_get_tips (step);

  printf ("%u. %s\n", number, bud_guide_step_get_title (step));
  printf ("%s\n", bud_guide_step_get_body (step));
  /* TRANSLATORS: introduces why a step of the guide helps */
  printf (_("Why: %s\n"), bud_guide_step_get_why (step));
  for (guint i = 0; tips != NULL && tips[i] != NULL; i++)
    {
      printf ("- %s\n", tips[i]);
    }
  print_check (step);
}

static void
print_guide (BudGuide *guide)
{
  guint n = bud_guide_get_n_steps (guide);

  printf ("%s\n", bud_guide_get_name (guide));
  for (guint i = 0; i < n; i++)
    {
      printf ("\n");
      print_step (bud_guide_get_step (guide, i), i + 1);
    }
  fflush (stdout);
}

int
budctl_command_guide (BudctlContext  *ctx,
                      int             argc,
                      char          **argv)
{
  g_autoptr (BudGuide) guide = NULL;

  if (!budctl_parse_options (ctx, "guide", NULL, _("MODEL-ID"), &argc, &argv))
    {
      return BUDCTL_EXIT_USAGE;
    }
  if (argc != 2)
    {
      budctl_error (_("Give one model id, such as “sony-wf-1000xm4” or “generic”. Run “budctl "
                      "models” to see the models."));
      return BUDCTL_EXIT_USAGE;
    }

  guide = budctl_load_guide (ctx, argv[1], FALSE);
  if (guide == NULL)
    {
      return BUDCTL_EXIT_USAGE;
    }

  print_guide (guide);
  return BUDCTL_EXIT_OK;
}
