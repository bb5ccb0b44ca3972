/* fake-earbud.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bud-sony-frame.h"
#include "fake-earbud.h"

struct _FakeEarbud
{
  FakeEarbudOptions options;
  char *firmware;
  char *model;

  GSocketConnection *connection;
  GSource *read_source;
  GPtrArray *timers;          /* GSource: delayed replies */
  BudSonyDecoder *decoder;

  GArray *requests;           /* FakeEarbudFrame */
  guint n_acks;
  guint bad_acks;
  guint early_battery;
  guint outstanding;
  guint max_outstanding;
  guint n_inits;
  guint8 seq;                 /* seq of our next data frame */
  GQueue expected_acks;       /* seq + 1 of the ACK each data frame we sent expects */
  gboolean init_replied;
  gboolean powered_off;
  gboolean saw_eof;
  gboolean hung_up;
};

typedef struct {
  FakeEarbud *self;
  GBytes *payload;
  GSource *source;
} DelayedReply;

static void
send_raw (FakeEarbud   *self,
          const guint8 *data,
          gsize         length)
{
  GOutputStream *output;

  if (self->hung_up)
    {
      return;
    }

  /* Frames are tiny and the socket buffer is large: this never blocks. */
  output = g_io_stream_get_output_stream (G_IO_STREAM (self->connection));
  g_output_stream_write_all (output, data, length, NULL, NULL, NULL);
}

static void
send_frame (FakeEarbud   *self,
            guint8        type,
            guint8        seq,
            const guint8 *payload,
            gsize         length)
{
  g_autoptr (GBytes) wire = bud_sony_frame_encode (type, seq, payload, length);

  send_raw (self, g_bytes_get_data (wire, NULL), g_bytes_get_size (wire));
}

void
fake_earbud_send_payload (FakeEarbud   *self,
                          const guint8 *payload,
                          gsize         length)
{
  send_frame (self, BUD_SONY_FRAME_TYPE_DATA, self->seq, payload, length);
  g_queue_push_tail (&self->expected_acks, GUINT_TO_POINTER ((guint) (1 - self->seq) + 1));
}

void
fake_earbud_send_raw (FakeEarbud   *self,
                      const guint8 *data,
                      gsize         length)
{
  send_raw (self, data, length);
}

void
fake_earbud_hang_up (FakeEarbud *self)
{
  if (self->hung_up)
    {
      return;
    }

  self->hung_up = TRUE;
  if (self->read_source != NULL)
    {
      g_source_destroy (self->read_source);
      g_clear_pointer (&self->read_source, g_source_unref);
    }
  g_io_stream_close (G_IO_STREAM (self->connection), NULL, NULL);
}

void
fake_earbud_stop_reading (FakeEarbud *self)
{
  if (self->read_source != NULL)
    {
      g_source_destroy (self->read_source);
      g_clear_pointer (&self->read_source, g_source_unref);
    }
}

static void
send_garbage (FakeEarbud *self)
{
  const guint8 junk[] = { 0x00, 0xff, 0x3c, 0x12, 0x3d };
  /* A frame with a wrong checksum, then a truncated one. */
  const guint8 damaged[] = { 0x3e, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x02, 0x23, 0x09, 0x00, 0x3c,
                             0x3e, 0x0c, 0x00, 0x00 };

  send_raw (self, junk, sizeof junk);
  send_raw (self, damaged, sizeof damaged);
}

