/* bud-sony-message.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bud-sony-message.h"

/* Opcodes, from sony-protocol.md */
enum {
  OP_INIT = 0x00,
  OP_INIT_REPLY = 0x01,
  OP_INFO = 0x04,
  OP_INFO_REPLY = 0x05,
  OP_V1_BATTERY = 0x10,
  OP_V1_BATTERY_REPLY = 0x11,
  OP_V1_BATTERY_NOTIFY = 0x13,
  OP_V2_BATTERY = 0x22,
  OP_V2_BATTERY_REPLY = 0x23,
  OP_V2_BATTERY_NOTIFY = 0x25,
};

/* Battery sub-types: v2 has threshold variants (0x09, 0x0A) next to the
 * plain ones (0x01, 0x02); v1 has only the plain ones. */
enum {
  SUB_LR = 0x01,
  SUB_CASE = 0x02,
  SUB_LR_THRESHOLD = 0x09,
  SUB_CASE_THRESHOLD = 0x0A,
};

gboolean
bud_sony_request_build (BudSonyRequest  request,
                        guint           protocol_version,
                        guint8          payload[2])
{
  gboolean lr = request == BUD_SONY_REQUEST_BATTERY_LR;

  switch (request)
    {
    case BUD_SONY_REQUEST_INIT:
      payload[0] = OP_INIT;
      payload[1] = 0x00;
      return TRUE;
    case BUD_SONY_REQUEST_BATTERY_LR:
    case BUD_SONY_REQUEST_BATTERY_CASE:
      if (protocol_version == 2)
        {
          payload[0] = OP_V2_BATTERY;
          payload[1] = lr ? SUB_LR_THRESHOLD : SUB_CASE_THRESHOLD;
          return TRUE;
        }
      if (protocol_version == 1)
        {
          payload[0] = OP_V1_BATTERY;
          payload[1] = lr ? SUB_LR : SUB_CASE;
          return TRUE;
        }
      return FALSE;
    case BUD_SONY_REQUEST_FIRMWARE:
    case BUD_SONY_REQUEST_MODEL:
      payload[0] = OP_INFO;
      payload[1] = request == BUD_SONY_REQUEST_FIRMWARE ? BUD_SONY_INFO_FIRMWARE
                                                        : BUD_SONY_INFO_MODEL;
      return TRUE;
    case BUD_SONY_REQUEST_NONE:
    default:
      return FALSE;
    }
}

static gboolean
is_battery_op (guint  protocol_version,
               guint8 op,
               gboolean *notify)
{
  if (protocol_version == 2 && (op == OP_V2_BATTERY_REPLY || op == OP_V2_BATTERY_NOTIFY))
    {
      *notify = op == OP_V2_BATTERY_NOTIFY;
      return TRUE;
    }
  if (protocol_version == 1 && (op == OP_V1_BATTERY_REPLY || op == OP_V1_BATTERY_NOTIFY))
    {
      *notify = op == OP_V1_BATTERY_NOTIFY;
      return TRUE;
    }

  return FALSE;
}

/* Which battery a sub-type describes; FALSE for single and unknown ones. */
static gboolean
battery_kind (guint               protocol_version,
              guint8              sub,
              BudSonyBatteryKind *kind)
{
  if (sub == SUB_LR || (protocol_version == 2 && sub == SUB_LR_THRESHOLD))
    {
      *kind = BUD_SONY_BATTERY_LR;
      return TRUE;
    }
  if (sub == SUB_CASE || (protocol_version == 2 && sub == SUB_CASE_THRESHOLD))
    {
      *kind = BUD_SONY_BATTERY_CASE;
      return TRUE;
    }

  return FALSE;
}

BudSonyRequest
bud_sony_reply_answers (guint         protocol_version,
                        const guint8 *payload,
                        gsize         length)
{
  BudSonyBatteryKind kind;
  gboolean notify;

  if (length >= 1 && payload[0] == OP_INIT_REPLY)
    {
      return BUD_SONY_REQUEST_INIT;
    }
  if (length < 2)
    {
      return BUD_SONY_REQUEST_NONE;
    }
  if (payload[0] == OP_INFO_REPLY && payload[1] == BUD_SONY_INFO_FIRMWARE)
    {
      return BUD_SONY_REQUEST_FIRMWARE;
    }
  if (payload[0] == OP_INFO_REPLY && payload[1] == BUD_SONY_INFO_MODEL)
    {
      return BUD_SONY_REQUEST_MODEL;
    }
  if (is_battery_op (protocol_version, payload[0], &notify) && !notify &&
      battery_kind (protocol_version, payload[1], &kind))
    {
      return kind == BUD_SONY_BATTERY_LR ? BUD_SONY_REQUEST_BATTERY_LR
                                         : BUD_SONY_REQUEST_BATTERY_CASE;
    }

  return BUD_SONY_REQUEST_NONE;
}

