/* bud-guide-progress.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where a person is in a guide, and what each step they tried did, so that
 * the app can offer to continue after a restart. One small JSON file per
 * device (or per model when no device is known) in a folder the caller
 * chooses. Saving replaces the file atomically in a worker thread; a file
 * that can't be read back is set aside and the person starts afresh. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bud-json.h"
#include "bud-guide-private.h"
#include "bud-guide-progress.h"

#define FORMAT_VERSION 1
#define MAX_FILE_SIZE (256 * 1024)
#define MAX_STEPS 64

typedef struct {
  char *step_id;
  BudGuideOutcome outcome;
  gint64 started;
  gint64 finished;
  BudGuideMeasurement levels[BUD_GUIDE_N_COMPONENTS];
} StepRecord;

struct _BudGuideProgress
{
  GObject parent_instance;

  char *model_id;
  char *device_address;
  char *current_step;
  GPtrArray *records;  /* of StepRecord, in the order first tried */
  gint64 updated;
  char *discarded;

  /* Saving: the generation counts changes on the main thread; workers
   * write a snapshot only if it is newer than the last one written. */
  guint64 generation;
  GMutex save_lock;
  guint64 saved_generation;
};

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

static void
step_record_free (StepRecord *record)
{
  g_free (record->step_id);
  g_free (record);
}

static StepRecord *
step_record_new (const char *step_id)
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

static StepRecord *
find_record (BudGuideProgress *self,
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

  record = step_record_new (step_id);
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

static char *
format_time (gint64 time)
{
  g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autoptr (GDateTime) precise = NULL;

  if (date == NULL)
    {
      return NULL;
    }
  precise = g_date_time_add (date, time % G_USEC_PER_SEC);
  return g_date_time_format_iso8601 (precise);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       time)
{
  g_autofree char *text = time > 0 ? format_time (time) : NULL;

  if (text != NULL)
    {
      json_builder_set_member_name (builder, member);
      json_builder_add_string_value (builder, text);
    }
}

static void
add_levels (JsonBuilder *builder,
            StepRecord  *record)
{
  g_autoptr (GEnumClass) components = g_type_class_ref (BUD_TYPE_GUIDE_COMPONENT);

  json_builder_set_member_name (builder, "levels");
  json_builder_begin_array (builder);
  for (guint i = 0; i < BUD_GUIDE_N_COMPONENTS; i++)
    {
      BudGuideMeasurement *m = &record->levels[i];

      if (m->before == BUD_GUIDE_LEVEL_UNKNOWN && m->after == BUD_GUIDE_LEVEL_UNKNOWN)
        {
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "component");
      json_builder_add_string_value (builder, g_enum_get_value (components, i)->value_nick);
      if (m->before != BUD_GUIDE_LEVEL_UNKNOWN)
        {
          json_builder_set_member_name (builder, "before");
          json_builder_add_int_value (builder, m->before);
          add_time (builder, "before_time", m->before_time);
        }
      if (m->after != BUD_GUIDE_LEVEL_UNKNOWN)
        {
          json_builder_set_member_name (builder, "after");
          json_builder_add_int_value (builder, m->after);
          add_time (builder, "after_time", m->after_time);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value != NULL)
    {
      json_builder_set_member_name (builder, member);
      json_builder_add_string_value (builder, value);
    }
}

/**
 * bud_guide_progress_serialize:
 *
 * Returns: (transfer full): the progress as the JSON that is saved
 */
GBytes *
bud_guide_progress_serialize (BudGuideProgress *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GEnumClass) outcomes = g_type_class_ref (BUD_TYPE_GUIDE_OUTCOME);
  g_autoptr (JsonNode) root = NULL;
  gsize length;
  char *data;

  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  add_string (builder, "model", self->model_id);
  add_string (builder, "device", self->device_address);
  add_string (builder, "current_step", self->current_step);
  add_time (builder, "updated", self->updated);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->records->len; i++)
    {
      StepRecord *record = g_ptr_array_index (self->records, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", record->step_id);
      add_string (builder, "outcome", g_enum_get_value (outcomes, record->outcome)->value_nick);
      add_time (builder, "started", record->started);
      add_time (builder, "finished", record->finished);
      add_levels (builder, record);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

static gboolean
parse_time (JsonObject  *object,
            const char  *member,
            const char  *source_name,
            const char  *path,
            gint64      *out,
            GError     **error)
{
  g_autoptr (GDateTime) date = NULL;
  const char *text = NULL;

  *out = 0;
  if (!bud_json_member_string (object, member, BUD_JSON_OPTIONAL, source_name, path,
                               &text, error))
    {
      return FALSE;
    }
  if (text == NULL)
    {
      return TRUE;
    }

  date = g_date_time_new_from_iso8601 (text, NULL);
  if (date == NULL)
    {
      g_autofree char *field = *path != '\0' ? g_strdup_printf ("%s.%s", path, member)
                                             : g_strdup (member);

      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("In “%s”, %s must be a date and time like “2026-11-28T12:00:00Z”."),
                   source_name, field);
      return FALSE;
    }

  *out = g_date_time_to_unix (date) * G_USEC_PER_SEC + g_date_time_get_microsecond (date);
  return TRUE;
}

static gboolean
parse_nick (GType        type,
            const char  *nick,
            const char  *source_name,
            const char  *field,
            int         *out,
            GError     **error)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *value = g_enum_get_value_by_nick (klass, nick);

  if (value == NULL)
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("In “%s”, %s has an unknown value “%s”."), source_name, field, nick);
      return FALSE;
    }

  *out = value->value;
  return TRUE;
}