static void
deliver (FakeEarbud *self,
         GBytes     *payload)
{
  if (self->options.garbage)
    {
      send_garbage (self);
    }
  fake_earbud_send_payload (self, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
  if (self->outstanding > 0)
    {
      self->outstanding--;
    }
}

static gboolean
delayed_reply_cb (gpointer user_data)
{
  DelayedReply *reply = user_data;

  deliver (reply->self, reply->payload);
  g_ptr_array_remove (reply->self->timers, reply->source);

  return G_SOURCE_REMOVE;
}

static void
delayed_reply_free (gpointer data)
{
  DelayedReply *reply = data;

  g_bytes_unref (reply->payload);
  g_free (reply);
}

static void
destroy_source (gpointer data)
{
  g_source_destroy (data);
  g_source_unref (data);
}

static void
reply (FakeEarbud   *self,
       const guint8 *payload,
       gsize         length)
{
  g_autoptr (GBytes) bytes = g_bytes_new (payload, length);
  DelayedReply *delayed;

  self->outstanding++;
  self->max_outstanding = MAX (self->max_outstanding, self->outstanding);
  if (self->options.reply_delay_ms == 0)
    {
      deliver (self, bytes);
      return;
    }

  delayed = g_new0 (DelayedReply, 1);
  delayed->self = self;
  delayed->payload = g_steal_pointer (&bytes);
  delayed->source = g_timeout_source_new (self->options.reply_delay_ms);
  g_source_set_callback (delayed->source, delayed_reply_cb, delayed, delayed_reply_free);
  g_source_attach (delayed->source, NULL);
  g_ptr_array_add (self->timers, delayed->source);
}

static void
reply_text (FakeEarbud *self,
            guint8      sub,
            const char *text)
{
  g_autoptr (GByteArray) payload = g_byte_array_new ();
  guint8 head[3] = { 0x05, sub, strlen (text) };

  g_byte_array_append (payload, head, sizeof head);
  g_byte_array_append (payload, (const guint8 *) text, strlen (text));
  reply (self, payload->data, payload->len);
}

static void
battery_payload (FakeEarbud *self,
                 gboolean    notify,
                 guint8      out[8],
                 gsize      *length)
{
  gboolean v2 = self->options.protocol_version == 2;

  out[0] = v2 ? (notify ? 0x25 : 0x23) : (notify ? 0x13 : 0x11);
  out[1] = v2 ? 0x09 : 0x01;
  out[2] = self->options.left;
  out[3] = self->options.left_status;
  out[4] = self->options.right;
  out[5] = self->options.right_status;
  out[6] = 30;
  out[7] = 30;
  *length = v2 ? 8 : 6;
}

static void
case_payload (FakeEarbud *self,
              gboolean    notify,
              guint8      out[5],
              gsize      *length)
{
  gboolean v2 = self->options.protocol_version == 2;

  out[0] = v2 ? (notify ? 0x25 : 0x23) : (notify ? 0x13 : 0x11);
  out[1] = v2 ? 0x0A : 0x02;
  out[2] = self->options.case_level;
  out[3] = self->options.case_status;
  out[4] = 30;
  *length = v2 ? 5 : 4;
}

static void
handle_init (FakeEarbud *self)
{
  const guint8 v2_reply[] = { 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
                              0x00, 0x00, 0x00, 0x00 };
  guint len = self->options.init_reply_length;

  if (len == 0)
    {
      len = self->options.protocol_version == 2 ? 8 : 4;
    }
  g_assert_cmpuint (len, <=, sizeof v2_reply);
  reply (self, v2_reply, len);
  self->init_replied = TRUE;
}

static void
handle_request (FakeEarbud   *self,
                const guint8 *payload,
                gsize         length)
{
  guint8 op = length > 0 ? payload[0] : 0xFF;
  guint8 sub = length > 1 ? payload[1] : 0xFF;
  gboolean v2 = self->options.protocol_version == 2;
  guint8 out[8];
  gsize out_len;

  if (op == 0x22 && !v2)
    {
      /* On v1, this opcode switches the headset off. */
      self->powered_off = TRUE;
      fake_earbud_hang_up (self);
      return;
    }
  if (op == 0x22 && !self->init_replied)
    {
      self->early_battery++;
    }

  if (op == 0x00)
    {
      handle_init (self);
    }
  else if ((v2 && op == 0x22 && sub == 0x09) || (!v2 && op == 0x10 && sub == 0x01))
    {
      battery_payload (self, FALSE, out, &out_len);
      reply (self, out, out_len);
    }
  else if ((v2 && op == 0x22 && sub == 0x0A) || (!v2 && op == 0x10 && sub == 0x02))
    {
      if (!self->options.skip_case)
        {
          case_payload (self, FALSE, out, &out_len);
          reply (self, out, out_len);
        }
    }
  else if (op == 0x04 && sub == 0x02)
    {
      reply_text (self, 0x02, self->firmware);
    }
  else if (op == 0x04 && sub == 0x01)
    {
      reply_text (self, 0x01, self->model);
    }
}

static void
handle_frame (FakeEarbud   *self,
              BudSonyFrame *frame)
{
  gsize length;
  const guint8 *payload = bud_sony_frame_get_payload (frame, &length);
  FakeEarbudFrame record = { frame->type, frame->seq,
                             length > 0 ? payload[0] : 0xFF,
                             length > 1 ? payload[1] : 0xFF };

  if (frame->type == BUD_SONY_FRAME_TYPE_ACK)
    {
      guint expected = GPOINTER_TO_UINT (g_queue_pop_head (&self->expected_acks));

      self->n_acks++;
      if (expected == 0 || (guint) frame->seq + 1 != expected)
        {
          self->bad_acks++;
        }
      self->seq = frame->seq;
      return;
    }

  g_array_append_val (self->requests, record);
  if (self->options.silent)
    {
      return;
    }
  if (record.op == 0x00 && self->n_inits++ == 0 && self->options.ignore_first_init)
    {
      return;
    }

  send_frame (self, BUD_SONY_FRAME_TYPE_ACK, 1 - frame->seq, NULL, 0);
  handle_request (self, payload, length);
}

static gboolean
input_ready_cb (GObject *stream,
                gpointer user_data)
{
  FakeEarbud *self = user_data;

  while (!self->hung_up)
    {
      g_autoptr (GError) error = NULL;
      guint8 buffer[512];
      gssize n;

      n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (stream), buffer,
                                                    sizeof buffer, NULL, &error);
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          return G_SOURCE_CONTINUE;
        }
      if (n <= 0)
        {
          self->saw_eof = TRUE;
          g_clear_pointer (&self->read_source, g_source_unref);
          return G_SOURCE_REMOVE;
        }

      bud_sony_decoder_push (self->decoder, buffer, n);
      for (;;)
        {
          g_autoptr (BudSonyFrame) frame = bud_sony_decoder_pop (self->decoder, &error);

          /* The host's frames must always be well formed. */
          g_assert_no_error (error);
          if (frame == NULL || self->hung_up)
            {
              break;
            }
          handle_frame (self, frame);
        }
    }

  return G_SOURCE_REMOVE;
}

