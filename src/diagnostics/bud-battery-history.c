/* bud-battery-history.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Battery levels per component over time, one file per device. A sample is
 * kept only when the level or status changes, samples older than 30 days
 * are dropped, and files are replaced atomically. A file that can't be
 * read as a history is moved aside, never deleted: it may be the only
 * evidence someone has for a support request. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "bud-battery-history.h"
#include "bud-json.h"

#define HISTORY_FORMAT 1
#define HISTORY_MAX_FILE_SIZE (8 * 1024 * 1024)
#define MAX_SAMPLES 20000

struct _BudBatteryHistory
{
  GObject parent_instance;

  char *address;
  char *path;
  GArray *samples[BUD_BATTERY_N_COMPONENTS];
  BudClockFunc clock;
  gpointer clock_data;
};

G_DEFINE_FINAL_TYPE (BudBatteryHistory, bud_battery_history, G_TYPE_OBJECT)

enum {
  SAMPLE_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
real_clock (gpointer user_data)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

BudBatteryHistory *
bud_battery_history_new (const char *address)
{
  BudBatteryHistory *self;

  g_return_val_if_fail (address != NULL, NULL);

  self = g_object_new (BUD_TYPE_BATTERY_HISTORY, NULL);
  self->address = g_strdup (address);

  return self;
}

/**
 * bud_battery_history_file_name:
 * @address: a device address
 *
 * Returns: (transfer full): a file name made only of letters, digits and
 *   underscores, whatever @address holds, e.g. "AA_BB_CC_DD_EE_FF.json"
 */
char *
bud_battery_history_file_name (const char *address)
{
  GString *name = g_string_new (NULL);

  for (const char *p = address; p != NULL && *p != '\0' && name->len < 64; p++)
    {
      g_string_append_c (name, g_ascii_isalnum (*p) ? g_ascii_toupper (*p) : '_');
    }
  if (name->len == 0)
    {
      g_string_append (name, "unknown");
    }
  g_string_append (name, ".json");

  return g_string_free (name, FALSE);
}

const char *
bud_battery_history_get_address (BudBatteryHistory *self)
{
  g_return_val_if_fail (BUD_IS_BATTERY_HISTORY (self), NULL);

  return self->address;
}

/* Returns: (nullable): the file the history is saved to, %NULL if in memory only */
const char *
bud_battery_history_get_path (BudBatteryHistory *self)
{
  g_return_val_if_fail (BUD_IS_BATTERY_HISTORY (self), NULL);

  return self->path;
}

void
bud_battery_history_set_clock (BudBatteryHistory *self,
                               BudClockFunc       clock,
                               gpointer           clock_data)
{
  g_return_if_fail (BUD_IS_BATTERY_HISTORY (self));

  self->clock = clock != NULL ? clock : real_clock;
  self->clock_data = clock != NULL ? clock_data : NULL;
}

gint64
bud_battery_history_now (BudBatteryHistory *self)
{
  g_return_val_if_fail (BUD_IS_BATTERY_HISTORY (self), 0);

  return self->clock (self->clock_data);
}

static void
prune (BudBatteryHistory *self,
       GArray            *samples)
{
  gint64 oldest = bud_battery_history_now (self) - BUD_BATTERY_HISTORY_MAX_AGE;
  guint n_old = 0;

  while (n_old < samples->len && g_array_index (samples, BudBatterySample, n_old).time < oldest)
    {
      n_old++;
    }
  n_old = MAX (n_old, samples->len > MAX_SAMPLES ? samples->len - MAX_SAMPLES : 0);
  if (n_old > 0)
    {
      g_array_remove_range (samples, 0, n_old);
    }
}

/**
 * bud_battery_history_add_at:
 * @self: a #BudBatteryHistory
 * @component: which battery
 * @level: 0 to 100, or -1 when the component stopped reporting
 * @status: the status the device reports
 * @time: when, in seconds since the epoch
 *
 * Records a sample if it differs from the component's last one. A time
 * before the last sample's (a clock set back) is moved up to it.
 *
 * Returns: whether the sample was recorded
 */
