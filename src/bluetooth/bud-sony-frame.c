/* bud-sony-frame.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bud-sony-frame.h"

/* type, seq and the four length bytes */
#define HEADER_SIZE 6

G_DEFINE_QUARK (bud-sony-error-quark, bud_sony_error)

BudSonyFrame *
bud_sony_frame_new (guint8        type,
                    guint8        seq,
                    const guint8 *payload,
                    gsize         length)
{
  BudSonyFrame *frame = g_new0 (BudSonyFrame, 1);

  g_return_val_if_fail (payload != NULL || length == 0, NULL);

  frame->type = type;
  frame->seq = seq;
  frame->payload = g_bytes_new (payload, length);

  return frame;
}

void
bud_sony_frame_free (BudSonyFrame *frame)
{
  if (frame == NULL)
    {
      return;
    }

  g_clear_pointer (&frame->payload, g_bytes_unref);
  g_free (frame);
}

const guint8 *
bud_sony_frame_get_payload (const BudSonyFrame *frame,
                            gsize              *length)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return g_bytes_get_data (frame->payload, length);
}

static gboolean
is_special (guint8 byte)
{
  return byte == BUD_SONY_FRAME_START || byte == BUD_SONY_FRAME_END ||
         byte == BUD_SONY_FRAME_ESCAPE;
}

static void
append_escaped (GByteArray *out,
                guint8      byte)
{
  if (is_special (byte))
    {
      guint8 pair[2] = { BUD_SONY_FRAME_ESCAPE, byte & 0xEF };

      g_byte_array_append (out, pair, 2);
    }
  else
    {
      g_byte_array_append (out, &byte, 1);
    }
}

