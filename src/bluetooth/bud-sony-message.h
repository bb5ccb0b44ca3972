/* bud-sony-message.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bud-device.h"

G_BEGIN_DECLS

/* The payloads of Sony's vendor link (see sony-protocol.md): building
 * requests and reading replies. Pure: no I/O, no state. Byte 0 of a payload
 * is the opcode, byte 1 the sub-type. */

typedef enum {
  BUD_SONY_REQUEST_NONE,
  BUD_SONY_REQUEST_INIT,
  BUD_SONY_REQUEST_BATTERY_LR,
  BUD_SONY_REQUEST_BATTERY_CASE,
  BUD_SONY_REQUEST_FIRMWARE,
  BUD_SONY_REQUEST_MODEL,
} BudSonyRequest;

typedef enum {
  BUD_SONY_PARSE_OTHER,     /* not this kind of message */
  BUD_SONY_PARSE_OK,
  BUD_SONY_PARSE_INVALID,   /* this kind of message, but damaged */
} BudSonyParse;

typedef enum {
  BUD_SONY_BATTERY_LR,
  BUD_SONY_BATTERY_CASE,
} BudSonyBatteryKind;

typedef struct {
  BudSonyBatteryKind kind;
  /* left and right, or the case in [0]. A level the device reports as 0 is
   * "not reported": BUD_BATTERY_UNKNOWN, with BUD_CHARGE_STATUS_UNKNOWN. */
  int level[2];
  BudChargeStatus status[2];
} BudSonyBattery;

typedef enum {
  BUD_SONY_INFO_MODEL = 0x01,
  BUD_SONY_INFO_FIRMWARE = 0x02,
} BudSonyInfo;

/* Fills @payload (2 bytes) for @request. Returns FALSE when @request cannot be
 * sent with @protocol_version: battery requests need a confirmed version (1
 * or 2), because v2's battery opcode 0x22 is power-off on v1. */
gboolean        bud_sony_request_build            (BudSonyRequest  request,
                                                   guint           protocol_version,
                                                   guint8          payload[2]);
/* The request a reply answers, or BUD_SONY_REQUEST_NONE (notifications
 * included). Init replies are recognised whatever the version. */
BudSonyRequest  bud_sony_reply_answers            (guint           protocol_version,
                                                   const guint8   *payload,
                                                   gsize           length);
/* For an init reply: 1 or 2, or 0 for a length no version uses. */
guint           bud_sony_protocol_from_init_reply (const guint8   *payload,
                                                   gsize           length);
/* Battery replies and notifications of @protocol_version (left/right and
 * case; single-battery readings are left to BlueZ and count as OTHER). */
BudSonyParse    bud_sony_parse_battery            (guint           protocol_version,
                                                   const guint8   *payload,
                                                   gsize           length,
                                                   BudSonyBattery *battery);
/* Firmware version and model name replies. On OK, @text is set to the
 * checked string: [0-9A-Za-z._-] for a version, printable ASCII for a model. */
BudSonyParse    bud_sony_parse_info               (const guint8   *payload,
                                                   gsize           length,
                                                   BudSonyInfo    *info,
                                                   char          **text);

G_END_DECLS