static FakeEarbud *
fake_earbud_new_internal (const FakeEarbudOptions *options,
                          int                      fd)
{
  FakeEarbud *self = g_new0 (FakeEarbud, 1);
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GError) error = NULL;
  GInputStream *input;

  self->options = *options;
  self->firmware = g_strdup (options->firmware != NULL ? options->firmware : "2.3.1");
  self->model = g_strdup (options->model != NULL ? options->model : "WF-1000XM4");
  self->options.firmware = NULL;
  self->options.model = NULL;
  self->timers = g_ptr_array_new_with_free_func (destroy_source);
  self->decoder = bud_sony_decoder_new ();
  self->requests = g_array_new (FALSE, FALSE, sizeof (FakeEarbudFrame));
  g_queue_init (&self->expected_acks);

  socket = g_socket_new_from_fd (fd, &error);
  g_assert_no_error (error);
  self->connection = g_socket_connection_factory_create_connection (socket);

  input = g_io_stream_get_input_stream (G_IO_STREAM (self->connection));
  self->read_source = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (input),
                                                             NULL);
  g_source_set_callback (self->read_source, G_SOURCE_FUNC (input_ready_cb), self, NULL);
  g_source_attach (self->read_source, NULL);

  return self;
}

FakeEarbud *
fake_earbud_new_on_fd (const FakeEarbudOptions *options,
                       int                      fd)
{
  return fake_earbud_new_internal (options, fd);
}

FakeEarbud *
fake_earbud_new_for_fd (const FakeEarbudOptions *options,
                        int                     *host_fd)
{
  int fds[2];

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), ==, 0);
  *host_fd = fds[1];

  return fake_earbud_new_internal (options, fds[0]);
}

FakeEarbud *
fake_earbud_new (const FakeEarbudOptions *options,
                 GIOStream              **host_stream)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GError) error = NULL;
  FakeEarbud *self;
  int host_fd;

  self = fake_earbud_new_for_fd (options, &host_fd);
  socket = g_socket_new_from_fd (host_fd, &error);
  g_assert_no_error (error);
  *host_stream = G_IO_STREAM (g_socket_connection_factory_create_connection (socket));

  return self;
}

void
fake_earbud_free (FakeEarbud *self)
{
  if (self->read_source != NULL)
    {
      g_source_destroy (self->read_source);
      g_clear_pointer (&self->read_source, g_source_unref);
    }
  g_ptr_array_unref (self->timers);
  g_io_stream_close (G_IO_STREAM (self->connection), NULL, NULL);
  g_object_unref (self->connection);
  bud_sony_decoder_free (self->decoder);
  g_array_unref (self->requests);
  g_free (self->firmware);
  g_free (self->model);
  g_queue_clear (&self->expected_acks);
  g_free (self);
}

GArray *
fake_earbud_get_requests (FakeEarbud *self)
{
  return self->requests;
}

guint
fake_earbud_count_opcode (FakeEarbud *self,
                          guint8      op)
{
  guint count = 0;

  for (guint i = 0; i < self->requests->len; i++)
    {
      if (g_array_index (self->requests, FakeEarbudFrame, i).op == op)
        {
          count++;
        }
    }

  return count;
}

guint
fake_earbud_get_n_acks (FakeEarbud *self)
{
  return self->n_acks;
}

guint
fake_earbud_get_bad_acks (FakeEarbud *self)
{
  return self->bad_acks;
}

guint
fake_earbud_get_early_battery_requests (FakeEarbud *self)
{
  return self->early_battery;
}

guint
fake_earbud_get_max_outstanding (FakeEarbud *self)
{
  return self->max_outstanding;
}

gboolean
fake_earbud_get_powered_off (FakeEarbud *self)
{
  return self->powered_off;
}

gboolean
fake_earbud_get_saw_eof (FakeEarbud *self)
{
  return self->saw_eof;
}

void
fake_earbud_set_battery (FakeEarbud *self,
                         guint8      left,
                         guint8      left_status,
                         guint8      right,
                         guint8      right_status)
{
  self->options.left = left;
  self->options.left_status = left_status;
  self->options.right = right;
  self->options.right_status = right_status;
}

void
fake_earbud_set_case (FakeEarbud *self,
                      guint8      level,
                      guint8      status)
{
  self->options.case_level = level;
  self->options.case_status = status;
}

void
fake_earbud_notify_battery (FakeEarbud *self)
{
  guint8 out[8];
  gsize len;

  battery_payload (self, TRUE, out, &len);
  fake_earbud_send_payload (self, out, len);
}

void
fake_earbud_notify_case (FakeEarbud *self)
{
  guint8 out[5];
  gsize len;

  case_payload (self, TRUE, out, &len);
  fake_earbud_send_payload (self, out, len);
}
