/* test-sony-session.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "bud-sony-frame.h"
#include "bud-sony-session.h"
#include "fake-earbud.h"

/* Short intervals keep the tests fast; the app uses 1.25 s and 3 s. */
#define RETRY_MS   40
#define TIMEOUT_MS 300

typedef struct {
  GIOStream *stream;
  FakeEarbud *fake;
  BudSonySession *session;
  guint n_ready;
  guint n_battery;
  guint n_closed;
  GPtrArray *problems;   /* GError */
  GError *closed_error;
  guint want_acks;
} Fixture;

typedef gboolean (*Predicate) (Fixture *fixture);

static gboolean
deadline_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done holds; fails after a few seconds. */
static void
run_until (Fixture   *fixture,
           Predicate  done)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (5, deadline_cb, &expired);

  while (!done (fixture) && !expired)
    {
      g_main_context_iteration (NULL, TRUE);
    }
  if (!expired)
    {
      g_source_remove (id);
    }
  g_assert_false (expired);
}

/* Runs the main loop for @ms, for checks that something does NOT happen. */
static void
run_for (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, deadline_cb, &expired);
  while (!expired)
    {
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
ready_cb (BudSonySession *session,
          Fixture        *fixture)
{
  fixture->n_ready++;
}

static void
battery_cb (BudSonySession *session,
            Fixture        *fixture)
{
  fixture->n_battery++;
}

static void
problem_cb (BudSonySession *session,
            GError         *error,
            Fixture        *fixture)
{
  g_assert_nonnull (error);
  g_ptr_array_add (fixture->problems, g_error_copy (error));
}

static void
closed_cb (BudSonySession *session,
           GError         *error,
           Fixture        *fixture)
{
  fixture->n_closed++;
  g_clear_error (&fixture->closed_error);
  fixture->closed_error = error != NULL ? g_error_copy (error) : NULL;
}

static FakeEarbudOptions
default_options (guint protocol_version)
{
  FakeEarbudOptions options = {
    .protocol_version = protocol_version,
    .left = 70, .left_status = 1,
    .right = 65, .right_status = 0,
    .case_level = 40, .case_status = 1,
  };

  return options;
}

static void
fixture_start (Fixture                 *fixture,
               const FakeEarbudOptions *options)
{
  fixture->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  fixture->fake = fake_earbud_new (options, &fixture->stream);
  fixture->session = bud_sony_session_new_full (fixture->stream, "WF-1000XM4",
                                                RETRY_MS, TIMEOUT_MS);
  g_signal_connect (fixture->session, "ready", G_CALLBACK (ready_cb), fixture);
  g_signal_connect (fixture->session, "battery-updated", G_CALLBACK (battery_cb), fixture);
  g_signal_connect (fixture->session, "problem", G_CALLBACK (problem_cb), fixture);
  g_signal_connect (fixture->session, "closed", G_CALLBACK (closed_cb), fixture);
  bud_sony_session_start (fixture->session);
}

static void
fixture_finish (Fixture *fixture)
{
  g_object_unref (fixture->stream);
  g_assert_finalize_object (fixture->session);
  fake_earbud_free (fixture->fake);
  g_ptr_array_unref (fixture->problems);
  g_clear_error (&fixture->closed_error);
}

static gboolean
everything_read (Fixture *fixture)
{
  BudSonySession *session = fixture->session;

  return bud_sony_session_get_firmware_version (session) != NULL &&
         bud_sony_session_get_model_name (session) != NULL &&
         bud_sony_session_get_case_level (session) != BUD_BATTERY_UNKNOWN &&
         bud_sony_session_get_left_level (session) != BUD_BATTERY_UNKNOWN;
}

static gboolean
is_closed (Fixture *fixture)
{
  return fixture->n_closed > 0;
}

static gboolean
everything_read_or_closed (Fixture *fixture)
{
  return everything_read (fixture) || is_closed (fixture);
}

static gboolean
is_ready (Fixture *fixture)
{
  return bud_sony_session_get_ready (fixture->session);
}

static gboolean
host_hung_up (Fixture *fixture)
{
  return fake_earbud_get_saw_eof (fixture->fake);
}

static gboolean
acks_arrived (Fixture *fixture)
{
  return fake_earbud_get_n_acks (fixture->fake) >= fixture->want_acks;
}

static gboolean
has_problem (Fixture *fixture)
{
  return fixture->problems->len > 0;
}

static gboolean
firmware_read (Fixture *fixture)
{
  return bud_sony_session_get_firmware_version (fixture->session) != NULL;
}

/* The seq rule: each request takes the seq of the device's last ACK, which
 * the fake sets to 1 - the request's seq, so requests alternate 0, 1, 0... */
static void
assert_seqs_alternate (FakeEarbud *fake)
{
  GArray *requests = fake_earbud_get_requests (fake);

  for (guint i = 0; i < requests->len; i++)
    {
      g_assert_cmpuint (g_array_index (requests, FakeEarbudFrame, i).seq, ==, i % 2);
    }
  g_assert_cmpuint (fake_earbud_get_bad_acks (fake), ==, 0);
}

static void
test_session_v2 (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };
  GArray *requests;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  fixture_start (&fixture, &options);
  run_until (&fixture, everything_read);

  g_assert_cmpuint (bud_sony_session_get_protocol_version (fixture.session), ==, 2);
  g_assert_cmpuint (fixture.n_ready, ==, 1);
  g_assert_cmpint (bud_sony_session_get_left_level (fixture.session), ==, 70);
  g_assert_cmpint (bud_sony_session_get_left_status (fixture.session), ==,
                   BUD_CHARGE_STATUS_CHARGING);
  g_assert_cmpint (bud_sony_session_get_right_level (fixture.session), ==, 65);
  g_assert_cmpint (bud_sony_session_get_right_status (fixture.session), ==,
                   BUD_CHARGE_STATUS_NOT_CHARGING);
  g_assert_cmpint (bud_sony_session_get_case_level (fixture.session), ==, 40);
  g_assert_cmpint (bud_sony_session_get_case_status (fixture.session), ==,
                   BUD_CHARGE_STATUS_CHARGING);
  g_assert_cmpint (bud_sony_session_get_case_updated (fixture.session), >=, now);
  g_assert_cmpstr (bud_sony_session_get_firmware_version (fixture.session), ==, "2.3.1");
  g_assert_cmpstr (bud_sony_session_get_model_name (fixture.session), ==, "WF-1000XM4");
  g_assert_cmpuint (fixture.problems->len, ==, 0);

  /* What went over the wire: init first, then the queue, one at a time. */
  requests = fake_earbud_get_requests (fixture.fake);
  g_assert_cmpuint (requests->len, ==, 5);
  g_assert_cmphex (g_array_index (requests, FakeEarbudFrame, 0).op, ==, 0x00);
  g_assert_cmphex (g_array_index (requests, FakeEarbudFrame, 1).op, ==, 0x22);
  g_assert_cmphex (g_array_index (requests, FakeEarbudFrame, 1).sub, ==, 0x09);
  g_assert_cmphex (g_array_index (requests, FakeEarbudFrame, 2).op, ==, 0x22);
  g_assert_cmphex (g_array_index (requests, FakeEarbudFrame, 2).sub, ==, 0x0A);
  g_assert_cmphex (g_array_index (requests, FakeEarbudFrame, 3).sub, ==, 0x02);
  g_assert_cmphex (g_array_index (requests, FakeEarbudFrame, 4).sub, ==, 0x01);
  g_assert_cmpuint (fake_earbud_get_early_battery_requests (fixture.fake), ==, 0);
  assert_seqs_alternate (fixture.fake);
  /* Every reply is ACKed. */
  fixture.want_acks = 5;
  run_until (&fixture, acks_arrived);
  g_assert_cmpuint (fake_earbud_get_n_acks (fixture.fake), ==, 5);

  bud_sony_session_close (fixture.session);
  g_assert_cmpuint (fixture.n_closed, ==, 1);
  g_assert_null (fixture.closed_error);
  run_until (&fixture, host_hung_up);
  fixture_finish (&fixture);
}

