/* bud-guide-progress-file.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* BudGuideProgress on disk: one small JSON file per device (or per model
 * when no device is known) in a folder the caller chooses. Saving replaces
 * the file atomically in a worker thread; a file that can't be read back
 * is set aside and the person starts afresh. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bud-json.h"
#include "bud-guide-private.h"
#include "bud-guide-progress-private.h"

#define FORMAT_VERSION 1
#define MAX_FILE_SIZE (256 * 1024)
#define MAX_STEPS 64

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
  StepRecord *record = bud_guide_step_record_new (NULL);
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
      bud_guide_step_record_free (record);
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
      if (bud_guide_progress_find_record (self, record->step_id, FALSE) != NULL)
        {
          g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                       _("In “%s”, the step “%s” is listed twice."), source_name, record->step_id);
          bud_guide_step_record_free (record);
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