static gboolean
parse_level (StepRecord  *record,
             JsonObject  *object,
             const char  *source_name,
             const char  *path,
             GError     **error)
{
  g_autofree char *field = g_strdup_printf ("%s.component", path);
  const char *nick = NULL;
  BudGuideMeasurement m;
  gint64 before = BUD_GUIDE_LEVEL_UNKNOWN, after = BUD_GUIDE_LEVEL_UNKNOWN;
  int component;

  if (!bud_json_member_string (object, "component", BUD_JSON_REQUIRED, source_name, path,
                               &nick, error) ||
      !parse_nick (BUD_TYPE_GUIDE_COMPONENT, nick, source_name, field, &component, error) ||
      !bud_json_member_int (object, "before", 0, 100, BUD_JSON_OPTIONAL, source_name, path,
                            &before, error) ||
      !parse_time (object, "before_time", source_name, path, &m.before_time, error) ||
      !bud_json_member_int (object, "after", 0, 100, BUD_JSON_OPTIONAL, source_name, path,
                            &after, error) ||
      !parse_time (object, "after_time", source_name, path, &m.after_time, error))
    {
      return FALSE;
    }

  m.before = (int) before;
  m.after = (int) after;
  record->levels[component] = m;
  return TRUE;
}

static StepRecord *
parse_record (JsonObject  *object,
              const char  *source_name,
              const char  *path,
              GError     **error)
{
  StepRecord *record = step_record_new (NULL);
  g_autofree char *id_field = g_strdup_printf ("%s.id", path);
  g_autofree char *outcome_field = g_strdup_printf ("%s.outcome", path);
  g_autofree char *levels_path = g_strdup_printf ("%s.levels", path);
  const char *id = NULL, *outcome = NULL;
  JsonArray *levels = NULL;
  int value = 0;
  gboolean ok;

  ok = bud_json_member_string (object, "id", BUD_JSON_REQUIRED, source_name, path, &id, error) &&
       bud_guide_check_identifier (id, source_name, id_field, error) &&
       bud_json_member_string (object, "outcome", BUD_JSON_REQUIRED, source_name, path,
                               &outcome, error) &&
       parse_nick (BUD_TYPE_GUIDE_OUTCOME, outcome, source_name, outcome_field, &value, error) &&
       parse_time (object, "started", source_name, path, &record->started, error) &&
       parse_time (object, "finished", source_name, path, &record->finished, error) &&
       bud_json_member_array (object, "levels", BUD_JSON_OPTIONAL, source_name, path,
                              &levels, error);

  for (guint i = 0; ok && levels != NULL && i < json_array_get_length (levels); i++)
    {
      g_autofree char *level_path = g_strdup_printf ("%s[%u]", levels_path, i);
      JsonObject *level = bud_json_element_object (levels, i, source_name, levels_path, error);

      ok = level != NULL && parse_level (record, level, source_name, level_path, error);
    }

  if (!ok)
    {
      step_record_free (record);
      return NULL;
    }

  record->step_id = g_strdup (id);
  record->outcome = value;
  return record;
}