static gboolean
left_is_50 (Fixture *fixture)
{
  return bud_sony_session_get_left_level (fixture->session) == 50;
}

static gboolean
case_is_80 (Fixture *fixture)
{
  return bud_sony_session_get_case_level (fixture->session) == 80;
}

static gboolean
battery_count_is_above_4 (Fixture *fixture)
{
  return fixture->n_battery > 4;
}

static void
test_session_notifications (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };
  gint64 case_updated;

  fixture_start (&fixture, &options);
  run_until (&fixture, everything_read);
  g_assert_cmpuint (fixture.n_battery, ==, 2);

  /* The right bud leaves the case: a level of 0 means "not reported". */
  fake_earbud_set_battery (fixture.fake, 50, 3, 0, 0);
  fake_earbud_notify_battery (fixture.fake);
  run_until (&fixture, left_is_50);
  g_assert_cmpint (bud_sony_session_get_left_status (fixture.session), ==,
                   BUD_CHARGE_STATUS_CHARGED);
  g_assert_cmpint (bud_sony_session_get_right_level (fixture.session), ==, BUD_BATTERY_UNKNOWN);
  g_assert_cmpint (bud_sony_session_get_right_status (fixture.session), ==,
                   BUD_CHARGE_STATUS_UNKNOWN);

  fake_earbud_set_case (fixture.fake, 80, 3);
  fake_earbud_notify_case (fixture.fake);
  run_until (&fixture, case_is_80);
  g_assert_cmpint (bud_sony_session_get_case_status (fixture.session), ==,
                   BUD_CHARGE_STATUS_CHARGED);
  case_updated = bud_sony_session_get_case_updated (fixture.session);
  g_assert_cmpint (case_updated, >, 0);

  /* With no bud inside, the case goes quiet: its last known level stays. */
  fake_earbud_set_case (fixture.fake, 0, 2);
  fake_earbud_notify_case (fixture.fake);
  run_until (&fixture, battery_count_is_above_4);
  g_assert_cmpint (bud_sony_session_get_case_level (fixture.session), ==, 80);
  g_assert_cmpint (bud_sony_session_get_case_status (fixture.session), ==,
                   BUD_CHARGE_STATUS_CHARGED);
  g_assert_cmpint (bud_sony_session_get_case_updated (fixture.session), ==, case_updated);

  /* Notifications are ACKed like any data frame. */
  fixture.want_acks = 8;
  run_until (&fixture, acks_arrived);
  g_assert_cmpuint (fake_earbud_get_n_acks (fixture.fake), ==, 8);
  g_assert_cmpuint (fake_earbud_get_bad_acks (fixture.fake), ==, 0);
  g_assert_cmpuint (fixture.problems->len, ==, 0);
  fixture_finish (&fixture);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static gboolean
