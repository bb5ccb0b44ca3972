/* bud-guide.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A guide is data: data/guides/<model-id>.json, read through the hardened
 * loader in the diagnostics module and validated field by field here, so
 * that a bad file gives one sentence naming the file and the field. Its
 * text is translated at load time; src/guide/xgettext-guides.py puts the
 * same strings into the .pot. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bud-json.h"
#include "bud-guide-private.h"

#define FORMAT_VERSION 1
#define MAX_STEPS 32

struct _BudGuide
{
  GObject parent_instance;

  char *model_id;
  char *name;
  char *source_name;
  GPtrArray *steps;
  GError *fallback_error;
};

static void bud_guide_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BudGuide, bud_guide, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      bud_guide_list_model_init))
G_DEFINE_QUARK (bud-guide-error-quark, bud_guide_error)

static const char * const guide_members[] = { "format", "model", "name", "steps", NULL };

/* The diagnostics loader reports in its own domain; callers of this module
 * only need to tell an unreadable file from a bad one. */
void
bud_guide_propagate_error (GError **dest,
                           GError  *src)
{
  int code = BUD_GUIDE_ERROR_INVALID;

  if (src->domain == BUD_GUIDE_ERROR)
    {
      g_propagate_error (dest, src);
      return;
    }
  if (g_error_matches (src, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_READ))
    {
      code = BUD_GUIDE_ERROR_READ;
    }

  g_set_error_literal (dest, BUD_GUIDE_ERROR, code, src->message);
  g_error_free (src);
}

static gboolean
load_steps (BudGuide    *self,
            JsonArray   *steps,
            const char  *source_name,
            GError     **error)
{
  guint n = json_array_get_length (steps);

  if (n == 0 || n > MAX_STEPS)
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("In “%s”, steps must have from 1 to %u entries."), source_name, MAX_STEPS);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("steps[%u]", i);
      JsonObject *object = bud_json_element_object (steps, i, source_name, "steps", error);
      BudGuideStep *step;

      step = object != NULL ? bud_guide_step_new_from_json (object, source_name, path, error)
                            : NULL;
      if (step == NULL)
        {
          return FALSE;
        }
      g_ptr_array_add (self->steps, step);

      if (bud_guide_lookup_step (self, bud_guide_step_get_id (step), NULL) != step)
        {
          g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                       _("In “%s”, %s.id “%s” is used by an earlier step too."),
                       source_name, path, bud_guide_step_get_id (step));
          return FALSE;
        }
    }

  return TRUE;
}

static BudGuide *
guide_new_from_node (JsonNode    *root,
                     const char  *source_name,
                     GError     **error)
{
  g_autoptr (BudGuide) self = g_object_new (BUD_TYPE_GUIDE, NULL);
  const char *model_id = NULL, *name = NULL;
  JsonArray *steps = NULL;
  JsonObject *object;
  gint64 format = 0;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("The guide “%s” must be a JSON object."), source_name);
      return NULL;
    }
  object = json_node_get_object (root);

  if (!bud_guide_check_members (object, guide_members, source_name, "", error) ||
      !bud_json_member_int (object, "format", 1, G_MAXINT, BUD_JSON_REQUIRED, source_name, "",
                            &format, error))
    {
      return NULL;
    }
  if (format != FORMAT_VERSION)
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("The guide “%s” has format %d, but this version of Earbud Doctor only "
                     "reads format %d."),
                   source_name, (int) format, FORMAT_VERSION);
      return NULL;
    }

  if (!bud_json_member_string (object, "model", BUD_JSON_REQUIRED, source_name, "",
                               &model_id, error) ||
      !bud_guide_check_identifier (model_id, source_name, "model", error) ||
      !bud_json_member_string (object, "name", BUD_JSON_REQUIRED, source_name, "",
                               &name, error) ||
      !bud_json_member_array (object, "steps", BUD_JSON_REQUIRED, source_name, "",
                              &steps, error))
    {
      return NULL;
    }
  if (*name == '\0')
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("In “%s”, name must not be empty."), source_name);
      return NULL;
    }

  self->model_id = g_strdup (model_id);
  self->name = bud_guide_translate (name);
  self->source_name = g_strdup (source_name);
  if (!load_steps (self, steps, source_name, error))
    {
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * bud_guide_new_from_bytes:
 * @bytes: the contents of a guide file
 * @source_name: the file name to use in errors
 * @error: return location for a %BUD_GUIDE_ERROR
 *
 * Parses and validates a guide. Any input, of any size or shape, gives
 * either a guide or an error naming @source_name and the faulty field.
 *
 * Returns: (transfer full) (nullable): the guide, with its text translated
 */
BudGuide *
bud_guide_new_from_bytes (GBytes      *bytes,
                          const char  *source_name,
                          GError     **error)
{
  g_autoptr (JsonNode) root = NULL;
  GError *local_error = NULL;
  BudGuide *guide;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);

  root = bud_json_parse_bytes (bytes, source_name, BUD_GUIDE_MAX_SIZE, &local_error);
  guide = root != NULL ? guide_new_from_node (root, source_name, &local_error) : NULL;
  if (guide == NULL)
    {
      bud_guide_propagate_error (error, local_error);
    }

  return guide;
}

