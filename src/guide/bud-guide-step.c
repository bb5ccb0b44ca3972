/* bud-guide-step.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bud-json.h"
#include "bud-guide-private.h"

#define MAX_LIST 32
#define MAX_MINUTES (24 * 60)
#define MAX_LID_CYCLES 20

struct _BudGuideStep
{
  GObject parent_instance;

  char *id;
  char *title;
  char *body;
  char *why;
  char **tips;
  char *illustration;
  char *illustration_alt;
  char **findings;

  BudGuideCheckKind check_kind;
  guint check_minutes;
  GArray *checklist;  /* of BudGuideChecklistItem, strings owned */
};

G_DEFINE_FINAL_TYPE (BudGuideStep, bud_guide_step, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (BudGuideCheckKind, bud_guide_check_kind,
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_CHECK_NONE, "none"),
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_CHECK_BEFORE_AFTER, "before-after"),
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_CHECK_TIMED_WAIT, "timed-wait"),
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_CHECK_RESET, "reset"),
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_CHECK_FIRMWARE, "firmware"))

G_DEFINE_ENUM_TYPE (BudGuideBud, bud_guide_bud,
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_BUD_BOTH, "both"),
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_BUD_LEFT, "left"),
  G_DEFINE_ENUM_VALUE (BUD_GUIDE_BUD_RIGHT, "right"))

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_BODY,
  PROP_WHY,
  PROP_ILLUSTRATION,
  PROP_ILLUSTRATION_ALT,
  PROP_CHECK_KIND,
  PROP_CHECK_MINUTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const step_members[] = {
  "id", "title", "body", "why", "tips", "illustration", "illustration_alt", "check",
  "findings", NULL
};
static const char * const check_members[] = { "kind", "minutes", "buds", NULL };
static const char * const bud_members[] = { "bud", "items", NULL };
static const char * const item_members[] = { "text", "lid_cycles", "led", NULL };
static const char * const led_colours[] = {
  "red", "green", "orange", "blue", "white", NULL
};

/* Strings that guide files carry, translated through the app's domain. */
char *
bud_guide_translate (const char *msgid)
{
  /* gettext maps "" to the catalogue header. */
  if (msgid == NULL || *msgid == '\0')
    {
      return g_strdup (msgid);
    }

  return g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid));
}

gboolean
bud_guide_check_members (JsonObject         *object,
                         const char * const *allowed,
                         const char         *source_name,
                         const char         *path,
                         GError            **error)
{
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                       _("In “%s”, %s has an unknown member “%s”."),
                       source_name, *path != '\0' ? path : _("the top level"),
                       (const char *) l->data);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
bud_guide_check_identifier (const char  *value,
                            const char  *source_name,
                            const char  *field,
                            GError     **error)
{
  gboolean valid = value[0] != '\0' && value[0] != '-' && strlen (value) <= 64;

  for (const char *p = value; valid && *p != '\0'; p++)
    {
      valid = g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-';
    }

  if (!valid)
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("In “%s”, %s must be an identifier of lower-case letters, digits and "
                     "dashes, like “charge-case”."),
                   source_name, field);
    }

  return valid;
}

/* Returns the value with @nick, or -1. */
static int
enum_from_nick (GType       type,
                const char *nick)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *value = g_enum_get_value_by_nick (klass, nick);

  return value != NULL ? value->value : -1;
}

static gboolean
check_count (guint        n,
             guint        min,
             const char  *source_name,
             const char  *field,
             GError     **error)
{
  if (n < min || n > MAX_LIST)
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("In “%s”, %s must have from %u to %u entries."),
                   source_name, field, min, MAX_LIST);
      return FALSE;
    }

  return TRUE;
}

/* A required, non-empty string member, translated when @translate is set. */
static gboolean
get_text (JsonObject  *object,
          const char  *member,
          gboolean     translate,
          const char  *source_name,
          const char  *path,
          char       **out,
          GError     **error)
{
  const char *value = NULL;

  if (!bud_json_member_string (object, member, BUD_JSON_REQUIRED, source_name, path,
                               &value, error))
    {
      return FALSE;
    }

  if (*value == '\0')
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("In “%s”, %s.%s must not be empty."), source_name, path, member);
      return FALSE;
    }

  *out = translate ? bud_guide_translate (value) : g_strdup (value);
  return TRUE;
}

static void
checklist_item_clear (BudGuideChecklistItem *item)
{
  g_free ((char *) item->text);
  g_free ((char *) item->led);
}

