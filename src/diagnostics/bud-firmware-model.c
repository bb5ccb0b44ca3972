/* bud-firmware-model.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bud-firmware-model-private.h"
#include "bud-json.h"
#include "bud-version.h"

/* Far above what real data needs; they bound the work a hostile
 * catalogue can cause (issue checks are quadratic in releases, and glob
 * matching is exponential in wildcards). */
#define MAX_RELEASES 512
#define MAX_LIST 32
#define MAX_PATTERN_LENGTH 64
#define MAX_PATTERN_WILDCARDS 4

typedef struct {
  char *id;
  char *text;
} Issue;

struct _BudFirmwareModel
{
  GObject parent_instance;

  char *id;
  char *name;
  char *vendor;
  guint16 vendor_id;
  guint16 product_id;
  char *protocol;
  char **name_patterns;
  char **service_uuids;
  char **sources;
  char *latest;
  GPtrArray *releases; /* BudFirmwareRelease */
  GPtrArray *issues;   /* Issue */
};

G_DEFINE_FINAL_TYPE (BudFirmwareModel, bud_firmware_model, G_TYPE_OBJECT)

/* Read-only, so that list widgets can bind to them with expressions. */
enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_LATEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
release_free (BudFirmwareRelease *release)
{
  g_free (release->version);
  g_free (release->date);
  g_free (release->seen_by);
  g_strfreev (release->notes);
  g_strfreev (release->introduces);
  g_strfreev (release->fixes);
  g_free (release);
}

static void
issue_free (Issue *issue)
{
  g_free (issue->id);
  g_free (issue->text);
  g_free (issue);
}

static void
set_invalid (GError     **error,
             const char  *source_name,
             const char  *path,
             const char  *member,
             const char  *expected)
{
  g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID,
               _("In “%s”, %s.%s must be %s."), source_name, path, member, expected);
}

static gboolean
check_count (guint        n,
             guint        max,
             const char  *source_name,
             const char  *path,
             const char  *member,
             GError     **error)
{
  if (n <= max)
    {
      return TRUE;
    }

  g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID,
               _("In “%s”, %s.%s has more than %u entries."), source_name, path, member, max);
  return FALSE;
}

static gboolean
read_list (JsonObject    *object,
           const char    *member,
           BudJsonFlags   flags,
           const char    *source_name,
           const char    *path,
           char        ***out,
           GError       **error)
{
  return bud_json_member_strv (object, member, flags, source_name, path, out, error) &&
         check_count (g_strv_length (*out), MAX_LIST, source_name, path, member, error);
}

