/* bud-timer-check.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-timer-check.h"

/* The countdown of a timed step ("charge the case for 30 minutes"). The
 * timer itself belongs to the application, so it outlives this widget. */
struct _BudTimerCheck
{
  AdwBin parent_instance;

  BudStepTimer *timer;
  char *step_id;
  char *title;
  guint minutes;

  /* Template widgets */
  GtkLabel *time_label;
  GtkProgressBar *progress_bar;
  GtkLabel *status_label;
  GtkButton *start_button;
};

G_DEFINE_FINAL_TYPE (BudTimerCheck, bud_timer_check, ADW_TYPE_BIN)

/**
 * bud_format_duration:
 * @seconds: a duration
 *
 * Returns: (transfer full): the duration as a clock reads it, "29:41" or "1:02:03"
 */
char *
bud_format_duration (guint seconds)
{
  if (seconds >= 3600)
    {
      return g_strdup_printf ("%u:%02u:%02u", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }

  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}

static gboolean
is_ours (BudTimerCheck *self)
{
  return g_strcmp0 (bud_step_timer_get_step_id (self->timer), self->step_id) == 0;
}

static void
update (BudTimerCheck *self)
{
  gboolean ours = is_ours (self);
  gboolean running = ours && bud_step_timer_get_running (self->timer);
  gboolean finished = ours && bud_step_timer_get_finished (self->timer);
  guint total = self->minutes * 60;
  guint remaining = running ? bud_step_timer_get_remaining (self->timer) : (finished ? 0 : total);
  g_autofree char *time = bud_format_duration (remaining);
  const char *status;

  gtk_label_set_label (self->time_label, time);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 total > 0 ? (double) (total - remaining) / total : 0.0);

  if (running)
    {
      status = _("The timer keeps running if you close the window. You will get a "
                 "notification when the time is up.");
      gtk_button_set_label (self->start_button, _("Stop Timer"));
    }
  else if (finished)
    {
      status = _("Time is up. Check whether the levels went up.");
      gtk_button_set_label (self->start_button, _("Start Again"));
    }
  else
    {
      status = _("Start the timer when the case is on the charger.");
      gtk_button_set_label (self->start_button, _("Start Timer"));
    }
  gtk_label_set_label (self->status_label, status);
}

static void
toggle_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BudTimerCheck *self = BUD_TIMER_CHECK (widget);

  if (is_ours (self) && bud_step_timer_get_running (self->timer))
    {
      bud_step_timer_cancel (self->timer);
    }
  else
    {
      bud_step_timer_start (self->timer, self->step_id, self->title, self->minutes * 60);
    }
  update (self);
}

GtkWidget *
bud_timer_check_new (BudStepTimer *timer,
                     const char   *step_id,
                     const char   *title,
                     guint         minutes)
{
  BudTimerCheck *self;

  g_return_val_if_fail (BUD_IS_STEP_TIMER (timer), NULL);

  self = g_object_new (BUD_TYPE_TIMER_CHECK, NULL);
  self->timer = g_object_ref (timer);
  self->step_id = g_strdup (step_id);
  self->title = g_strdup (title);
  self->minutes = MAX (minutes, 1);
  g_signal_connect_object (timer, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

static void
bud_timer_check_dispose (GObject *object)
{
  BudTimerCheck *self = BUD_TIMER_CHECK (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BUD_TYPE_TIMER_CHECK);
  g_clear_object (&self->timer);

  G_OBJECT_CLASS (bud_timer_check_parent_class)->dispose (object);
}

static void
bud_timer_check_finalize (GObject *object)
{
  BudTimerCheck *self = BUD_TIMER_CHECK (object);

  g_free (self->step_id);
  g_free (self->title);

  G_OBJECT_CLASS (bud_timer_check_parent_class)->finalize (object);
}

static void
bud_timer_check_class_init (BudTimerCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bud_timer_check_dispose;
  object_class->finalize = bud_timer_check_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bud-timer-check.ui");
  gtk_widget_class_bind_template_child (widget_class, BudTimerCheck, time_label);
  gtk_widget_class_bind_template_child (widget_class, BudTimerCheck, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BudTimerCheck, status_label);
  gtk_widget_class_bind_template_child (widget_class, BudTimerCheck, start_button);

  gtk_widget_class_install_action (widget_class, "timer.toggle", NULL, toggle_activated);
}

static void
bud_timer_check_init (BudTimerCheck *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
