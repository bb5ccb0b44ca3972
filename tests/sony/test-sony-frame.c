/* test-sony-frame.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "bud-sony-frame.h"

typedef struct {
  const char *name;
  guint8 type;
  guint8 seq;
  const char *payload;   /* hex */
  const char *wire;      /* hex */
} Vector;

/* The worked frames from sony-protocol.md. */
static const Vector vectors[] = {
  { "ack-seq0", 0x01, 0, "", "3e 01 00 00 00 00 00 01 3c" },
  { "ack-seq1", 0x01, 1, "", "3e 01 01 00 00 00 00 02 3c" },
  { "init", 0x0c, 0, "00 00", "3e 0c 00 00 00 00 02 00 00 0e 3c" },
  { "firmware", 0x0c, 0, "04 02", "3e 0c 00 00 00 00 02 04 02 14 3c" },
  { "battery-lr-seq0", 0x0c, 0, "22 09", "3e 0c 00 00 00 00 02 22 09 39 3c" },
  { "battery-lr-seq1", 0x0c, 1, "22 09", "3e 0c 01 00 00 00 02 22 09 3a 3c" },
  { "battery-case", 0x0c, 0, "22 0a", "3e 0c 00 00 00 00 02 22 0a 3a 3c" },
  { "device-log", 0x0c, 0, "13 03 02 02", "3e 0c 00 00 00 00 04 13 03 02 02 2a 3c" },
};

static GBytes *
hex_to_bytes (const char *hex)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_auto (GStrv) parts = g_strsplit (hex, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint8 byte;

      if (parts[i][0] == '\0')
        {
          continue;
        }
      byte = (guint8) g_ascii_strtoull (parts[i], NULL, 16);
      g_byte_array_append (out, &byte, 1);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
assert_frame (BudSonyFrame *frame,
              guint8        type,
              guint8        seq,
              GBytes       *payload)
{
  g_assert_nonnull (frame);
  g_assert_cmpuint (frame->type, ==, type);
  g_assert_cmpuint (frame->seq, ==, seq);
  g_assert_true (g_bytes_equal (frame->payload, payload));
}

/* Pushes @wire in one go and expects exactly one frame. */
static BudSonyFrame *
decode_one (GBytes *wire)
{
  g_autoptr (BudSonyDecoder) decoder = bud_sony_decoder_new ();
  g_autoptr (GError) error = NULL;
  BudSonyFrame *frame;
  gsize len;
  const guint8 *data = g_bytes_get_data (wire, &len);

  bud_sony_decoder_push (decoder, data, len);
  frame = bud_sony_decoder_pop (decoder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (frame);
  g_assert_null (bud_sony_decoder_pop (decoder, &error));
  g_assert_no_error (error);
  g_assert_false (bud_sony_decoder_in_frame (decoder));

  return frame;
}

static void
test_frame_vectors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr (GBytes) payload = hex_to_bytes (vectors[i].payload);
      g_autoptr (GBytes) wire = hex_to_bytes (vectors[i].wire);
      g_autoptr (GBytes) encoded = NULL;
      g_autoptr (BudSonyFrame) frame = NULL;
      gsize len;
      const guint8 *data = g_bytes_get_data (payload, &len);

      g_test_message ("vector %s", vectors[i].name);
      encoded = bud_sony_frame_encode (vectors[i].type, vectors[i].seq, data, len);
      g_assert_true (g_bytes_equal (encoded, wire));

      frame = decode_one (wire);
      assert_frame (frame, vectors[i].type, vectors[i].seq, payload);
    }
}

static void
round_trip (guint8        type,
            guint8        seq,
            const guint8 *payload,
            gsize         len)
{
  g_autoptr (GBytes) expected = g_bytes_new (payload, len);
  g_autoptr (GBytes) wire = bud_sony_frame_encode (type, seq, payload, len);
  g_autoptr (BudSonyFrame) frame = decode_one (wire);
  gsize wire_len;
  const guint8 *data = g_bytes_get_data (wire, &wire_len);

  /* Only the first and last bytes may be start and end bytes. */
  g_assert_cmpuint (data[0], ==, BUD_SONY_FRAME_START);
  g_assert_cmpuint (data[wire_len - 1], ==, BUD_SONY_FRAME_END);
  for (gsize i = 1; i + 1 < wire_len; i++)
    {
      g_assert_cmpuint (data[i], !=, BUD_SONY_FRAME_START);
      g_assert_cmpuint (data[i], !=, BUD_SONY_FRAME_END);
    }
  assert_frame (frame, type, seq, expected);
}

