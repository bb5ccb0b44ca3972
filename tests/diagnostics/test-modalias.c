/* test-modalias.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "bud-modalias.h"

static void
test_modalias_valid (void)
{
  BudModalias ids;

  g_assert_true (bud_modalias_parse ("usb:v054Cp0DE1d0201", &ids));
  g_assert_true (ids.from_usb);
  g_assert_cmphex (ids.vendor, ==, 0x054C);
  g_assert_cmphex (ids.product, ==, 0x0DE1);
  g_assert_cmphex (ids.device, ==, 0x0201);

  g_assert_true (bud_modalias_parse ("bluetooth:v054Cp0DE1d0201", &ids));
  g_assert_false (ids.from_usb);
  g_assert_cmphex (ids.product, ==, 0x0DE1);

  g_assert_true (bud_modalias_parse ("USB:V054cP0de1", &ids));
  g_assert_cmphex (ids.vendor, ==, 0x054C);
  g_assert_cmphex (ids.device, ==, 0);
}

static void
test_modalias_invalid (void)
{
  const char *bad[] = {
    NULL, "", "usb:", "usb:v054C", "usb:v054Cp0DE", "usb:v54Cp0DE1d0201",
    "usb:v054Cp0DE1d0201x", "usb:v054Cp0DE1d02", "pci:v054Cp0DE1d0201",
    "bluetoothv054Cp0DE1d0201", "usb:vZZZZp0DE1d0201", "usb:p0DE1v054Cd0201",
    " usb:v054Cp0DE1d0201", "usb:v054Cp0DE1d0201\n",
  };
  BudModalias ids = { TRUE, 1, 2, 3 };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (bud_modalias_parse (bad[i], &ids));
    }
  /* A refused string leaves the output alone. */
  g_assert_cmpuint (ids.vendor, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/modalias/valid", test_modalias_valid);
  g_test_add_func ("/modalias/invalid", test_modalias_invalid);

  return g_test_run ();
}
