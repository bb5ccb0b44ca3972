/* bud-sony-session.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bud-sony-frame.h"
#include "bud-sony-message.h"
#include "bud-sony-session.h"

#define INIT_SENDS 3   /* the first init and two re-sends */
/* A device that sends but never reads must not make us buffer without end. */
#define MAX_PENDING_OUTPUT (64 * 1024)

struct _BudSonySession
{
  GObject parent_instance;

  /* construction */
  GIOStream *stream;
  char *device_name;
  guint retry_interval_ms;
  guint request_timeout_ms;
  GMainContext *context;

  /* I/O */
  GSource *read_source;
  GSource *write_source;
  GSource *timer;
  GByteArray *outbuf;
  BudSonyDecoder *decoder;

  /* protocol state */
  GQueue queue;          /* BudSonyRequest: bytes are built when sent */
  BudSonyRequest in_flight;
  guint init_sends;
  guint8 next_seq;
  guint protocol_version;
  gboolean started;
  gboolean ready;
  gboolean closed;

  /* results */
  int left_level;
  int right_level;
  int case_level;
  BudChargeStatus left_status;
  BudChargeStatus right_status;
  BudChargeStatus case_status;
  gint64 case_updated;
  char *firmware_version;
  char *model_name;
};

G_DEFINE_FINAL_TYPE (BudSonySession, bud_sony_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STREAM,
  PROP_DEVICE_NAME,
  PROP_RETRY_INTERVAL,
  PROP_REQUEST_TIMEOUT,
  PROP_READY,
  PROP_PROTOCOL_VERSION,
  PROP_LEFT_LEVEL,
  PROP_RIGHT_LEVEL,
  PROP_CASE_LEVEL,
  PROP_LEFT_STATUS,
  PROP_RIGHT_STATUS,
  PROP_CASE_STATUS,
  PROP_CASE_UPDATED,
  PROP_FIRMWARE_VERSION,
  PROP_MODEL_NAME,
  N_PROPS
};

