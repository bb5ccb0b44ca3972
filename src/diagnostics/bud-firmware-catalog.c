/* bud-firmware-catalog.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The firmware catalogue (data/firmware.json): curated data with an "as of"
 * date, so every verdict says "latest known as of DATE". Every field is
 * type-checked on load; a wrong one names the file and the field. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bud-firmware-catalog.h"
#include "bud-firmware-model-private.h"
#include "bud-json.h"
#include "bud-modalias.h"
#include "bud-version.h"

#define CATALOG_FORMAT 1
#define MAX_MODELS 256

struct _BudFirmwareCatalog
{
  GObject parent_instance;

  char *as_of;
  GPtrArray *models; /* BudFirmwareModel */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BudFirmwareCatalog, bud_firmware_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static gboolean
parse_models (BudFirmwareCatalog  *self,
              JsonArray           *array,
              const char          *source_name,
              GError             **error)
{
  guint n = json_array_get_length (array);

  if (n > MAX_MODELS)
    {
      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID,
                   _("In “%s”, models has more than %d entries."), source_name, MAX_MODELS);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("models[%u]", i);
      JsonObject *item = bud_json_element_object (array, i, source_name, "models", error);
      BudFirmwareModel *model;

      model = item != NULL ? bud_firmware_model_new_from_json (item, source_name, path, error)
                           : NULL;
      if (model == NULL)
        {
          return FALSE;
        }
      if (bud_firmware_catalog_lookup (self, bud_firmware_model_get_id (model)) != NULL)
        {
          g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID,
                       _("In “%s”, %s.id “%s” is used by an earlier model too."),
                       source_name, path, bud_firmware_model_get_id (model));
          g_object_unref (model);
          return FALSE;
        }
      g_ptr_array_add (self->models, model);
    }

  return TRUE;
}

static BudFirmwareCatalog *
catalog_new_from_node (JsonNode    *root,
                       const char  *source_name,
                       GError     **error)
{
  g_autoptr (BudFirmwareCatalog) self = g_object_new (BUD_TYPE_FIRMWARE_CATALOG, NULL);
  JsonObject *object;
  JsonArray *models = NULL;
  const char *as_of = NULL;
  gint64 format = 0;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID,
                   _("The file “%s” must hold a JSON object with “format”, “as_of” and "
                     "“models”."), source_name);
      return NULL;
    }

  object = json_node_get_object (root);
  if (!bud_json_member_int (object, "format", 0, G_MAXINT, 0, source_name, "", &format, error))
    {
      return NULL;
    }
  if (format != CATALOG_FORMAT)
    {
      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID,
                   _("In “%s”, format must be %d; this version of Earbud Doctor cannot read "
                     "format %d."), source_name, CATALOG_FORMAT, (int) format);
      return NULL;
    }

  if (!bud_json_member_string (object, "as_of", 0, source_name, "", &as_of, error) ||
      !bud_json_member_array (object, "models", 0, source_name, "", &models, error))
    {
      return NULL;
    }

  if (!bud_firmware_date_is_valid (as_of))
    {
      g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID,
                   _("In “%s”, as_of must be a date such as 2026-09-30."), source_name);
      return NULL;
    }

  self->as_of = g_strdup (as_of);
  if (!parse_models (self, models, source_name, error))
    {
      return NULL;
    }

  return g_steal_pointer (&self);
}

BudFirmwareCatalog *
bud_firmware_catalog_new_from_bytes (GBytes      *bytes,
                                     const char  *source_name,
                                     GError     **error)
{
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);

  root = bud_json_parse_bytes (bytes, source_name, BUD_JSON_CATALOG_MAX_SIZE, error);
  if (root == NULL)
    {
      return NULL;
    }

  return catalog_new_from_node (root, source_name, error);
}

/**
 * bud_firmware_catalog_new_from_file:
 * @path: the catalogue file
 * @error: return location for an error in %BUD_DIAGNOSTICS_ERROR
 *
 * Loads a catalogue, blocking; for budctl and tests. The GUI uses
 * bud_firmware_catalog_load_async().
 */
