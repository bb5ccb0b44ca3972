/* bud-sony-session.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bud-device.h"

G_BEGIN_DECLS

/* BudSonySession speaks Sony's vendor link over an already connected stream
 * (in the app, the RFCOMM socket BlueZ hands to BudSonyProfile).
 *
 * The stream's input and output must be pollable (a GSocketConnection's are):
 * all I/O is non-blocking, driven by the thread-default main context that was
 * current when the session was created. No threads.
 *
 * Lifecycle: bud_sony_session_start() sends the init request (re-sent up to
 * twice if unanswered). Its reply decides the protocol version; then ::ready is
 * emitted and a battery, case, firmware and model query is queued. Requests go
 * out one at a time. No battery opcode is sent before the init reply has
 * confirmed the protocol version: on v1, v2's battery opcode 0x22 is power-off.
 *
 * Results are properties (each notified only on change):
 *   left-level, right-level, case-level  int, 0-100 or BUD_BATTERY_UNKNOWN.
 *       A level of 0 means "not reported" (bud out of the case, or the case
 *       silent because no bud is in it) and is never stored as 0 %.
 *   left-status, right-status, case-status  BudChargeStatus.
 *   case-updated  gint64, Unix time in seconds of the last case reading, or 0.
 *       The case level is the last one known: it is kept when the case stops
 *       reporting, so show it together with this time.
 *   firmware-version, model-name  strings, NULL until read; checked against
 *       the expected character set.
 *   protocol-version  0 until known, then 1 or 2.
 *   ready  TRUE once the init reply has arrived.
 *
 * Signals:
 *   ::ready ()                  the protocol version is known.
 *   ::battery-updated ()        a battery reply or notification was applied
 *                               (emitted for every reading, even if unchanged,
 *                               so a history can record it).
 *   ::problem (GError *error)   something non-fatal went wrong (a malformed
 *                               frame, a request that timed out, a bad reply);
 *                               the session carries on.
 *   ::closed (GError *error)    the session is over: @error is NULL after
 *                               bud_sony_session_close(), else it says why
 *                               (BUD_SONY_ERROR_TIMEOUT when init got no answer,
 *                               BUD_SONY_ERROR_CLOSED when the device hung up,
 *                               BUD_SONY_ERROR_PROTOCOL, or an I/O error).
 *                               Emitted once.
 */

#define BUD_SONY_DEFAULT_RETRY_INTERVAL_MS   1250
#define BUD_SONY_DEFAULT_REQUEST_TIMEOUT_MS  3000

#define BUD_TYPE_SONY_SESSION (bud_sony_session_get_type ())

G_DECLARE_FINAL_TYPE (BudSonySession, bud_sony_session, BUD, SONY_SESSION, GObject)

/* @device_name (nullable) names the device in error messages. */
BudSonySession  *bud_sony_session_new                (GIOStream      *stream,
                                                      const char     *device_name);
/* Tests pass short intervals; the app uses the defaults above. */
BudSonySession  *bud_sony_session_new_full           (GIOStream      *stream,
                                                      const char     *device_name,
                                                      guint           retry_interval_ms,
                                                      guint           request_timeout_ms);
void             bud_sony_session_start              (BudSonySession *self);
/* Queues a left/right and a case battery query (after init, if pending). */
void             bud_sony_session_refresh            (BudSonySession *self);
void             bud_sony_session_request_firmware   (BudSonySession *self);
void             bud_sony_session_request_model      (BudSonySession *self);
/* Stops all I/O, closes the stream and emits ::closed with no error. */
void             bud_sony_session_close              (BudSonySession *self);

GIOStream       *bud_sony_session_get_stream         (BudSonySession *self);
const char      *bud_sony_session_get_device_name    (BudSonySession *self);
gboolean         bud_sony_session_get_ready          (BudSonySession *self);
gboolean         bud_sony_session_get_closed         (BudSonySession *self);
guint            bud_sony_session_get_protocol_version (BudSonySession *self);
int              bud_sony_session_get_left_level     (BudSonySession *self);
int              bud_sony_session_get_right_level    (BudSonySession *self);
int              bud_sony_session_get_case_level     (BudSonySession *self);
BudChargeStatus  bud_sony_session_get_left_status    (BudSonySession *self);
BudChargeStatus  bud_sony_session_get_right_status   (BudSonySession *self);
BudChargeStatus  bud_sony_session_get_case_status    (BudSonySession *self);
gint64           bud_sony_session_get_case_updated   (BudSonySession *self);
const char      *bud_sony_session_get_firmware_version (BudSonySession *self);
const char      *bud_sony_session_get_model_name     (BudSonySession *self);

G_END_DECLS
