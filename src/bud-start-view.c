/* bud-start-view.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-guide.h"
#include "bud-start-view.h"

/* The first page of the guide: which earbuds won't charge? Detected earbuds
 * come first, connected ones at the top; then the catalogue's models, and a
 * way out for people who don't know their model. */
struct _BudStartView
{
  AdwBin parent_instance;

  GtkSorter *sorter;

  /* Template widgets */
  GtkPicture *illustration;
  AdwPreferencesGroup *resume_group;
  AdwActionRow *resume_row;
  GtkListBox *device_list;
  GtkListBox *model_list;
};

G_DEFINE_FINAL_TYPE (BudStartView, bud_start_view, ADW_TYPE_BIN)

enum {
  DEVICE_CHOSEN,
  MODEL_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_devices (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  gboolean a_connected = bud_device_get_connected ((BudDevice *) a);
  gboolean b_connected = bud_device_get_connected ((BudDevice *) b);

  if (a_connected != b_connected)
    {
      return a_connected ? -1 : 1;
    }

  return g_utf8_collate (bud_device_get_name ((BudDevice *) a),
                         bud_device_get_name ((BudDevice *) b));
}

static char *
device_subtitle (BudDevice *device)
{
  int battery = bud_device_get_battery (device);

  if (!bud_device_get_connected (device))
    {
      return g_strdup (_("Not connected"));
    }
  if (battery < 0)
    {
      return g_strdup (_("Connected"));
    }

  /* Translators: "Connected · 70 %" */
  return g_strdup_printf (_("Connected · %d %%"), battery);
}

static void
update_device_row (AdwActionRow *row,
                   GParamSpec   *pspec,
                   BudDevice    *device)
{
  g_autofree char *subtitle = device_subtitle (device);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bud_device_get_name (device));
  adw_action_row_set_subtitle (row, subtitle);
}

static void
device_connected_cb (BudStartView *self)
{
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

/* Rows open their guide through a real button, so keyboards, pointers and
 * screen readers (which activate buttons, not rows) all reach it. */
static GtkWidget *
choose_button (GtkWidget  *row)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("go-next-symbolic");

  /* The row labels the button with its title, so a screen reader says
   * "Sony WF-1000XM4, button"; the tooltip adds what it does. */
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Open the guide"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return button;
}

static void
device_button_clicked_cb (GtkButton *button,
                          BudDevice *device)
{
  BudStartView *self = BUD_START_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                BUD_TYPE_START_VIEW));

  g_signal_emit (self, signals[DEVICE_CHOSEN], 0, device);
}

static void
model_button_clicked_cb (GtkButton  *button,
                         const char *model_id)
{
  BudStartView *self = BUD_START_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                BUD_TYPE_START_VIEW));

  g_signal_emit (self, signals[MODEL_CHOSEN], 0, model_id);
}

static GtkWidget *
create_device_row (gpointer item,
                   gpointer user_data)
{
  BudStartView *self = user_data;
  BudDevice *device = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = choose_button (row);

  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "audio-headphones-symbolic");
  g_signal_connect_data (button, "clicked", G_CALLBACK (device_button_clicked_cb),
                         g_object_ref (device),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect_object (device, "notify", G_CALLBACK (update_device_row), row,
                           G_CONNECT_SWAPPED);
  /* Re-sorting recreates every row, so the old row's handler is still
   * connected to this view: replace it rather than add one per re-sort. */
  g_signal_handlers_disconnect_by_func (device, device_connected_cb, self);
  g_signal_connect_object (device, "notify::connected", G_CALLBACK (device_connected_cb), self,
                           G_CONNECT_SWAPPED);
  update_device_row (ADW_ACTION_ROW (row), NULL, device);

  return row;
}

static GtkWidget *
model_row (const char *title,
           const char *subtitle,
           const char *model_id)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  g_signal_connect_data (choose_button (row), "clicked", G_CALLBACK (model_button_clicked_cb),
                         g_strdup (model_id), (GClosureNotify) (void (*) (void)) g_free, 0);

  return row;
}

void
bud_start_view_set_client (BudStartView   *self,
                           BudBluezClient *client)
{
  g_autoptr (GtkSortListModel) sorted = NULL;

  g_return_if_fail (BUD_IS_START_VIEW (self));

  if (client == NULL)
    {
      gtk_list_box_bind_model (self->device_list, NULL, NULL, NULL, NULL);
      return;
    }

  sorted = gtk_sort_list_model_new (g_object_ref (bud_bluez_client_get_devices (client)),
                                    g_object_ref (self->sorter));
  gtk_list_box_bind_model (self->device_list, G_LIST_MODEL (sorted),
                           create_device_row, self, NULL);
}

void
bud_start_view_set_catalog (BudStartView       *self,
                            BudFirmwareCatalog *catalog)
{
  GtkWidget *child;
  guint n;

  g_return_if_fail (BUD_IS_START_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->model_list))) != NULL)
    {
      gtk_list_box_remove (self->model_list, child);
    }

  n = catalog != NULL ? g_list_model_get_n_items (G_LIST_MODEL (catalog)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (BudFirmwareModel) model = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      gtk_list_box_append (self->model_list,
                           model_row (bud_firmware_model_get_name (model), NULL,
                                      bud_firmware_model_get_id (model)));
    }

  gtk_list_box_append (self->model_list,
                       model_row (_("I Don’t Know the Model"),
                                  _("Follow the general guide for all wireless earbuds"),
                                  BUD_GUIDE_GENERIC_MODEL));
}

void
bud_start_view_set_resume (BudStartView *self,
                           const char   *title,
                           const char   *subtitle)
{
  g_return_if_fail (BUD_IS_START_VIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->resume_group), title != NULL);
  if (title != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->resume_row), title);
      adw_action_row_set_subtitle (self->resume_row, subtitle != NULL ? subtitle : "");
    }
}

static void
bud_start_view_dispose (GObject *object)
{
  BudStartView *self = BUD_START_VIEW (object);

  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BUD_TYPE_START_VIEW);
  g_clear_object (&self->sorter);

  G_OBJECT_CLASS (bud_start_view_parent_class)->dispose (object);
}

static void
bud_start_view_class_init (BudStartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bud_start_view_dispose;

  signals[DEVICE_CHOSEN] = g_signal_new ("device-chosen", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, BUD_TYPE_DEVICE);
  signals[MODEL_CHOSEN] = g_signal_new ("model-chosen", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bud-start-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BudStartView, illustration);
  gtk_widget_class_bind_template_child (widget_class, BudStartView, resume_group);
  gtk_widget_class_bind_template_child (widget_class, BudStartView, resume_row);
  gtk_widget_class_bind_template_child (widget_class, BudStartView, device_list);
  gtk_widget_class_bind_template_child (widget_class, BudStartView, model_list);
}

static void
bud_start_view_init (BudStartView *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_devices, NULL, NULL));

  gtk_picture_set_resource (self->illustration,
                            RESOURCE_PREFIX "/illustrations/choose-earbuds.svg");
  gtk_picture_set_alternative_text (self->illustration,
                                    _("A laptop sending a wireless signal to a pair of earbuds."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->illustration),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Illustration"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("A laptop sending a wireless signal to a pair of earbuds."),
                                  -1);

  placeholder = gtk_label_new (_("No earbuds found over Bluetooth. Connect them in the "
                                 "Bluetooth settings, or choose the model below."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->device_list, placeholder);

  bud_start_view_set_catalog (self, NULL);
}
