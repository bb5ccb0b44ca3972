/* bud-step-timer.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-step-timer.h"

/* A countdown the person starts for a step such as "charge the case for 30
 * minutes". It holds the application, so closing the window doesn't stop it,
 * and it sends a notification when the time is up. It ticks once a second
 * only while it runs: nothing polls when no timer was started. */
struct _BudStepTimer
{
  GObject parent_instance;

  GApplication *application;  /* weak */
  char *step_id;
  char *title;
  gint64 end_time;            /* monotonic, µs */
  guint duration;
  guint remaining;
  guint tick_id;
  gboolean finished;
};

G_DEFINE_FINAL_TYPE (BudStepTimer, bud_step_timer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_STEP_ID,
  PROP_DURATION,
  PROP_REMAINING,
  PROP_FINISHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define NOTIFICATION_ID "step-timer"

/* The tick source is gone: let the application go, which start() held. */
static void
stopped (BudStepTimer *self)
{
  if (self->application != NULL)
    {
      g_application_release (self->application);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
stop (BudStepTimer *self)
{
  if (self->tick_id == 0)
    {
      return;
    }

  g_clear_handle_id (&self->tick_id, g_source_remove);
  stopped (self);
}

static void
set_finished (BudStepTimer *self,
              gboolean      finished)
{
  if (self->finished != finished)
    {
      self->finished = finished;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
    }
}

static void
send_notification (BudStepTimer *self)
{
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *body = NULL;

  if (self->application == NULL)
    {
      return;
    }

  /* Translators: %s is the title of a step, e.g. "Charge the Case" */
  body = g_strdup_printf (_("“%s” is done. Open Earbud Doctor to see whether the battery "
                            "levels went up."), self->title);
  notification = g_notification_new (_("Time Is Up"));
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.activate");
  g_application_send_notification (self->application, NOTIFICATION_ID, notification);
}

static void
set_remaining (BudStepTimer *self,
               guint         remaining)
{
  if (self->remaining != remaining)
    {
      self->remaining = remaining;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  BudStepTimer *self = user_data;
  gint64 left = self->end_time - g_get_monotonic_time ();

  if (left > 0)
    {
      set_remaining (self, (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
      return G_SOURCE_CONTINUE;
    }

  set_remaining (self, 0);
  set_finished (self, TRUE);
  send_notification (self);
  self->tick_id = 0;
  stopped (self);

  return G_SOURCE_REMOVE;
}

BudStepTimer *
bud_step_timer_new (GApplication *application)
{
  BudStepTimer *self = g_object_new (BUD_TYPE_STEP_TIMER, NULL);

  g_set_weak_pointer (&self->application, application);

  return self;
}

void
bud_step_timer_start (BudStepTimer *self,
                      const char   *step_id,
                      const char   *title,
                      guint         seconds)
{
  g_return_if_fail (BUD_IS_STEP_TIMER (self));
  g_return_if_fail (step_id != NULL);
  g_return_if_fail (seconds > 0);

  /* Frozen, so a restart says "running" once rather than false, then true. */
  g_object_freeze_notify (G_OBJECT (self));
  stop (self);

  if (g_strcmp0 (self->step_id, step_id) != 0)
    {
      g_free (self->step_id);
      self->step_id = g_strdup (step_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_ID]);
    }
  g_free (self->title);
  self->title = g_strdup (title != NULL ? title : "");
  if (self->duration != seconds)
    {
      self->duration = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
    }
  set_finished (self, FALSE);
  set_remaining (self, seconds);

  self->end_time = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  if (self->application != NULL)
    {
      g_application_hold (self->application);
      g_application_withdraw_notification (self->application, NOTIFICATION_ID);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
bud_step_timer_cancel (BudStepTimer *self)
{
  g_return_if_fail (BUD_IS_STEP_TIMER (self));

  stop (self);
  set_remaining (self, 0);
}

gboolean
bud_step_timer_get_running (BudStepTimer *self)
{
  g_return_val_if_fail (BUD_IS_STEP_TIMER (self), FALSE);

  return self->tick_id != 0;
}

const char *
bud_step_timer_get_step_id (BudStepTimer *self)
{
  g_return_val_if_fail (BUD_IS_STEP_TIMER (self), NULL);

  return self->step_id;
}

guint
bud_step_timer_get_duration (BudStepTimer *self)
{
  g_return_val_if_fail (BUD_IS_STEP_TIMER (self), 0);

  return self->duration;
}

guint
bud_step_timer_get_remaining (BudStepTimer *self)
{
  g_return_val_if_fail (BUD_IS_STEP_TIMER (self), 0);

  return self->remaining;
}

gboolean
bud_step_timer_get_finished (BudStepTimer *self)
{
  g_return_val_if_fail (BUD_IS_STEP_TIMER (self), FALSE);

  return self->finished;
}

static void
bud_step_timer_dispose (GObject *object)
{
  BudStepTimer *self = BUD_STEP_TIMER (object);

  stop (self);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (bud_step_timer_parent_class)->dispose (object);
}

static void
bud_step_timer_finalize (GObject *object)
{
  BudStepTimer *self = BUD_STEP_TIMER (object);

  g_free (self->step_id);
  g_free (self->title);

  G_OBJECT_CLASS (bud_step_timer_parent_class)->finalize (object);
}

static void
bud_step_timer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BudStepTimer *self = BUD_STEP_TIMER (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, bud_step_timer_get_running (self));
      break;
    case PROP_STEP_ID:
      g_value_set_string (value, self->step_id);
      break;
    case PROP_DURATION:
      g_value_set_uint (value, self->duration);
      break;
    case PROP_REMAINING:
      g_value_set_uint (value, self->remaining);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_step_timer_class_init (BudStepTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bud_step_timer_dispose;
  object_class->finalize = bud_step_timer_finalize;
  object_class->get_property = bud_step_timer_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP_ID] =
    g_param_spec_string ("step-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION] =
    g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMAINING] =
    g_param_spec_uint ("remaining", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bud_step_timer_init (BudStepTimer *self)
{
}
