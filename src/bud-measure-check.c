/* bud-measure-check.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-measure-check.h"
#include "bud-measurement.h"

/* Records the battery levels when a step starts, follows them while the step
 * runs, and says whether each battery is charging. This is how the app knows
 * a fix worked instead of asking the person to guess. */
struct _BudMeasureCheck
{
  AdwBin parent_instance;

  BudDevice *device;
  BudGuideProgress *progress;
  char *step_id;
  guint minutes;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (BudMeasureCheck, bud_measure_check, ADW_TYPE_BIN)

enum {
  MEASURED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
levels_text (const BudGuideMeasurement *m)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (m->before_time / G_USEC_PER_SEC);
  g_autofree char *time = g_date_time_format (when, "%X");

  if (m->after < 0)
    {
      /* Translators: "40 % at 10:02:11 → no reading now" */
      return g_strdup_printf (_("%d %% at %s → no reading now"), m->before, time);
    }

  /* Translators: "40 % at 10:02:11 → 48 % now" */
  return g_strdup_printf (_("%d %% at %s → %d %% now"), m->before, time, m->after);
}

static GtkWidget *
component_row (BudMeasureCheck           *self,
               BudGuideComponent          component,
               const BudGuideMeasurement *m)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *verdict = bud_measurement_describe (m, component, self->minutes, FALSE);
  g_autofree char *levels = levels_text (m);
  BudMeasureVerdict v = bud_measurement_verdict (m, self->minutes);

  g_autofree char *trend = NULL;
  g_autofree char *subtitle = NULL;

  /* The diagnostics module's reading of every sample since the step began. */
  if (self->device != NULL)
    {
      gint64 since = (g_get_real_time () - m->before_time) / G_USEC_PER_SEC;

      trend = bud_measurement_describe_trend (bud_device_get_history (self->device), component,
                                              MAX (since, 60));
    }
  subtitle = trend != NULL ? g_strdup_printf ("%s\n%s", levels, trend) : g_strdup (levels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), verdict);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "bud-verdict");
  if (v == BUD_MEASURE_CHARGING || v == BUD_MEASURE_FULL)
    {
      gtk_widget_add_css_class (row, "charging");
    }
  else if (v == BUD_MEASURE_NOT_CHARGING || v == BUD_MEASURE_DRAINING)
    {
      gtk_widget_add_css_class (row, "not-charging");
    }

  return row;
}

static GtkWidget *
no_data_row (BudMeasureCheck *self)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No battery readings"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               self->device == NULL
                               ? _("You chose a model rather than connected earbuds, so this step "
                                   "can’t be measured. Watch the light on the case instead, then "
                                   "say whether it helped.")
                               : _("These earbuds don’t report their battery to this computer, "
                                   "so this step can’t be measured. Watch the light on the case "
                                   "instead, then say whether it helped."));
  return row;
}

static void
rebuild (BudMeasureCheck *self)
{
  gboolean any = FALSE;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    {
      gtk_list_box_remove (self->list, child);
    }

  for (guint c = 0; c < BUD_GUIDE_N_COMPONENTS; c++)
    {
      BudGuideMeasurement m;

      if (bud_guide_progress_get_measurement (self->progress, self->step_id, c, &m) &&
          m.before >= 0)
        {
          gtk_list_box_append (self->list, component_row (self, c, &m));
          any = TRUE;
        }
    }

  if (!any)
    {
      gtk_list_box_append (self->list, no_data_row (self));
    }
}

static void
device_notify_cb (BudMeasureCheck *self)
{
  bud_measurement_record (self->progress, self->step_id, self->device);
  rebuild (self);
  g_signal_emit (self, signals[MEASURED], 0);
}

GtkWidget *
bud_measure_check_new (BudDevice        *device,
                       BudGuideProgress *progress,
                       const char       *step_id,
                       guint             minutes)
{
  BudMeasureCheck *self;

  g_return_val_if_fail (device == NULL || BUD_IS_DEVICE (device), NULL);
  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (progress), NULL);

  self = g_object_new (BUD_TYPE_MEASURE_CHECK, NULL);
  self->device = device != NULL ? g_object_ref (device) : NULL;
  self->progress = g_object_ref (progress);
  self->step_id = g_strdup (step_id);
  self->minutes = minutes > 0 ? minutes : 10;

  if (device != NULL)
    {
      g_signal_connect_object (device, "notify", G_CALLBACK (device_notify_cb), self,
                               G_CONNECT_SWAPPED);
      bud_measurement_record (self->progress, self->step_id, self->device);
    }
  rebuild (self);

  return GTK_WIDGET (self);
}

static void
bud_measure_check_dispose (GObject *object)
{
  BudMeasureCheck *self = BUD_MEASURE_CHECK (object);

  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BUD_TYPE_MEASURE_CHECK);
  g_clear_object (&self->device);
  g_clear_object (&self->progress);

  G_OBJECT_CLASS (bud_measure_check_parent_class)->dispose (object);
}

static void
bud_measure_check_finalize (GObject *object)
{
  g_free (BUD_MEASURE_CHECK (object)->step_id);

  G_OBJECT_CLASS (bud_measure_check_parent_class)->finalize (object);
}

static void
bud_measure_check_class_init (BudMeasureCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bud_measure_check_dispose;
  object_class->finalize = bud_measure_check_finalize;

  /* Emitted when a new reading changed the measurement, so it can be saved. */
  signals[MEASURED] = g_signal_new ("measured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bud-measure-check.ui");
  gtk_widget_class_bind_template_child (widget_class, BudMeasureCheck, group);
  gtk_widget_class_bind_template_child (widget_class, BudMeasureCheck, list);
}

static void
bud_measure_check_init (BudMeasureCheck *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
