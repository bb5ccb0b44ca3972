/* test-version.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bud-version.h"

static void
assert_order (const char *older,
              const char *newer)
{
  g_assert_cmpint (bud_version_compare (older, newer), <, 0);
  g_assert_cmpint (bud_version_compare (newer, older), >, 0);
}

static void
test_version_numeric (void)
{
  assert_order ("1.4.2", "1.6.1");
  assert_order ("1.9.2", "1.10.0");
  assert_order ("2.1.0", "2.3.1");
  assert_order ("1.6.1", "2.0.0");
  assert_order ("2", "2.0.1");
  assert_order ("1.4.2", "2.3.1");
  assert_order ("1.1.5", "1.2.6");
  g_assert_cmpint (bud_version_compare ("2.3.1", "2.3.1"), ==, 0);
}

static void
test_version_padding (void)
{
  g_assert_cmpint (bud_version_compare ("2.0", "2.0.0"), ==, 0);
  g_assert_cmpint (bud_version_compare ("2.0.0.0", "2"), ==, 0);
  g_assert_cmpint (bud_version_compare ("2.0-rc1", "2.0.0-rc1"), ==, 0);
  g_assert_cmpint (bud_version_compare ("01.04.02", "1.4.2"), ==, 0);
}

static void
test_version_suffix (void)
{
  assert_order ("2.1.0-beta", "2.1.0");
  assert_order ("2.1.0-beta.2", "2.1.0-beta.10");
  assert_order ("2.0.9", "2.1.0-rc.1");
  assert_order ("1.2.6", "1.2.6a");
  assert_order ("1.2.6a", "1.2.7");
}

static void
test_version_valid (void)
{
  g_assert_true (bud_version_is_valid ("2.3.1"));
  g_assert_true (bud_version_is_valid ("1.0_rc-2"));
  g_assert_false (bud_version_is_valid (NULL));
  g_assert_false (bud_version_is_valid (""));
  g_assert_false (bud_version_is_valid ("v2.3.1"));
  g_assert_false (bud_version_is_valid ("2.3 .1"));
  g_assert_false (bud_version_is_valid ("2.3.1\n"));
  g_assert_false (bud_version_is_valid ("11111111111111111111111111111111"
                                        "11111111111111111111111111111111.1"));
}

static void
test_version_huge_numbers (void)
{
  /* Numbers that overflow 64 bits must not wrap around. */
  assert_order ("1.99999999999999999999998", "2.0");
  g_assert_cmpint (bud_version_compare ("99999999999999999999999", "99999999999999999999999"),
                   ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/version/numeric", test_version_numeric);
  g_test_add_func ("/version/padding", test_version_padding);
  g_test_add_func ("/version/suffix", test_version_suffix);
  g_test_add_func ("/version/valid", test_version_valid);
  g_test_add_func ("/version/huge-numbers", test_version_huge_numbers);

  return g_test_run ();
}
