/* test-sony-message.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "bud-sony-message.h"

#define P(...) (const guint8[]) { __VA_ARGS__ }, sizeof ((const guint8[]) { __VA_ARGS__ })

static void
test_message_requests (void)
{
  const struct {
    BudSonyRequest request;
    guint version;
    guint8 bytes[2];
  } expected[] = {
    { BUD_SONY_REQUEST_INIT, 0, { 0x00, 0x00 } },
    { BUD_SONY_REQUEST_FIRMWARE, 0, { 0x04, 0x02 } },
    { BUD_SONY_REQUEST_MODEL, 0, { 0x04, 0x01 } },
    { BUD_SONY_REQUEST_BATTERY_LR, 2, { 0x22, 0x09 } },
    { BUD_SONY_REQUEST_BATTERY_CASE, 2, { 0x22, 0x0A } },
    { BUD_SONY_REQUEST_BATTERY_LR, 1, { 0x10, 0x01 } },
    { BUD_SONY_REQUEST_BATTERY_CASE, 1, { 0x10, 0x02 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint8 payload[2] = { 0xAA, 0xAA };

      g_assert_true (bud_sony_request_build (expected[i].request, expected[i].version, payload));
      g_assert_cmpmem (payload, 2, expected[i].bytes, 2);
    }
  g_assert_false (bud_sony_request_build (BUD_SONY_REQUEST_NONE, 2, (guint8[2]) { 0 }));
}

static void
test_message_no_power_off (void)
{
  /* v2's battery opcode 0x22 is power-off on v1: only a confirmed v2 gets it,
   * and an unconfirmed version gets no battery request at all. */
  for (BudSonyRequest request = BUD_SONY_REQUEST_NONE;
       request <= BUD_SONY_REQUEST_MODEL;
       request++)
    {
      for (guint version = 0; version <= 5; version++)
        {
          guint8 payload[2] = { 0xAA, 0xAA };
          gboolean built = bud_sony_request_build (request, version, payload);

          if (built && payload[0] == 0x22)
            {
              g_assert_cmpuint (version, ==, 2);
            }
          if (request == BUD_SONY_REQUEST_BATTERY_LR || request == BUD_SONY_REQUEST_BATTERY_CASE)
            {
              g_assert_true (built == (version == 1 || version == 2));
            }
        }
    }
}

static void
test_message_init_reply (void)
{
  /* The WF-1000XM4 on firmware 1.1.5 answered this. */
  g_assert_cmpuint (bud_sony_protocol_from_init_reply (P (0x01, 0x00, 0x01, 0x00, 0x00,
                                                          0x00, 0x00, 0x00)), ==, 2);
  g_assert_cmpuint (bud_sony_protocol_from_init_reply (P (0x01, 0x00, 0x01, 0x00)), ==, 1);
  g_assert_cmpuint (bud_sony_protocol_from_init_reply (P (0x01, 0x00, 0x01)), ==, 0);
  g_assert_cmpuint (bud_sony_protocol_from_init_reply (P (0x01, 0, 0, 0, 0, 0, 0, 0, 0)), ==, 0);
  g_assert_cmpuint (bud_sony_protocol_from_init_reply (P (0x05, 0x00, 0x01, 0x00)), ==, 0);
  g_assert_cmpuint (bud_sony_protocol_from_init_reply (NULL, 0), ==, 0);
}

static void
test_message_answers (void)
{
  g_assert_cmpint (bud_sony_reply_answers (0, P (0x01, 0, 1, 0)), ==, BUD_SONY_REQUEST_INIT);
  g_assert_cmpint (bud_sony_reply_answers (2, P (0x05, 0x02, 0x00)), ==,
                   BUD_SONY_REQUEST_FIRMWARE);
  g_assert_cmpint (bud_sony_reply_answers (2, P (0x05, 0x01, 0x00)), ==, BUD_SONY_REQUEST_MODEL);
  g_assert_cmpint (bud_sony_reply_answers (2, P (0x23, 0x09, 1, 1, 1, 1)), ==,
                   BUD_SONY_REQUEST_BATTERY_LR);
  g_assert_cmpint (bud_sony_reply_answers (2, P (0x23, 0x0A, 1, 1)), ==,
                   BUD_SONY_REQUEST_BATTERY_CASE);
  g_assert_cmpint (bud_sony_reply_answers (1, P (0x11, 0x01, 1, 1, 1, 1)), ==,
                   BUD_SONY_REQUEST_BATTERY_LR);
  g_assert_cmpint (bud_sony_reply_answers (1, P (0x11, 0x02, 1, 1)), ==,
                   BUD_SONY_REQUEST_BATTERY_CASE);
  /* Notifications answer nothing, nor do another version's opcodes. */
  g_assert_cmpint (bud_sony_reply_answers (2, P (0x25, 0x09, 1, 1, 1, 1)), ==,
                   BUD_SONY_REQUEST_NONE);
  g_assert_cmpint (bud_sony_reply_answers (1, P (0x23, 0x09, 1, 1, 1, 1)), ==,
                   BUD_SONY_REQUEST_NONE);
  g_assert_cmpint (bud_sony_reply_answers (2, P (0x11, 0x01, 1, 1, 1, 1)), ==,
                   BUD_SONY_REQUEST_NONE);
  g_assert_cmpint (bud_sony_reply_answers (2, P (0x05)), ==, BUD_SONY_REQUEST_NONE);
  g_assert_cmpint (bud_sony_reply_answers (2, NULL, 0), ==, BUD_SONY_REQUEST_NONE);
}

