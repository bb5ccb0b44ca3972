/* bud-guide-progress.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where a person is in a guide, and what each step they tried did, so that
 * the app can offer to continue after a restart. Reading and writing the
 * file is in bud-guide-progress-file.c. */

#include "config.h"

#include "bud-guide-progress-private.h"

G_DEFINE_FINAL_TYPE (BudGuideProgress, bud_guide_progress, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (BudGuideOutcome, bud_guide_outcome,
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_OUTCOME_NONE, "none"),
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_OUTCOME_FIXED, "fixed"),
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_OUTCOME_NOT_FIXED, "not-fixed"),
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_OUTCOME_SKIPPED, "skipped"))

G_DEFINE_ENUM_TYPE (BudGuideComponent, bud_guide_component,
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_COMPONENT_DEVICE, "device"),
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_COMPONENT_LEFT, "left"),
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_COMPONENT_RIGHT, "right"),
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_COMPONENT_CASE, "case"))

enum {
  PROP_0,
  PROP_MODEL_ID,
  PROP_DEVICE_ADDRESS,
  PROP_CURRENT_STEP,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
bud_guide_step_record_free (StepRecord *record)
{
  g_free (record->step_id);
  g_free (record);
}

StepRecord *
bud_guide_step_record_new (const char *step_id)
{
  StepRecord *record = g_new0 (StepRecord, 1);

  record->step_id = g_strdup (step_id);
  for (guint i = 0; i < BUD_GUIDE_N_COMPONENTS; i++)
    {
      record->levels[i].before = BUD_GUIDE_LEVEL_UNKNOWN;
      record->levels[i].after = BUD_GUIDE_LEVEL_UNKNOWN;
    }

  return record;
}

StepRecord *
bud_guide_progress_find_record (BudGuideProgress *self,
                                const char       *step_id,
                                gboolean          create)
{
  StepRecord *record;

  for (guint i = 0; i < self->records->len; i++)
    {
      record = g_ptr_array_index (self->records, i);
      if (g_str_equal (record->step_id, step_id))
        {
          return record;
        }
    }

  if (!create)
    {
      return NULL;
    }

  record = bud_guide_step_record_new (step_id);
  record->started = g_get_real_time ();
  g_ptr_array_add (self->records, record);
  return record;
}

static void
changed (BudGuideProgress *self)
{
  self->generation++;
  self->updated = g_get_real_time ();
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * bud_guide_progress_new:
 * @model_id: the model whose guide the person follows ("generic" for unknown earbuds)
 * @device_address: (nullable): the earbuds' Bluetooth address, when known
 *
 * Returns: (transfer full): empty progress
 */
BudGuideProgress *
bud_guide_progress_new (const char *model_id,
                        const char *device_address)
{
  g_return_val_if_fail (model_id != NULL, NULL);

  return g_object_new (BUD_TYPE_GUIDE_PROGRESS,
                       "model-id", model_id,
                       "device-address", device_address,
                       NULL);
}

/* When the progress last changed, as from g_get_real_time (); 0 if never. */
gint64
bud_guide_progress_get_updated (BudGuideProgress *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (self), 0);

  return self->updated;
}

/* Why saved progress was set aside when loading, or %NULL. */
const char *
bud_guide_progress_get_discarded (BudGuideProgress *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (self), NULL);

  return self->discarded;
}

const char *
bud_guide_progress_get_model_id (BudGuideProgress *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (self), NULL);

  return self->model_id;
}

const char *
bud_guide_progress_get_device_address (BudGuideProgress *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (self), NULL);

  return self->device_address;
}

/* Whether there is anything to continue from. */
gboolean
bud_guide_progress_is_empty (BudGuideProgress *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (self), TRUE);

  return self->current_step == NULL && self->records->len == 0;
}