static BudGuideProgress *
progress_new_from_node (JsonNode    *root,
                        const char  *source_name,
                        GError     **error)
{
  g_autoptr (BudGuideProgress) self = NULL;
  const char *model_id = NULL, *device = NULL, *current = NULL;
  JsonArray *steps = NULL;
  JsonObject *object;
  gint64 format = 0, updated = 0;

  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL ||
      !bud_json_member_int (object, "format", FORMAT_VERSION, FORMAT_VERSION, BUD_JSON_REQUIRED,
                            source_name, "", &format, error) ||
      !bud_json_member_string (object, "model", BUD_JSON_REQUIRED, source_name, "",
                               &model_id, error) ||
      !bud_json_member_string (object, "device", BUD_JSON_OPTIONAL, source_name, "",
                               &device, error) ||
      !bud_json_member_string (object, "current_step", BUD_JSON_OPTIONAL, source_name, "",
                               &current, error) ||
      !parse_time (object, "updated", source_name, "", &updated, error) ||
      !bud_json_member_array (object, "steps", BUD_JSON_REQUIRED, source_name, "",
                              &steps, error) ||
      !bud_guide_check_identifier (model_id, source_name, "model", error))
    {
      if (object == NULL)
        {
          g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                       _("The file “%s” must be a JSON object."), source_name);
        }
      return NULL;
    }

  if (json_array_get_length (steps) > MAX_STEPS)
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("In “%s”, steps must have at most %u entries."), source_name, MAX_STEPS);
      return NULL;
    }

  self = bud_guide_progress_new (model_id, device);
  self->current_step = g_strdup (current);
  self->updated = updated;
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      g_autofree char *path = g_strdup_printf ("steps[%u]", i);
      JsonObject *element = bud_json_element_object (steps, i, source_name, "steps", error);
      StepRecord *record = element != NULL ? parse_record (element, source_name, path, error)
                                           : NULL;

      if (record == NULL)
        {
          return NULL;
        }
      if (find_record (self, record->step_id, FALSE) != NULL)
        {
          g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                       _("In “%s”, the step “%s” is listed twice."), source_name, record->step_id);
          step_record_free (record);
          return NULL;
        }
      g_ptr_array_add (self->records, record);
    }

  return g_steal_pointer (&self);
}

/**
 * bud_guide_progress_new_from_bytes:
 * @bytes: what bud_guide_progress_serialize() returned
 * @source_name: the file name to use in errors
 *
 * Returns: (transfer full) (nullable): the progress, or %NULL with @error set
 */
BudGuideProgress *
bud_guide_progress_new_from_bytes (GBytes      *bytes,
                                   const char  *source_name,
                                   GError     **error)
{
  g_autoptr (JsonNode) root = NULL;
  GError *local_error = NULL;
  BudGuideProgress *progress;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);

  root = bud_json_parse_bytes (bytes, source_name, MAX_FILE_SIZE, &local_error);
  progress = root != NULL ? progress_new_from_node (root, source_name, &local_error) : NULL;
  if (progress == NULL)
    {
      bud_guide_propagate_error (error, local_error);
    }

  return progress;
}

/* A name from [a-z0-9_-] only, whatever the address or model id holds. */
static void
append_safe (GString    *name,
             const char *text)
{
  for (const char *p = text; *p != '\0' && name->len < 100; p++)
    {
      char c = g_ascii_tolower (*p);

      g_string_append_c (name, g_ascii_isalnum (c) || c == '-' ? c : '_');
    }
}

/**
 * bud_guide_progress_get_file_name:
 *
 * Returns: (transfer full): the name of the file this progress is saved in
 */
char *
bud_guide_progress_get_file_name (BudGuideProgress *self)
{
  GString *name;

  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (self), NULL);

  name = g_string_new (self->device_address != NULL ? "device-" : "model-");
  append_safe (name, self->device_address != NULL ? self->device_address : self->model_id);
  g_string_append (name, ".json");
  return g_string_free (name, FALSE);
}

static GFile *
get_file (BudGuideProgress *self,
          GFile            *directory)
{
  g_autofree char *name = bud_guide_progress_get_file_name (self);

  return g_file_get_child (directory, name);
}

/* Sets a damaged file aside, so that nothing is lost and the next save
 * doesn't trip over it again. */
static void
set_aside (GFile        *file,
           GCancellable *cancellable)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *aside_name = g_strconcat (name, ".corrupt", NULL);
  g_autoptr (GFile) parent = g_file_get_parent (file);
  g_autoptr (GFile) aside = g_file_get_child (parent, aside_name);
  g_autoptr (GError) error = NULL;

  if (!g_file_move (file, aside, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &error))
    {
      g_debug ("Could not set the progress file %s aside: %s", name, error->message);
    }
}

/**
 * bud_guide_progress_load:
 * @directory: where progress files are kept
 *
 * Loads the saved progress for the model or device. When there is none,
 * returns empty progress. When the file is damaged, sets it aside as
 * `<name>.corrupt`, returns empty progress and keeps the reason, which
 * bud_guide_progress_get_discarded() returns. This blocks; the GUI uses
 * bud_guide_progress_load_async().
 *
 * Returns: (transfer full) (nullable): the progress, or %NULL when the file
 *   exists but can't be read at all
 */