enum {
  SIGNAL_READY,
  SIGNAL_BATTERY_UPDATED,
  SIGNAL_PROBLEM,
  SIGNAL_CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void send_next (BudSonySession *self);
static void flush_output (BudSonySession *self);

static const char *
display_name (BudSonySession *self)
{
  return self->device_name != NULL ? self->device_name : _("The Sony earbuds");
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
stop_io (BudSonySession *self)
{
  clear_source (&self->read_source);
  clear_source (&self->write_source);
  clear_source (&self->timer);
  g_queue_clear (&self->queue);
  self->in_flight = BUD_SONY_REQUEST_NONE;
}

static void
close_stream (BudSonySession *self)
{
  /* A socket closes at once, without blocking; the task keeps the stream alive. */
  if (self->stream != NULL && !g_io_stream_is_closed (self->stream))
    {
      g_io_stream_close_async (self->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
    }
}

/* Takes @error; NULL for a close the owner asked for. */
static void
finish (BudSonySession *self,
        GError         *error)
{
  g_autoptr (GError) owned = error;

  if (self->closed)
    {
      return;
    }

  self->closed = TRUE;
  stop_io (self);
  close_stream (self);
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0, owned);
}

G_GNUC_PRINTF (3, 4)
static void
report_problem (BudSonySession *self,
                BudSonyError    code,
                const char     *format,
                ...)
{
  g_autoptr (GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (BUD_SONY_ERROR, code, format, args);
  va_end (args);
  g_debug ("%s", error->message);
  g_signal_emit (self, signals[SIGNAL_PROBLEM], 0, error);
}

static GSource *
add_timer (BudSonySession *self,
           guint           ms,
           GSourceFunc     func)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, self, NULL);
  g_source_set_static_name (source, "[bud] sony session timer");
  g_source_attach (source, self->context);

  return source;
}

/* Output */

static void
queue_frame (BudSonySession *self,
             guint8          type,
             guint8          seq,
             const guint8   *payload,
             gsize           length)
{
  g_autoptr (GBytes) wire = bud_sony_frame_encode (type, seq, payload, length);

  if (self->closed)
    {
      return;
    }
  if (self->outbuf->len > MAX_PENDING_OUTPUT)
    {
      finish (self, g_error_new (BUD_SONY_ERROR, BUD_SONY_ERROR_CLOSED,
                                 _("%s stopped reading from the Sony link."),
                                 display_name (self)));
      return;
    }
  g_byte_array_append (self->outbuf, g_bytes_get_data (wire, NULL), g_bytes_get_size (wire));
  flush_output (self);
}

static gboolean
output_ready_cb (GObject *stream,
                 gpointer user_data)
{
  /* A ::closed handler may drop the last reference. */
  g_autoptr (BudSonySession) self = g_object_ref (user_data);

  flush_output (self);

  return self->write_source != NULL ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
flush_output (BudSonySession *self)
{
  GPollableOutputStream *output;

  if (self->closed)
    {
      return;
    }

  output = G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (self->stream));
  while (self->outbuf->len > 0)
    {
      g_autoptr (GError) error = NULL;
      gssize n;

      n = g_pollable_output_stream_write_nonblocking (output, self->outbuf->data,
                                                      self->outbuf->len, NULL, &error);
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          if (self->write_source == NULL)
            {
              self->write_source = g_pollable_output_stream_create_source (output, NULL);
              g_source_set_callback (self->write_source, G_SOURCE_FUNC (output_ready_cb),
                                     self, NULL);
              g_source_attach (self->write_source, self->context);
            }
          return;
        }
      if (n < 0)
        {
          finish (self, g_error_new (BUD_SONY_ERROR, BUD_SONY_ERROR_CLOSED,
                                     _("Could not write to %s: %s"),
                                     display_name (self), error->message));
          return;
        }
      g_byte_array_remove_range (self->outbuf, 0, n);
    }

  clear_source (&self->write_source);
}

/* Requests */

static gboolean init_timeout_cb (gpointer user_data);

static void
send_init (BudSonySession *self)
{
  guint8 payload[2];

  bud_sony_request_build (BUD_SONY_REQUEST_INIT, 0, payload);
  self->init_sends++;
  queue_frame (self, BUD_SONY_FRAME_TYPE_DATA, self->next_seq, payload, sizeof payload);
  clear_source (&self->timer);
  if (!self->closed)
    {
      self->timer = add_timer (self, self->retry_interval_ms, init_timeout_cb);
    }
}

static gboolean
init_timeout_cb (gpointer user_data)
{
  g_autoptr (BudSonySession) self = g_object_ref (user_data);

  g_clear_pointer (&self->timer, g_source_unref);
  /* Devices sometimes miss the first init: send the same frame again. */
  if (self->init_sends < INIT_SENDS)
    {
      send_init (self);
    }
  else
    {
      finish (self, g_error_new (BUD_SONY_ERROR, BUD_SONY_ERROR_TIMEOUT,
                                 _("%s did not answer when the Sony link started."),
                                 display_name (self)));
    }

  return G_SOURCE_REMOVE;
}

static gboolean
request_timeout_cb (gpointer user_data)
{
  /* A ::problem handler may drop the last reference. */
  g_autoptr (BudSonySession) self = g_object_ref (user_data);

  g_clear_pointer (&self->timer, g_source_unref);
  self->in_flight = BUD_SONY_REQUEST_NONE;
  report_problem (self, BUD_SONY_ERROR_TIMEOUT,
                  _("%s did not answer a request on the Sony link in time."),
                  display_name (self));
  send_next (self);

  return G_SOURCE_REMOVE;
}