/* Forgets everything, e.g. when the person starts over. */
void
bud_guide_progress_clear (BudGuideProgress *self)
{
  g_return_if_fail (BUD_IS_GUIDE_PROGRESS (self));

  if (bud_guide_progress_is_empty (self))
    {
      return;
    }

  g_ptr_array_set_size (self->records, 0);
  if (self->current_step != NULL)
    {
      g_clear_pointer (&self->current_step, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STEP]);
    }
  changed (self);
}

const char *
bud_guide_progress_get_current_step (BudGuideProgress *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (self), NULL);

  return self->current_step;
}

void
bud_guide_progress_set_current_step (BudGuideProgress *self,
                                     const char       *step_id)
{
  g_return_if_fail (BUD_IS_GUIDE_PROGRESS (self));

  if (g_strcmp0 (self->current_step, step_id) == 0)
    {
      return;
    }

  g_free (self->current_step);
  self->current_step = g_strdup (step_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STEP]);
  changed (self);
}

/**
 * bud_guide_progress_dup_tried_steps:
 *
 * Returns: (transfer full): the ids of the steps tried, in the order first tried
 */
GStrv
bud_guide_progress_dup_tried_steps (BudGuideProgress *self)
{
  GStrv ids;

  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (self), NULL);

  ids = g_new0 (char *, self->records->len + 1);
  for (guint i = 0; i < self->records->len; i++)
    {
      ids[i] = g_strdup (((StepRecord *) g_ptr_array_index (self->records, i))->step_id);
    }

  return ids;
}

BudGuideOutcome
bud_guide_progress_get_outcome (BudGuideProgress *self,
                                const char       *step_id)
{
  StepRecord *record;

  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (self), BUD_GUIDE_OUTCOME_NONE);
  g_return_val_if_fail (step_id != NULL, BUD_GUIDE_OUTCOME_NONE);

  record = bud_guide_progress_find_record (self, step_id, FALSE);
  return record != NULL ? record->outcome : BUD_GUIDE_OUTCOME_NONE;
}

void
bud_guide_progress_set_outcome (BudGuideProgress *self,
                                const char       *step_id,
                                BudGuideOutcome   outcome)
{
  StepRecord *record;

  g_return_if_fail (BUD_IS_GUIDE_PROGRESS (self));
  g_return_if_fail (step_id != NULL);
  g_return_if_fail (outcome <= BUD_GUIDE_OUTCOME_SKIPPED);

  record = bud_guide_progress_find_record (self, step_id, TRUE);
  record->outcome = outcome;
  record->finished = outcome != BUD_GUIDE_OUTCOME_NONE ? g_get_real_time () : 0;
  changed (self);
}

/* The step the person said fixed it, or %NULL. */
const char *
bud_guide_progress_get_fixed_by (BudGuideProgress *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (self), NULL);

  for (guint i = self->records->len; i > 0; i--)
    {
      StepRecord *record = g_ptr_array_index (self->records, i - 1);

      if (record->outcome == BUD_GUIDE_OUTCOME_FIXED)
        {
          return record->step_id;
        }
    }

  return NULL;
}

/**
 * bud_guide_progress_set_before:
 * @level: 0–100, or %BUD_GUIDE_LEVEL_UNKNOWN
 * @time: when the level was read, as from g_get_real_time ()
 *
 * Records a level at the start of a step, and forgets an earlier "after"
 * of the same component: the step is being tried again.
 */
void
bud_guide_progress_set_before (BudGuideProgress  *self,
                               const char        *step_id,
                               BudGuideComponent  component,
                               int                level,
                               gint64             time)
{
  BudGuideMeasurement *m;

  g_return_if_fail (BUD_IS_GUIDE_PROGRESS (self));
  g_return_if_fail (step_id != NULL);
  g_return_if_fail (component < BUD_GUIDE_N_COMPONENTS);
  g_return_if_fail (level >= BUD_GUIDE_LEVEL_UNKNOWN && level <= 100);

  m = &bud_guide_progress_find_record (self, step_id, TRUE)->levels[component];
  m->before = level;
  m->before_time = level != BUD_GUIDE_LEVEL_UNKNOWN ? time : 0;
  m->after = BUD_GUIDE_LEVEL_UNKNOWN;
  m->after_time = 0;
  changed (self);
}