gboolean
bud_battery_history_add_at (BudBatteryHistory   *self,
                            BudBatteryComponent  component,
                            int                  level,
                            BudChargeStatus      status,
                            gint64               time)
{
  GArray *samples;
  BudBatterySample sample = { time, level, status };

  g_return_val_if_fail (BUD_IS_BATTERY_HISTORY (self), FALSE);
  g_return_val_if_fail ((guint) component < BUD_BATTERY_N_COMPONENTS, FALSE);

  if (level < -1 || level > 100 || (guint) status > BUD_CHARGE_STATUS_CHARGED)
    {
      return FALSE;
    }

  samples = self->samples[component];
  if (samples->len > 0)
    {
      BudBatterySample *last = &g_array_index (samples, BudBatterySample, samples->len - 1);

      if (last->level == level && last->status == status)
        {
          return FALSE;
        }
      sample.time = MAX (sample.time, last->time);
    }

  g_array_append_val (samples, sample);
  prune (self, samples);
  g_signal_emit (self, signals[SAMPLE_ADDED], 0, component);

  return TRUE;
}

gboolean
bud_battery_history_add (BudBatteryHistory   *self,
                         BudBatteryComponent  component,
                         int                  level,
                         BudChargeStatus      status)
{
  g_return_val_if_fail (BUD_IS_BATTERY_HISTORY (self), FALSE);

  return bud_battery_history_add_at (self, component, level, status,
                                     bud_battery_history_now (self));
}

guint
bud_battery_history_get_n_samples (BudBatteryHistory   *self,
                                   BudBatteryComponent  component)
{
  g_return_val_if_fail (BUD_IS_BATTERY_HISTORY (self), 0);
  g_return_val_if_fail ((guint) component < BUD_BATTERY_N_COMPONENTS, 0);

  return self->samples[component]->len;
}

const BudBatterySample *
bud_battery_history_get_sample (BudBatteryHistory   *self,
                                BudBatteryComponent  component,
                                guint                position)
{
  g_return_val_if_fail (BUD_IS_BATTERY_HISTORY (self), NULL);
  g_return_val_if_fail ((guint) component < BUD_BATTERY_N_COMPONENTS, NULL);
  g_return_val_if_fail (position < self->samples[component]->len, NULL);

  return &g_array_index (self->samples[component], BudBatterySample, position);
}

gboolean
bud_battery_history_has_component (BudBatteryHistory   *self,
                                   BudBatteryComponent  component)
{
  return bud_battery_history_get_n_samples (self, component) > 0;
}

void
bud_battery_history_analyze (BudBatteryHistory   *self,
                             BudBatteryComponent  component,
                             gint64               window,
                             BudBatteryAnalysis  *out)
{
  GArray *samples;

  g_return_if_fail (BUD_IS_BATTERY_HISTORY (self));
  g_return_if_fail ((guint) component < BUD_BATTERY_N_COMPONENTS);

  samples = self->samples[component];
  bud_battery_analyze ((const BudBatterySample *) (gpointer) samples->data, samples->len,
                       bud_battery_history_now (self), window, out);
}

