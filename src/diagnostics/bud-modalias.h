/* bud-modalias.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* BlueZ's Device1.Modalias, e.g. "usb:v054Cp0DE1d0201". The device field
 * is a hardware revision, not a firmware version. */
typedef struct {
  gboolean from_usb;  /* "usb:" rather than "bluetooth:" */
  guint16  vendor;
  guint16  product;
  guint16  device;
} BudModalias;

gboolean bud_modalias_parse (const char  *modalias,
                             BudModalias *out);

G_END_DECLS