/**
 * bud_guide_new_from_file:
 *
 * Like bud_guide_new_from_bytes(), reading @file. This blocks: the GUI uses
 * bud_guide_new_from_file_async() or bud_guide_load_for_model_async().
 */
BudGuide *
bud_guide_new_from_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *source_name = NULL;
  GError *local_error = NULL;
  BudGuide *guide;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  source_name = g_file_get_parse_name (file);
  root = bud_json_load_gfile (file, BUD_GUIDE_MAX_SIZE, cancellable, &local_error);
  guide = root != NULL ? guide_new_from_node (root, source_name, &local_error) : NULL;
  if (guide == NULL)
    {
      bud_guide_propagate_error (error, local_error);
    }

  return guide;
}

static void
new_from_file_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  BudGuide *guide = bud_guide_new_from_file (task_data, cancellable, &error);

  if (guide == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, guide, g_object_unref);
}

void
bud_guide_new_from_file_async (GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bud_guide_new_from_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, new_from_file_thread);
}

BudGuide *
bud_guide_new_from_file_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        bud_guide_new_from_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static BudGuide *
load_model_guide (GFile         *guides_dir,
                  const char    *model_id,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *basename = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (BudGuide) guide = NULL;

  if (!bud_guide_check_identifier (model_id, model_id, "model", NULL))
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_NOT_FOUND,
                   _("“%s” is not a valid model name, so there is no guide for it."),
                   model_id);
      return NULL;
    }

  basename = g_strconcat (model_id, ".json", NULL);
  file = g_file_get_child (guides_dir, basename);
  if (!g_file_query_exists (file, cancellable))
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_NOT_FOUND,
                   _("There is no guide for the model “%s” yet."), model_id);
      return NULL;
    }

  guide = bud_guide_new_from_file (file, cancellable, error);
  if (guide != NULL && g_strcmp0 (guide->model_id, model_id) != 0)
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("The guide “%s” is for the model “%s”, not “%s”."),
                   guide->source_name, guide->model_id, model_id);
      return NULL;
    }

  return g_steal_pointer (&guide);
}

/**
 * bud_guide_load_for_model:
 * @guides_dir: the folder holding the guides
 * @model_id: (nullable): the model, or %NULL or "generic" for unknown earbuds
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a %BUD_GUIDE_ERROR
 *
 * Loads `<model_id>.json` from @guides_dir. When that guide is missing or
 * bad, loads `generic.json` instead and keeps the reason, which
 * bud_guide_get_fallback_error() returns, so that the app can say why.
 * This blocks; see bud_guide_load_for_model_async().
 *
 * Returns: (transfer full) (nullable): a guide, or %NULL if even the generic one fails
 */
BudGuide *
bud_guide_load_for_model (GFile         *guides_dir,
                          const char    *model_id,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr (GError) fallback_error = NULL;
  g_autoptr (GFile) generic_file = NULL;
  BudGuide *guide;

  g_return_val_if_fail (G_IS_FILE (guides_dir), NULL);

  if (model_id != NULL && g_strcmp0 (model_id, BUD_GUIDE_GENERIC_MODEL) != 0)
    {
      guide = load_model_guide (guides_dir, model_id, cancellable, &fallback_error);
      if (guide != NULL)
        {
          return guide;
        }
    }

  generic_file = g_file_get_child (guides_dir, BUD_GUIDE_GENERIC_MODEL ".json");
  guide = bud_guide_new_from_file (generic_file, cancellable, error);
  if (guide != NULL)
    {
      guide->fallback_error = g_steal_pointer (&fallback_error);
    }

  return guide;
}

typedef struct {
  GFile *guides_dir;
  char *model_id;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->guides_dir);
  g_clear_pointer (&data->model_id, g_free);
  g_free (data);
}

