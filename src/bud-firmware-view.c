/* bud-firmware-view.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-firmware-view.h"
#include "bud-version.h"

/* Asks the diagnostics module, the same call `budctl firmware` makes, whether
 * the earbuds' firmware is current. The version comes from the earbuds when
 * they report it, or from the person, who reads it off the phone app. */
struct _BudFirmwareView
{
  AdwBin parent_instance;

  BudFirmwareCatalog *catalog;
  BudDevice *device;

  /* Template widgets */
  AdwComboRow *model_row;
  GtkStringList *model_names;
  AdwEntryRow *version_row;
  GtkLabel *source_label;
  AdwPreferencesGroup *result_group;
  GtkListBox *result_list;
};

G_DEFINE_FINAL_TYPE (BudFirmwareView, bud_firmware_view, ADW_TYPE_BIN)

static BudFirmwareModel *
selected_model (BudFirmwareView *self)
{
  guint position = adw_combo_row_get_selected (self->model_row);

  if (self->catalog == NULL || position == GTK_INVALID_LIST_POSITION)
    {
      return NULL;
    }

  /* The combo lists the catalogue's models in order, then "Other earbuds". */
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->catalog)))
    {
      return NULL;
    }

  return g_list_model_get_item (G_LIST_MODEL (self->catalog), position);
}

static void
clear_results (BudFirmwareView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->result_list))) != NULL)
    {
      gtk_list_box_remove (self->result_list, child);
    }
}

static void
add_result (BudFirmwareView *self,
            const char      *title,
            const char      *subtitle,
            const char      *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  if (icon_name != NULL)
    {
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
    }
  gtk_list_box_append (self->result_list, row);
}

static char *
format_as_of (const char *as_of)
{
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *iso = NULL;

  if (as_of == NULL)
    {
      return g_strdup (_("an unknown date"));
    }

  iso = g_strconcat (as_of, "T00:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (iso, NULL);
  if (date == NULL)
    {
      return g_strdup (as_of);
    }

  /* Translators: a date, see the strftime manual; "30 September 2026" */
  return g_date_time_format (date, _("%-d %B %Y"));
}

static const char *
verdict_icon (BudFirmwareVerdict verdict)
{
  switch (verdict)
    {
    case BUD_FIRMWARE_VERDICT_UP_TO_DATE:
    case BUD_FIRMWARE_VERDICT_NEWER_THAN_KNOWN:
      return "emblem-ok-symbolic";
    case BUD_FIRMWARE_VERDICT_UPDATE_AVAILABLE:
      return "software-update-available-symbolic";
    case BUD_FIRMWARE_VERDICT_UNKNOWN_MODEL:
    case BUD_FIRMWARE_VERDICT_UNKNOWN_VERSION:
    default:
      return "dialog-question-symbolic";
    }
}

static void
show_check (BudFirmwareView  *self,
            BudFirmwareCheck *check)
{
  g_autofree char *as_of = format_as_of (check->as_of);
  g_autofree char *latest = NULL;

  add_result (self, bud_firmware_verdict_describe (check->verdict),
              check->verdict == BUD_FIRMWARE_VERDICT_UPDATE_AVAILABLE
              ? _("Update it with the maker’s app on your phone (for Sony, Sound Connect): "
                  "select the earbuds, then look for a firmware update.")
              : NULL,
              verdict_icon (check->verdict));

  if (check->latest != NULL)
    {
      /* Translators: "2.3.1, the latest known as of 30 September 2026" */
      latest = g_strdup_printf (_("%s, the latest known as of %s"), check->latest, as_of);
    }
  else
    {
      /* Translators: %s is a date */
      latest = g_strdup_printf (_("Not known to the catalogue as of %s"), as_of);
    }
  add_result (self, _("Latest Known Version"), latest, NULL);

  for (guint i = 0; check->notes != NULL && check->notes[i] != NULL; i++)
    {
      add_result (self, check->notes[i], NULL, "dialog-information-symbolic");
    }
}

static void
run_check (BudFirmwareView *self)
{
  g_autoptr (BudFirmwareModel) model = selected_model (self);
  g_autoptr (BudFirmwareCheck) check = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->version_row));
  g_autofree char *version = g_strstrip (g_strdup (text));

  clear_results (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->version_row), "error");

  if (self->catalog == NULL || *version == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->result_group), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->result_group), TRUE);
  if (!bud_version_is_valid (version))
    {
      g_autofree char *message = NULL;

      gtk_widget_add_css_class (GTK_WIDGET (self->version_row), "error");
      /* Translators: %s is what the person typed */
      message = g_strdup_printf (_("“%s” is not a firmware version. A version looks like "
                                   "2.3.1: numbers separated by dots."), version);
      add_result (self, _("Check the Version"), message, "dialog-warning-symbolic");
      return;
    }

  check = bud_firmware_catalog_check (self->catalog,
                                      model != NULL ? bud_firmware_model_get_id (model) : "",
                                      version);
  show_check (self, check);
}