battery_count_is_3 (Fixture *fixture)
{
  return fixture->n_battery == 3;
}

static void
test_session_notify_changes_only (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };
  guint notified = 0;

  fixture_start (&fixture, &options);
  run_until (&fixture, everything_read);
  g_signal_connect (fixture.session, "notify::left-level", G_CALLBACK (count_cb), &notified);
  g_signal_connect (fixture.session, "notify::left-status", G_CALLBACK (count_cb), &notified);

  /* The same reading again: ::battery-updated, but no notify. */
  fake_earbud_notify_battery (fixture.fake);
  run_until (&fixture, battery_count_is_3);
  g_assert_cmpuint (notified, ==, 0);

  fake_earbud_set_battery (fixture.fake, 50, 1, 65, 0);
  fake_earbud_notify_battery (fixture.fake);
  run_until (&fixture, left_is_50);
  g_assert_cmpuint (notified, ==, 1);
  fixture_finish (&fixture);
}

static void
test_session_v1 (void)
{
  FakeEarbudOptions options = default_options (1);
  Fixture fixture = { 0 };
  const guint8 log_frame[] = { 0x13, 0x03, 0x02, 0x02 };

  options.model = "WH-1000XM3";
  fixture_start (&fixture, &options);
  run_until (&fixture, everything_read_or_closed);
  g_assert_false (fake_earbud_get_powered_off (fixture.fake));
  g_assert_cmpuint (fixture.n_closed, ==, 0);

  g_assert_cmpuint (bud_sony_session_get_protocol_version (fixture.session), ==, 1);
  g_assert_cmpint (bud_sony_session_get_left_level (fixture.session), ==, 70);
  g_assert_cmpint (bud_sony_session_get_right_level (fixture.session), ==, 65);
  g_assert_cmpint (bud_sony_session_get_case_level (fixture.session), ==, 40);
  g_assert_cmpstr (bud_sony_session_get_model_name (fixture.session), ==, "WH-1000XM3");

  /* v1 asks with 0x10, and never with 0x22 (power-off on v1). */
  g_assert_cmpuint (fake_earbud_count_opcode (fixture.fake, 0x10), ==, 2);
  g_assert_cmpuint (fake_earbud_count_opcode (fixture.fake, 0x22), ==, 0);
  g_assert_false (fake_earbud_get_powered_off (fixture.fake));
  assert_seqs_alternate (fixture.fake);

  /* A v1 notification, and the frame from a real log (an unknown sub-type). */
  fake_earbud_set_battery (fixture.fake, 50, 1, 60, 1);
  fake_earbud_send_payload (fixture.fake, log_frame, sizeof log_frame);
  fake_earbud_notify_battery (fixture.fake);
  run_until (&fixture, left_is_50);
  g_assert_cmpint (bud_sony_session_get_right_level (fixture.session), ==, 60);
  g_assert_cmpint (bud_sony_session_get_case_level (fixture.session), ==, 40);

  bud_sony_session_refresh (fixture.session);
  run_for (50);
  g_assert_cmpuint (fake_earbud_count_opcode (fixture.fake, 0x22), ==, 0);
  g_assert_false (fake_earbud_get_powered_off (fixture.fake));
  g_assert_cmpuint (fixture.n_closed, ==, 0);
  g_assert_cmpuint (fixture.problems->len, ==, 0);
  fixture_finish (&fixture);
}