static void
test_frame_round_trip (void)
{
  guint8 all[256];

  for (guint i = 0; i < 256; i++)
    {
      all[i] = i;
    }

  round_trip (BUD_SONY_FRAME_TYPE_DATA, 0, NULL, 0);
  round_trip (BUD_SONY_FRAME_TYPE_DATA2, 1, all, sizeof all);
  for (guint i = 0; i < 200; i++)
    {
      gsize len = g_test_rand_int_range (0, 300);
      g_autofree guint8 *payload = g_malloc (MAX (len, 1));

      for (gsize j = 0; j < len; j++)
        {
          payload[j] = g_test_rand_int_range (0, 256);
        }
      round_trip (g_test_rand_int_range (0, 256), g_test_rand_int_range (0, 2), payload, len);
    }
}

static void
test_frame_escape_payload (void)
{
  const struct {
    guint8 byte;
    const char *wire;
  } cases[] = {
    { 0x3c, "3e 0c 00 00 00 00 01 3d 2c 49 3c" },
    { 0x3d, "3e 0c 00 00 00 00 01 3d 2d 4a 3c" },
    { 0x3e, "3e 0c 00 00 00 00 01 3d 2e 4b 3c" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) wire = hex_to_bytes (cases[i].wire);
      g_autoptr (GBytes) encoded = bud_sony_frame_encode (0x0c, 0, &cases[i].byte, 1);
      g_autoptr (GBytes) payload = g_bytes_new (&cases[i].byte, 1);
      g_autoptr (BudSonyFrame) frame = decode_one (wire);

      g_assert_true (g_bytes_equal (encoded, wire));
      assert_frame (frame, 0x0c, 0, payload);
    }
}

static void
test_frame_escape_checksum (void)
{
  /* 0x0c + 0x01 (length) + payload byte = checksum, chosen to be 3c, 3d, 3e. */
  const struct {
    guint8 byte;
    const char *wire;
  } cases[] = {
    { 0x2f, "3e 0c 00 00 00 00 01 2f 3d 2c 3c" },
    { 0x30, "3e 0c 00 00 00 00 01 30 3d 2d 3c" },
    { 0x31, "3e 0c 00 00 00 00 01 31 3d 2e 3c" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) wire = hex_to_bytes (cases[i].wire);
      g_autoptr (GBytes) encoded = bud_sony_frame_encode (0x0c, 0, &cases[i].byte, 1);
      g_autoptr (GBytes) payload = g_bytes_new (&cases[i].byte, 1);
      g_autoptr (BudSonyFrame) frame = decode_one (wire);

      g_assert_true (g_bytes_equal (encoded, wire));
      assert_frame (frame, 0x0c, 0, payload);
    }
}

static void
test_frame_escape_header (void)
{
  /* A length of 0x3c and a type of 0x3e are escaped too. */
  guint8 payload[0x3c] = { 0 };
  g_autoptr (GBytes) encoded = bud_sony_frame_encode (0x3e, 0, payload, sizeof payload);
  const guint8 *data = g_bytes_get_data (encoded, NULL);
  const guint8 start[] = { 0x3e, 0x3d, 0x2e, 0x00, 0x00, 0x00, 0x00, 0x3d, 0x2c };

  g_assert_cmpmem (data, sizeof start, start, sizeof start);
  round_trip (0x3e, 0, payload, sizeof payload);
}

static GPtrArray *
frames_from_chunks (BudSonyDecoder *decoder,
                    const guint8   *data,
                    gsize           len,
                    guint          *n_errors)
{
  GPtrArray *frames = g_ptr_array_new_with_free_func ((GDestroyNotify) bud_sony_frame_free);
  gsize pos = 0;

  while (pos < len)
    {
      /* MIN() evaluates its arguments twice: draw the number first. */
      gsize chunk = g_test_rand_int_range (1, 9);

      chunk = MIN (chunk, len - pos);

      bud_sony_decoder_push (decoder, data + pos, chunk);
      pos += chunk;
      for (;;)
        {
          g_autoptr (GError) error = NULL;
          BudSonyFrame *frame = bud_sony_decoder_pop (decoder, &error);

          if (frame != NULL)
            {
              g_ptr_array_add (frames, frame);
            }
          else if (error != NULL)
            {
              (*n_errors)++;
            }
          else
            {
              break;
            }
        }
    }

  return frames;
}

