/* bud-device-row.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-device-row.h"
#include "bud-measurement.h"

struct _BudDeviceRow
{
  AdwExpanderRow parent_instance;

  BudDevice *device;

  /* Template widgets */
  GtkLabel *summary_label;
  AdwActionRow *battery_row;
  GtkLevelBar *battery_bar;
  AdwActionRow *left_row;
  GtkLevelBar *left_bar;
  AdwActionRow *right_row;
  GtkLevelBar *right_bar;
  AdwActionRow *case_row;
  GtkLevelBar *case_bar;
};

G_DEFINE_FINAL_TYPE (BudDeviceRow, bud_device_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_DEVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * bud_format_level:
 * @level: a battery level from 0 to 100, or %BUD_BATTERY_UNKNOWN
 * @status: what the component says about charging
 *
 * Returns: (transfer full): the level as a person reads it, e.g. "80 % · Charging"
 */
char *
bud_format_level (int             level,
                  BudChargeStatus status)
{
  g_autofree char *percent = NULL;
  const char *state = NULL;

  if (level < 0)
    {
      return g_strdup (_("Not reported"));
    }

  /* Translators: a battery level; %d is a number from 0 to 100. */
  percent = g_strdup_printf (_("%d %%"), level);

  switch (status)
    {
    case BUD_CHARGE_STATUS_CHARGING:
      state = _("Charging");
      break;
    case BUD_CHARGE_STATUS_CHARGED:
      state = _("Full");
      break;
    case BUD_CHARGE_STATUS_NOT_CHARGING:
      state = _("Not charging");
      break;
    case BUD_CHARGE_STATUS_UNKNOWN:
    default:
      return g_steal_pointer (&percent);
    }

  /* Translators: a battery level, then whether it is charging: "80 % · Charging" */
  return g_strdup_printf (_("%s · %s"), percent, state);
}

/* The level as @text says it, and over the last hour what the diagnostics
 * module sees in it. */
static void
show_level (BudDeviceRow      *self,
            AdwActionRow      *row,
            GtkLevelBar       *bar,
            BudGuideComponent  component,
            int                level,
            const char        *text)
{
  g_autofree char *trend = bud_measurement_describe_trend (bud_device_get_history (self->device),
                                                           component, 3600);
  g_autofree char *subtitle = trend != NULL ? g_strdup_printf ("%s\n%s", text, trend)
                                            : g_strdup (text);

  adw_action_row_set_subtitle (row, subtitle);
  gtk_level_bar_set_value (bar, MAX (level, 0));
  gtk_widget_set_visible (GTK_WIDGET (bar), level >= 0);
}

static char *
case_subtitle (BudDevice *device)
{
  g_autofree char *level = bud_format_level (bud_device_get_case_level (device),
                                             bud_device_get_case_status (device));
  gint64 updated = bud_device_get_case_updated (device);
  g_autoptr (GDateTime) when = NULL;
  g_autofree char *time = NULL;

  /* The case reports only while a bud sits in it, so an old reading is shown
   * with the time it was taken rather than as a live value. */
  if (updated <= 0 || bud_device_get_case_level (device) < 0)
    {
      return g_steal_pointer (&level);
    }

  when = g_date_time_new_from_unix_local (updated);
  time = g_date_time_format (when, "%X");
  /* Translators: the case's last known level, then the time it was read */
  return g_strdup_printf (_("%s · read at %s"), level, time);
}

/* The collapsed row's glance: the single level, or the buds' when the vendor
 * link reports them apart. */
static char *
summary_text (BudDevice *device,
              int        battery)
{
  int left = bud_device_get_left_level (device);
  int right = bud_device_get_right_level (device);

  if (battery >= 0)
    {
      return g_strdup_printf (_("%d %%"), battery);
    }
  if (left >= 0 && right >= 0)
    {
      /* Translators: the left and right earbuds' levels, "L 70 % · R 40 %" */
      return g_strdup_printf (_("L %d %% · R %d %%"), left, right);
    }

  return g_strdup ("");
}

static void
update_levels (BudDeviceRow *self)
{
  BudDevice *device = self->device;
  gboolean has_parts = bud_measurement_has_parts (device);
  int battery = bud_device_get_battery (device);
  g_autofree char *battery_text = bud_format_level (battery, BUD_CHARGE_STATUS_UNKNOWN);
  g_autofree char *left_text = bud_format_level (bud_device_get_left_level (device),
                                                 bud_device_get_left_status (device));
  g_autofree char *right_text = bud_format_level (bud_device_get_right_level (device),
                                                  bud_device_get_right_status (device));
  g_autofree char *case_text = case_subtitle (device);
  g_autofree char *summary = NULL;

  show_level (self, self->battery_row, self->battery_bar, BUD_GUIDE_COMPONENT_DEVICE,
              battery, battery_text);
  show_level (self, self->left_row, self->left_bar, BUD_GUIDE_COMPONENT_LEFT,
              bud_device_get_left_level (device), left_text);
  show_level (self, self->right_row, self->right_bar, BUD_GUIDE_COMPONENT_RIGHT,
              bud_device_get_right_level (device), right_text);
  show_level (self, self->case_row, self->case_bar, BUD_GUIDE_COMPONENT_CASE,
              bud_device_get_case_level (device), case_text);

  gtk_widget_set_visible (GTK_WIDGET (self->battery_row), !has_parts);
  gtk_widget_set_visible (GTK_WIDGET (self->left_row), has_parts);
  gtk_widget_set_visible (GTK_WIDGET (self->right_row), has_parts);
  gtk_widget_set_visible (GTK_WIDGET (self->case_row), has_parts);

  summary = summary_text (device, battery);
  gtk_label_set_label (self->summary_label, summary);
}

static void
update_identity (BudDeviceRow *self)
{
  BudDevice *device = self->device;
  const char *state;

  if (!bud_device_get_available (device))
    {
      state = _("Bluetooth is unavailable");
    }
  else if (bud_device_get_connected (device))
    {
      state = _("Connected");
    }
  else
    {
      state = _("Not connected");
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), bud_device_get_name (device));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), state);
}