static void
test_session_no_battery_before_init (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };
  GArray *requests;

  /* The device never answers, while the owner asks for everything. */
  options.silent = TRUE;
  fixture_start (&fixture, &options);
  bud_sony_session_refresh (fixture.session);
  bud_sony_session_request_firmware (fixture.session);
  bud_sony_session_request_model (fixture.session);
  run_until (&fixture, is_closed);

  /* Three inits (the first and two re-sends, same seq), and nothing else. */
  requests = fake_earbud_get_requests (fixture.fake);
  g_assert_cmpuint (requests->len, ==, 3);
  for (guint i = 0; i < requests->len; i++)
    {
      g_assert_cmphex (g_array_index (requests, FakeEarbudFrame, i).op, ==, 0x00);
      g_assert_cmpuint (g_array_index (requests, FakeEarbudFrame, i).seq, ==, 0);
    }
  g_assert_error (fixture.closed_error, BUD_SONY_ERROR, BUD_SONY_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (fixture.closed_error->message, "WF-1000XM4"));
  g_assert_false (bud_sony_session_get_ready (fixture.session));
  g_assert_cmpuint (bud_sony_session_get_protocol_version (fixture.session), ==, 0);

  /* Asking after the end sends nothing either. */
  bud_sony_session_refresh (fixture.session);
  run_until (&fixture, host_hung_up);
  g_assert_cmpuint (requests->len, ==, 3);
  g_assert_cmpuint (fixture.n_closed, ==, 1);
  fixture_finish (&fixture);
}