static gboolean
check_patterns (char       **patterns,
                const char  *source_name,
                const char  *path,
                GError     **error)
{
  for (guint i = 0; patterns[i] != NULL; i++)
    {
      guint wildcards = 0;

      for (const char *p = patterns[i]; *p != '\0'; p++)
        {
          wildcards += (*p == '*' || *p == '?');
        }
      if (strlen (patterns[i]) > MAX_PATTERN_LENGTH || wildcards > MAX_PATTERN_WILDCARDS)
        {
          g_set_error (error, BUD_DIAGNOSTICS_ERROR, BUD_DIAGNOSTICS_ERROR_INVALID,
                       _("In “%s”, %s.name_patterns[%u] must be at most %d characters with at "
                         "most %d wildcards."), source_name, path, i, MAX_PATTERN_LENGTH,
                       MAX_PATTERN_WILDCARDS);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
is_slug (const char *id)
{
  if (*id == '\0')
    {
      return FALSE;
    }

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
        {
          return FALSE;
        }
    }

  return TRUE;
}

/* "2022", "2022-07" or "2022-07-31". */
gboolean
bud_firmware_date_is_valid (const char *date)
{
  static const char *shapes[] = { "dddd", "dddd-dd", "dddd-dd-dd" };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      const char *s = shapes[i], *d = date;

      while (*s != '\0' && *d != '\0' && (*s == 'd' ? g_ascii_isdigit (*d) : *s == *d))
        {
          s++;
          d++;
        }
      if (*s == '\0' && *d == '\0')
        {
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
read_date (JsonObject  *object,
           const char  *member,
           const char  *source_name,
           const char  *path,
           char       **out,
           GError     **error)
{
  const char *date = NULL;

  if (!bud_json_member_string (object, member, BUD_JSON_OPTIONAL, source_name, path, &date,
                               error))
    {
      return FALSE;
    }

  if (date != NULL && !bud_firmware_date_is_valid (date))
    {
      set_invalid (error, source_name, path, member, _("a date such as 2022-07"));
      return FALSE;
    }

  *out = g_strdup (date);
  return TRUE;
}

static BudFirmwareRelease *
parse_release (JsonObject  *object,
               const char  *source_name,
               const char  *path,
               GError     **error)
{
  BudFirmwareRelease *release = g_new0 (BudFirmwareRelease, 1);
  const char *version = NULL;

  if (!bud_json_member_string (object, "version", 0, source_name, path, &version, error))
    {
      goto fail;
    }
  if (!bud_version_is_valid (version))
    {
      set_invalid (error, source_name, path, "version", _("a firmware version such as 2.3.1"));
      goto fail;
    }
  release->version = g_strdup (version);

  if (!read_date (object, "date", source_name, path, &release->date, error) ||
      !read_date (object, "seen_by", source_name, path, &release->seen_by, error) ||
      !read_list (object, "notes", BUD_JSON_OPTIONAL, source_name, path, &release->notes,
                  error) ||
      !read_list (object, "introduces", BUD_JSON_OPTIONAL, source_name, path,
                  &release->introduces, error) ||
      !read_list (object, "fixes", BUD_JSON_OPTIONAL, source_name, path, &release->fixes,
                  error))
    {
      goto fail;
    }

  return release;

fail:
  release_free (release);
  return NULL;
}

static gboolean
parse_releases (BudFirmwareModel  *self,
                JsonObject        *object,
                const char        *source_name,
                const char        *path,
                GError           **error)
{
  g_autofree char *array_path = g_strdup_printf ("%s.releases", path);
  JsonArray *array = NULL;
  guint n;

  if (!bud_json_member_array (object, "releases", 0, source_name, path, &array, error))
    {
      return FALSE;
    }

  n = json_array_get_length (array);
  if (!check_count (n, MAX_RELEASES, source_name, path, "releases", error))
    {
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", array_path, i);
      JsonObject *item = bud_json_element_object (array, i, source_name, array_path, error);
      BudFirmwareRelease *release;

      release = item != NULL ? parse_release (item, source_name, item_path, error) : NULL;
      if (release == NULL)
        {
          return FALSE;
        }
      g_ptr_array_add (self->releases, release);
    }

  return TRUE;
}

static gboolean
parse_issues (BudFirmwareModel  *self,
              JsonObject        *object,
              const char        *source_name,
              const char        *path,
              GError           **error)
{
  g_autofree char *array_path = g_strdup_printf ("%s.issues", path);
  JsonArray *array = NULL;
  guint n;

  if (!bud_json_member_array (object, "issues", BUD_JSON_OPTIONAL, source_name, path, &array,
                              error))
    {
      return FALSE;
    }

  n = array != NULL ? json_array_get_length (array) : 0;
  if (!check_count (n, MAX_LIST, source_name, path, "issues", error))
    {
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", array_path, i);
      JsonObject *item = bud_json_element_object (array, i, source_name, array_path, error);
      const char *id = NULL, *text = NULL;
      Issue *issue;

      if (item == NULL ||
          !bud_json_member_string (item, "id", 0, source_name, item_path, &id, error) ||
          !bud_json_member_string (item, "text", 0, source_name, item_path, &text, error))
        {
          return FALSE;
        }

      issue = g_new0 (Issue, 1);
      issue->id = g_strdup (id);
      issue->text = g_strdup (text);
      g_ptr_array_add (self->issues, issue);
    }

  return TRUE;
}

static gboolean
parse_identity (BudFirmwareModel  *self,
                JsonObject        *object,
                const char        *source_name,
                const char        *path,
                GError           **error)
{
  const char *id = NULL, *name = NULL, *vendor = NULL, *protocol = NULL, *latest = NULL;
  gint64 vendor_id = 0, product_id = 0;

  if (!bud_json_member_string (object, "id", 0, source_name, path, &id, error))
    {
      return FALSE;
    }
  if (!is_slug (id))
    {
      set_invalid (error, source_name, path, "id",
                   _("made of lower-case letters, digits and dashes"));
      return FALSE;
    }

  if (!bud_json_member_string (object, "name", 0, source_name, path, &name, error) ||
      !bud_json_member_string (object, "vendor", 0, source_name, path, &vendor, error) ||
      !bud_json_member_int (object, "vendor_id", 0, G_MAXUINT16, 0, source_name, path,
                            &vendor_id, error) ||
      !bud_json_member_int (object, "product_id", 0, G_MAXUINT16, 0, source_name, path,
                            &product_id, error) ||
      !bud_json_member_string (object, "protocol", BUD_JSON_NULLABLE, source_name, path,
                               &protocol, error) ||
      !bud_json_member_string (object, "latest", BUD_JSON_NULLABLE, source_name, path,
                               &latest, error))
    {
      return FALSE;
    }

  if (protocol != NULL && !g_str_equal (protocol, "v1") && !g_str_equal (protocol, "v2") &&
      !g_str_equal (protocol, "none"))
    {
      set_invalid (error, source_name, path, "protocol", _("“v1”, “v2”, “none” or null"));
      return FALSE;
    }
  if (latest != NULL && !bud_version_is_valid (latest))
    {
      set_invalid (error, source_name, path, "latest",
                   _("a firmware version such as 2.3.1, or null"));
      return FALSE;
    }

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->vendor = g_strdup (vendor);
  self->vendor_id = (guint16) vendor_id;
  self->product_id = (guint16) product_id;
  self->protocol = g_strdup (protocol);
  self->latest = g_strdup (latest);

  return TRUE;
}

BudFirmwareModel *
bud_firmware_model_new_from_json (JsonObject  *object,
                                  const char  *source_name,
                                  const char  *path,
                                  GError     **error)
{
  g_autoptr (BudFirmwareModel) self = g_object_new (BUD_TYPE_FIRMWARE_MODEL, NULL);

  g_return_val_if_fail (object != NULL, NULL);

  if (!parse_identity (self, object, source_name, path, error) ||
      !read_list (object, "name_patterns", 0, source_name, path, &self->name_patterns, error) ||
      !check_patterns (self->name_patterns, source_name, path, error) ||
      !read_list (object, "service_uuids", 0, source_name, path, &self->service_uuids, error) ||
      !read_list (object, "sources", 0, source_name, path, &self->sources, error) ||
      !parse_issues (self, object, source_name, path, error) ||
      !parse_releases (self, object, source_name, path, error))
    {
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
bud_firmware_model_get_id (BudFirmwareModel *self)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), NULL);

  return self->id;
}

const char *
bud_firmware_model_get_name (BudFirmwareModel *self)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), NULL);

  return self->name;
}

