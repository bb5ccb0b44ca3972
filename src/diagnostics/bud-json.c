/* bud-json.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every JSON file the app reads comes through here. json-glib 1.6 trusts
 * its input more than we can: it recurses once per nesting level (a deep
 * enough file overflows the stack) and reads whatever it is given. So the
 * size, the encoding and the nesting depth are checked before it sees a
 * byte, and loaders use the typed accessors below, which name the field
 * that is wrong. */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bud-json.h"

#define READ_CHUNK 65536

static gboolean
is_blank (const char *data,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isspace (data[i]))
        {
          return FALSE;
        }
    }

  return TRUE;
}

/* Returns the deepest nesting of arrays and objects outside strings,
 * stopping early once @limit is passed. */
static guint
scan_depth (const char *data,
            gsize       len,
            guint       limit)
{
  guint depth = 0, deepest = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len && deepest <= limit; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            {
              i++;
            }
          else if (c == '"')
            {
              in_string = FALSE;
            }
          continue;
        }

      if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          depth--;
        }
    }

  return deepest;
}

static gboolean
check_bytes (const char *data,
             gsize       len,
             const char *source_name,
             gsize       max_size,
             GError    **error)
{
  if (len > max_size)
    {
      /* Formatted apart: xgettext can't see through G_GSIZE_FORMAT. */
      g_autofree char *limit = g_strdup_printf ("%" G_GSIZE_FORMAT, max_size);

      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_TOO_LARGE,
                   _("The file “%s” is larger than %s bytes, too large to be a valid data "
                     "file."), source_name, limit);
      return FALSE;
    }

  if (is_blank (data, len))
    {
      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_EMPTY,
                   _("The file “%s” is empty."), source_name);
      return FALSE;
    }

  if (memchr (data, '\0', len) != NULL || !g_utf8_validate_len (data, len, NULL))
    {
      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_ENCODING,
                   _("The file “%s” contains binary data or text that is not UTF-8."),
                   source_name);
      return FALSE;
    }

  if (scan_depth (data, len, BUD_JSON_MAX_DEPTH) > BUD_JSON_MAX_DEPTH)
    {
      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_NESTING,
                   _("The file “%s” nests lists or objects deeper than %d levels."),
                   source_name, BUD_JSON_MAX_DEPTH);
      return FALSE;
    }

  return TRUE;
}

/* Keeps one line per error: parser messages can quote input. */
static char *
one_line (const char *message)
{
  char *line = g_strdup (message);

  g_strdelimit (line, "\r\n\t", ' ');
  return line;
}

/**
 * bud_json_parse_bytes:
 * @bytes: the file contents
 * @source_name: the file name to use in errors
 * @max_size: the largest acceptable size in bytes
 * @error: return location for an error in %BUD_DIAGNOSTICS_ERROR
 *
 * Checks the size, encoding and nesting of @bytes, then parses it.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set
 */
JsonNode *
bud_json_parse_bytes (GBytes      *bytes,
                      const char  *source_name,
                      gsize        max_size,
                      GError     **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *reason = NULL;
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (!check_bytes (data, len, source_name, max_size, error))
    {
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      reason = one_line (local_error->message);
      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_SYNTAX,
                   _("The file “%s” is not valid JSON: %s"), source_name, reason);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_EMPTY,
                   _("The file “%s” is empty."), source_name);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

static GBytes *
read_bounded (GFile         *file,
              gsize          max_size,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GByteArray) buffer = g_byte_array_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);

  stream = g_file_read (file, cancellable, &local_error);

  /* One byte past the limit is enough to know the file is too large,
   * whatever it is: a regular file, a FIFO or /dev/zero. */
  while (stream != NULL && buffer->len <= max_size)
    {
      gsize chunk = MIN ((gsize) READ_CHUNK, max_size + 1 - buffer->len);
      guint old_len = buffer->len;
      gsize n_read = 0;

      g_byte_array_set_size (buffer, old_len + chunk);
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer->data + old_len, chunk,
                                    &n_read, cancellable, &local_error))
        {
          break;
        }
      g_byte_array_set_size (buffer, old_len + n_read);
      if (n_read < chunk)
        {
          return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
        }
    }

  if (local_error != NULL)
    {
      g_autofree char *reason = one_line (local_error->message);

      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_READ,
                   _("The file “%s” cannot be read: %s"), name, reason);
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * bud_json_load_gfile:
 * @file: the file to read
 * @max_size: the largest acceptable size in bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error in %BUD_DIAGNOSTICS_ERROR
 *
 * Reads at most @max_size + 1 bytes of @file and parses them with
 * bud_json_parse_bytes(). This blocks: the GUI uses the async variant.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set
 */
JsonNode *
bud_json_load_gfile (GFile         *file,
                     gsize          max_size,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = read_bounded (file, max_size, cancellable, error);
  if (bytes == NULL)
    {
      return NULL;
    }

  name = g_file_get_parse_name (file);
  return bud_json_parse_bytes (bytes, name, max_size, error);
}