static void
send_next (BudSonySession *self)
{
  while (!self->closed && self->ready && self->in_flight == BUD_SONY_REQUEST_NONE &&
         !g_queue_is_empty (&self->queue))
    {
      BudSonyRequest request = GPOINTER_TO_UINT (g_queue_pop_head (&self->queue));
      guint8 payload[2];

      /* Refuses battery requests until the version is confirmed. */
      if (!bud_sony_request_build (request, self->protocol_version, payload))
        {
          continue;
        }
      self->in_flight = request;
      queue_frame (self, BUD_SONY_FRAME_TYPE_DATA, self->next_seq, payload, sizeof payload);
      clear_source (&self->timer);
      self->timer = add_timer (self, self->request_timeout_ms, request_timeout_cb);
    }
}

static void
enqueue (BudSonySession *self,
         BudSonyRequest  request)
{
  if (self->closed)
    {
      return;
    }

  /* One of each kind waiting is enough. */
  if (g_queue_find (&self->queue, GUINT_TO_POINTER (request)) == NULL)
    {
      g_queue_push_tail (&self->queue, GUINT_TO_POINTER (request));
    }
  send_next (self);
}

/* Results */

static void
set_int (BudSonySession *self,
         int            *field,
         int             value,
         guint           prop)
{
  if (*field != value)
    {
      *field = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }
}

static void
set_status (BudSonySession  *self,
            BudChargeStatus *field,
            BudChargeStatus  value,
            guint            prop)
{
  if (*field != value)
    {
      *field = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }
}

static void
set_string (BudSonySession  *self,
            char           **field,
            const char      *value,
            guint            prop)
{
  if (g_strcmp0 (*field, value) != 0)
    {
      g_free (*field);
      *field = g_strdup (value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }
}

static void
apply_battery (BudSonySession       *self,
               const BudSonyBattery *battery)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_object_freeze_notify (G_OBJECT (self));
  if (battery->kind == BUD_SONY_BATTERY_LR)
    {
      set_int (self, &self->left_level, battery->level[0], PROP_LEFT_LEVEL);
      set_status (self, &self->left_status, battery->status[0], PROP_LEFT_STATUS);
      set_int (self, &self->right_level, battery->level[1], PROP_RIGHT_LEVEL);
      set_status (self, &self->right_status, battery->status[1], PROP_RIGHT_STATUS);
    }
  else if (battery->level[0] != BUD_BATTERY_UNKNOWN)
    {
      /* A silent case keeps its last known level (and its time). */
      set_int (self, &self->case_level, battery->level[0], PROP_CASE_LEVEL);
      set_status (self, &self->case_status, battery->status[0], PROP_CASE_STATUS);
      if (self->case_updated != now)
        {
          self->case_updated = now;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_UPDATED]);
        }
    }
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[SIGNAL_BATTERY_UPDATED], 0);
}

static void
handle_battery (BudSonySession *self,
                const guint8   *data,
                gsize           len)
{
  BudSonyBattery battery;

  switch (bud_sony_parse_battery (self->protocol_version, data, len, &battery))
    {
    case BUD_SONY_PARSE_OK:
      apply_battery (self, &battery);
      break;
    case BUD_SONY_PARSE_INVALID:
      report_problem (self, BUD_SONY_ERROR_PROTOCOL,
                      _("%s sent a battery reading that is too short."),
                      display_name (self));
      break;
    case BUD_SONY_PARSE_OTHER:
    default:
      break;
    }
}

static void
handle_info (BudSonySession *self,
             const guint8   *data,
             gsize           len)
{
  g_autofree char *text = NULL;
  BudSonyInfo info;

  switch (bud_sony_parse_info (data, len, &info, &text))
    {
    case BUD_SONY_PARSE_OK:
      if (info == BUD_SONY_INFO_FIRMWARE)
        {
          set_string (self, &self->firmware_version, text, PROP_FIRMWARE_VERSION);
        }
      else
        {
          set_string (self, &self->model_name, text, PROP_MODEL_NAME);
        }
      break;
    case BUD_SONY_PARSE_INVALID:
      report_problem (self, BUD_SONY_ERROR_PROTOCOL,
                      info == BUD_SONY_INFO_FIRMWARE
                      ? _("%s sent a firmware version that is not valid.")
                      : _("%s sent a model name that is not valid."),
                      display_name (self));
      break;
    case BUD_SONY_PARSE_OTHER:
    default:
      break;
    }
}