BudGuideProgress *
bud_guide_progress_load (GFile         *directory,
                         const char    *model_id,
                         const char    *device_address,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr (BudGuideProgress) fresh = NULL;
  g_autoptr (BudGuideProgress) saved = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *source_name = NULL;

  g_return_val_if_fail (G_IS_FILE (directory), NULL);
  g_return_val_if_fail (model_id != NULL, NULL);

  fresh = bud_guide_progress_new (model_id, device_address);
  file = get_file (fresh, directory);
  source_name = g_file_get_parse_name (file);

  if (!g_file_query_exists (file, cancellable))
    {
      return g_steal_pointer (&fresh);
    }

  root = bud_json_load_gfile (file, MAX_FILE_SIZE, cancellable, &local_error);
  if (root == NULL && g_error_matches (local_error, BUD_DIAGNOSTICS_ERROR,
                                       BUD_DIAGNOSTICS_ERROR_READ))
    {
      bud_guide_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  saved = root != NULL ? progress_new_from_node (root, source_name, &local_error) : NULL;
  if (saved != NULL &&
      (g_strcmp0 (saved->model_id, model_id) != 0 ||
       (saved->device_address == NULL) != (device_address == NULL) ||
       (device_address != NULL &&
        g_ascii_strcasecmp (saved->device_address, device_address) != 0)))
    {
      g_set_error (&local_error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("The progress file “%s” belongs to other earbuds."), source_name);
      g_clear_object (&saved);
    }

  if (saved == NULL)
    {
      set_aside (file, cancellable);
      fresh->discarded = g_strdup (local_error->message);
      return g_steal_pointer (&fresh);
    }

  return g_steal_pointer (&saved);
}

typedef struct {
  GFile *directory;
  char *model_id;
  char *device_address;
  GBytes *bytes;
  guint64 generation;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_clear_object (&data->directory);
  g_clear_pointer (&data->model_id, g_free);
  g_clear_pointer (&data->device_address, g_free);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  BudGuideProgress *progress;

  progress = bud_guide_progress_load (data->directory, data->model_id, data->device_address,
                                      cancellable, &error);
  if (progress == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, progress, g_object_unref);
}

void
bud_guide_progress_load_async (GFile               *directory,
                               const char          *model_id,
                               const char          *device_address,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (G_IS_FILE (directory));
  g_return_if_fail (model_id != NULL);

  data = g_new0 (TaskData, 1);
  data->directory = g_object_ref (directory);
  data->model_id = g_strdup (model_id);
  data->device_address = g_strdup (device_address);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bud_guide_progress_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, load_thread);
}

BudGuideProgress *
bud_guide_progress_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        bud_guide_progress_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
write_snapshot (BudGuideProgress  *self,
                GFile             *directory,
                GBytes            *bytes,
                guint64            generation,
                GCancellable      *cancellable,
                GError           **error)
{
  g_autoptr (GFile) file = get_file (self, directory);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->save_lock);

  /* A newer snapshot has been written already. */
  if (generation <= self->saved_generation)
    {
      return TRUE;
    }

  if (!g_file_make_directory_with_parents (directory, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autofree char *name = g_file_get_parse_name (directory);

      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_READ,
                   _("The folder “%s” for saving progress cannot be created: %s"),
                   name, local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);

  /* Written to a temporary file and renamed over the old one. */
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, cancellable,
                                &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_READ,
                   _("The progress cannot be saved to “%s”: %s"), name, local_error->message);
      return FALSE;
    }

  self->saved_generation = MAX (self->saved_generation, generation);
  return TRUE;
}

/**
 * bud_guide_progress_save:
 * @directory: where progress files are kept; created when missing
 *
 * Saves atomically. This blocks; the GUI uses bud_guide_progress_save_async().
 */
gboolean
bud_guide_progress_save (BudGuideProgress  *self,
                         GFile             *directory,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (BUD_IS_GUIDE_PROGRESS (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (directory), FALSE);

  bytes = bud_guide_progress_serialize (self);
  return write_snapshot (self, directory, bytes, ++self->generation, cancellable, error);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;

  if (!write_snapshot (source_object, data->directory, data->bytes, data->generation,
                       cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * bud_guide_progress_save_async:
 *
 * Takes a snapshot now and writes it in a worker thread. Of several saves
 * in flight, an older snapshot never overwrites a newer one.
 */
void
bud_guide_progress_save_async (BudGuideProgress    *self,
                               GFile               *directory,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (BUD_IS_GUIDE_PROGRESS (self));
  g_return_if_fail (G_IS_FILE (directory));

  data = g_new0 (TaskData, 1);
  data->directory = g_object_ref (directory);
  data->bytes = bud_guide_progress_serialize (self);
  data->generation = ++self->generation;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bud_guide_progress_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
bud_guide_progress_save_finish (BudGuideProgress  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        bud_guide_progress_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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

  record = find_record (self, step_id, FALSE);
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

  record = find_record (self, step_id, TRUE);
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

  m = &find_record (self, step_id, TRUE)->levels[component];
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

  m = &find_record (self, step_id, TRUE)->levels[component];
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

  record = find_record (self, step_id, FALSE);
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
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) step_record_free);
  g_mutex_init (&self->save_lock);
}
