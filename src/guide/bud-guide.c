/* bud-guide.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "bud-guide.h"

typedef struct {
  char *id;
  char *title;
} Step;

struct _BudGuide
{
  GObject parent_instance;

  char *model_id;
  GPtrArray *steps;
};

G_DEFINE_FINAL_TYPE (BudGuide, bud_guide, G_TYPE_OBJECT)
G_DEFINE_QUARK (bud-guide-error-quark, bud_guide_error)

static void
step_free (Step *step)
{
  g_free (step->id);
  g_free (step->title);
  g_free (step);
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      return NULL;
    }

  return json_node_get_string (node);
}

static gboolean
load_steps (BudGuide   *self,
            JsonArray  *array,
            const char *source_name,
            GError    **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *id = NULL, *title = NULL;
      Step *step;

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          id = member_string (json_node_get_object (node), "id");
          title = member_string (json_node_get_object (node), "title");
        }
      if (id == NULL || title == NULL)
        {
          g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                       _("Step %u in the guide “%s” needs an “id” and a “title”."),
                       i + 1, source_name);
          return FALSE;
        }

      step = g_new0 (Step, 1);
      step->id = g_strdup (id);
      step->title = g_strdup (title);
      g_ptr_array_add (self->steps, step);
    }

  return TRUE;
}

BudGuide *
bud_guide_new_from_bytes (GBytes     *bytes,
                          const char *source_name,
                          GError    **error)
{
  g_autoptr (BudGuide) self = NULL;
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *steps;
  const char *model_id;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (size == 0)
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("The guide “%s” is empty."), source_name);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, (gssize) size, &local_error))
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("The guide “%s” is not valid JSON: %s"),
                   source_name, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  model_id = object != NULL ? member_string (object, "model") : NULL;
  steps = object != NULL ? json_object_get_member (object, "steps") : NULL;
  if (model_id == NULL || steps == NULL || !JSON_NODE_HOLDS_ARRAY (steps))
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("The guide “%s” needs a “model” name and a list of “steps”."),
                   source_name);
      return NULL;
    }

  self = g_object_new (BUD_TYPE_GUIDE, NULL);
  self->model_id = g_strdup (model_id);
  if (!load_steps (self, json_node_get_array (steps), source_name, error))
    {
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
bud_guide_get_model_id (BudGuide *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE (self), NULL);

  return self->model_id;
}

guint
bud_guide_get_n_steps (BudGuide *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE (self), 0);

  return self->steps->len;
}

const char *
bud_guide_get_step_id (BudGuide *self,
                       guint     position)
{
  g_return_val_if_fail (BUD_IS_GUIDE (self), NULL);
  g_return_val_if_fail (position < self->steps->len, NULL);

  return ((Step *) g_ptr_array_index (self->steps, position))->id;
}

const char *
bud_guide_get_step_title (BudGuide *self,
                          guint     position)
{
  g_return_val_if_fail (BUD_IS_GUIDE (self), NULL);
  g_return_val_if_fail (position < self->steps->len, NULL);

  return ((Step *) g_ptr_array_index (self->steps, position))->title;
}

static void
bud_guide_finalize (GObject *object)
{
  BudGuide *self = BUD_GUIDE (object);

  g_clear_pointer (&self->model_id, g_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);

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
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
}