static void
test_frame_random_chunks (void)
{
  g_autoptr (GByteArray) stream = g_byte_array_new ();
  g_autoptr (GPtrArray) sent = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < 100; i++)
    {
      guint8 payload[40];
      gsize len = g_test_rand_int_range (0, sizeof payload);
      g_autoptr (GBytes) wire = NULL;

      for (gsize j = 0; j < len; j++)
        {
          /* Favour the special bytes so escapes often straddle chunks. */
          payload[j] = g_test_rand_bit () ? 0x3c + g_test_rand_int_range (0, 3)
                                          : g_test_rand_int_range (0, 256);
        }
      wire = bud_sony_frame_encode (0x0c, i % 2, payload, len);
      g_byte_array_append (stream, g_bytes_get_data (wire, NULL), g_bytes_get_size (wire));
      g_ptr_array_add (sent, g_bytes_new (payload, len));
    }

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr (BudSonyDecoder) decoder = bud_sony_decoder_new ();
      g_autoptr (GPtrArray) frames = NULL;
      guint n_errors = 0;

      frames = frames_from_chunks (decoder, stream->data, stream->len, &n_errors);
      g_assert_cmpuint (n_errors, ==, 0);
      g_assert_cmpuint (frames->len, ==, sent->len);
      for (guint i = 0; i < frames->len; i++)
        {
          assert_frame (g_ptr_array_index (frames, i), 0x0c, i % 2,
                        g_ptr_array_index (sent, i));
        }
    }
}

static void
test_frame_garbage (void)
{
  g_autoptr (BudSonyDecoder) decoder = bud_sony_decoder_new ();
  g_autoptr (GBytes) stream = hex_to_bytes (
    "00 ff 3c 3d 2c 12 "                                  /* noise outside frames */
    "3e 0c 00 00 00 00 02 04 02 14 3c "                   /* firmware request */
    "99 3c 3c 3d "                                        /* more noise */
    "3e 01 01 00 00 00 00 02 3c "                         /* ACK seq 1 */
    "41 42 43");
  g_autoptr (GPtrArray) frames = NULL;
  g_autoptr (GBytes) fw = hex_to_bytes ("04 02");
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  guint n_errors = 0;
  gsize len;
  const guint8 *data = g_bytes_get_data (stream, &len);

  frames = frames_from_chunks (decoder, data, len, &n_errors);
  g_assert_cmpuint (n_errors, ==, 0);
  g_assert_cmpuint (frames->len, ==, 2);
  assert_frame (g_ptr_array_index (frames, 0), 0x0c, 0, fw);
  assert_frame (g_ptr_array_index (frames, 1), 0x01, 1, empty);
  g_assert_cmpuint (bud_sony_decoder_get_skipped (decoder), ==, 13);
}

static void
assert_error_then_frame (const char *hex,
                         int         code)
{
  g_autoptr (BudSonyDecoder) decoder = bud_sony_decoder_new ();
  g_autoptr (GBytes) bad = hex_to_bytes (hex);
  g_autoptr (GBytes) good = hex_to_bytes ("3e 0c 00 00 00 00 02 22 0a 3a 3c");
  g_autoptr (GBytes) payload = hex_to_bytes ("22 0a");
  g_autoptr (GError) error = NULL;
  g_autoptr (BudSonyFrame) frame = NULL;

  bud_sony_decoder_push (decoder, g_bytes_get_data (bad, NULL), g_bytes_get_size (bad));
  bud_sony_decoder_push (decoder, g_bytes_get_data (good, NULL), g_bytes_get_size (good));

  g_assert_null (bud_sony_decoder_pop (decoder, &error));
  g_assert_error (error, BUD_SONY_ERROR, code);
  g_assert_nonnull (error->message);
  g_clear_error (&error);

  /* The decoder resynchronises on the next start byte. */
  frame = bud_sony_decoder_pop (decoder, &error);
  g_assert_no_error (error);
  assert_frame (frame, 0x0c, 0, payload);
  g_assert_null (bud_sony_decoder_pop (decoder, &error));
  g_assert_no_error (error);
}

static void
test_frame_bad_checksum (void)
{
  assert_error_then_frame ("3e 0c 00 00 00 00 02 04 02 15 3c", BUD_SONY_ERROR_BAD_CHECKSUM);
  assert_error_then_frame ("3e 01 00 00 00 00 00 00 3c", BUD_SONY_ERROR_BAD_CHECKSUM);
}

static void
test_frame_truncated (void)
{
  /* A start byte in the middle of a frame ends the frame before it. */
  assert_error_then_frame ("3e 0c 00 00 00 00 02 04", BUD_SONY_ERROR_TRUNCATED);
  /* An end byte before the declared payload. */
  assert_error_then_frame ("3e 0c 00 00 00 00 04 04 02 14 3c", BUD_SONY_ERROR_TRUNCATED);
  /* An end byte before the header is complete. */
  assert_error_then_frame ("3e 0c 00 3c", BUD_SONY_ERROR_TRUNCATED);
  assert_error_then_frame ("3e 3c", BUD_SONY_ERROR_TRUNCATED);
  /* An escape byte right before the end byte. */
  assert_error_then_frame ("3e 0c 00 00 00 00 00 3d 3c", BUD_SONY_ERROR_TRUNCATED);
}

