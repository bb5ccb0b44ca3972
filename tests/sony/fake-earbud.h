/* fake-earbud.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A pretend Sony earbud on one end of a socketpair, driven by the test's main
 * context. It speaks the vendor link (v2 like a WF-1000XM4, or v1) and records
 * everything the host sends, so tests can check what went over the wire. */

typedef struct {
  guint protocol_version;      /* 1 or 2 */
  guint init_reply_length;     /* 0: 4 for v1, 8 for v2 */
  gboolean ignore_first_init;  /* no ACK, no reply to the first init */
  gboolean silent;             /* never ACK or answer anything */
  gboolean skip_case;          /* do not answer case battery requests */
  gboolean garbage;            /* send junk and a damaged frame before each reply */
  guint reply_delay_ms;        /* answer this late */
  const char *firmware;        /* NULL: "2.3.1" */
  const char *model;           /* NULL: "WF-1000XM4" */
  guint8 left, left_status;
  guint8 right, right_status;
  guint8 case_level, case_status;
} FakeEarbudOptions;

typedef struct {
  guint8 type;
  guint8 seq;
  guint8 op;    /* payload bytes 0 and 1, or 0xFF when absent */
  guint8 sub;
} FakeEarbudFrame;

typedef struct _FakeEarbud FakeEarbud;

/* Returns the host's end of the link in @host_stream. */
FakeEarbud *fake_earbud_new              (const FakeEarbudOptions *options,
                                          GIOStream              **host_stream);
/* The same, but hands the host's end over as a file descriptor it must close. */
FakeEarbud *fake_earbud_new_for_fd       (const FakeEarbudOptions *options,
                                          int                     *host_fd);
/* Speaks on @fd, a connected stream socket it takes over (fake-earbud-tool's). */
FakeEarbud *fake_earbud_new_on_fd        (const FakeEarbudOptions *options,
                                          int                      fd);
void        fake_earbud_free             (FakeEarbud   *self);

/* Every data frame the host sent, in order (ACKs are counted separately). */
GArray     *fake_earbud_get_requests     (FakeEarbud   *self);
guint       fake_earbud_count_opcode     (FakeEarbud   *self,
                                          guint8        op);
guint       fake_earbud_get_n_acks       (FakeEarbud   *self);
/* ACKs whose seq was not 1 - the seq of our data frame. */
guint       fake_earbud_get_bad_acks     (FakeEarbud   *self);
/* Battery requests (0x22) received before the v2 init reply had been sent. */
guint       fake_earbud_get_early_battery_requests (FakeEarbud *self);
/* Most requests waiting for an answer at the same time. */
guint       fake_earbud_get_max_outstanding (FakeEarbud *self);
/* A v1 device received 0x22 (power-off) and hung up. */
gboolean    fake_earbud_get_powered_off  (FakeEarbud   *self);
/* The host closed its end. */
gboolean    fake_earbud_get_saw_eof      (FakeEarbud   *self);

void        fake_earbud_set_battery      (FakeEarbud   *self,
                                          guint8        left,
                                          guint8        left_status,
                                          guint8        right,
                                          guint8        right_status);
void        fake_earbud_set_case         (FakeEarbud   *self,
                                          guint8        level,
                                          guint8        status);
/* Unsolicited notifications with the current values (0x25 on v2, 0x13 on v1). */
void        fake_earbud_notify_battery   (FakeEarbud   *self);
void        fake_earbud_notify_case      (FakeEarbud   *self);
/* Sends a data frame with any payload. */
void        fake_earbud_send_payload     (FakeEarbud   *self,
                                          const guint8 *payload,
                                          gsize         length);
void        fake_earbud_send_raw         (FakeEarbud   *self,
                                          const guint8 *data,
                                          gsize         length);
void        fake_earbud_hang_up          (FakeEarbud   *self);
/* Leaves everything the host sends unread in the socket. */
void        fake_earbud_stop_reading     (FakeEarbud   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeEarbud, fake_earbud_free)

G_END_DECLS