const char *
bud_firmware_model_get_vendor (BudFirmwareModel *self)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), NULL);

  return self->vendor;
}

guint16
bud_firmware_model_get_vendor_id (BudFirmwareModel *self)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), 0);

  return self->vendor_id;
}

guint16
bud_firmware_model_get_product_id (BudFirmwareModel *self)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), 0);

  return self->product_id;
}

/* Returns: "v1", "v2", "none", or %NULL when unknown. */
const char *
bud_firmware_model_get_protocol (BudFirmwareModel *self)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), NULL);

  return self->protocol;
}

const char * const *
bud_firmware_model_get_name_patterns (BudFirmwareModel *self)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), NULL);

  return (const char * const *) self->name_patterns;
}

const char * const *
bud_firmware_model_get_service_uuids (BudFirmwareModel *self)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), NULL);

  return (const char * const *) self->service_uuids;
}

const char * const *
bud_firmware_model_get_sources (BudFirmwareModel *self)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), NULL);

  return (const char * const *) self->sources;
}

/* Returns: the latest known version, or %NULL when the catalogue doesn't know it. */
const char *
bud_firmware_model_get_latest (BudFirmwareModel *self)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), NULL);

  return self->latest;
}

guint
bud_firmware_model_get_n_releases (BudFirmwareModel *self)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), 0);

  return self->releases->len;
}

const BudFirmwareRelease *
bud_firmware_model_get_release (BudFirmwareModel *self,
                                guint             position)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), NULL);
  g_return_val_if_fail (position < self->releases->len, NULL);

  return g_ptr_array_index (self->releases, position);
}

const BudFirmwareRelease *
bud_firmware_model_find_release (BudFirmwareModel *self,
                                 const char       *version)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), NULL);

  if (!bud_version_is_valid (version))
    {
      return NULL;
    }

  for (guint i = 0; i < self->releases->len; i++)
    {
      BudFirmwareRelease *release = g_ptr_array_index (self->releases, i);

      if (bud_version_compare (release->version, version) == 0)
        {
          return release;
        }
    }

  return NULL;
}