GBytes *
bud_sony_frame_encode (guint8        type,
                       guint8        seq,
                       const guint8 *payload,
                       gsize         length)
{
  g_autoptr (GByteArray) out = NULL;
  guint8 header[HEADER_SIZE];
  guint8 checksum = 0;
  guint8 byte;

  g_return_val_if_fail (payload != NULL || length == 0, NULL);
  g_return_val_if_fail (length <= BUD_SONY_FRAME_MAX_PAYLOAD, NULL);

  header[0] = type;
  header[1] = seq;
  header[2] = (length >> 24) & 0xFF;
  header[3] = (length >> 16) & 0xFF;
  header[4] = (length >> 8) & 0xFF;
  header[5] = length & 0xFF;

  out = g_byte_array_sized_new (2 * (length + HEADER_SIZE + 1) + 2);
  byte = BUD_SONY_FRAME_START;
  g_byte_array_append (out, &byte, 1);
  for (gsize i = 0; i < HEADER_SIZE; i++)
    {
      checksum += header[i];
      append_escaped (out, header[i]);
    }
  for (gsize i = 0; i < length; i++)
    {
      checksum += payload[i];
      append_escaped (out, payload[i]);
    }
  append_escaped (out, checksum);
  byte = BUD_SONY_FRAME_END;
  g_byte_array_append (out, &byte, 1);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Decoder */

typedef struct {
  BudSonyFrame *frame;
  GError *error;
} Result;

struct _BudSonyDecoder
{
  GQueue results;
  GByteArray *body;     /* unescaped bytes after the start byte */
  guint64 skipped;
  gboolean in_frame;
  gboolean escaped;     /* the previous byte was the escape byte */
  gsize declared;       /* payload length from the header, once known */
};

BudSonyDecoder *
bud_sony_decoder_new (void)
{
  BudSonyDecoder *self = g_new0 (BudSonyDecoder, 1);

  g_queue_init (&self->results);
  self->body = g_byte_array_new ();

  return self;
}

static void
result_free (Result *result)
{
  g_clear_pointer (&result->frame, bud_sony_frame_free);
  g_clear_error (&result->error);
  g_free (result);
}

void
bud_sony_decoder_free (BudSonyDecoder *self)
{
  if (self == NULL)
    {
      return;
    }

  g_queue_clear_full (&self->results, (GDestroyNotify) result_free);
  g_byte_array_unref (self->body);
  g_free (self);
}

static void
reset_frame (BudSonyDecoder *self,
             gboolean        in_frame)
{
  g_byte_array_set_size (self->body, 0);
  self->in_frame = in_frame;
  self->escaped = FALSE;
  self->declared = 0;
}

G_GNUC_PRINTF (3, 4)
static void
drop_frame (BudSonyDecoder *self,
            BudSonyError    code,
            const char     *format,
            ...)
{
  Result *result = g_new0 (Result, 1);
  va_list args;

  va_start (args, format);
  result->error = g_error_new_valist (BUD_SONY_ERROR, code, format, args);
  va_end (args);
  g_queue_push_tail (&self->results, result);
  reset_frame (self, FALSE);
}

static void
finish_frame (BudSonyDecoder *self)
{
  const guint8 *body = self->body->data;
  gsize len = self->body->len;
  guint8 checksum = 0;
  Result *result;

  if (self->escaped || len < HEADER_SIZE + 1 || len != HEADER_SIZE + self->declared + 1)
    {
      drop_frame (self, BUD_SONY_ERROR_TRUNCATED,
                  _("A frame from the Sony link ended early (%u bytes)."),
                  (guint) len);
      return;
    }

  for (gsize i = 0; i + 1 < len; i++)
    {
      checksum += body[i];
    }
  if (checksum != body[len - 1])
    {
      drop_frame (self, BUD_SONY_ERROR_BAD_CHECKSUM,
                  _("A frame from the Sony link had a bad checksum "
                    "(0x%02x instead of 0x%02x)."),
                  body[len - 1], checksum);
      return;
    }

  result = g_new0 (Result, 1);
  result->frame = bud_sony_frame_new (body[0], body[1], body + HEADER_SIZE, self->declared);
  g_queue_push_tail (&self->results, result);
  reset_frame (self, FALSE);
}

static void
add_body_byte (BudSonyDecoder *self,
               guint8          byte)
{
  const guint8 *body;

  g_byte_array_append (self->body, &byte, 1);
  body = self->body->data;

  if (self->body->len == HEADER_SIZE)
    {
      guint32 declared = ((guint32) body[2] << 24) | ((guint32) body[3] << 16) |
                         ((guint32) body[4] << 8) | body[5];

      if (declared > BUD_SONY_FRAME_MAX_PAYLOAD)
        {
          drop_frame (self, BUD_SONY_ERROR_TOO_LONG,
                      _("A frame from the Sony link declared %u bytes, more than the "
                        "%u allowed."),
                      declared, (guint) BUD_SONY_FRAME_MAX_PAYLOAD);
          return;
        }
      self->declared = declared;
    }
  else if (self->body->len > HEADER_SIZE + 1 && self->body->len > HEADER_SIZE + self->declared + 1)
    {
      drop_frame (self, BUD_SONY_ERROR_MALFORMED,
                  _("A frame from the Sony link was longer than its header said "
                    "(%u bytes)."),
                  (guint) self->declared);
    }
}

static void
push_byte (BudSonyDecoder *self,
           guint8          byte)
{
  if (byte == BUD_SONY_FRAME_START)
    {
      if (self->in_frame)
        {
          drop_frame (self, BUD_SONY_ERROR_TRUNCATED,
                      _("A frame from the Sony link stopped before its end "
                        "(%u bytes received)."),
                      self->body->len);
        }
      reset_frame (self, TRUE);
      return;
    }

  if (!self->in_frame)
    {
      self->skipped++;
      return;
    }

  if (byte == BUD_SONY_FRAME_END)
    {
      finish_frame (self);
    }
  else if (self->escaped)
    {
      self->escaped = FALSE;
      byte |= 0x10;
      if (!is_special (byte))
        {
          drop_frame (self, BUD_SONY_ERROR_MALFORMED,
                      _("A frame from the Sony link had an invalid escape sequence."));
          return;
        }
      add_body_byte (self, byte);
    }
  else if (byte == BUD_SONY_FRAME_ESCAPE)
    {
      self->escaped = TRUE;
    }
  else
    {
      add_body_byte (self, byte);
    }
}

void
bud_sony_decoder_push (BudSonyDecoder *self,
                       const guint8   *data,
                       gsize           length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || length == 0);

  for (gsize i = 0; i < length; i++)
    {
      push_byte (self, data[i]);
    }
}

BudSonyFrame *
bud_sony_decoder_pop (BudSonyDecoder *self,
                      GError        **error)
{
  Result *result;
  BudSonyFrame *frame;

  g_return_val_if_fail (self != NULL, NULL);

  result = g_queue_pop_head (&self->results);
  if (result == NULL)
    {
      return NULL;
    }

  if (result->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&result->error));
    }
  frame = g_steal_pointer (&result->frame);
  result_free (result);

  return frame;
}

gboolean
bud_sony_decoder_in_frame (BudSonyDecoder *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->in_frame;
}

guint64
bud_sony_decoder_get_skipped (BudSonyDecoder *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->skipped;
}