static void
handle_init_reply (BudSonySession *self,
                   const guint8   *data,
                   gsize           len)
{
  guint version = bud_sony_protocol_from_init_reply (data, len);

  clear_source (&self->timer);
  self->in_flight = BUD_SONY_REQUEST_NONE;
  if (version == 0)
    {
      /* An unknown version might read v2's battery request as power-off. */
      finish (self, g_error_new (BUD_SONY_ERROR, BUD_SONY_ERROR_PROTOCOL,
                                 _("%s answered with an unknown version of the Sony link "
                                   "(%u bytes)."),
                                 display_name (self), (guint) len));
      return;
    }

  self->protocol_version = version;
  self->ready = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL_VERSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
  g_signal_emit (self, signals[SIGNAL_READY], 0);

  bud_sony_session_refresh (self);
  bud_sony_session_request_firmware (self);
  bud_sony_session_request_model (self);
}

static void
handle_payload (BudSonySession *self,
                const guint8   *data,
                gsize           len)
{
  BudSonyRequest answered = bud_sony_reply_answers (self->protocol_version, data, len);

  if (!self->ready)
    {
      if (answered == BUD_SONY_REQUEST_INIT && self->in_flight == BUD_SONY_REQUEST_INIT)
        {
          handle_init_reply (self, data, len);
        }
      /* Anything else before the version is known could be misread. */
      return;
    }

  handle_battery (self, data, len);
  handle_info (self, data, len);

  if (!self->closed && answered != BUD_SONY_REQUEST_NONE && answered == self->in_flight)
    {
      clear_source (&self->timer);
      self->in_flight = BUD_SONY_REQUEST_NONE;
      send_next (self);
    }
}

static void
handle_frame (BudSonySession *self,
              BudSonyFrame   *frame)
{
  gsize len;
  const guint8 *data = bud_sony_frame_get_payload (frame, &len);

  switch (frame->type)
    {
    case BUD_SONY_FRAME_TYPE_ACK:
      /* The device's ACK carries the seq for our next request. */
      self->next_seq = frame->seq;
      if (self->in_flight == BUD_SONY_REQUEST_INIT && self->init_sends < INIT_SENDS)
        {
          /* It heard the init: stop re-sending, and wait for the reply. */
          self->init_sends = INIT_SENDS;
          clear_source (&self->timer);
          self->timer = add_timer (self, self->request_timeout_ms, init_timeout_cb);
        }
      break;
    case BUD_SONY_FRAME_TYPE_DATA:
    case BUD_SONY_FRAME_TYPE_DATA2:
      queue_frame (self, BUD_SONY_FRAME_TYPE_ACK, frame->seq == 0 ? 1 : 0, NULL, 0);
      if (frame->type == BUD_SONY_FRAME_TYPE_DATA)
        {
          handle_payload (self, data, len);
        }
      break;
    default:
      break;
    }
}

/* Input */

static void
process_input (BudSonySession *self,
               const guint8   *data,
               gsize           len)
{
  bud_sony_decoder_push (self->decoder, data, len);
  while (!self->closed)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BudSonyFrame) frame = bud_sony_decoder_pop (self->decoder, &error);

      if (frame != NULL)
        {
          handle_frame (self, frame);
        }
      else if (error != NULL)
        {
          report_problem (self, error->code, _("%s sent a damaged frame: %s"),
                          display_name (self), error->message);
        }
      else
        {
          break;
        }
    }
}

