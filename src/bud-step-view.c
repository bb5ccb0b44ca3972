/* bud-step-view.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-step-view.h"

/* One step of a guide: its illustration, what to do and why, the live check
 * that measures it, and the person's answer. The fix page owns the flow. */
struct _BudStepView
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkPicture *illustration;
  GtkLabel *position_label;
  GtkLabel *title_label;
  GtkLabel *body_label;
  GtkLabel *tips_label;
  GtkWidget *why_box;
  GtkLabel *why_label;
  AdwBin *check_bin;
  GtkWidget *answer_box;
  GtkWidget *report_box;
};

G_DEFINE_FINAL_TYPE (BudStepView, bud_step_view, ADW_TYPE_BIN)

static char *
format_tips (const char * const *tips)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; tips != NULL && tips[i] != NULL; i++)
    {
      if (text->len > 0)
        {
          g_string_append_c (text, '\n');
        }
      /* Translators: a bullet point in a list of tips */
      g_string_append_printf (text, _("• %s"), tips[i]);
    }

  return g_string_free (g_steal_pointer (&text), text->len == 0);
}

static void
show_illustration (BudStepView *self,
                   const char  *resource,
                   const char  *alt)
{
  gtk_picture_set_resource (self->illustration, resource);
  gtk_picture_set_alternative_text (self->illustration, alt);
  gtk_widget_set_visible (GTK_WIDGET (self->illustration), resource != NULL);

  /* Screen readers announce the picture's text alternative as its description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->illustration),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Illustration"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, alt != NULL ? alt : "",
                                  -1);
}

void
bud_step_view_set_step (BudStepView  *self,
                        BudGuideStep *step,
                        guint         position,
                        guint         n_steps)
{
  g_autofree char *position_text = NULL;
  g_autofree char *tips = NULL;
  const char *why;

  g_return_if_fail (BUD_IS_STEP_VIEW (self));
  g_return_if_fail (BUD_IS_GUIDE_STEP (step));

  /* Translators: "Step 2 of 6" */
  position_text = g_strdup_printf (_("Step %u of %u"), position + 1, n_steps);
  gtk_label_set_label (self->position_label, position_text);
  gtk_label_set_label (self->title_label, bud_guide_step_get_title (step));
  gtk_label_set_label (self->body_label, bud_guide_step_get_body (step));

  tips = format_tips (bud_guide_step_get_tips (step));
  gtk_label_set_label (self->tips_label, tips != NULL ? tips : "");
  gtk_widget_set_visible (GTK_WIDGET (self->tips_label), tips != NULL);

  why = bud_guide_step_get_why (step);
  gtk_label_set_label (self->why_label, why != NULL ? why : "");
  gtk_widget_set_visible (self->why_box, why != NULL && *why != '\0');

  show_illustration (self,
                     bud_guide_step_get_illustration (step),
                     bud_guide_step_get_illustration_alt (step));

  /* A new step starts at the top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

void
bud_step_view_set_check (BudStepView *self,
                         GtkWidget   *check)
{
  g_return_if_fail (BUD_IS_STEP_VIEW (self));

  adw_bin_set_child (self->check_bin, check);
  gtk_widget_set_visible (GTK_WIDGET (self->check_bin), check != NULL);
}

/**
 * bud_step_view_set_final:
 * @final: whether this is the "contact support" step, which ends the guide
 *
 * The last step asks nothing; it offers the support report instead.
 */
void
bud_step_view_set_final (BudStepView *self,
                         gboolean     final)
{
  g_return_if_fail (BUD_IS_STEP_VIEW (self));

  gtk_widget_set_visible (self->answer_box, !final);
  gtk_widget_set_visible (self->report_box, final);
}

static void
bud_step_view_dispose (GObject *object)
{
  BudStepView *self = BUD_STEP_VIEW (object);

  /* The template's root is also the bin's child: let the bin drop it first. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BUD_TYPE_STEP_VIEW);

  G_OBJECT_CLASS (bud_step_view_parent_class)->dispose (object);
}

static void
bud_step_view_class_init (BudStepViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bud_step_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bud-step-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BudStepView, scroller);
  gtk_widget_class_bind_template_child (widget_class, BudStepView, illustration);
  gtk_widget_class_bind_template_child (widget_class, BudStepView, position_label);
  gtk_widget_class_bind_template_child (widget_class, BudStepView, title_label);
  gtk_widget_class_bind_template_child (widget_class, BudStepView, body_label);
  gtk_widget_class_bind_template_child (widget_class, BudStepView, tips_label);
  gtk_widget_class_bind_template_child (widget_class, BudStepView, why_box);
  gtk_widget_class_bind_template_child (widget_class, BudStepView, why_label);
  gtk_widget_class_bind_template_child (widget_class, BudStepView, check_bin);
  gtk_widget_class_bind_template_child (widget_class, BudStepView, answer_box);
  gtk_widget_class_bind_template_child (widget_class, BudStepView, report_box);
}

static void
bud_step_view_init (BudStepView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