const char *
bud_firmware_model_get_issue_text (BudFirmwareModel *self,
                                   const char       *issue_id)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), NULL);

  for (guint i = 0; i < self->issues->len; i++)
    {
      Issue *issue = g_ptr_array_index (self->issues, i);

      if (g_str_equal (issue->id, issue_id))
        {
          return issue->text;
        }
    }

  return NULL;
}

/* An issue is open on @version when a release at or before it introduced
 * the issue and no release after that one, up to @version, fixed it. This
 * also covers versions the catalogue doesn't list. */
static gboolean
issue_open_on (BudFirmwareModel *self,
               const char       *issue_id,
               const char       *introduced_in,
               const char       *version)
{
  for (guint i = 0; i < self->releases->len; i++)
    {
      BudFirmwareRelease *release = g_ptr_array_index (self->releases, i);

      if (g_strv_contains ((const char * const *) release->fixes, issue_id) &&
          bud_version_compare (release->version, introduced_in) > 0 &&
          bud_version_compare (release->version, version) <= 0)
        {
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * bud_firmware_model_get_open_issues:
 * @self: a #BudFirmwareModel
 * @version: an installed firmware version
 *
 * Returns: (transfer full): the ids of the known issues that affect
 *   @version, empty when none do or @version is not a valid version
 */
GStrv
bud_firmware_model_get_open_issues (BudFirmwareModel *self,
                                    const char       *version)
{
  g_autoptr (GPtrArray) open = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), NULL);

  for (guint i = 0; bud_version_is_valid (version) && i < self->releases->len; i++)
    {
      BudFirmwareRelease *release = g_ptr_array_index (self->releases, i);

      if (bud_version_compare (release->version, version) > 0)
        {
          continue;
        }
      for (char **id = release->introduces; *id != NULL; id++)
        {
          if (issue_open_on (self, *id, release->version, version) &&
              !g_ptr_array_find_with_equal_func (open, *id, g_str_equal, NULL))
            {
              g_ptr_array_add (open, g_strdup (*id));
            }
        }
    }

  g_ptr_array_add (open, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&open), FALSE);
}

/* Name patterns are shell-style globs, matched without regard to case. */
gboolean
bud_firmware_model_matches_name (BudFirmwareModel *self,
                                 const char       *name)
{
  g_autofree char *folded_name = NULL;

  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), FALSE);

  /* Bluetooth names are at most 248 bytes; anything longer is not a device's. */
  if (name == NULL || strlen (name) > 248 || !g_utf8_validate (name, -1, NULL))
    {
      return FALSE;
    }

  folded_name = g_utf8_casefold (name, -1);
  for (char **pattern = self->name_patterns; *pattern != NULL; pattern++)
    {
      g_autofree char *folded_pattern = g_utf8_casefold (*pattern, -1);

      if (g_pattern_match_simple (folded_pattern, folded_name))
        {
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
bud_firmware_model_has_service_uuid (BudFirmwareModel *self,
                                     const char       *uuid)
{
  g_return_val_if_fail (BUD_IS_FIRMWARE_MODEL (self), FALSE);

  for (char **known = self->service_uuids; uuid != NULL && *known != NULL; known++)
    {
      if (g_ascii_strcasecmp (*known, uuid) == 0)
        {
          return TRUE;
        }
    }

  return FALSE;
}

static void
bud_firmware_model_finalize (GObject *object)
{
  BudFirmwareModel *self = BUD_FIRMWARE_MODEL (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->vendor, g_free);
  g_clear_pointer (&self->protocol, g_free);
  g_clear_pointer (&self->name_patterns, g_strfreev);
  g_clear_pointer (&self->service_uuids, g_strfreev);
  g_clear_pointer (&self->sources, g_strfreev);
  g_clear_pointer (&self->latest, g_free);
  g_clear_pointer (&self->releases, g_ptr_array_unref);
  g_clear_pointer (&self->issues, g_ptr_array_unref);

  G_OBJECT_CLASS (bud_firmware_model_parent_class)->finalize (object);
}

static void
bud_firmware_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BudFirmwareModel *self = BUD_FIRMWARE_MODEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_LATEST:
      g_value_set_string (value, self->latest);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_firmware_model_class_init (BudFirmwareModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bud_firmware_model_finalize;
  object_class->get_property = bud_firmware_model_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LATEST] =
    g_param_spec_string ("latest", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bud_firmware_model_init (BudFirmwareModel *self)
{
  self->releases = g_ptr_array_new_with_free_func ((GDestroyNotify) release_free);
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
}