static void
test_session_slow_v1_init (void)
{
  FakeEarbudOptions options = default_options (1);
  Fixture fixture = { 0 };

  /* A v1 device that misses the first init and answers slowly: nothing but
   * inits goes out until the reply says v1. */
  options.ignore_first_init = TRUE;
  options.reply_delay_ms = RETRY_MS * 3 / 2;
  fixture_start (&fixture, &options);
  bud_sony_session_refresh (fixture.session);
  run_until (&fixture, everything_read);

  g_assert_cmpuint (bud_sony_session_get_protocol_version (fixture.session), ==, 1);
  g_assert_cmpuint (fake_earbud_count_opcode (fixture.fake, 0x22), ==, 0);
  g_assert_false (fake_earbud_get_powered_off (fixture.fake));
  fixture_finish (&fixture);
}

static void
test_session_unknown_version (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };

  options.init_reply_length = 6;
  fixture_start (&fixture, &options);
  run_until (&fixture, is_closed);

  g_assert_error (fixture.closed_error, BUD_SONY_ERROR, BUD_SONY_ERROR_PROTOCOL);
  g_assert_cmpuint (fake_earbud_count_opcode (fixture.fake, 0x22), ==, 0);
  g_assert_cmpuint (fake_earbud_count_opcode (fixture.fake, 0x10), ==, 0);
  g_assert_cmpuint (fake_earbud_count_opcode (fixture.fake, 0x04), ==, 0);
  fixture_finish (&fixture);
}

static void
test_session_init_retry (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };

  options.ignore_first_init = TRUE;
  fixture_start (&fixture, &options);
  run_until (&fixture, everything_read);

  g_assert_cmpuint (fake_earbud_count_opcode (fixture.fake, 0x00), ==, 2);
  g_assert_cmpuint (fixture.n_ready, ==, 1);
  g_assert_cmpuint (fake_earbud_get_early_battery_requests (fixture.fake), ==, 0);
  g_assert_cmpstr (bud_sony_session_get_firmware_version (fixture.session), ==, "2.3.1");
  g_assert_cmpuint (fake_earbud_get_bad_acks (fixture.fake), ==, 0);
  fixture_finish (&fixture);
}

static void
test_session_slow_replies (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };

  /* Slower than the init retry, faster than the request timeout. */
  options.reply_delay_ms = 60;
  options.ignore_first_init = TRUE;
  fixture_start (&fixture, &options);
  run_until (&fixture, everything_read);

  g_assert_cmpint (bud_sony_session_get_left_level (fixture.session), ==, 70);
  g_assert_cmpstr (bud_sony_session_get_model_name (fixture.session), ==, "WF-1000XM4");
  /* One request in flight at a time, and the ACKed init is not re-sent. */
  g_assert_cmpuint (fake_earbud_get_max_outstanding (fixture.fake), ==, 1);
  g_assert_cmpuint (fake_earbud_count_opcode (fixture.fake, 0x00), ==, 2);
  g_assert_cmpuint (fake_earbud_count_opcode (fixture.fake, 0x22), ==, 2);
  g_assert_cmpuint (fake_earbud_count_opcode (fixture.fake, 0x04), ==, 2);
  g_assert_cmpuint (fake_earbud_get_early_battery_requests (fixture.fake), ==, 0);
  g_assert_cmpuint (fixture.n_closed, ==, 0);
  fixture_finish (&fixture);
}

static void
test_session_one_in_flight (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };

  options.reply_delay_ms = 20;
  fixture_start (&fixture, &options);
  run_until (&fixture, everything_read);

  g_assert_cmpuint (fake_earbud_get_max_outstanding (fixture.fake), ==, 1);
  g_assert_cmpuint (fake_earbud_get_requests (fixture.fake)->len, ==, 5);
  fixture_finish (&fixture);
}