static void
load_for_model_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  BudGuide *guide;

  guide = bud_guide_load_for_model (data->guides_dir, data->model_id, cancellable, &error);
  if (guide == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, guide, g_object_unref);
}

void
bud_guide_load_for_model_async (GFile               *guides_dir,
                                const char          *model_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (G_IS_FILE (guides_dir));

  data = g_new0 (LoadData, 1);
  data->guides_dir = g_object_ref (guides_dir);
  data->model_id = g_strdup (model_id);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bud_guide_load_for_model_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_for_model_thread);
}

BudGuide *
bud_guide_load_for_model_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        bud_guide_load_for_model_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
bud_guide_get_model_id (BudGuide *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE (self), NULL);

  return self->model_id;
}

/* The earbuds' name as people know it, e.g. "Sony WF-1000XM4", translated. */
const char *
bud_guide_get_name (BudGuide *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE (self), NULL);

  return self->name;
}

const char *
bud_guide_get_source_name (BudGuide *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE (self), NULL);

  return self->source_name;
}

/**
 * bud_guide_get_fallback_error:
 *
 * Returns: (nullable): why this generic guide was loaded instead of the
 *   model's own, or %NULL when the guide is the one asked for
 */
const GError *
bud_guide_get_fallback_error (BudGuide *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE (self), NULL);

  return self->fallback_error;
}

guint
bud_guide_get_n_steps (BudGuide *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE (self), 0);

  return self->steps->len;
}

/**
 * bud_guide_get_step:
 *
 * Returns: (transfer none): the step at @position
 */
BudGuideStep *
bud_guide_get_step (BudGuide *self,
                    guint     position)
{
  g_return_val_if_fail (BUD_IS_GUIDE (self), NULL);
  g_return_val_if_fail (position < self->steps->len, NULL);

  return g_ptr_array_index (self->steps, position);
}

/**
 * bud_guide_lookup_step:
 * @position: (out) (optional): where the step is
 *
 * Returns: (transfer none) (nullable): the step with @step_id
 */
BudGuideStep *
bud_guide_lookup_step (BudGuide   *self,
                       const char *step_id,
                       guint      *position)
{
  g_return_val_if_fail (BUD_IS_GUIDE (self), NULL);
  g_return_val_if_fail (step_id != NULL, NULL);

  for (guint i = 0; i < self->steps->len; i++)
    {
      BudGuideStep *step = g_ptr_array_index (self->steps, i);

      if (g_str_equal (bud_guide_step_get_id (step), step_id))
        {
          if (position != NULL)
            {
              *position = i;
            }
          return step;
        }
    }

  return NULL;
}

/**
 * bud_guide_lookup_step_for_finding:
 * @position: (out) (optional): where the step is
 *
 * Returns: (transfer none) (nullable): the first step that @finding_id points to
 */
BudGuideStep *
bud_guide_lookup_step_for_finding (BudGuide   *self,
                                   const char *finding_id,
                                   guint      *position)
{
  g_return_val_if_fail (BUD_IS_GUIDE (self), NULL);
  g_return_val_if_fail (finding_id != NULL, NULL);

  for (guint i = 0; i < self->steps->len; i++)
    {
      BudGuideStep *step = g_ptr_array_index (self->steps, i);

      if (bud_guide_step_has_finding (step, finding_id))
        {
          if (position != NULL)
            {
              *position = i;
            }
          return step;
        }
    }

  return NULL;
}

static GType
bud_guide_get_item_type (GListModel *model)
{
  return BUD_TYPE_GUIDE_STEP;
}

static guint
bud_guide_get_n_items (GListModel *model)
{
  return BUD_GUIDE (model)->steps->len;
}

static gpointer
bud_guide_get_item (GListModel *model,
                    guint       position)
{
  BudGuide *self = BUD_GUIDE (model);

  if (position >= self->steps->len)
    {
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (self->steps, position));
}

static void
bud_guide_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = bud_guide_get_item_type;
  iface->get_n_items = bud_guide_get_n_items;
  iface->get_item = bud_guide_get_item;
}

static void
bud_guide_finalize (GObject *object)
{
  BudGuide *self = BUD_GUIDE (object);

  g_clear_pointer (&self->model_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_error (&self->fallback_error);

  G_OBJECT_CLASS (bud_guide_parent_class)->finalize (object);
}

static void
bud_guide_class_init (BudGuideClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bud_guide_finalize;
}

static void
bud_guide_init (BudGuide *self)
{
  self->steps = g_ptr_array_new_with_free_func (g_object_unref);
}