JsonNode *
bud_json_load_file (const char  *path,
                    gsize        max_size,
                    GError     **error)
{
  g_autoptr (GFile) file = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  return bud_json_load_gfile (file, max_size, NULL, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  gsize max_size = *(gsize *) task_data;
  GError *error = NULL;
  JsonNode *root;

  root = bud_json_load_gfile (G_FILE (source_object), max_size, cancellable, &error);
  if (root == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
}

/**
 * bud_json_load_file_async:
 * @file: the file to read
 * @max_size: the largest acceptable size in bytes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is parsed
 * @user_data: data for @callback
 *
 * Reads and parses @file in a worker thread, so that neither the I/O nor a
 * slow parse blocks the main loop.
 */
void
bud_json_load_file_async (GFile               *file,
                          gsize                max_size,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  gsize *size_data;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, bud_json_load_file_async);
  size_data = g_new (gsize, 1);
  *size_data = max_size;
  g_task_set_task_data (task, size_data, g_free);
  g_task_run_in_thread (task, load_thread);
}

JsonNode *
bud_json_load_file_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bud_json_load_file_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
field_name (const char *path,
            const char *member)
{
  if (path == NULL || *path == '\0')
    {
      return g_strdup (member);
    }

  return g_strdup_printf ("%s.%s", path, member);
}

static void
set_type_error (GError     **error,
                const char  *source_name,
                const char  *field,
                const char  *expected)
{
  g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID,
               /* Translators: “In “file.json”, models[2].name must be a string.” */
               _("In “%s”, %s must be %s."), source_name, field, expected);
}

/* Sets @out to the member's node, or to %NULL when it is absent or null
 * and the flags allow that. Fails when it is absent or null and they don't. */
static gboolean
get_member (JsonObject   *object,
            const char   *member,
            BudJsonFlags  flags,
            const char   *source_name,
            const char   *path,
            const char   *expected,
            JsonNode    **out,
            GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *field = NULL;

  *out = NULL;
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      *out = node;
      return TRUE;
    }

  if ((node == NULL && (flags & BUD_JSON_OPTIONAL)) ||
      (node != NULL && (flags & BUD_JSON_NULLABLE)))
    {
      return TRUE;
    }

  field = field_name (path, member);
  if (node == NULL)
    {
      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID,
                   _("In “%s”, %s is missing."), source_name, field);
    }
  else
    {
      set_type_error (error, source_name, field, expected);
    }

  return FALSE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         g_utf8_validate (json_node_get_string (node), -1, NULL);
}

gboolean
bud_json_member_string (JsonObject    *object,
                        const char    *member,
                        BudJsonFlags   flags,
                        const char    *source_name,
                        const char    *path,
                        const char   **out,
                        GError       **error)
{
  const char *expected = _("a string");
  g_autofree char *field = NULL;
  JsonNode *node;

  *out = NULL;
  if (!get_member (object, member, flags, source_name, path, expected, &node, error))
    {
      return FALSE;
    }
  if (node == NULL)
    {
      return TRUE;
    }

  if (!node_is_string (node))
    {
      field = field_name (path, member);
      set_type_error (error, source_name, field, expected);
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
bud_json_member_int (JsonObject    *object,
                     const char    *member,
                     gint64         min,
                     gint64         max,
                     BudJsonFlags   flags,
                     const char    *source_name,
                     const char    *path,
                     gint64        *out,
                     GError       **error)
{
  g_autofree char *min_text = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *field = NULL;
  JsonNode *node;

  min_text = g_strdup_printf ("%" G_GINT64_FORMAT, min);
  max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max);
  expected = g_strdup_printf (_("a whole number from %s to %s"), min_text, max_text);
  if (!get_member (object, member, flags, source_name, path, expected, &node, error))
    {
      return FALSE;
    }
  if (node == NULL)
    {
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      field = field_name (path, member);
      set_type_error (error, source_name, field, expected);
      return FALSE;
    }

  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
bud_json_member_array (JsonObject    *object,
                       const char    *member,
                       BudJsonFlags   flags,
                       const char    *source_name,
                       const char    *path,
                       JsonArray    **out,
                       GError       **error)
{
  const char *expected = _("a list");
  g_autofree char *field = NULL;
  JsonNode *node;

  *out = NULL;
  if (!get_member (object, member, flags, source_name, path, expected, &node, error))
    {
      return FALSE;
    }
  if (node == NULL)
    {
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      field = field_name (path, member);
      set_type_error (error, source_name, field, expected);
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
bud_json_member_strv (JsonObject    *object,
                      const char    *member,
                      BudJsonFlags   flags,
                      const char    *source_name,
                      const char    *path,
                      char        ***out,
                      GError       **error)
{
  g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = NULL;
  GError *local_error = NULL;
  guint n;

  *out = NULL;
  if (!bud_json_member_array (object, member, flags, source_name, path, &array, &local_error))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  n = array != NULL ? json_array_get_length (array) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!node_is_string (node))
        {
          g_autofree char *field = field_name (path, member);
          g_autofree char *element = g_strdup_printf ("%s[%u]", field, i);

          set_type_error (error, source_name, element, _("a string"));
          return FALSE;
        }
      g_ptr_array_add (strings, g_strdup (json_node_get_string (node)));
    }

  g_ptr_array_add (strings, NULL);
  *out = (char **) g_ptr_array_free (g_steal_pointer (&strings), FALSE);
  return TRUE;
}

JsonObject *
bud_json_element_object (JsonArray   *array,
                         guint        index,
                         const char  *source_name,
                         const char  *path,
                         GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *element = g_strdup_printf ("%s[%u]", path, index);

      set_type_error (error, source_name, element, _("an object"));
      return NULL;
    }

  return json_node_get_object (node);
}