static void
test_session_request_timeout (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };
  const GError *problem;

  /* No bud in the case: the case request gets no answer, and the queue
   * goes on after the timeout. */
  options.skip_case = TRUE;
  fixture_start (&fixture, &options);
  run_until (&fixture, firmware_read);

  g_assert_cmpint (bud_sony_session_get_case_level (fixture.session), ==, BUD_BATTERY_UNKNOWN);
  g_assert_cmpint (bud_sony_session_get_case_updated (fixture.session), ==, 0);
  g_assert_cmpint (bud_sony_session_get_left_level (fixture.session), ==, 70);
  g_assert_cmpuint (fixture.problems->len, ==, 1);
  problem = g_ptr_array_index (fixture.problems, 0);
  g_assert_error (problem, BUD_SONY_ERROR, BUD_SONY_ERROR_TIMEOUT);
  g_assert_cmpuint (fixture.n_closed, ==, 0);
  fixture_finish (&fixture);
}

static void
test_session_garbage (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };

  options.garbage = TRUE;
  fixture_start (&fixture, &options);
  run_until (&fixture, everything_read);

  g_assert_cmpint (bud_sony_session_get_right_level (fixture.session), ==, 65);
  g_assert_cmpstr (bud_sony_session_get_firmware_version (fixture.session), ==, "2.3.1");
  /* Each reply came after a frame with a bad checksum and a truncated one. */
  g_assert_cmpuint (fixture.problems->len, ==, 10);
  for (guint i = 0; i < fixture.problems->len; i++)
    {
      const GError *problem = g_ptr_array_index (fixture.problems, i);

      g_assert_true (g_error_matches (problem, BUD_SONY_ERROR, BUD_SONY_ERROR_BAD_CHECKSUM) ||
                     g_error_matches (problem, BUD_SONY_ERROR, BUD_SONY_ERROR_TRUNCATED));
    }
  g_assert_cmpuint (fixture.n_closed, ==, 0);
  fixture_finish (&fixture);
}

static gboolean
model_and_case_read (Fixture *fixture)
{
  return bud_sony_session_get_model_name (fixture->session) != NULL &&
         bud_sony_session_get_case_level (fixture->session) != BUD_BATTERY_UNKNOWN;
}

static void
test_session_bad_firmware (void)
{
  const char *bad[] = { "2.3.1; rm -rf", "", "2.3.1\n", "\xc3\xa9" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      FakeEarbudOptions options = default_options (2);
      Fixture fixture = { 0 };
      const GError *problem;

      options.firmware = bad[i];
      fixture_start (&fixture, &options);
      run_until (&fixture, model_and_case_read);

      g_assert_null (bud_sony_session_get_firmware_version (fixture.session));
      g_assert_cmpuint (fixture.problems->len, ==, 1);
      problem = g_ptr_array_index (fixture.problems, 0);
      g_assert_error (problem, BUD_SONY_ERROR, BUD_SONY_ERROR_PROTOCOL);
      g_assert_cmpuint (fixture.n_closed, ==, 0);
      fixture_finish (&fixture);
    }
}

static void
test_session_firmware_length_mismatch (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };
  /* The length byte says 7, but only 5 characters follow. */
  const guint8 reply[] = { 0x05, 0x02, 0x07, '2', '.', '3', '.', '1' };

  fixture_start (&fixture, &options);
  run_until (&fixture, everything_read);
  g_assert_cmpstr (bud_sony_session_get_firmware_version (fixture.session), ==, "2.3.1");

  fake_earbud_send_payload (fixture.fake, reply, sizeof reply);
  run_until (&fixture, has_problem);
  g_assert_cmpstr (bud_sony_session_get_firmware_version (fixture.session), ==, "2.3.1");
  fixture_finish (&fixture);
}

static void
test_session_peer_closes (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };

  options.reply_delay_ms = 30;
  fixture_start (&fixture, &options);
  run_until (&fixture, is_ready);

  /* Gone in the middle of the battery queries. */
  fake_earbud_hang_up (fixture.fake);
  run_until (&fixture, is_closed);
  g_assert_error (fixture.closed_error, BUD_SONY_ERROR, BUD_SONY_ERROR_CLOSED);
  g_assert_true (bud_sony_session_get_closed (fixture.session));

  /* Nothing more happens, and asking is harmless. */
  bud_sony_session_refresh (fixture.session);
  bud_sony_session_close (fixture.session);
  run_for (100);
  g_assert_cmpuint (fixture.n_closed, ==, 1);
  fixture_finish (&fixture);
}