static char *
serialize (BudBatteryHistory *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, HISTORY_FORMAT);
  json_builder_set_member_name (builder, "address");
  json_builder_add_string_value (builder, self->address);
  json_builder_set_member_name (builder, "components");
  json_builder_begin_object (builder);
  for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      json_builder_set_member_name (builder, bud_battery_component_to_string (c));
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->samples[c]->len; i++)
        {
          BudBatterySample *sample = &g_array_index (self->samples[c], BudBatterySample, i);

          json_builder_begin_array (builder);
          json_builder_add_int_value (builder, sample->time);
          json_builder_add_int_value (builder, sample->level);
          json_builder_add_string_value (builder, bud_charge_status_to_string (sample->status));
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
write_file (const char  *path,
            const char  *contents,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) local_error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_WRITE,
                   _("The folder “%s” for the battery history cannot be created: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_WRITE,
                   _("The battery history “%s” cannot be saved: %s"),
                   path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * bud_battery_history_save:
 * @self: a #BudBatteryHistory loaded with bud_battery_history_load()
 * @error: return location for an error
 *
 * Replaces the history file atomically. This blocks; the GUI uses
 * bud_battery_history_save_async().
 */
gboolean
bud_battery_history_save (BudBatteryHistory  *self,
                          GError            **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (BUD_IS_BATTERY_HISTORY (self), FALSE);
  g_return_val_if_fail (self->path != NULL, FALSE);

  contents = serialize (self);
  return write_file (self->path, contents, error);
}

typedef struct {
  char *path;
  char *contents;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->path);
  g_free (data->contents);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (!write_file (data->path, data->contents, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
bud_battery_history_save_async (BudBatteryHistory   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (BUD_IS_BATTERY_HISTORY (self));
  g_return_if_fail (self->path != NULL);

  /* The snapshot is taken here, so later samples don't race the writer. */
  data = g_new0 (SaveData, 1);
  data->path = g_strdup (self->path);
  data->contents = serialize (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bud_battery_history_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
bud_battery_history_save_finish (BudBatteryHistory  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static int
compare_samples (gconstpointer a,
                 gconstpointer b)
{
  const BudBatterySample *sa = a, *sb = b;

  return (sa->time > sb->time) - (sa->time < sb->time);
}

static gboolean
parse_sample (JsonNode          *node,
              BudBatterySample  *sample)
{
  JsonArray *row;
  JsonNode *time, *level, *status;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) != 3)
    {
      return FALSE;
    }

  row = json_node_get_array (node);
  time = json_array_get_element (row, 0);
  level = json_array_get_element (row, 1);
  status = json_array_get_element (row, 2);
  if (!JSON_NODE_HOLDS_VALUE (time) || json_node_get_value_type (time) != G_TYPE_INT64 ||
      !JSON_NODE_HOLDS_VALUE (level) || json_node_get_value_type (level) != G_TYPE_INT64 ||
      !JSON_NODE_HOLDS_VALUE (status) || json_node_get_value_type (status) != G_TYPE_STRING)
    {
      return FALSE;
    }

  sample->time = json_node_get_int (time);
  sample->level = (int) CLAMP (json_node_get_int (level), -2, 101);

  return sample->time >= 0 && sample->level >= -1 && sample->level <= 100 &&
         bud_charge_status_from_string (json_node_get_string (status), &sample->status);
}

static gboolean
parse_history (BudBatteryHistory  *self,
               JsonNode           *root,
               GError            **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *components = object != NULL ? json_object_get_member (object, "components") : NULL;
  JsonNode *format = object != NULL ? json_object_get_member (object, "format") : NULL;

  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_INT64 ||
      json_node_get_int (format) != HISTORY_FORMAT ||
      components == NULL || !JSON_NODE_HOLDS_OBJECT (components))
    {
      goto invalid;
    }

  for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      JsonObject *all = json_node_get_object (components);
      const char *name = bud_battery_component_to_string (c);
      JsonNode *list = json_object_get_member (all, name);
      JsonArray *array;

      if (list == NULL)
        {
          continue;
        }
      if (!JSON_NODE_HOLDS_ARRAY (list))
        {
          goto invalid;
        }
      array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          BudBatterySample sample;

          if (!parse_sample (json_array_get_element (array, i), &sample))
            {
              goto invalid;
            }
          g_array_append_val (self->samples[c], sample);
        }
      g_array_sort (self->samples[c], compare_samples);
      prune (self, self->samples[c]);
    }

  return TRUE;

invalid:
  g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID,
               _("The battery history “%s” is not in the expected format."), self->path);
  return FALSE;
}

static gboolean
move_aside (BudBatteryHistory  *self,
            const char         *reason,
            char              **notice,
            GError            **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (bud_battery_history_now (self));
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *aside = g_strdup_printf ("%s.corrupt-%s", self->path, stamp);
  g_autofree char *message = NULL;

  if (g_rename (self->path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_WRITE,
                   _("The damaged battery history “%s” cannot be moved aside: %s"),
                   self->path, g_strerror (saved_errno));
      return FALSE;
    }

  message = g_strdup_printf (_("%s It was moved to “%s” and a new history was started."),
                             reason, aside);
  g_message ("%s", message);
  if (notice != NULL)
    {
      *notice = g_steal_pointer (&message);
    }

  return TRUE;
}

/**
 * bud_battery_history_load:
 * @directory: where histories live, e.g. g_get_user_data_dir()/earbud-doctor/history
 * @address: the device address
 * @clock: (nullable): the clock to use, %NULL for the real one
 * @clock_data: data for @clock
 * @notice: (out) (optional) (nullable): set to a message for people when a
 *   damaged file was moved aside
 * @error: return location for an error
 *
 * Loads the device's history, or starts an empty one when there is no file
 * yet or the file is damaged. Fails only when the file can't be read or a
 * damaged one can't be moved aside.
 */
BudBatteryHistory *
bud_battery_history_load (const char  *directory,
                          const char  *address,
                          BudClockFunc clock,
                          gpointer     clock_data,
                          char       **notice,
                          GError     **error)
{
  g_autoptr (BudBatteryHistory) self = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (address != NULL, NULL);

  if (notice != NULL)
    {
      *notice = NULL;
    }

  self = bud_battery_history_new (address);
  bud_battery_history_set_clock (self, clock, clock_data);
  file_name = bud_battery_history_file_name (address);
  self->path = g_build_filename (directory, file_name, NULL);

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      return g_steal_pointer (&self);
    }

  root = bud_json_load_file (self->path, HISTORY_MAX_FILE_SIZE, &local_error);
  if (root == NULL && g_error_matches (local_error, BUD_DIAGNOSTICS_ERROR,
                                       BUD_DIAGNOSTICS_ERROR_READ))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (root == NULL || !parse_history (self, root, &local_error))
    {
      for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
        {
          g_array_set_size (self->samples[c], 0);
        }
      if (!move_aside (self, local_error->message, notice, error))
        {
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

typedef struct {
  char *directory;
  char *address;
  BudClockFunc clock;
  gpointer clock_data;
  char *notice;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->directory);
  g_free (data->address);
  g_free (data->notice);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  BudBatteryHistory *history;

  history = bud_battery_history_load (data->directory, data->address, data->clock,
                                      data->clock_data, &data->notice, &error);
  if (history == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, history, g_object_unref);
}

/**
 * bud_battery_history_load_async:
 * @directory: where histories live
 * @address: the device address
 * @clock: (nullable): the clock to use, %NULL for the real one; it is
 *   called from a worker thread too
 * @clock_data: data for @clock
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the history is loaded
 * @user_data: data for @callback
 *
 * Like bud_battery_history_load(), without blocking the main loop.
 */
void
bud_battery_history_load_async (const char          *directory,
                                const char          *address,
                                BudClockFunc         clock,
                                gpointer             clock_data,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (directory != NULL);
  g_return_if_fail (address != NULL);

  data = g_new0 (LoadData, 1);
  data->directory = g_strdup (directory);
  data->address = g_strdup (address);
  data->clock = clock;
  data->clock_data = clock_data;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bud_battery_history_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * bud_battery_history_load_finish:
 * @result: the result passed to the callback
 * @notice: (out) (optional) (nullable): as for bud_battery_history_load()
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the history
 */
BudBatteryHistory *
bud_battery_history_load_finish (GAsyncResult  *result,
                                 char         **notice,
                                 GError       **error)
{
  LoadData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (notice != NULL)
    {
      *notice = g_steal_pointer (&data->notice);
    }

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
bud_battery_history_finalize (GObject *object)
{
  BudBatteryHistory *self = BUD_BATTERY_HISTORY (object);

  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->path, g_free);
  for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      g_clear_pointer (&self->samples[c], g_array_unref);
    }

  G_OBJECT_CLASS (bud_battery_history_parent_class)->finalize (object);
}

static void
bud_battery_history_class_init (BudBatteryHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bud_battery_history_finalize;

  /**
   * BudBatteryHistory::sample-added:
   * @component: the #BudBatteryComponent that got a new sample
   */
  signals[SAMPLE_ADDED] =
    g_signal_new ("sample-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
bud_battery_history_init (BudBatteryHistory *self)
{
  for (guint c = 0; c < BUD_BATTERY_N_COMPONENTS; c++)
    {
      self->samples[c] = g_array_new (FALSE, FALSE, sizeof (BudBatterySample));
    }
  self->clock = real_clock;
}