static void
assert_battery (guint            version,
                const guint8    *payload,
                gsize            length,
                BudSonyBatteryKind kind,
                int              level0,
                BudChargeStatus  status0,
                int              level1,
                BudChargeStatus  status1)
{
  BudSonyBattery battery;

  g_assert_cmpint (bud_sony_parse_battery (version, payload, length, &battery), ==,
                   BUD_SONY_PARSE_OK);
  g_assert_cmpint (battery.kind, ==, kind);
  g_assert_cmpint (battery.level[0], ==, level0);
  g_assert_cmpint (battery.status[0], ==, status0);
  g_assert_cmpint (battery.level[1], ==, level1);
  g_assert_cmpint (battery.status[1], ==, status1);
}

static void
test_message_battery (void)
{
  const int U = BUD_BATTERY_UNKNOWN;

  /* v2 left/right with thresholds, plain, and as a notification. */
  assert_battery (2, P (0x23, 0x09, 70, 1, 65, 0, 30, 30), BUD_SONY_BATTERY_LR,
                  70, BUD_CHARGE_STATUS_CHARGING, 65, BUD_CHARGE_STATUS_NOT_CHARGING);
  assert_battery (2, P (0x23, 0x01, 100, 3, 5, 1), BUD_SONY_BATTERY_LR,
                  100, BUD_CHARGE_STATUS_CHARGED, 5, BUD_CHARGE_STATUS_CHARGING);
  assert_battery (2, P (0x25, 0x09, 50, 2, 50, 0, 30, 30), BUD_SONY_BATTERY_LR,
                  50, BUD_CHARGE_STATUS_UNKNOWN, 50, BUD_CHARGE_STATUS_NOT_CHARGING);
  /* Case, with and without threshold. */
  assert_battery (2, P (0x23, 0x0A, 40, 1, 30), BUD_SONY_BATTERY_CASE,
                  40, BUD_CHARGE_STATUS_CHARGING, U, BUD_CHARGE_STATUS_UNKNOWN);
  assert_battery (2, P (0x25, 0x02, 41, 0), BUD_SONY_BATTERY_CASE,
                  41, BUD_CHARGE_STATUS_NOT_CHARGING, U, BUD_CHARGE_STATUS_UNKNOWN);
  /* v1 reply and notification. */
  assert_battery (1, P (0x11, 0x01, 20, 1, 30, 3), BUD_SONY_BATTERY_LR,
                  20, BUD_CHARGE_STATUS_CHARGING, 30, BUD_CHARGE_STATUS_CHARGED);
  assert_battery (1, P (0x13, 0x02, 90, 0), BUD_SONY_BATTERY_CASE,
                  90, BUD_CHARGE_STATUS_NOT_CHARGING, U, BUD_CHARGE_STATUS_UNKNOWN);
  /* 0 is "not reported"; above 100 and unknown statuses are not believed. */
  assert_battery (2, P (0x23, 0x09, 0, 1, 101, 0, 30, 30), BUD_SONY_BATTERY_LR,
                  U, BUD_CHARGE_STATUS_UNKNOWN, U, BUD_CHARGE_STATUS_UNKNOWN);
  assert_battery (2, P (0x23, 0x09, 10, 9, 255, 255), BUD_SONY_BATTERY_LR,
                  10, BUD_CHARGE_STATUS_UNKNOWN, U, BUD_CHARGE_STATUS_UNKNOWN);
  assert_battery (2, P (0x23, 0x0A, 0, 1), BUD_SONY_BATTERY_CASE,
                  U, BUD_CHARGE_STATUS_UNKNOWN, U, BUD_CHARGE_STATUS_UNKNOWN);
}