static gboolean
load_checklist_item (BudGuideStep *self,
                     BudGuideBud   bud,
                     JsonObject   *object,
                     const char   *source_name,
                     const char   *path,
                     GError      **error)
{
  BudGuideChecklistItem item = { bud, NULL, 0, NULL };
  g_autofree char *text = NULL;
  const char *led = NULL;
  gint64 cycles = 0;

  if (!bud_guide_check_members (object, item_members, source_name, path, error) ||
      !get_text (object, "text", TRUE, source_name, path, &text, error) ||
      !bud_json_member_int (object, "lid_cycles", 1, MAX_LID_CYCLES, BUD_JSON_OPTIONAL,
                            source_name, path, &cycles, error) ||
      !bud_json_member_string (object, "led", BUD_JSON_OPTIONAL, source_name, path,
                               &led, error))
    {
      return FALSE;
    }

  if (led != NULL && !g_strv_contains (led_colours, led))
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("In “%s”, %s.led must be one of red, green, orange, blue or white."),
                   source_name, path);
      return FALSE;
    }

  item.text = g_steal_pointer (&text);
  item.lid_cycles = (guint) cycles;
  item.led = g_strdup (led);
  g_array_append_val (self->checklist, item);
  return TRUE;
}

static gboolean
load_checklist (BudGuideStep *self,
                JsonObject   *object,
                const char   *source_name,
                const char   *path,
                GError      **error)
{
  const char *name = NULL;
  JsonArray *items = NULL;
  int bud;
  guint n;

  if (!bud_guide_check_members (object, bud_members, source_name, path, error) ||
      !bud_json_member_string (object, "bud", BUD_JSON_REQUIRED, source_name, path,
                               &name, error) ||
      !bud_json_member_array (object, "items", BUD_JSON_REQUIRED, source_name, path,
                              &items, error))
    {
      return FALSE;
    }

  bud = enum_from_nick (BUD_TYPE_GUIDE_BUD, name);
  if (bud < 0)
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("In “%s”, %s.bud must be “left”, “right” or “both”."), source_name, path);
      return FALSE;
    }

  n = json_array_get_length (items);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *items_path = g_strdup_printf ("%s.items", path);
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", items_path, i);
      JsonObject *item = bud_json_element_object (items, i, source_name, items_path, error);

      if (item == NULL ||
          !load_checklist_item (self, bud, item, source_name, item_path, error))
        {
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
load_reset (BudGuideStep *self,
            JsonObject   *object,
            const char   *source_name,
            const char   *path,
            GError      **error)
{
  g_autofree char *buds_path = g_strdup_printf ("%s.buds", path);
  JsonArray *buds = NULL;

  if (!bud_json_member_array (object, "buds", BUD_JSON_REQUIRED, source_name, path,
                              &buds, error) ||
      !check_count (json_array_get_length (buds), 1, source_name, buds_path, error))
    {
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (buds); i++)
    {
      g_autofree char *bud_path = g_strdup_printf ("%s[%u]", buds_path, i);
      JsonObject *bud = bud_json_element_object (buds, i, source_name, buds_path, error);

      if (bud == NULL || !load_checklist (self, bud, source_name, bud_path, error))
        {
          return FALSE;
        }
    }

  return check_count (self->checklist->len, 1, source_name, buds_path, error);
}

static gboolean
load_check (BudGuideStep *self,
            JsonObject   *object,
            const char   *source_name,
            const char   *path,
            GError      **error)
{
  const char *kind = NULL;
  gboolean timed;
  int value;
  gint64 minutes = 0;

  if (!bud_guide_check_members (object, check_members, source_name, path, error) ||
      !bud_json_member_string (object, "kind", BUD_JSON_REQUIRED, source_name, path,
                               &kind, error))
    {
      return FALSE;
    }

  value = enum_from_nick (BUD_TYPE_GUIDE_CHECK_KIND, kind);
  if (value <= BUD_GUIDE_CHECK_NONE)
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("In “%s”, %s.kind must be “before-after”, “timed-wait”, “reset” or "
                     "“firmware”."),
                   source_name, path);
      return FALSE;
    }
  self->check_kind = value;

  timed = self->check_kind == BUD_GUIDE_CHECK_BEFORE_AFTER ||
          self->check_kind == BUD_GUIDE_CHECK_TIMED_WAIT;
  if (!bud_json_member_int (object, "minutes", 1, MAX_MINUTES,
                            timed ? BUD_JSON_REQUIRED : BUD_JSON_OPTIONAL,
                            source_name, path, &minutes, error))
    {
      return FALSE;
    }
  self->check_minutes = (guint) minutes;

  if (self->check_kind == BUD_GUIDE_CHECK_RESET)
    {
      return load_reset (self, object, source_name, path, error);
    }

  return TRUE;
}

