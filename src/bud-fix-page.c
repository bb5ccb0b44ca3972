/* bud-fix-page.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-fix-page.h"

struct _BudFixPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (BudFixPage, bud_fix_page, ADW_TYPE_BIN)

static void
bud_fix_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BUD_TYPE_FIX_PAGE);

  G_OBJECT_CLASS (bud_fix_page_parent_class)->dispose (object);
}

static void
bud_fix_page_class_init (BudFixPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bud_fix_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bud-fix-page.ui");
}

static void
bud_fix_page_init (BudFixPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
