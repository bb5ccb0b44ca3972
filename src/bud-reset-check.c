/* bud-reset-check.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-reset-check.h"

/* The reset procedure as a checklist, one group per earbud, with a counter
 * for the lid cycles so nobody has to count in their head. */
struct _BudResetCheck
{
  AdwBin parent_instance;

  GtkBox *box;
};

G_DEFINE_FINAL_TYPE (BudResetCheck, bud_reset_check, ADW_TYPE_BIN)

typedef struct {
  AdwActionRow *row;
  GtkCheckButton *check;
  guint target;
  guint count;
} LidCounter;

static const char *
bud_title (BudGuideBud bud)
{
  switch (bud)
    {
    case BUD_GUIDE_BUD_LEFT:
      return _("Left Earbud");
    case BUD_GUIDE_BUD_RIGHT:
      return _("Right Earbud");
    case BUD_GUIDE_BUD_BOTH:
    default:
      return _("Before You Start");
    }
}

/* A coloured dot that shows which light to wait for. */
static GtkWidget *
led_dot (const char *led)
{
  GtkWidget *dot;
  const char *name;

  if (g_strcmp0 (led, "red") == 0)
    {
      name = _("Red light");
    }
  else if (g_strcmp0 (led, "green") == 0)
    {
      name = _("Green light");
    }
  else
    {
      return NULL;
    }

  dot = gtk_image_new_from_icon_name ("media-record-symbolic");
  gtk_widget_add_css_class (dot, led);
  gtk_widget_add_css_class (dot, "bud-led");
  gtk_widget_set_tooltip_text (dot, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dot), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  return dot;
}

static void
show_count (LidCounter *counter)
{
  g_autofree char *text = NULL;

  /* Translators: how many times the lid was opened and closed, "2 of 5 lid cycles" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u lid cycle", "%u of %u lid cycles",
                                       counter->target),
                          counter->count, counter->target);
  adw_action_row_set_subtitle (counter->row, text);
  gtk_check_button_set_active (counter->check, counter->count >= counter->target);
}

static void
count_clicked_cb (GtkButton  *button,
                  LidCounter *counter)
{
  counter->count = counter->count >= counter->target ? 0 : counter->count + 1;
  show_count (counter);
}

static GtkWidget *
item_row (const BudGuideChecklistItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *dot = led_dot (item->led);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->text);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  /* The row names its activatable check box after its title. */

  if (dot != NULL)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dot);
    }

  if (item->lid_cycles > 0)
    {
      LidCounter *counter = g_new0 (LidCounter, 1);
      GtkWidget *button = gtk_button_new_with_label (_("Count"));

      counter->row = ADW_ACTION_ROW (row);
      counter->check = GTK_CHECK_BUTTON (check);
      counter->target = item->lid_cycles;
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Count one open–close of the lid"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Count one lid cycle"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_signal_connect_data (button, "clicked", G_CALLBACK (count_clicked_cb), counter,
                             (GClosureNotify) (void (*) (void)) g_free, 0);
      show_count (counter);
    }

  return row;
}

GtkWidget *
bud_reset_check_new (BudGuideStep *step)
{
  BudResetCheck *self = g_object_new (BUD_TYPE_RESET_CHECK, NULL);
  AdwPreferencesGroup *group = NULL;
  BudGuideBud group_bud = BUD_GUIDE_BUD_BOTH;
  guint n = bud_guide_step_get_n_checklist_items (step);

  for (guint i = 0; i < n; i++)
    {
      const BudGuideChecklistItem *item = bud_guide_step_get_checklist_item (step, i);

      if (group == NULL || item->bud != group_bud)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, bud_title (item->bud));
          gtk_box_append (self->box, GTK_WIDGET (group));
          group_bud = item->bud;
        }
      adw_preferences_group_add (group, item_row (item));
    }

  return GTK_WIDGET (self);
}

static void
bud_reset_check_class_init (BudResetCheckClass *klass)
{
}

static void
bud_reset_check_init (BudResetCheck *self)
{
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->box));
}