guint
bud_sony_protocol_from_init_reply (const guint8 *payload,
                                   gsize         length)
{
  if (length == 0 || payload[0] != OP_INIT_REPLY)
    {
      return 0;
    }

  return length == 4 ? 1 : length == 8 ? 2 : 0;
}

static BudChargeStatus
status_from_wire (guint8 status)
{
  switch (status)
    {
    case 0:
      return BUD_CHARGE_STATUS_NOT_CHARGING;
    case 1:
      return BUD_CHARGE_STATUS_CHARGING;
    case 3:
      return BUD_CHARGE_STATUS_CHARGED;
    default:
      return BUD_CHARGE_STATUS_UNKNOWN;
    }
}

/* @reading is [level, status]. 0 means "not reported"; above 100 is noise. */
static void
read_level (const guint8    *reading,
            int             *level,
            BudChargeStatus *status)
{
  if (reading[0] >= 1 && reading[0] <= 100)
    {
      *level = reading[0];
      *status = status_from_wire (reading[1]);
    }
  else
    {
      *level = BUD_BATTERY_UNKNOWN;
      *status = BUD_CHARGE_STATUS_UNKNOWN;
    }
}

BudSonyParse
bud_sony_parse_battery (guint           protocol_version,
                        const guint8   *payload,
                        gsize           length,
                        BudSonyBattery *battery)
{
  BudSonyBatteryKind kind;
  gboolean notify;

  g_return_val_if_fail (battery != NULL, BUD_SONY_PARSE_OTHER);

  if (length < 2 || !is_battery_op (protocol_version, payload[0], &notify) ||
      !battery_kind (protocol_version, payload[1], &kind))
    {
      return BUD_SONY_PARSE_OTHER;
    }

  /* [op, sub, level, status] per battery; thresholds may follow. */
  if (length < (kind == BUD_SONY_BATTERY_LR ? 6 : 4))
    {
      return BUD_SONY_PARSE_INVALID;
    }

  battery->kind = kind;
  read_level (payload + 2, &battery->level[0], &battery->status[0]);
  if (kind == BUD_SONY_BATTERY_LR)
    {
      read_level (payload + 4, &battery->level[1], &battery->status[1]);
    }
  else
    {
      battery->level[1] = BUD_BATTERY_UNKNOWN;
      battery->status[1] = BUD_CHARGE_STATUS_UNKNOWN;
    }

  return BUD_SONY_PARSE_OK;
}

static gboolean
valid_text (const guint8 *text,
            gsize         length,
            gboolean      version)
{
  if (length == 0)
    {
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = text[i];
      gboolean ok = version ? (g_ascii_isalnum (c) || c == '.' || c == '_' || c == '-')
                            : (c >= 0x20 && c < 0x7F);

      if (!ok)
        {
          return FALSE;
        }
    }

  return TRUE;
}

BudSonyParse
bud_sony_parse_info (const guint8  *payload,
                     gsize          length,
                     BudSonyInfo   *info,
                     char         **text)
{
  gboolean firmware;

  g_return_val_if_fail (info != NULL, BUD_SONY_PARSE_OTHER);
  g_return_val_if_fail (text != NULL, BUD_SONY_PARSE_OTHER);

  if (length < 2 || payload[0] != OP_INFO_REPLY ||
      (payload[1] != BUD_SONY_INFO_FIRMWARE && payload[1] != BUD_SONY_INFO_MODEL))
    {
      return BUD_SONY_PARSE_OTHER;
    }

  *info = payload[1];
  firmware = payload[1] == BUD_SONY_INFO_FIRMWARE;
  /* [op, sub, len, text]: the length byte must match what follows. */
  if (length < 3 || payload[2] != length - 3 || !valid_text (payload + 3, length - 3, firmware))
    {
      return BUD_SONY_PARSE_INVALID;
    }

  *text = g_strndup ((const char *) payload + 3, length - 3);

  return BUD_SONY_PARSE_OK;
}