static gboolean
input_ready_cb (GObject *stream,
                gpointer user_data)
{
  g_autoptr (BudSonySession) self = g_object_ref (user_data);
  GPollableInputStream *input = G_POLLABLE_INPUT_STREAM (stream);

  while (!self->closed)
    {
      g_autoptr (GError) error = NULL;
      guint8 buffer[1024];
      gssize n;

      n = g_pollable_input_stream_read_nonblocking (input, buffer, sizeof buffer, NULL, &error);
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          return G_SOURCE_CONTINUE;
        }
      if (n < 0)
        {
          finish (self, g_error_new (BUD_SONY_ERROR, BUD_SONY_ERROR_CLOSED,
                                     _("Could not read from %s: %s"),
                                     display_name (self), error->message));
        }
      else if (n == 0)
        {
          finish (self, g_error_new (BUD_SONY_ERROR, BUD_SONY_ERROR_CLOSED,
                                     _("%s closed the Sony link."), display_name (self)));
        }
      else
        {
          process_input (self, buffer, n);
        }
    }

  return G_SOURCE_REMOVE;
}

/* Public API */

BudSonySession *
bud_sony_session_new (GIOStream  *stream,
                      const char *device_name)
{
  return bud_sony_session_new_full (stream, device_name,
                                    BUD_SONY_DEFAULT_RETRY_INTERVAL_MS,
                                    BUD_SONY_DEFAULT_REQUEST_TIMEOUT_MS);
}

BudSonySession *
bud_sony_session_new_full (GIOStream  *stream,
                           const char *device_name,
                           guint       retry_interval_ms,
                           guint       request_timeout_ms)
{
  g_return_val_if_fail (G_IS_IO_STREAM (stream), NULL);

  return g_object_new (BUD_TYPE_SONY_SESSION,
                       "stream", stream,
                       "device-name", device_name,
                       "retry-interval", retry_interval_ms,
                       "request-timeout", request_timeout_ms,
                       NULL);
}

void
bud_sony_session_start (BudSonySession *self)
{
  GInputStream *input;
  GOutputStream *output;

  g_return_if_fail (BUD_IS_SONY_SESSION (self));

  if (self->started || self->closed)
    {
      return;
    }
  self->started = TRUE;

  input = g_io_stream_get_input_stream (self->stream);
  output = g_io_stream_get_output_stream (self->stream);
  if (!G_IS_POLLABLE_INPUT_STREAM (input) ||
      !g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (input)) ||
      !G_IS_POLLABLE_OUTPUT_STREAM (output) ||
      !g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (output)))
    {
      finish (self, g_error_new (BUD_SONY_ERROR, BUD_SONY_ERROR_CLOSED,
                                 _("The link to %s does not support non-blocking I/O."),
                                 display_name (self)));
      return;
    }

  self->read_source = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (input),
                                                             NULL);
  g_source_set_callback (self->read_source, G_SOURCE_FUNC (input_ready_cb), self, NULL);
  g_source_attach (self->read_source, self->context);

  self->in_flight = BUD_SONY_REQUEST_INIT;
  send_init (self);
}

void
bud_sony_session_refresh (BudSonySession *self)
{
  g_return_if_fail (BUD_IS_SONY_SESSION (self));

  enqueue (self, BUD_SONY_REQUEST_BATTERY_LR);
  enqueue (self, BUD_SONY_REQUEST_BATTERY_CASE);
}

void
bud_sony_session_request_firmware (BudSonySession *self)
{
  g_return_if_fail (BUD_IS_SONY_SESSION (self));

  enqueue (self, BUD_SONY_REQUEST_FIRMWARE);
}

void
bud_sony_session_request_model (BudSonySession *self)
{
  g_return_if_fail (BUD_IS_SONY_SESSION (self));

  enqueue (self, BUD_SONY_REQUEST_MODEL);
}

void
bud_sony_session_close (BudSonySession *self)
{
  g_return_if_fail (BUD_IS_SONY_SESSION (self));

  finish (self, NULL);
}

