/* bud-sony-frame.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Framing of Sony's "MDR" vendor link (see sony-protocol.md):
 *
 *   0x3E  ESCAPED (type  seq  length:4 BE  payload  checksum)  0x3C
 *
 * This file is pure: it turns frames into bytes and bytes into frames, and does
 * no I/O. */

#define BUD_SONY_FRAME_START  0x3E
#define BUD_SONY_FRAME_END    0x3C
#define BUD_SONY_FRAME_ESCAPE 0x3D

/* Replies seen in the wild are a few dozen bytes; anything much larger is noise. */
#define BUD_SONY_FRAME_MAX_PAYLOAD 2048

#define BUD_SONY_ERROR (bud_sony_error_quark ())

typedef enum {
  BUD_SONY_ERROR_BAD_CHECKSUM,   /* a frame's checksum does not match */
  BUD_SONY_ERROR_TOO_LONG,       /* a frame declares a payload above the maximum */
  BUD_SONY_ERROR_MALFORMED,      /* bad escape, or a length that disagrees with the bytes */
  BUD_SONY_ERROR_TRUNCATED,      /* a frame stopped before its end byte */
  BUD_SONY_ERROR_TIMEOUT,        /* the device did not answer in time */
  BUD_SONY_ERROR_CLOSED,         /* the device closed the link */
  BUD_SONY_ERROR_PROTOCOL,       /* the device said something the session cannot use */
} BudSonyError;

typedef enum {
  BUD_SONY_FRAME_TYPE_ACK   = 0x01,
  BUD_SONY_FRAME_TYPE_DATA  = 0x0C,
  BUD_SONY_FRAME_TYPE_DATA2 = 0x0E,
} BudSonyFrameType;

/* One decoded frame. @payload is never NULL (it may be empty). */
typedef struct {
  guint8  type;
  guint8  seq;
  GBytes *payload;
} BudSonyFrame;

GQuark        bud_sony_error_quark        (void);

BudSonyFrame *bud_sony_frame_new          (guint8        type,
                                           guint8        seq,
                                           const guint8 *payload,
                                           gsize         length);
void          bud_sony_frame_free         (BudSonyFrame *frame);
const guint8 *bud_sony_frame_get_payload  (const BudSonyFrame *frame,
                                           gsize        *length);

/* Returns the bytes to put on the wire, start and end bytes included.
 * @length must not exceed BUD_SONY_FRAME_MAX_PAYLOAD. */
GBytes       *bud_sony_frame_encode       (guint8        type,
                                           guint8        seq,
                                           const guint8 *payload,
                                           gsize         length);

/* An incremental decoder: push bytes as they arrive, in any chunking, then pop
 * results until it returns NULL with no error. */
typedef struct _BudSonyDecoder BudSonyDecoder;

BudSonyDecoder *bud_sony_decoder_new         (void);
void            bud_sony_decoder_free        (BudSonyDecoder *self);
void            bud_sony_decoder_push        (BudSonyDecoder *self,
                                              const guint8   *data,
                                              gsize           length);
/* Returns the next complete frame. When it returns NULL, either @error says
 * why a frame was dropped (call again for the next result), or there is
 * nothing more until more bytes are pushed. */
BudSonyFrame   *bud_sony_decoder_pop         (BudSonyDecoder *self,
                                              GError        **error);
/* TRUE while part of a frame has arrived and its end byte has not. */
gboolean        bud_sony_decoder_in_frame    (BudSonyDecoder *self);
/* Bytes skipped while looking for a start byte (outside any frame). */
guint64         bud_sony_decoder_get_skipped (BudSonyDecoder *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BudSonyFrame, bud_sony_frame_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BudSonyDecoder, bud_sony_decoder_free)

G_END_DECLS