void
bud_guide_progress_set_after (BudGuideProgress  *self,
                              const char        *step_id,
                              BudGuideComponent  component,
                              int                level,
                              gint64             time)
{
  BudGuideMeasurement *m;

  g_return_if_fail (BUD_IS_GUIDE_PROGRESS (self));
  g_return_if_fail (step_id != NULL);
  g_return_if_fail (component < BUD_GUIDE_N_COMPONENTS);
  g_return_if_fail (level >= BUD_GUIDE_LEVEL_UNKNOWN && level <= 100);

  m = &bud_guide_progress_find_record (self, step_id, TRUE)->levels[component];
  m->after = level;
  m->after_time = level != BUD_GUIDE_LEVEL_UNKNOWN ? time : 0;
  changed (self);
}

/**
 * bud_guide_progress_get_measurement:
 * @measurement: (out caller-allocates): the levels and times
 *
 * Returns: %TRUE if a level before or after the step was recorded
 */
gboolean
bud_guide_progress_get_measurement (BudGuideProgress    *self,
                                    const char          *step_id,
                                    BudGuideComponent    component,
                                    BudGuideMeasurement *measurement)
{
  StepRecord *record;

  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (self), FALSE);
  g_return_val_if_fail (step_id != NULL, FALSE);
  g_return_val_if_fail (component < BUD_GUIDE_N_COMPONENTS, FALSE);
  g_return_val_if_fail (measurement != NULL, FALSE);

  record = bud_guide_progress_find_record (self, step_id, FALSE);
  *measurement = (BudGuideMeasurement) {
    BUD_GUIDE_LEVEL_UNKNOWN, 0, BUD_GUIDE_LEVEL_UNKNOWN, 0
  };
  if (record == NULL)
    {
      return FALSE;
    }

  *measurement = record->levels[component];
  return measurement->before != BUD_GUIDE_LEVEL_UNKNOWN ||
         measurement->after != BUD_GUIDE_LEVEL_UNKNOWN;
}

static void
bud_guide_progress_finalize (GObject *object)
{
  BudGuideProgress *self = BUD_GUIDE_PROGRESS (object);

  g_clear_pointer (&self->model_id, g_free);
  g_clear_pointer (&self->device_address, g_free);
  g_clear_pointer (&self->current_step, g_free);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->discarded, g_free);
  g_mutex_clear (&self->save_lock);

  G_OBJECT_CLASS (bud_guide_progress_parent_class)->finalize (object);
}

static void
bud_guide_progress_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BudGuideProgress *self = BUD_GUIDE_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_MODEL_ID:
      g_value_set_string (value, self->model_id);
      break;
    case PROP_DEVICE_ADDRESS:
      g_value_set_string (value, self->device_address);
      break;
    case PROP_CURRENT_STEP:
      g_value_set_string (value, self->current_step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_guide_progress_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BudGuideProgress *self = BUD_GUIDE_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_MODEL_ID:
      self->model_id = g_value_dup_string (value);
      break;
    case PROP_DEVICE_ADDRESS:
      self->device_address = g_value_dup_string (value);
      break;
    case PROP_CURRENT_STEP:
      bud_guide_progress_set_current_step (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_guide_progress_class_init (BudGuideProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bud_guide_progress_finalize;
  object_class->get_property = bud_guide_progress_get_property;
  object_class->set_property = bud_guide_progress_set_property;

  properties[PROP_MODEL_ID] =
    g_param_spec_string ("model-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEVICE_ADDRESS] =
    g_param_spec_string ("device-address", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_STEP] =
    g_param_spec_string ("current-step", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BudGuideProgress::changed:
   *
   * Emitted after any change, so that the app can save.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
bud_guide_progress_init (BudGuideProgress *self)
{
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) bud_guide_step_record_free);
  g_mutex_init (&self->save_lock);
}
