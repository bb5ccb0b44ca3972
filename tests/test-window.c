/* test-window.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "bud-application.h"
#include "bud-device-row.h"
#include "bud-firmware-view.h"
#include "bud-fix-page.h"
#include "bud-measure-check.h"
#include "bud-timer-check.h"
#include "bud-window.h"

static BudApplication *app;

static BudWindow *
new_window (void)
{
  return bud_window_new (app);
}

static gpointer
template_child (BudWindow  *window,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), BUD_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

static void
test_window_areas (void)
{
  BudWindow *window = new_window ();
  AdwViewStack *stack = template_child (window, "stack");
  const char *names[] = { "fix", "battery", "firmware" };
  const char *titles[] = { "Fix It", "Battery", "Firmware" };

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Earbud Doctor");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, names[i]);
      AdwViewStackPage *page;

      g_assert_nonnull (child);
      page = adw_view_stack_get_page (stack, child);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, titles[i]);
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-area", "s", names[i]);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, names[i]);
    }

  /* An area that does not exist leaves the window where it was. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-area", "s", "nowhere");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "firmware");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_state_persists (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  BudWindow *window = new_window ();
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 610);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-area", "s", "battery");
  gtk_window_close (GTK_WINDOW (window));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 400);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = new_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 400);
  g_assert_cmpint (height, ==, 610);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (template_child (window, "stack")),
                   ==, "battery");
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "last-page");
}

static void
test_window_accessible (void)
{
  BudWindow *window = new_window ();
  GtkWidget *menu_button = template_child (window, "menu_button");

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (window), GTK_ACCESSIBLE_ROLE_WINDOW);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (menu_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Main Menu");
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (menu_button)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
bar_revealed (AdwViewSwitcherBar *bar,
              gboolean            revealed)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (adw_view_switcher_bar_get_reveal (bar) != revealed &&
         g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
    }

  return adw_view_switcher_bar_get_reveal (bar) == revealed;
}

static void
test_window_adaptive (void)
{
  BudWindow *window = new_window ();
  AdwViewSwitcherBar *bar = template_child (window, "switcher_bar");
  GtkWidget *content;
  int min_width;

  /* Wide: the areas are switched from the header bar. */
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (bar_revealed (bar, FALSE));

  /* Phone-sized: the switcher moves to a bar at the bottom. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  g_assert_true (bar_revealed (bar, TRUE));
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Something else (a transition, the accessibility bridge) may hold a widget
 * past its dispose; the timer and the device outlive it, and their next
 * notification must not reach it. G_DEBUG=fatal-warnings turns a critical
 * from a disposed widget into a failure. */
static void
test_disposed_checks (void)
{
  BudStepTimer *timer = bud_step_timer_new (NULL);
  BudDevice *device = bud_device_new ("AA:BB:CC:DD:EE:01");
  g_autoptr (BudGuideProgress) progress = bud_guide_progress_new ("generic", NULL);
  GtkWidget *widgets[3];

  widgets[0] = bud_timer_check_new (timer, "charge-case", "Charge the Case", 30);
  widgets[1] = bud_measure_check_new (device, progress, "reseat", 10);
  widgets[2] = bud_device_row_new (device);
  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      g_object_ref_sink (widgets[i]);
      g_object_run_dispose (G_OBJECT (widgets[i]));
    }

  bud_step_timer_start (timer, "charge-case", "Charge the Case", 60);
  bud_device_set_battery (device, 40);

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      g_assert_finalize_object (widgets[i]);
    }
  bud_step_timer_cancel (timer);
  g_assert_finalize_object (timer);
  g_assert_finalize_object (device);
}