BudFirmwareCatalog *
bud_firmware_catalog_new_from_file (const char  *path,
                                    GError     **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  root = bud_json_load_gfile (file, BUD_JSON_CATALOG_MAX_SIZE, NULL, error);
  if (root == NULL)
    {
      return NULL;
    }

  name = g_file_get_parse_name (file);
  return catalog_new_from_node (root, name, error);
}

static void
json_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;
  BudFirmwareCatalog *catalog;

  root = bud_json_load_file_finish (result, &error);
  name = g_file_get_parse_name (G_FILE (source));
  catalog = root != NULL ? catalog_new_from_node (root, name, &error) : NULL;
  if (catalog == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, catalog, g_object_unref);
}

void
bud_firmware_catalog_load_async (GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bud_firmware_catalog_load_async);
  bud_json_load_file_async (file, BUD_JSON_CATALOG_MAX_SIZE, cancellable, json_loaded_cb, task);
}

BudFirmwareCatalog *
bud_firmware_catalog_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
bud_firmware_catalog_get_as_of (BudFirmwareCatalog *self)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_CATALOG (self), NULL);

  return self->as_of;
}

/* Returns: (transfer none) (nullable): the model with @model_id */
BudFirmwareModel *
bud_firmware_catalog_lookup (BudFirmwareCatalog *self,
                             const char         *model_id)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_CATALOG (self), NULL);

  for (guint i = 0; model_id != NULL && i < self->models->len; i++)
    {
      BudFirmwareModel *model = g_ptr_array_index (self->models, i);

      if (g_str_equal (bud_firmware_model_get_id (model), model_id))
        {
          return model;
        }
    }

  return NULL;
}

