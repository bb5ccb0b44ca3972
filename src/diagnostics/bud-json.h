/* bud-json.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bud-diagnostics-error.h"

G_BEGIN_DECLS

/* Deeper than any of our formats needs; json-glib recurses per level. */
#define BUD_JSON_MAX_DEPTH 64

#define BUD_JSON_CATALOG_MAX_SIZE (1024 * 1024)

typedef enum {
  BUD_JSON_REQUIRED = 0,
  BUD_JSON_OPTIONAL = 1 << 0, /* a missing member is fine */
  BUD_JSON_NULLABLE = 1 << 1, /* an explicit null is fine */
} BudJsonFlags;

JsonNode *bud_json_parse_bytes       (GBytes              *bytes,
                                      const char          *source_name,
                                      gsize                max_size,
                                      GError             **error);
JsonNode *bud_json_load_file         (const char          *path,
                                      gsize                max_size,
                                      GError             **error);
JsonNode *bud_json_load_gfile        (GFile               *file,
                                      gsize                max_size,
                                      GCancellable        *cancellable,
                                      GError             **error);
void      bud_json_load_file_async   (GFile               *file,
                                      gsize                max_size,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
JsonNode *bud_json_load_file_finish  (GAsyncResult        *result,
                                      GError             **error);

/* Typed member access for validating loaders. @path is where @object sits
 * in the document ("models[2]"), used to name the field in errors. */
gboolean  bud_json_member_string     (JsonObject          *object,
                                      const char          *member,
                                      BudJsonFlags         flags,
                                      const char          *source_name,
                                      const char          *path,
                                      const char         **out,
                                      GError             **error);
gboolean  bud_json_member_int        (JsonObject          *object,
                                      const char          *member,
                                      gint64               min,
                                      gint64               max,
                                      BudJsonFlags         flags,
                                      const char          *source_name,
                                      const char          *path,
                                      gint64              *out,
                                      GError             **error);
gboolean  bud_json_member_array      (JsonObject          *object,
                                      const char          *member,
                                      BudJsonFlags         flags,
                                      const char          *source_name,
                                      const char          *path,
                                      JsonArray          **out,
                                      GError             **error);
gboolean  bud_json_member_strv       (JsonObject          *object,
                                      const char          *member,
                                      BudJsonFlags         flags,
                                      const char          *source_name,
                                      const char          *path,
                                      char              ***out,
                                      GError             **error);
JsonObject *bud_json_element_object  (JsonArray           *array,
                                      guint                index,
                                      const char          *source_name,
                                      const char          *path,
                                      GError             **error);

G_END_DECLS