GIOStream *
bud_sony_session_get_stream (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), NULL);

  return self->stream;
}

const char *
bud_sony_session_get_device_name (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), NULL);

  return self->device_name;
}

gboolean
bud_sony_session_get_ready (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), FALSE);

  return self->ready;
}

gboolean
bud_sony_session_get_closed (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), TRUE);

  return self->closed;
}

guint
bud_sony_session_get_protocol_version (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), 0);

  return self->protocol_version;
}

int
bud_sony_session_get_left_level (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), BUD_BATTERY_UNKNOWN);

  return self->left_level;
}

int
bud_sony_session_get_right_level (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), BUD_BATTERY_UNKNOWN);

  return self->right_level;
}

int
bud_sony_session_get_case_level (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), BUD_BATTERY_UNKNOWN);

  return self->case_level;
}

BudChargeStatus
bud_sony_session_get_left_status (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), BUD_CHARGE_STATUS_UNKNOWN);

  return self->left_status;
}

BudChargeStatus
bud_sony_session_get_right_status (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), BUD_CHARGE_STATUS_UNKNOWN);

  return self->right_status;
}

BudChargeStatus
bud_sony_session_get_case_status (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), BUD_CHARGE_STATUS_UNKNOWN);

  return self->case_status;
}

gint64
bud_sony_session_get_case_updated (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), 0);

  return self->case_updated;
}

const char *
bud_sony_session_get_firmware_version (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), NULL);

  return self->firmware_version;
}

const char *
bud_sony_session_get_model_name (BudSonySession *self)
{
  g_return_val_if_fail (BUD_IS_SONY_SESSION (self), NULL);

  return self->model_name;
}

/* GObject */

static void
bud_sony_session_dispose (GObject *object)
{
  BudSonySession *self = BUD_SONY_SESSION (object);

  /* Dropping the session hangs up, silently. */
  stop_io (self);
  if (!self->closed)
    {
      self->closed = TRUE;
      close_stream (self);
    }
  g_clear_object (&self->stream);

  G_OBJECT_CLASS (bud_sony_session_parent_class)->dispose (object);
}

static void
bud_sony_session_finalize (GObject *object)
{
  BudSonySession *self = BUD_SONY_SESSION (object);

  g_clear_pointer (&self->device_name, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->outbuf, g_byte_array_unref);
  g_clear_pointer (&self->decoder, bud_sony_decoder_free);
  g_clear_pointer (&self->firmware_version, g_free);
  g_clear_pointer (&self->model_name, g_free);

  G_OBJECT_CLASS (bud_sony_session_parent_class)->finalize (object);
}

