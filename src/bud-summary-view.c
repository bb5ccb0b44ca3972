/* bud-summary-view.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-measurement.h"
#include "bud-summary-view.h"

/* The end of the guide: what was tried, what each step measured, and what
 * fixed it. When nothing did, the support report is one click away. */
struct _BudSummaryView
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkImage *icon;
  GtkLabel *title_label;
  GtkLabel *description_label;
  GtkListBox *step_list;
  GtkWidget *report_box;
};

G_DEFINE_FINAL_TYPE (BudSummaryView, bud_summary_view, ADW_TYPE_BIN)

static const char *
outcome_text (BudGuideOutcome outcome)
{
  switch (outcome)
    {
    case BUD_GUIDE_OUTCOME_FIXED:
      return _("Fixed it");
    case BUD_GUIDE_OUTCOME_NOT_FIXED:
      return _("Did not help");
    case BUD_GUIDE_OUTCOME_SKIPPED:
      return _("Skipped");
    case BUD_GUIDE_OUTCOME_NONE:
    default:
      return _("Not finished");
    }
}

/* "Did not help · Left earbud +8 % in 10 minutes: charging" */
static char *
step_subtitle (BudGuideProgress *progress,
               BudGuideStep     *step)
{
  const char *id = bud_guide_step_get_id (step);
  BudGuideOutcome outcome = bud_guide_progress_get_outcome (progress, id);
  g_autoptr (GString) text = g_string_new (outcome_text (outcome));
  guint minutes = bud_guide_step_get_check_minutes (step);

  for (guint c = 0; c < BUD_GUIDE_N_COMPONENTS; c++)
    {
      BudGuideMeasurement m;
      g_autofree char *line = NULL;

      if (!bud_guide_progress_get_measurement (progress, id, c, &m) || m.before < 0)
        {
          continue;
        }
      line = bud_measurement_describe (&m, c, minutes > 0 ? minutes : 10, TRUE);
      g_string_append_printf (text, "\n%s", line);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
list_tried_steps (BudSummaryView   *self,
                  BudGuide         *guide,
                  BudGuideProgress *progress)
{
  g_auto (GStrv) tried = bud_guide_progress_dup_tried_steps (progress);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->step_list))) != NULL)
    {
      gtk_list_box_remove (self->step_list, child);
    }

  for (guint i = 0; tried != NULL && tried[i] != NULL; i++)
    {
      BudGuideStep *step = bud_guide_lookup_step (guide, tried[i], NULL);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (step == NULL)
        {
          continue;
        }
      subtitle = step_subtitle (progress, step);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bud_guide_step_get_title (step));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->step_list, row);
    }
}

static void
show_fixed (BudSummaryView *self,
            BudGuideStep   *fixed_step)
{
  g_autofree char *description = NULL;

  /* Translators: %s is the title of a step, e.g. "Clean the Contacts" */
  description = g_strdup_printf (_("“%s” got your earbuds charging again. If it happens "
                                   "again, start with that step."),
                                 bud_guide_step_get_title (fixed_step));
  gtk_image_set_from_icon_name (self->icon, "emblem-ok-symbolic");
  gtk_label_set_label (self->title_label, _("Your Earbuds Charge Again"));
  gtk_label_set_label (self->description_label, description);
  gtk_widget_set_visible (self->report_box, FALSE);
}

static void
show_not_fixed (BudSummaryView *self)
{
  gtk_image_set_from_icon_name (self->icon, "dialog-information-symbolic");
  gtk_label_set_label (self->title_label, _("Time to Contact Support"));
  gtk_label_set_label (self->description_label,
                       _("None of the fixes got your earbuds charging, so the unit is "
                         "probably faulty. Send the support report to the manufacturer: "
                         "it lists what you tried and what Earbud Doctor measured."));
  gtk_widget_set_visible (self->report_box, TRUE);
}

void
bud_summary_view_show (BudSummaryView   *self,
                       BudGuide         *guide,
                       BudGuideProgress *progress)
{
  const char *fixed_by;
  BudGuideStep *fixed_step = NULL;

  g_return_if_fail (BUD_IS_SUMMARY_VIEW (self));

  list_tried_steps (self, guide, progress);

  fixed_by = bud_guide_progress_get_fixed_by (progress);
  if (fixed_by != NULL)
    {
      fixed_step = bud_guide_lookup_step (guide, fixed_by, NULL);
    }

  if (fixed_step != NULL)
    {
      show_fixed (self, fixed_step);
    }
  else
    {
      show_not_fixed (self);
    }
}

static void
bud_summary_view_dispose (GObject *object)
{
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), BUD_TYPE_SUMMARY_VIEW);

  G_OBJECT_CLASS (bud_summary_view_parent_class)->dispose (object);
}

static void
bud_summary_view_class_init (BudSummaryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bud_summary_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bud-summary-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BudSummaryView, icon);
  gtk_widget_class_bind_template_child (widget_class, BudSummaryView, title_label);
  gtk_widget_class_bind_template_child (widget_class, BudSummaryView, description_label);
  gtk_widget_class_bind_template_child (widget_class, BudSummaryView, step_list);
  gtk_widget_class_bind_template_child (widget_class, BudSummaryView, report_box);
}

static void
bud_summary_view_init (BudSummaryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