/* The case row says when its level was read, and still shows the trend. */
static void
test_device_row_case (void)
{
  BudDevice *device = bud_device_new ("AA:BB:CC:DD:EE:02");
  g_autoptr (BudBatteryHistory) history = bud_battery_history_new ("AA:BB:CC:DD:EE:02");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GtkWidget *row;
  AdwActionRow *case_row;
  const char *subtitle;

  for (int i = 0; i <= 6; i++)
    {
      bud_battery_history_add_at (history, BUD_BATTERY_COMPONENT_CASE, 40 + 2 * i,
                                  BUD_CHARGE_STATUS_CHARGING, now - 1800 + 300 * i);
    }
  bud_device_set_history (device, history);
  bud_device_set_case_level (device, 52);
  bud_device_set_case_updated (device, now);

  row = g_object_ref_sink (bud_device_row_new (device));
  case_row = ADW_ACTION_ROW (gtk_widget_get_template_child (row, BUD_TYPE_DEVICE_ROW, "case_row"));
  subtitle = adw_action_row_get_subtitle (case_row);
  g_assert_nonnull (strstr (subtitle, "52 %"));
  g_assert_nonnull (strstr (subtitle, "read at"));
  g_assert_nonnull (strstr (subtitle, "Rising"));

  g_assert_finalize_object (row);
  g_clear_object (&history);
  g_assert_finalize_object (device);
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Going back while the guide loads stays on the start page: the guide must
 * not open on top of it when the load finishes. */
static void
test_fix_back_while_loading (void)
{
  BudWindow *window = new_window ();
  GtkWidget *fix_page = template_child (window, "fix_page");
  GObject *start_view = gtk_widget_get_template_child (fix_page, BUD_TYPE_FIX_PAGE, "start_view");
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (fix_page, BUD_TYPE_FIX_PAGE,
                                                              "stack"));
  gboolean done = FALSE;

  g_signal_emit_by_name (start_view, "model-chosen", "generic");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
  gtk_widget_activate_action (fix_page, "fix.back", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "start");

  g_timeout_add (500, timeout_cb, &done);
  while (!done)
    {
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "start");

  /* Choosing again still opens the guide. */
  g_signal_emit_by_name (start_view, "model-chosen", "generic");
  while (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") == 0)
    {
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "step");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Setting the same earbuds again, as the firmware page does whenever the
 * device list changes, keeps following the version they report. */
static void
test_firmware_view_same_device (void)
{
  BudDevice *device = bud_device_new ("AA:BB:CC:DD:EE:03");
  GtkWidget *view = g_object_ref_sink (bud_firmware_view_new ());
  GtkEditable *version_row = GTK_EDITABLE (gtk_widget_get_template_child (view,
                                                                          BUD_TYPE_FIRMWARE_VIEW,
                                                                          "version_row"));

  bud_firmware_view_set_device (BUD_FIRMWARE_VIEW (view), device);
  bud_firmware_view_set_device (BUD_FIRMWARE_VIEW (view), device);
  bud_device_set_firmware_version (device, "2.3.1");
  g_assert_cmpstr (gtk_editable_get_text (version_row), ==, "2.3.1");

  bud_firmware_view_set_device (BUD_FIRMWARE_VIEW (view), NULL);
  bud_device_set_firmware_version (device, "2.4.0");
  g_assert_cmpstr (gtk_editable_get_text (version_row), ==, "2.3.1");

  g_assert_finalize_object (view);
  g_assert_finalize_object (device);
}

static gboolean
file_has_two_answers (const char *path)
{
  g_autofree char *contents = NULL;
  const char *first;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    {
      return FALSE;
    }
  first = strstr (contents, "\"not-fixed\"");

  return first != NULL && strstr (first + 1, "\"not-fixed\"") != NULL;
}

/* Closing the window right after two quick answers still saves both: the
 * second was due while the first was being written. */
static void
test_fix_answer_survives_close (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "earbud-doctor", "progress",
                                            "model-generic.json", NULL);
  BudWindow *window = new_window ();
  GtkWidget *fix_page = template_child (window, "fix_page");
  GObject *start_view = gtk_widget_get_template_child (fix_page, BUD_TYPE_FIX_PAGE, "start_view");
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (fix_page, BUD_TYPE_FIX_PAGE,
                                                              "stack"));
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_unlink (path);
  g_signal_emit_by_name (start_view, "model-chosen", "generic");
  while (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") == 0)
    {
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "step");

  gtk_widget_activate_action (fix_page, "fix.not-fixed", NULL);
  gtk_widget_activate_action (fix_page, "fix.not-fixed", NULL);
  gtk_window_destroy (GTK_WINDOW (window));

  while (!file_has_two_answers (path) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_true (file_has_two_answers (path));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = bud_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/window/areas", test_window_areas);
  g_test_add_func ("/window/state-persists", test_window_state_persists);
  g_test_add_func ("/window/accessible", test_window_accessible);
  g_test_add_func ("/window/adaptive", test_window_adaptive);
  g_test_add_func ("/window/disposed-checks", test_disposed_checks);
  g_test_add_func ("/window/device-row-case", test_device_row_case);
  g_test_add_func ("/window/fix-back-while-loading", test_fix_back_while_loading);
  g_test_add_func ("/window/firmware-view-same-device", test_firmware_view_same_device);
  g_test_add_func ("/window/fix-answer-survives-close", test_fix_answer_survives_close);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