static void
test_session_dispose_while_busy (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };

  /* Dropping a session with a request and a timer pending hangs up quietly. */
  options.reply_delay_ms = 30;
  fixture_start (&fixture, &options);
  run_until (&fixture, is_ready);
  g_object_unref (fixture.stream);
  fixture.stream = NULL;
  g_assert_finalize_object (fixture.session);
  fixture.session = NULL;
  run_until (&fixture, host_hung_up);
  g_assert_cmpuint (fixture.n_closed, ==, 0);
  fake_earbud_free (fixture.fake);
  g_ptr_array_unref (fixture.problems);
}

static void
assert_sane (BudSonySession *session)
{
  int levels[] = {
    bud_sony_session_get_left_level (session),
    bud_sony_session_get_right_level (session),
    bud_sony_session_get_case_level (session),
  };
  BudChargeStatus statuses[] = {
    bud_sony_session_get_left_status (session),
    bud_sony_session_get_right_status (session),
    bud_sony_session_get_case_status (session),
  };
  const char *firmware = bud_sony_session_get_firmware_version (session);

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_assert_true (levels[i] == BUD_BATTERY_UNKNOWN || (levels[i] >= 1 && levels[i] <= 100));
      g_assert_cmpint (statuses[i], >=, BUD_CHARGE_STATUS_UNKNOWN);
      g_assert_cmpint (statuses[i], <=, BUD_CHARGE_STATUS_CHARGED);
    }
  g_assert_nonnull (firmware);
  g_assert_cmpuint (strspn (firmware, "0123456789abcdefghijklmnopqrstuvwxyz"
                                      "ABCDEFGHIJKLMNOPQRSTUVWXYZ._-"), ==, strlen (firmware));
}

static void
test_session_hostile_payloads (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };
  const guint8 opcodes[] = { 0x01, 0x05, 0x11, 0x13, 0x23, 0x25, 0x22, 0x00 };

  fixture_start (&fixture, &options);
  run_until (&fixture, everything_read);

  /* Well-framed payloads with random contents, mostly with known opcodes. */
  for (guint i = 0; i < 2000; i++)
    {
      guint8 payload[12];
      gsize len = g_test_rand_int_range (0, sizeof payload + 1);

      for (gsize j = 0; j < len; j++)
        {
          payload[j] = g_test_rand_int_range (0, 256);
        }
      if (len > 0 && g_test_rand_bit ())
        {
          payload[0] = opcodes[g_test_rand_int_range (0, G_N_ELEMENTS (opcodes))];
        }
      if (len > 1 && g_test_rand_bit ())
        {
          payload[1] = g_test_rand_int_range (0, 11);
        }
      fake_earbud_send_payload (fixture.fake, payload, len);
      if (i % 50 == 0)
        {
          while (g_main_context_iteration (NULL, FALSE))
            {
            }
          assert_sane (fixture.session);
        }
    }
  fixture.want_acks = 2005;
  run_until (&fixture, acks_arrived);
  assert_sane (fixture.session);
  g_assert_cmpuint (fixture.n_closed, ==, 0);
  g_assert_cmpuint (fake_earbud_get_bad_acks (fixture.fake), ==, 0);
  fixture_finish (&fixture);
}