static void
bud_sony_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BudSonySession *self = BUD_SONY_SESSION (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      g_value_set_object (value, self->stream);
      break;
    case PROP_DEVICE_NAME:
      g_value_set_string (value, self->device_name);
      break;
    case PROP_RETRY_INTERVAL:
      g_value_set_uint (value, self->retry_interval_ms);
      break;
    case PROP_REQUEST_TIMEOUT:
      g_value_set_uint (value, self->request_timeout_ms);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    case PROP_PROTOCOL_VERSION:
      g_value_set_uint (value, self->protocol_version);
      break;
    case PROP_LEFT_LEVEL:
      g_value_set_int (value, self->left_level);
      break;
    case PROP_RIGHT_LEVEL:
      g_value_set_int (value, self->right_level);
      break;
    case PROP_CASE_LEVEL:
      g_value_set_int (value, self->case_level);
      break;
    case PROP_LEFT_STATUS:
      g_value_set_enum (value, self->left_status);
      break;
    case PROP_RIGHT_STATUS:
      g_value_set_enum (value, self->right_status);
      break;
    case PROP_CASE_STATUS:
      g_value_set_enum (value, self->case_status);
      break;
    case PROP_CASE_UPDATED:
      g_value_set_int64 (value, self->case_updated);
      break;
    case PROP_FIRMWARE_VERSION:
      g_value_set_string (value, self->firmware_version);
      break;
    case PROP_MODEL_NAME:
      g_value_set_string (value, self->model_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_sony_session_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  BudSonySession *self = BUD_SONY_SESSION (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      self->stream = g_value_dup_object (value);
      break;
    case PROP_DEVICE_NAME:
      self->device_name = g_value_dup_string (value);
      break;
    case PROP_RETRY_INTERVAL:
      self->retry_interval_ms = g_value_get_uint (value);
      break;
    case PROP_REQUEST_TIMEOUT:
      self->request_timeout_ms = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
level_pspec (const char *name)
{
  return g_param_spec_int (name, NULL, NULL,
                           BUD_BATTERY_UNKNOWN, 100, BUD_BATTERY_UNKNOWN,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
status_pspec (const char *name)
{
  return g_param_spec_enum (name, NULL, NULL,
                            BUD_TYPE_CHARGE_STATUS, BUD_CHARGE_STATUS_UNKNOWN,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
bud_sony_session_class_init (BudSonySessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                G_PARAM_STATIC_STRINGS;
  const GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS;

  object_class->dispose = bud_sony_session_dispose;
  object_class->finalize = bud_sony_session_finalize;
  object_class->get_property = bud_sony_session_get_property;
  object_class->set_property = bud_sony_session_set_property;

  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL, G_TYPE_IO_STREAM, construct);
  properties[PROP_DEVICE_NAME] =
    g_param_spec_string ("device-name", NULL, NULL, NULL, construct);
  properties[PROP_RETRY_INTERVAL] =
    g_param_spec_uint ("retry-interval", NULL, NULL, 1, G_MAXUINT,
                       BUD_SONY_DEFAULT_RETRY_INTERVAL_MS, construct);
  properties[PROP_REQUEST_TIMEOUT] =
    g_param_spec_uint ("request-timeout", NULL, NULL, 1, G_MAXUINT,
                       BUD_SONY_DEFAULT_REQUEST_TIMEOUT_MS, construct);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE, readable);
  properties[PROP_PROTOCOL_VERSION] =
    g_param_spec_uint ("protocol-version", NULL, NULL, 0, 2, 0, readable);
  properties[PROP_LEFT_LEVEL] = level_pspec ("left-level");
  properties[PROP_RIGHT_LEVEL] = level_pspec ("right-level");
  properties[PROP_CASE_LEVEL] = level_pspec ("case-level");
  properties[PROP_LEFT_STATUS] = status_pspec ("left-status");
  properties[PROP_RIGHT_STATUS] = status_pspec ("right-status");
  properties[PROP_CASE_STATUS] = status_pspec ("case-status");
  properties[PROP_CASE_UPDATED] =
    g_param_spec_int64 ("case-updated", NULL, NULL, 0, G_MAXINT64, 0, readable);
  properties[PROP_FIRMWARE_VERSION] =
    g_param_spec_string ("firmware-version", NULL, NULL, NULL, readable);
  properties[PROP_MODEL_NAME] =
    g_param_spec_string ("model-name", NULL, NULL, NULL, readable);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_READY] =
    g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_BATTERY_UPDATED] =
    g_signal_new ("battery-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[SIGNAL_CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
bud_sony_session_init (BudSonySession *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->outbuf = g_byte_array_new ();
  self->decoder = bud_sony_decoder_new ();
  g_queue_init (&self->queue);
  self->left_level = BUD_BATTERY_UNKNOWN;
  self->right_level = BUD_BATTERY_UNKNOWN;
  self->case_level = BUD_BATTERY_UNKNOWN;
  self->left_status = BUD_CHARGE_STATUS_UNKNOWN;
  self->right_status = BUD_CHARGE_STATUS_UNKNOWN;
  self->case_status = BUD_CHARGE_STATUS_UNKNOWN;
}