static gboolean
load_strv (JsonObject   *object,
           const char   *member,
           gboolean      identifiers,
           const char   *source_name,
           const char   *path,
           char       ***out,
           GError      **error)
{
  g_autofree char *field = g_strdup_printf ("%s.%s", path, member);
  g_auto (GStrv) values = NULL;

  if (!bud_json_member_strv (object, member, BUD_JSON_OPTIONAL, source_name, path,
                             &values, error))
    {
      return FALSE;
    }
  if (values == NULL)
    {
      values = g_new0 (char *, 1);
    }
  if (!check_count (g_strv_length (values), 0, source_name, field, error))
    {
      return FALSE;
    }

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *element = g_strdup_printf ("%s[%u]", field, i);
      char *translated;

      if (identifiers)
        {
          if (!bud_guide_check_identifier (values[i], source_name, element, error))
            {
              return FALSE;
            }
          continue;
        }

      if (*values[i] == '\0')
        {
          g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                       _("In “%s”, %s must not be empty."), source_name, element);
          return FALSE;
        }
      translated = bud_guide_translate (values[i]);
      g_free (values[i]);
      values[i] = translated;
    }

  *out = g_steal_pointer (&values);
  return TRUE;
}

BudGuideStep *
bud_guide_step_new_from_json (JsonObject  *object,
                              const char  *source_name,
                              const char  *path,
                              GError     **error)
{
  g_autoptr (BudGuideStep) self = g_object_new (BUD_TYPE_GUIDE_STEP, NULL);
  g_autofree char *id_field = g_strdup_printf ("%s.id", path);
  g_autofree char *illustration_field = g_strdup_printf ("%s.illustration", path);
  JsonNode *check;

  if (!bud_guide_check_members (object, step_members, source_name, path, error) ||
      !get_text (object, "id", FALSE, source_name, path, &self->id, error) ||
      !bud_guide_check_identifier (self->id, source_name, id_field, error) ||
      !get_text (object, "title", TRUE, source_name, path, &self->title, error) ||
      !get_text (object, "body", TRUE, source_name, path, &self->body, error) ||
      !get_text (object, "why", TRUE, source_name, path, &self->why, error) ||
      !load_strv (object, "tips", FALSE, source_name, path, &self->tips, error) ||
      !get_text (object, "illustration", FALSE, source_name, path, &self->illustration,
                 error) ||
      !get_text (object, "illustration_alt", TRUE, source_name, path,
                 &self->illustration_alt, error) ||
      !load_strv (object, "findings", TRUE, source_name, path, &self->findings, error))
    {
      return NULL;
    }

  if (self->illustration[0] != '/' || strstr (self->illustration, "..") != NULL)
    {
      g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                   _("In “%s”, %s must be a resource path starting with “/”."),
                   source_name, illustration_field);
      return NULL;
    }

  check = json_object_get_member (object, "check");
  if (check != NULL)
    {
      g_autofree char *check_path = g_strdup_printf ("%s.check", path);

      if (!JSON_NODE_HOLDS_OBJECT (check))
        {
          g_set_error (error, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_INVALID,
                       _("In “%s”, %s must be an object."), source_name, check_path);
          return NULL;
        }
      if (!load_check (self, json_node_get_object (check), source_name, check_path, error))
        {
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

const char *
bud_guide_step_get_id (BudGuideStep *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), NULL);

  return self->id;
}

const char *
bud_guide_step_get_title (BudGuideStep *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), NULL);

  return self->title;
}

const char *
bud_guide_step_get_body (BudGuideStep *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), NULL);

  return self->body;
}

const char *
bud_guide_step_get_why (BudGuideStep *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), NULL);

  return self->why;
}

/**
 * bud_guide_step_get_tips:
 *
 * Returns: (transfer none): extra hints for the step, translated; empty when there are none
 */
const char * const *
bud_guide_step_get_tips (BudGuideStep *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), NULL);

  return (const char * const *) self->tips;
}

