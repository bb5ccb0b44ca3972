/* bud-window.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-battery-page.h"
#include "bud-firmware-page.h"
#include "bud-fix-page.h"
#include "bud-window.h"

struct _BudWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;

  /* Template widgets */
  AdwViewStack *stack;
  BudBatteryPage *battery_page;
  BudFirmwarePage *firmware_page;
  BudFixPage *fix_page;
  GtkMenuButton *menu_button;
  AdwViewSwitcherBar *switcher_bar;
};

G_DEFINE_FINAL_TYPE (BudWindow, bud_window, ADW_TYPE_APPLICATION_WINDOW)

static void bind_application (BudWindow      *self,
                              BudApplication *app);

BudWindow *
bud_window_new (BudApplication *application)
{
  BudWindow *self = g_object_new (BUD_TYPE_WINDOW, "application", application, NULL);

  bind_application (self, application);

  return self;
}

static void
show_area_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BudWindow *self = BUD_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    {
      adw_view_stack_set_visible_child_name (self->stack, name);
    }
}

static void
save_window_state (BudWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (self->settings, "last-page",
                         adw_view_stack_get_visible_child_name (self->stack));
  g_settings_apply (self->settings);
}

static gboolean
bud_window_close_request (GtkWindow *window)
{
  save_window_state (BUD_WINDOW (window));

  return GTK_WINDOW_CLASS (bud_window_parent_class)->close_request (window);
}

static void
bud_window_dispose (GObject *object)
{
  BudWindow *self = BUD_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BUD_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bud_window_parent_class)->dispose (object);
}

/* The pages show what the application loaded in the background. */
static void
bind_application (BudWindow      *self,
                  BudApplication *app)
{
  g_object_bind_property (app, "client", self->battery_page, "client", G_BINDING_SYNC_CREATE);
  g_object_bind_property (app, "bluetooth-error", self->battery_page, "error-message",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (app, "client", self->firmware_page, "client", G_BINDING_SYNC_CREATE);
  g_object_bind_property (app, "catalog", self->firmware_page, "catalog", G_BINDING_SYNC_CREATE);
  g_object_bind_property (app, "catalog-error", self->firmware_page, "catalog-error",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (app, "client", self->fix_page, "client", G_BINDING_SYNC_CREATE);
  g_object_bind_property (app, "catalog", self->fix_page, "catalog", G_BINDING_SYNC_CREATE);
}

static void
bud_window_class_init (BudWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bud_window_dispose;
  window_class->close_request = bud_window_close_request;

  g_type_ensure (BUD_TYPE_FIX_PAGE);
  g_type_ensure (BUD_TYPE_BATTERY_PAGE);
  g_type_ensure (BUD_TYPE_FIRMWARE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bud-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BudWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BudWindow, battery_page);
  gtk_widget_class_bind_template_child (widget_class, BudWindow, firmware_page);
  gtk_widget_class_bind_template_child (widget_class, BudWindow, fix_page);
  gtk_widget_class_bind_template_child (widget_class, BudWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, BudWindow, switcher_bar);

  gtk_widget_class_install_action (widget_class, "win.show-area", "s", show_area_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-area", "s", "fix");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-area", "s", "battery");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-area", "s", "firmware");
}

static void
bud_window_init (BudWindow *self)
{
  g_autofree char *last_page = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    {
      gtk_window_maximize (GTK_WINDOW (self));
    }

  last_page = g_settings_get_string (self->settings, "last-page");
  adw_view_stack_set_visible_child_name (self->stack, last_page);
}
