/* bud-modalias.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bud-modalias.h"

/* Reads a letter followed by exactly four hex digits. */
static gboolean
read_field (const char **p,
            char         letter,
            guint16     *out)
{
  guint value = 0;

  if (g_ascii_tolower (**p) != letter)
    {
      return FALSE;
    }

  for (int i = 1; i <= 4; i++)
    {
      int digit = g_ascii_xdigit_value ((*p)[i]);

      if (digit < 0)
        {
          return FALSE;
        }
      value = value * 16 + (guint) digit;
    }

  *out = (guint16) value;
  *p += 5;
  return TRUE;
}

/**
 * bud_modalias_parse:
 * @modalias: (nullable): a modalias string from BlueZ
 * @out: where to store the parsed fields
 *
 * Accepts "usb:vVVVVpPPPPdDDDD" and "bluetooth:vVVVVpPPPPdDDDD" in any case;
 * the device field may be missing. Anything else is refused.
 *
 * Returns: whether @modalias could be parsed
 */
gboolean
bud_modalias_parse (const char  *modalias,
                    BudModalias *out)
{
  BudModalias parsed = { 0 };
  const char *p;

  g_return_val_if_fail (out != NULL, FALSE);

  if (modalias == NULL)
    {
      return FALSE;
    }

  if (g_ascii_strncasecmp (modalias, "usb:", 4) == 0)
    {
      parsed.from_usb = TRUE;
      p = modalias + 4;
    }
  else if (g_ascii_strncasecmp (modalias, "bluetooth:", 10) == 0)
    {
      p = modalias + 10;
    }
  else
    {
      return FALSE;
    }

  if (!read_field (&p, 'v', &parsed.vendor) || !read_field (&p, 'p', &parsed.product))
    {
      return FALSE;
    }
  if (*p != '\0' && !read_field (&p, 'd', &parsed.device))
    {
      return FALSE;
    }
  if (*p != '\0')
    {
      return FALSE;
    }

  *out = parsed;
  return TRUE;
}