static void
test_message_battery_other (void)
{
  BudSonyBattery battery;

  /* Too short for what the sub-type promises. */
  g_assert_cmpint (bud_sony_parse_battery (2, P (0x23, 0x09, 70, 1, 65), &battery), ==,
                   BUD_SONY_PARSE_INVALID);
  g_assert_cmpint (bud_sony_parse_battery (2, P (0x25, 0x0A, 70), &battery), ==,
                   BUD_SONY_PARSE_INVALID);
  g_assert_cmpint (bud_sony_parse_battery (1, P (0x11, 0x01), &battery), ==,
                   BUD_SONY_PARSE_INVALID);
  /* Not a left/right or case battery for this version. */
  g_assert_cmpint (bud_sony_parse_battery (1, P (0x23, 0x09, 70, 1, 65, 1), &battery), ==,
                   BUD_SONY_PARSE_OTHER);
  g_assert_cmpint (bud_sony_parse_battery (1, P (0x11, 0x09, 70, 1, 65, 1), &battery), ==,
                   BUD_SONY_PARSE_OTHER);
  g_assert_cmpint (bud_sony_parse_battery (2, P (0x11, 0x01, 70, 1, 65, 1), &battery), ==,
                   BUD_SONY_PARSE_OTHER);
  g_assert_cmpint (bud_sony_parse_battery (2, P (0x23, 0x00, 70, 1), &battery), ==,
                   BUD_SONY_PARSE_OTHER);
  g_assert_cmpint (bud_sony_parse_battery (0, P (0x23, 0x09, 70, 1, 65, 1), &battery), ==,
                   BUD_SONY_PARSE_OTHER);
  /* The device frame from a real log: sub-type 3 is none of ours. */
  g_assert_cmpint (bud_sony_parse_battery (1, P (0x13, 0x03, 0x02, 0x02), &battery), ==,
                   BUD_SONY_PARSE_OTHER);
  g_assert_cmpint (bud_sony_parse_battery (2, P (0x23), &battery), ==, BUD_SONY_PARSE_OTHER);
  g_assert_cmpint (bud_sony_parse_battery (2, NULL, 0, &battery), ==, BUD_SONY_PARSE_OTHER);
}

static void
assert_info (const guint8 *payload,
             gsize         length,
             BudSonyParse  expected,
             BudSonyInfo   expected_info,
             const char   *expected_text)
{
  g_autofree char *text = NULL;
  BudSonyInfo info = 0;

  g_assert_cmpint (bud_sony_parse_info (payload, length, &info, &text), ==, expected);
  if (expected != BUD_SONY_PARSE_OTHER)
    {
      g_assert_cmpint (info, ==, expected_info);
    }
  g_assert_cmpstr (text, ==, expected_text);
}

static void
test_message_info (void)
{
  const BudSonyParse OK = BUD_SONY_PARSE_OK;
  const BudSonyParse BAD = BUD_SONY_PARSE_INVALID;
  const BudSonyInfo FW = BUD_SONY_INFO_FIRMWARE;
  const BudSonyInfo MODEL = BUD_SONY_INFO_MODEL;

  assert_info (P (0x05, 0x02, 5, '2', '.', '3', '.', '1'), OK, FW, "2.3.1");
  assert_info (P (0x05, 0x02, 7, 'v', '1', '_', 'b', '-', 'X', '9'), OK, FW, "v1_b-X9");
  assert_info (P (0x05, 0x01, 10, 'W', 'F', '-', '1', '0', '0', '0', 'X', 'M', '4'),
               OK, MODEL, "WF-1000XM4");
  assert_info (P (0x05, 0x01, 6, 'M', 'y', ' ', 'b', 'u', 'd'), OK, MODEL, "My bud");
  /* Length byte too big, too small, or missing; empty; bad characters. */
  assert_info (P (0x05, 0x02, 7, '2', '.', '3', '.', '1'), BAD, FW, NULL);
  assert_info (P (0x05, 0x02, 4, '2', '.', '3', '.', '1'), BAD, FW, NULL);
  assert_info (P (0x05, 0x02), BAD, FW, NULL);
  assert_info (P (0x05, 0x02, 0), BAD, FW, NULL);
  assert_info (P (0x05, 0x02, 3, '2', ' ', '3'), BAD, FW, NULL);
  assert_info (P (0x05, 0x02, 3, '2', '/', '3'), BAD, FW, NULL);
  assert_info (P (0x05, 0x02, 3, '2', 0x00, '3'), BAD, FW, NULL);
  assert_info (P (0x05, 0x02, 2, 0xc3, 0xa9), BAD, FW, NULL);
  assert_info (P (0x05, 0x01, 2, 'A', '\n'), BAD, MODEL, NULL);
  assert_info (P (0x05, 0x01, 2, 'A', 0x7f), BAD, MODEL, NULL);
  /* Not an answer to either. */
  assert_info (P (0x05, 0x03, 1, 'x'), BUD_SONY_PARSE_OTHER, 0, NULL);
  assert_info (P (0x23, 0x02, 1, 'x'), BUD_SONY_PARSE_OTHER, 0, NULL);
  assert_info (P (0x05), BUD_SONY_PARSE_OTHER, 0, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sony/message/requests", test_message_requests);
  g_test_add_func ("/sony/message/no-power-off", test_message_no_power_off);
  g_test_add_func ("/sony/message/init-reply", test_message_init_reply);
  g_test_add_func ("/sony/message/answers", test_message_answers);
  g_test_add_func ("/sony/message/battery", test_message_battery);
  g_test_add_func ("/sony/message/battery-other", test_message_battery_other);
  g_test_add_func ("/sony/message/info", test_message_info);

  return g_test_run ();
}
