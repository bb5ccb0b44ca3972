/* bud-application.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-application.h"
#include "bud-window.h"

struct _BudApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (BudApplication, bud_application, ADW_TYPE_APPLICATION)

BudApplication *
bud_application_new (void)
{
  return g_object_new (BUD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

static void
bud_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (bud_window_new (BUD_APPLICATION (app)));
    }

  gtk_window_present (window);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *about;
  const char *developers[] = { _("The Earbud Doctor developers"), NULL };

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("Earbud Doctor"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Earbud Doctor developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Find out why your wireless earbuds won’t charge, "
                                      "and measure whether a fix worked."),
                        "website", "https://github.com/earbuddoctor/EarbudDoctor",
                        "issue-url", "https://github.com/earbuddoctor/EarbudDoctor/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2026 The Earbud Doctor developers"),
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your name/username,
                         * and optionally an email or URL. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows;

  /* Close the windows first, so each one saves its state. */
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }

  g_application_quit (app);
}

static const GActionEntry app_actions[] = {
  { "about", about_activated_cb },
  { "quit", quit_activated_cb },
};

static void
bud_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (bud_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
}

static void
bud_application_class_init (BudApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = bud_application_activate;
  app_class->startup = bud_application_startup;
}

static void
bud_application_init (BudApplication *self)
{
}