static void
test_frame_truncated_tail (void)
{
  g_autoptr (BudSonyDecoder) decoder = bud_sony_decoder_new ();
  g_autoptr (GBytes) part = hex_to_bytes ("3e 0c 00 00 00 00 02 22");
  g_autoptr (GError) error = NULL;

  bud_sony_decoder_push (decoder, g_bytes_get_data (part, NULL), g_bytes_get_size (part));
  g_assert_null (bud_sony_decoder_pop (decoder, &error));
  g_assert_no_error (error);
  g_assert_true (bud_sony_decoder_in_frame (decoder));
}

static void
test_frame_malformed (void)
{
  /* More bytes than the header declares. */
  assert_error_then_frame ("3e 0c 00 00 00 00 01 04 02 14 3c", BUD_SONY_ERROR_MALFORMED);
  /* An escape of a byte that never needs escaping. */
  assert_error_then_frame ("3e 0c 00 00 00 00 01 3d 41 00 3c", BUD_SONY_ERROR_MALFORMED);
}

static void
test_frame_oversized (void)
{
  g_autoptr (BudSonyDecoder) decoder = bud_sony_decoder_new ();
  g_autoptr (GByteArray) stream = g_byte_array_new ();
  g_autoptr (GBytes) head = hex_to_bytes ("3e 0c 00 7f ff ff ff");
  g_autoptr (GBytes) good = hex_to_bytes ("3e 01 00 00 00 00 00 01 3c");
  g_autoptr (GError) error = NULL;
  g_autoptr (BudSonyFrame) frame = NULL;
  guint8 filler[4096];

  /* A header claiming ~2 GiB, followed by a flood that must not be buffered. */
  memset (filler, 0x55, sizeof filler);
  g_byte_array_append (stream, g_bytes_get_data (head, NULL), g_bytes_get_size (head));
  g_byte_array_append (stream, filler, sizeof filler);
  g_byte_array_append (stream, g_bytes_get_data (good, NULL), g_bytes_get_size (good));
  bud_sony_decoder_push (decoder, stream->data, stream->len);

  g_assert_null (bud_sony_decoder_pop (decoder, &error));
  g_assert_error (error, BUD_SONY_ERROR, BUD_SONY_ERROR_TOO_LONG);
  g_clear_error (&error);
  frame = bud_sony_decoder_pop (decoder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (frame);
  g_assert_cmpuint (frame->type, ==, BUD_SONY_FRAME_TYPE_ACK);
  g_assert_cmpuint (bud_sony_decoder_get_skipped (decoder), ==, sizeof filler);

  /* The largest allowed payload still decodes. */
  {
    g_autofree guint8 *big = g_malloc0 (BUD_SONY_FRAME_MAX_PAYLOAD);

    round_trip (0x0c, 0, big, BUD_SONY_FRAME_MAX_PAYLOAD);
  }
}

static void
test_frame_random_noise (void)
{
  /* Whatever arrives, the decoder neither crashes nor grows without bound. */
  for (guint round = 0; round < 50; round++)
    {
      g_autoptr (BudSonyDecoder) decoder = bud_sony_decoder_new ();
      guint8 noise[512];
      guint n_errors = 0;
      g_autoptr (GPtrArray) frames = NULL;

      for (gsize i = 0; i < sizeof noise; i++)
        {
          noise[i] = g_test_rand_bit () ? 0x3c + g_test_rand_int_range (0, 3)
                                        : g_test_rand_int_range (0, 256);
        }
      frames = frames_from_chunks (decoder, noise, sizeof noise, &n_errors);
      for (guint i = 0; i < frames->len; i++)
        {
          BudSonyFrame *frame = g_ptr_array_index (frames, i);

          g_assert_cmpuint (g_bytes_get_size (frame->payload), <=, BUD_SONY_FRAME_MAX_PAYLOAD);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sony/frame/vectors", test_frame_vectors);
  g_test_add_func ("/sony/frame/round-trip", test_frame_round_trip);
  g_test_add_func ("/sony/frame/escape-payload", test_frame_escape_payload);
  g_test_add_func ("/sony/frame/escape-checksum", test_frame_escape_checksum);
  g_test_add_func ("/sony/frame/escape-header", test_frame_escape_header);
  g_test_add_func ("/sony/frame/random-chunks", test_frame_random_chunks);
  g_test_add_func ("/sony/frame/garbage", test_frame_garbage);
  g_test_add_func ("/sony/frame/bad-checksum", test_frame_bad_checksum);
  g_test_add_func ("/sony/frame/truncated", test_frame_truncated);
  g_test_add_func ("/sony/frame/truncated-tail", test_frame_truncated_tail);
  g_test_add_func ("/sony/frame/malformed", test_frame_malformed);
  g_test_add_func ("/sony/frame/oversized", test_frame_oversized);
  g_test_add_func ("/sony/frame/random-noise", test_frame_random_noise);

  return g_test_run ();
}