/* A GResource path, for gtk_picture_set_resource() and friends. */
const char *
bud_guide_step_get_illustration (BudGuideStep *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), NULL);

  return self->illustration;
}

const char *
bud_guide_step_get_illustration_alt (BudGuideStep *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), NULL);

  return self->illustration_alt;
}

/**
 * bud_guide_step_get_findings:
 *
 * Returns: (transfer none): the diagnostics finding ids that point to this step
 */
const char * const *
bud_guide_step_get_findings (BudGuideStep *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), NULL);

  return (const char * const *) self->findings;
}

gboolean
bud_guide_step_has_finding (BudGuideStep *self,
                            const char   *finding_id)
{
  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), FALSE);
  g_return_val_if_fail (finding_id != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->findings, finding_id);
}

BudGuideCheckKind
bud_guide_step_get_check_kind (BudGuideStep *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), BUD_GUIDE_CHECK_NONE);

  return self->check_kind;
}

/* How long a before-after or timed-wait check lasts; 0 for other checks. */
guint
bud_guide_step_get_check_minutes (BudGuideStep *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), 0);

  return self->check_minutes;
}

/* The largest lid-cycle count of any checklist item, 0 when none asks for one. */
guint
bud_guide_step_get_lid_cycles (BudGuideStep *self)
{
  guint cycles = 0;

  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), 0);

  for (guint i = 0; i < self->checklist->len; i++)
    {
      cycles = MAX (cycles, g_array_index (self->checklist, BudGuideChecklistItem, i).lid_cycles);
    }

  return cycles;
}

guint
bud_guide_step_get_n_checklist_items (BudGuideStep *self)
{
  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), 0);

  return self->checklist->len;
}

/**
 * bud_guide_step_get_checklist_item:
 *
 * The reset checklist, in order; items of one bud are consecutive.
 *
 * Returns: (transfer none): the item, valid as long as @self
 */
const BudGuideChecklistItem *
bud_guide_step_get_checklist_item (BudGuideStep *self,
                                   guint         position)
{
  g_return_val_if_fail (BUD_IS_GUIDE_STEP (self), NULL);
  g_return_val_if_fail (position < self->checklist->len, NULL);

  return &g_array_index (self->checklist, BudGuideChecklistItem, position);
}

static void
bud_guide_step_finalize (GObject *object)
{
  BudGuideStep *self = BUD_GUIDE_STEP (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->why, g_free);
  g_clear_pointer (&self->tips, g_strfreev);
  g_clear_pointer (&self->illustration, g_free);
  g_clear_pointer (&self->illustration_alt, g_free);
  g_clear_pointer (&self->findings, g_strfreev);
  g_clear_pointer (&self->checklist, g_array_unref);

  G_OBJECT_CLASS (bud_guide_step_parent_class)->finalize (object);
}

static void
bud_guide_step_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BudGuideStep *self = BUD_GUIDE_STEP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_WHY:
      g_value_set_string (value, self->why);
      break;
    case PROP_ILLUSTRATION:
      g_value_set_string (value, self->illustration);
      break;
    case PROP_ILLUSTRATION_ALT:
      g_value_set_string (value, self->illustration_alt);
      break;
    case PROP_CHECK_KIND:
      g_value_set_enum (value, self->check_kind);
      break;
    case PROP_CHECK_MINUTES:
      g_value_set_uint (value, self->check_minutes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
bud_guide_step_class_init (BudGuideStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bud_guide_step_finalize;
  object_class->get_property = bud_guide_step_get_property;

  /* Steps don't change once loaded: the properties are for binding in templates. */
  properties[PROP_ID] = string_property ("id");
  properties[PROP_TITLE] = string_property ("title");
  properties[PROP_BODY] = string_property ("body");
  properties[PROP_WHY] = string_property ("why");
  properties[PROP_ILLUSTRATION] = string_property ("illustration");
  properties[PROP_ILLUSTRATION_ALT] = string_property ("illustration-alt");
  properties[PROP_CHECK_KIND] =
    g_param_spec_enum ("check-kind", NULL, NULL,
                       BUD_TYPE_GUIDE_CHECK_KIND, BUD_GUIDE_CHECK_NONE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECK_MINUTES] =
    g_param_spec_uint ("check-minutes", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bud_guide_step_init (BudGuideStep *self)
{
  self->checklist = g_array_new (FALSE, TRUE, sizeof (BudGuideChecklistItem));
  g_array_set_clear_func (self->checklist, (GDestroyNotify) checklist_item_clear);
}