static void
update_source (BudFirmwareView *self)
{
  const char *reported = self->device != NULL ? bud_device_get_firmware_version (self->device)
                                               : NULL;

  if (reported != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->version_row), reported);
      gtk_label_set_label (self->source_label, _("Read from the earbuds."));
    }
  else
    {
      g_autoptr (BudFirmwareModel) model = selected_model (self);
      gboolean sony = model != NULL &&
                      g_strcmp0 (bud_firmware_model_get_vendor (model), "Sony") == 0;

      gtk_label_set_label (self->source_label,
                           sony
                           ? _("These earbuds don’t report their firmware to this computer. "
                               "Open the Sony Sound Connect app on your phone, select the "
                               "earbuds, and find the version under the device information; "
                               "then type it here and press Enter.")
                           : _("These earbuds don’t report their firmware to this computer. "
                               "Their maker’s phone app shows the version; type it here and "
                               "press Enter."));
    }
  run_check (self);
}

GtkWidget *
bud_firmware_view_new (void)
{
  return g_object_new (BUD_TYPE_FIRMWARE_VIEW, NULL);
}

void
bud_firmware_view_set_catalog (BudFirmwareView    *self,
                               BudFirmwareCatalog *catalog)
{
  guint n;

  g_return_if_fail (BUD_IS_FIRMWARE_VIEW (self));

  if (!g_set_object (&self->catalog, catalog))
    {
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->model_names));
  gtk_string_list_splice (self->model_names, 0, n, NULL);
  for (guint i = 0; catalog != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr (BudFirmwareModel) model = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      gtk_string_list_append (self->model_names, bud_firmware_model_get_name (model));
    }
  gtk_string_list_append (self->model_names, _("Other earbuds"));
  run_check (self);
}

void
bud_firmware_view_set_model (BudFirmwareView *self,
                             const char      *model_id,
                             gboolean         fixed)
{
  guint n;

  g_return_if_fail (BUD_IS_FIRMWARE_VIEW (self));

  n = self->catalog != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->catalog)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BudFirmwareModel) model = g_list_model_get_item (G_LIST_MODEL (self->catalog), i);

      if (g_strcmp0 (bud_firmware_model_get_id (model), model_id) == 0)
        {
          adw_combo_row_set_selected (self->model_row, i);
          break;
        }
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->model_row), !fixed);
  run_check (self);
}

void
bud_firmware_view_set_device (BudFirmwareView *self,
                              BudDevice       *device)
{
  g_return_if_fail (BUD_IS_FIRMWARE_VIEW (self));

  /* The firmware page sets the device again on every change to the list. */
  if (self->device == device)
    {
      return;
    }

  if (self->device != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->device, self);
    }
  g_set_object (&self->device, device);
  if (device != NULL)
    {
      g_signal_connect_swapped (device, "notify::firmware-version",
                                G_CALLBACK (update_source), self);
      if (bud_device_get_model_id (device) != NULL)
        {
          bud_firmware_view_set_model (self, bud_device_get_model_id (device), FALSE);
        }
    }
  update_source (self);
}

static void
bud_firmware_view_dispose (GObject *object)
{
  BudFirmwareView *self = BUD_FIRMWARE_VIEW (object);

  if (self->device != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->device, self);
    }
  g_clear_object (&self->device);
  g_clear_object (&self->catalog);
  gtk_widget_dispose_template (GTK_WIDGET (self), BUD_TYPE_FIRMWARE_VIEW);

  G_OBJECT_CLASS (bud_firmware_view_parent_class)->dispose (object);
}

static void
bud_firmware_view_class_init (BudFirmwareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bud_firmware_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/bud-firmware-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BudFirmwareView, model_row);
  gtk_widget_class_bind_template_child (widget_class, BudFirmwareView, model_names);
  gtk_widget_class_bind_template_child (widget_class, BudFirmwareView, version_row);
  gtk_widget_class_bind_template_child (widget_class, BudFirmwareView, source_label);
  gtk_widget_class_bind_template_child (widget_class, BudFirmwareView, result_group);
  gtk_widget_class_bind_template_child (widget_class, BudFirmwareView, result_list);
}

static void
bud_firmware_view_init (BudFirmwareView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->version_row, "apply", G_CALLBACK (run_check), self);
  g_signal_connect_swapped (self->version_row, "entry-activated", G_CALLBACK (run_check), self);
  g_signal_connect_swapped (self->model_row, "notify::selected", G_CALLBACK (update_source), self);
  update_source (self);
}