static gboolean
has_any_uuid (BudFirmwareModel   *model,
              const char * const *uuids)
{
  for (guint i = 0; uuids != NULL && uuids[i] != NULL; i++)
    {
      if (bud_firmware_model_has_service_uuid (model, uuids[i]))
        {
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * bud_firmware_catalog_match:
 * @self: a #BudFirmwareCatalog
 * @modalias: (nullable): BlueZ's Modalias
 * @name: (nullable): the device's name
 * @alias: (nullable): the device's alias
 * @uuids: (nullable): the device's service UUIDs
 *
 * Identifies a device. The vendor and product ids of the Modalias decide
 * when they are known. Otherwise the name, then the alias, is matched
 * against the name patterns, with the service UUIDs breaking ties. UUIDs
 * alone decide only when exactly one model lists them, since one vendor
 * protocol serves many models.
 *
 * Returns: (nullable): the model id, or %NULL when no model matches
 */
const char *
bud_firmware_catalog_match (BudFirmwareCatalog *self,
                            const char         *modalias,
                            const char         *name,
                            const char         *alias,
                            const char * const *uuids)
{
  const char *names[] = { name, alias };
  BudFirmwareModel *by_uuid = NULL;
  guint n_by_uuid = 0;
  BudModalias ids;

  g_return_val_if_fail (BUD_IS_FIRMWARE_CATALOG (self), NULL);

  for (guint i = 0; bud_modalias_parse (modalias, &ids) && i < self->models->len; i++)
    {
      BudFirmwareModel *model = g_ptr_array_index (self->models, i);

      if (bud_firmware_model_get_vendor_id (model) == ids.vendor &&
          bud_firmware_model_get_product_id (model) == ids.product)
        {
          return bud_firmware_model_get_id (model);
        }
    }

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      BudFirmwareModel *first = NULL;

      for (guint i = 0; i < self->models->len; i++)
        {
          BudFirmwareModel *model = g_ptr_array_index (self->models, i);

          if (!bud_firmware_model_matches_name (model, names[n]))
            {
              continue;
            }
          if (has_any_uuid (model, uuids))
            {
              return bud_firmware_model_get_id (model);
            }
          first = first != NULL ? first : model;
        }
      if (first != NULL)
        {
          return bud_firmware_model_get_id (first);
        }
    }

  for (guint i = 0; i < self->models->len; i++)
    {
      BudFirmwareModel *model = g_ptr_array_index (self->models, i);

      if (has_any_uuid (model, uuids))
        {
          by_uuid = model;
          n_by_uuid++;
        }
    }

  return n_by_uuid == 1 ? bud_firmware_model_get_id (by_uuid) : NULL;
}

/* The release that brought @issue_id to @installed, and the first later
 * release that fixed it, if any. */
static void
find_issue_releases (BudFirmwareModel  *model,
                     const char        *issue_id,
                     const char        *installed,
                     const char       **introduced,
                     const char       **fixed)
{
  guint n = bud_firmware_model_get_n_releases (model);

  *introduced = NULL;
  *fixed = NULL;
  for (guint i = 0; i < n; i++)
    {
      const BudFirmwareRelease *release = bud_firmware_model_get_release (model, i);

      if (g_strv_contains ((const char * const *) release->introduces, issue_id) &&
          bud_version_compare (release->version, installed) <= 0 &&
          (*introduced == NULL || bud_version_compare (release->version, *introduced) > 0))
        {
          *introduced = release->version;
        }
    }

  for (guint i = 0; *introduced != NULL && i < n; i++)
    {
      const BudFirmwareRelease *release = bud_firmware_model_get_release (model, i);

      if (g_strv_contains ((const char * const *) release->fixes, issue_id) &&
          bud_version_compare (release->version, *introduced) > 0 &&
          (*fixed == NULL || bud_version_compare (release->version, *fixed) < 0))
        {
          *fixed = release->version;
        }
    }
}

static char *
describe_issue (BudFirmwareModel *model,
                const char       *issue_id,
                const char       *installed)
{
  g_autofree char *what = NULL;
  const char *introduced, *fixed;

  find_issue_releases (model, issue_id, installed, &introduced, &fixed);
  if (g_str_equal (issue_id, "battery-drain"))
    {
      what = g_strdup_printf (_("Firmware %s is the release after which many people reported "
                                "one earbud, often the right one, draining fast and "
                                "getting warm while charging."), introduced);
    }
  else
    {
      const char *text = bud_firmware_model_get_issue_text (model, issue_id);

      what = g_strdup_printf (_("Known problem since firmware %s: %s"), introduced,
                              text != NULL ? text : issue_id);
    }

  if (fixed == NULL)
    {
      return g_steal_pointer (&what);
    }

  return g_strdup_printf (_("%s Version %s was reported to fix it."), what, fixed);
}

static void
fill_notes (BudFirmwareCheck *check,
            BudFirmwareModel *model)
{
  g_autoptr (GPtrArray) notes = g_ptr_array_new ();
  const BudFirmwareRelease *release;

  check->open_issues = bud_firmware_model_get_open_issues (model, check->installed);
  for (char **id = check->open_issues; *id != NULL; id++)
    {
      g_ptr_array_add (notes, describe_issue (model, *id, check->installed));
    }

  release = bud_firmware_model_find_release (model, check->installed);
  for (guint i = 0; release != NULL && release->notes[i] != NULL; i++)
    {
      g_ptr_array_add (notes, g_strdup (release->notes[i]));
    }

  g_ptr_array_add (notes, NULL);
  check->notes = (char **) g_ptr_array_free (g_steal_pointer (&notes), FALSE);
}

/**
 * bud_firmware_catalog_check:
 * @self: a #BudFirmwareCatalog
 * @model_id: a model id, e.g. "sony-wf-1000xm4"
 * @installed: the installed firmware version
 *
 * Compares @installed with the latest version the catalogue knows.
 *
 * Returns: (transfer full): the verdict, never %NULL
 */
BudFirmwareCheck *
bud_firmware_catalog_check (BudFirmwareCatalog *self,
                            const char         *model_id,
                            const char         *installed)
{
  BudFirmwareCheck *check = g_new0 (BudFirmwareCheck, 1);
  BudFirmwareModel *model;
  int cmp;

  g_return_val_if_fail (BUD_IS_FIRMWARE_CATALOG (self), NULL);

  check->model_id = g_strdup (model_id);
  check->installed = g_strdup (installed);
  check->as_of = g_strdup (self->as_of);

  model = bud_firmware_catalog_lookup (self, model_id);
  if (model == NULL)
    {
      check->verdict = BUD_FIRMWARE_VERDICT_UNKNOWN_MODEL;
      check->notes = g_new0 (char *, 1);
      check->open_issues = g_new0 (char *, 1);
      return check;
    }

  check->model_name = g_strdup (bud_firmware_model_get_name (model));
  check->latest = g_strdup (bud_firmware_model_get_latest (model));
  fill_notes (check, model);

  if (check->latest == NULL || !bud_version_is_valid (installed))
    {
      check->verdict = BUD_FIRMWARE_VERDICT_UNKNOWN_VERSION;
      return check;
    }

  cmp = bud_version_compare (installed, check->latest);
  check->verdict = cmp < 0 ? BUD_FIRMWARE_VERDICT_UPDATE_AVAILABLE
                 : cmp == 0 ? BUD_FIRMWARE_VERDICT_UP_TO_DATE
                 : BUD_FIRMWARE_VERDICT_NEWER_THAN_KNOWN;

  return check;
}

void
bud_firmware_check_free (BudFirmwareCheck *check)
{
  if (check == NULL)
    {
      return;
    }

  g_free (check->model_id);
  g_free (check->model_name);
  g_free (check->installed);
  g_free (check->latest);
  g_free (check->as_of);
  g_strfreev (check->notes);
  g_strfreev (check->open_issues);
  g_free (check);
}

/* Returns: the verdict's stable name for scripts and JSON, e.g. "up-to-date" */
const char *
bud_firmware_verdict_to_string (BudFirmwareVerdict verdict)
{
  switch (verdict)
    {
    case BUD_FIRMWARE_VERDICT_UP_TO_DATE:
      return "up-to-date";
    case BUD_FIRMWARE_VERDICT_UPDATE_AVAILABLE:
      return "update-available";
    case BUD_FIRMWARE_VERDICT_NEWER_THAN_KNOWN:
      return "newer-than-known";
    case BUD_FIRMWARE_VERDICT_UNKNOWN_MODEL:
      return "unknown-model";
    case BUD_FIRMWARE_VERDICT_UNKNOWN_VERSION:
      return "unknown-version";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Returns: a translated sentence for people */
const char *
bud_firmware_verdict_describe (BudFirmwareVerdict verdict)
{
  switch (verdict)
    {
    case BUD_FIRMWARE_VERDICT_UP_TO_DATE:
      return _("The firmware is up to date.");
    case BUD_FIRMWARE_VERDICT_UPDATE_AVAILABLE:
      return _("A firmware update is available.");
    case BUD_FIRMWARE_VERDICT_NEWER_THAN_KNOWN:
      return _("The firmware is newer than any version the catalogue knows.");
    case BUD_FIRMWARE_VERDICT_UNKNOWN_MODEL:
      return _("The catalogue does not know this model.");
    case BUD_FIRMWARE_VERDICT_UNKNOWN_VERSION:
      return _("The catalogue cannot tell whether this firmware is current.");
    default:
      g_return_val_if_reached (NULL);
    }
}

static GType
list_model_get_item_type (GListModel *list)
{
  return BUD_TYPE_FIRMWARE_MODEL;
}

static guint
list_model_get_n_items (GListModel *list)
{
  return BUD_FIRMWARE_CATALOG (list)->models->len;
}

static gpointer
list_model_get_item (GListModel *list,
                     guint       position)
{
  BudFirmwareCatalog *self = BUD_FIRMWARE_CATALOG (list);

  if (position >= self->models->len)
    {
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (self->models, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
bud_firmware_catalog_finalize (GObject *object)
{
  BudFirmwareCatalog *self = BUD_FIRMWARE_CATALOG (object);

  g_clear_pointer (&self->as_of, g_free);
  g_clear_pointer (&self->models, g_ptr_array_unref);

  G_OBJECT_CLASS (bud_firmware_catalog_parent_class)->finalize (object);
}

static void
bud_firmware_catalog_class_init (BudFirmwareCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bud_firmware_catalog_finalize;
}

static void
bud_firmware_catalog_init (BudFirmwareCatalog *self)
{
  self->models = g_ptr_array_new_with_free_func (g_object_unref);
}