static void
device_notify_cb (BudDeviceRow *self,
                  GParamSpec   *pspec,
                  BudDevice    *device)
{
  update_identity (self);
  update_levels (self);
}

GtkWidget *
bud_device_row_new (BudDevice *device)
{
  return g_object_new (BUD_TYPE_DEVICE_ROW, "device", device, NULL);
}

BudDevice *
bud_device_row_get_device (BudDeviceRow *self)
{
  g_return_val_if_fail (BUD_IS_DEVICE_ROW (self), NULL);

  return self->device;
}

static void
bud_device_row_constructed (GObject *object)
{
  BudDeviceRow *self = BUD_DEVICE_ROW (object);

  G_OBJECT_CLASS (bud_device_row_parent_class)->constructed (object);

  g_signal_connect_object (self->device, "notify", G_CALLBACK (device_notify_cb),
                           self, G_CONNECT_SWAPPED);
  /* Connected earbuds are what the person came to see. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), bud_device_get_connected (self->device));
  update_identity (self);
  update_levels (self);
}

static void
bud_device_row_dispose (GObject *object)
{
  BudDeviceRow *self = BUD_DEVICE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BUD_TYPE_DEVICE_ROW);
  g_clear_object (&self->device);

  G_OBJECT_CLASS (bud_device_row_parent_class)->dispose (object);
}

static void
bud_device_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BudDeviceRow *self = BUD_DEVICE_ROW (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      g_value_set_object (value, self->device);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_device_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BudDeviceRow *self = BUD_DEVICE_ROW (object);

  switch (prop_id)
    {
    case PROP_DEVICE:
      self->device = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_device_row_class_init (BudDeviceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bud_device_row_constructed;
  object_class->dispose = bud_device_row_dispose;
  object_class->get_property = bud_device_row_get_property;
  object_class->set_property = bud_device_row_set_property;

  properties[PROP_DEVICE] =
    g_param_spec_object ("device", NULL, NULL,
                         BUD_TYPE_DEVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bud-device-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BudDeviceRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BudDeviceRow, battery_row);
  gtk_widget_class_bind_template_child (widget_class, BudDeviceRow, battery_bar);
  gtk_widget_class_bind_template_child (widget_class, BudDeviceRow, left_row);
  gtk_widget_class_bind_template_child (widget_class, BudDeviceRow, left_bar);
  gtk_widget_class_bind_template_child (widget_class, BudDeviceRow, right_row);
  gtk_widget_class_bind_template_child (widget_class, BudDeviceRow, right_bar);
  gtk_widget_class_bind_template_child (widget_class, BudDeviceRow, case_row);
  gtk_widget_class_bind_template_child (widget_class, BudDeviceRow, case_bar);
}

static void
bud_device_row_init (BudDeviceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