static void
test_session_peer_not_reading (void)
{
  FakeEarbudOptions options = default_options (2);
  Fixture fixture = { 0 };

  fixture_start (&fixture, &options);
  run_until (&fixture, everything_read);

  /* The device floods notifications and never reads our ACKs: once the
   * socket and our bounded buffer are full, the session gives up. */
  fake_earbud_stop_reading (fixture.fake);
  for (guint i = 0; i < 200000 && fixture.n_closed == 0; i++)
    {
      fake_earbud_notify_battery (fixture.fake);
      if (i % 100 == 0)
        {
          while (g_main_context_iteration (NULL, FALSE))
            {
            }
        }
    }
  g_assert_cmpuint (fixture.n_closed, ==, 1);
  g_assert_error (fixture.closed_error, BUD_SONY_ERROR, BUD_SONY_ERROR_CLOSED);
  g_assert_nonnull (strstr (fixture.closed_error->message, "stopped reading"));
  fixture_finish (&fixture);
}

static void
drop_session_cb (BudSonySession  *session,
                 GError          *error,
                 BudSonySession **slot)
{
  /* The owner lets go of the session from inside its own signal. */
  g_assert_true (*slot == session);
  g_clear_object (slot);
}

static gboolean
slot_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
run_until_cleared (BudSonySession **slot)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (5, deadline_cb, &expired);

  while (!slot_cleared (slot) && !expired)
    {
      g_main_context_iteration (NULL, TRUE);
    }
  if (!expired)
    {
      g_source_remove (id);
    }
  g_assert_false (expired);
}

static void
test_session_unref_in_handlers (void)
{
  const char *signal_names[] = { "problem", "closed", "closed" };

  for (guint i = 0; i < G_N_ELEMENTS (signal_names); i++)
    {
      FakeEarbudOptions options = default_options (2);
      g_autoptr (GIOStream) stream = NULL;
      g_autoptr (FakeEarbud) fake = NULL;
      BudSonySession *session;
      gpointer weak;

      /* A request timeout, an init timeout, and a device hanging up. */
      options.skip_case = i == 0;
      options.silent = i == 1;
      fake = fake_earbud_new (&options, &stream);
      session = bud_sony_session_new_full (stream, NULL, RETRY_MS, TIMEOUT_MS);
      weak = session;
      g_object_add_weak_pointer (G_OBJECT (session), &weak);
      g_signal_connect (session, signal_names[i], G_CALLBACK (drop_session_cb), &session);
      bud_sony_session_start (session);
      if (i == 2)
        {
          fake_earbud_hang_up (fake);
        }
      run_until_cleared (&session);
      g_assert_null (weak);
      run_for (TIMEOUT_MS);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sony/session/v2", test_session_v2);
  g_test_add_func ("/sony/session/notifications", test_session_notifications);
  g_test_add_func ("/sony/session/notify-changes-only", test_session_notify_changes_only);
  g_test_add_func ("/sony/session/v1", test_session_v1);
  g_test_add_func ("/sony/session/no-battery-before-init", test_session_no_battery_before_init);
  g_test_add_func ("/sony/session/slow-v1-init", test_session_slow_v1_init);
  g_test_add_func ("/sony/session/unknown-version", test_session_unknown_version);
  g_test_add_func ("/sony/session/init-retry", test_session_init_retry);
  g_test_add_func ("/sony/session/slow-replies", test_session_slow_replies);
  g_test_add_func ("/sony/session/one-in-flight", test_session_one_in_flight);
  g_test_add_func ("/sony/session/request-timeout", test_session_request_timeout);
  g_test_add_func ("/sony/session/garbage", test_session_garbage);
  g_test_add_func ("/sony/session/bad-firmware", test_session_bad_firmware);
  g_test_add_func ("/sony/session/firmware-length-mismatch",
                   test_session_firmware_length_mismatch);
  g_test_add_func ("/sony/session/peer-closes", test_session_peer_closes);
  g_test_add_func ("/sony/session/dispose-while-busy", test_session_dispose_while_busy);
  g_test_add_func ("/sony/session/hostile-payloads", test_session_hostile_payloads);
  g_test_add_func ("/sony/session/peer-not-reading", test_session_peer_not_reading);
  g_test_add_func ("/sony/session/unref-in-handlers", test_session_unref_in_handlers);

  return g_test_run ();
}
