/* bud-version.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Firmware versions are dotted numbers with an optional suffix: "2.3.1",
 * "1.10.0", "2.0", "2.1.0-beta2".
 *
 * Ordering rules:
 *  - components are compared as numbers, so 1.10.0 > 1.9.2;
 *  - missing trailing components count as zero, so 2.0 == 2.0.0;
 *  - a suffix after "-" or "~" marks a pre-release, which sorts before the
 *    plain version (2.1.0-beta.2 < 2.1.0); two suffixes compare by these
 *    same rules, component by component;
 *  - letters glued to a component ("1.2.6a") sort after the bare number.
 */

#include "config.h"

#include <string.h>

#include "bud-version.h"

#define MAX_VERSION_LENGTH 64

gboolean
bud_version_is_valid (const char *version)
{
  gsize len;

  if (version == NULL || !g_ascii_isdigit (version[0]))
    {
      return FALSE;
    }

  len = strlen (version);
  if (len > MAX_VERSION_LENGTH)
    {
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    {
      char c = version[i];

      if (!g_ascii_isalnum (c) && c != '.' && c != '-' && c != '_' && c != '~')
        {
          return FALSE;
        }
    }

  return TRUE;
}

static const char *
split_suffix (const char *version,
              gsize      *main_len)
{
  const char *suffix = strpbrk (version, "-~");

  *main_len = suffix != NULL ? (gsize) (suffix - version) : strlen (version);

  return suffix != NULL ? suffix + 1 : NULL;
}

/* Reads one dotted component: its number and any letters glued to it. */
static const char *
read_component (const char *p,
                const char *end,
                guint64    *number,
                const char **tail,
                gsize      *tail_len)
{
  *number = 0;
  while (p < end && g_ascii_isdigit (*p))
    {
      if (*number < G_MAXUINT64 / 10)
        {
          *number = *number * 10 + (guint64) (*p - '0');
        }
      p++;
    }

  *tail = p;
  while (p < end && *p != '.')
    {
      p++;
    }
  *tail_len = (gsize) (p - *tail);

  return p < end ? p + 1 : end;
}

static int
compare_tails (const char *a,
               gsize       a_len,
               const char *b,
               gsize       b_len)
{
  g_autofree char *a_str = g_strndup (a, a_len);
  g_autofree char *b_str = g_strndup (b, b_len);
  int cmp;

  cmp = strcmp (a_str, b_str);

  return cmp < 0 ? -1 : (cmp > 0 ? 1 : 0);
}

static int
compare_main (const char *a,
              gsize       a_len,
              const char *b,
              gsize       b_len)
{
  const char *a_end = a + a_len;
  const char *b_end = b + b_len;

  while (a < a_end || b < b_end)
    {
      guint64 a_num, b_num;
      const char *a_tail, *b_tail;
      gsize a_tail_len, b_tail_len;
      int cmp;

      a = read_component (a, a_end, &a_num, &a_tail, &a_tail_len);
      b = read_component (b, b_end, &b_num, &b_tail, &b_tail_len);

      if (a_num != b_num)
        {
          return a_num < b_num ? -1 : 1;
        }

      cmp = compare_tails (a_tail, a_tail_len, b_tail, b_tail_len);
      if (cmp != 0)
        {
          return cmp;
        }
    }

  return 0;
}

/**
 * bud_version_compare:
 * @a: a version string
 * @b: another version string
 *
 * Compares two firmware versions using the rules at the top of this file.
 *
 * Returns: a negative number when @a is older than @b, zero when they are
 *   the same release, and a positive number when @a is newer
 */
int
bud_version_compare (const char *a,
                     const char *b)
{
  gsize a_len, b_len;
  const char *a_suffix, *b_suffix;
  int cmp;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  a_suffix = split_suffix (a, &a_len);
  b_suffix = split_suffix (b, &b_len);

  cmp = compare_main (a, a_len, b, b_len);
  if (cmp != 0)
    {
      return cmp;
    }

  if (a_suffix == NULL || b_suffix == NULL)
    {
      /* A pre-release comes before the release it leads to. */
      return (a_suffix == NULL) - (b_suffix == NULL);
    }

  return compare_main (a_suffix, strlen (a_suffix), b_suffix, strlen (b_suffix));
}
