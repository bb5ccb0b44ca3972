/* bud-sony-link.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "bud-sony-frame.h"
#include "bud-sony-link.h"
#include "bud-sony-profile.h"

/* After ::ready a session asks for the buds' batteries, the case's, the
 * firmware and the model (see bud-sony-session.h). */
#define N_FIRST_REQUESTS 4
#define N_BATTERY_REQUESTS 2

typedef enum {
  PROFILE_V2,
  PROFILE_V1,
  N_PROFILES
} ProfileIndex;

typedef enum {
  STATE_NONE,
  STATE_REGISTERING,
  STATE_REGISTERED,
  STATE_FAILED,
} ProfileState;

typedef struct {
  BudSonyProfile *profile;
  ProfileState state;
} ProfileSlot;

/* What the link knows about one device. */
typedef struct {
  BudSonyLink *self;
  BudDevice *device;
  GCancellable *connect_cancellable;
  BudSonySession *session;
  gboolean tried;      /* ConnectProfile was called during this connection */
  gboolean pending;    /* readings are on their way */
  guint n_battery_updates;  /* in this session */
  guint n_failed;           /* requests of this session that timed out or got a bad answer */
} Link;

struct _BudSonyLink
{
  GObject parent_instance;

  BudBluezClient *client;
  GCancellable *cancellable;
  ProfileSlot profiles[N_PROFILES];
  guint retry_interval_ms;
  guint request_timeout_ms;

  GPtrArray *mirror;     /* the client's devices model as we last saw it */
  GHashTable *links;     /* BudDevice -> Link */
  guint n_pending;
  gboolean disposing;
};

G_DEFINE_FINAL_TYPE (BudSonyLink, bud_sony_link, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sync_link (BudSonyLink *self,
                       Link        *link);
static void stop_link (Link        *link);

static void
set_pending (Link     *link,
             gboolean  pending)
{
  BudSonyLink *self = link->self;

  if (link->pending == !!pending)
    {
      return;
    }

  link->pending = !!pending;
  if (pending)
    {
      self->n_pending++;
    }
  else
    {
      self->n_pending--;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

static void
sync_all (BudSonyLink *self)
{
  g_autoptr (GList) links = g_hash_table_get_values (self->links);

  for (GList *l = links; l != NULL; l = l->next)
    {
      sync_link (self, l->data);
    }
}

/* Session → device */

/* Each of the first requests ends in an answer, a bad answer or a timeout
 * (both of those are a ::problem), one at a time. A device that never answers
 * some of them must not keep a command-line tool waiting for them. An
 * unasked battery notification may count as an answer: the cap bounds that. */
static gboolean
first_requests_done (Link *link)
{
  BudSonySession *session = link->session;
  guint n_done;

  if (session == NULL || !bud_sony_session_get_ready (session))
    {
      return FALSE;
    }

  n_done = MIN (link->n_battery_updates, N_BATTERY_REQUESTS) + link->n_failed
           + (bud_sony_session_get_firmware_version (session) != NULL)
           + (bud_sony_session_get_model_name (session) != NULL);

  return n_done >= N_FIRST_REQUESTS;
}

static void
mirror_session (Link *link)
{
  BudSonySession *session = link->session;
  BudDevice *device = link->device;
  const char *firmware = bud_sony_session_get_firmware_version (session);

  /* Frozen, so that each history record sees a level with its status. */
  g_object_freeze_notify (G_OBJECT (device));
  bud_device_set_left_level (device, bud_sony_session_get_left_level (session));
  bud_device_set_left_status (device, bud_sony_session_get_left_status (session));
  bud_device_set_right_level (device, bud_sony_session_get_right_level (session));
  bud_device_set_right_status (device, bud_sony_session_get_right_status (session));
  /* A case seen in an earlier session stays known until a new reading. */
  if (bud_sony_session_get_case_updated (session) != 0)
    {
      bud_device_set_case_level (device, bud_sony_session_get_case_level (session));
      bud_device_set_case_status (device, bud_sony_session_get_case_status (session));
      bud_device_set_case_updated (device, bud_sony_session_get_case_updated (session));
    }
  if (firmware != NULL)
    {
      bud_device_set_firmware_version (device, firmware);
    }
  g_object_thaw_notify (G_OBJECT (device));

  if (first_requests_done (link))
    {
      set_pending (link, FALSE);
    }
}

static void
session_notify_cb (BudSonySession *session,
                   GParamSpec     *pspec,
                   Link           *link)
{
  mirror_session (link);
}

static void
session_battery_updated_cb (BudSonySession *session,
                            Link           *link)
{
  link->n_battery_updates++;
  if (first_requests_done (link))
    {
      set_pending (link, FALSE);
    }
}

static void
session_problem_cb (BudSonySession *session,
                    GError         *error,
                    Link           *link)
{
  /* A damaged frame is no answer to anything; these two end a request. */
  if (g_error_matches (error, BUD_SONY_ERROR, BUD_SONY_ERROR_TIMEOUT)
      || g_error_matches (error, BUD_SONY_ERROR, BUD_SONY_ERROR_PROTOCOL))
    {
      link->n_failed++;
    }
  if (first_requests_done (link))
    {
      set_pending (link, FALSE);
    }
}

static void
clear_live_state (BudDevice *device)
{
  g_object_freeze_notify (G_OBJECT (device));
  bud_device_set_left_level (device, BUD_BATTERY_UNKNOWN);
  bud_device_set_left_status (device, BUD_CHARGE_STATUS_UNKNOWN);
  bud_device_set_right_level (device, BUD_BATTERY_UNKNOWN);
  bud_device_set_right_status (device, BUD_CHARGE_STATUS_UNKNOWN);
  bud_device_set_case_status (device, BUD_CHARGE_STATUS_UNKNOWN);
  g_object_thaw_notify (G_OBJECT (device));
}

/* Returns the session, which the caller may close. */
static BudSonySession *
detach_session (Link *link)
{
  BudSonySession *session = g_steal_pointer (&link->session);

  if (session != NULL)
    {
      g_signal_handlers_disconnect_by_data (session, link);
      /* The app quitting is no news about the device. */
      if (!link->self->disposing)
        {
          clear_live_state (link->device);
        }
    }

  return session;
}

static void
attach_session (Link           *link,
                BudSonySession *session)
{
  g_autoptr (BudSonySession) old = detach_session (link);

  link->session = g_object_ref (session);
  link->tried = TRUE;
  link->n_battery_updates = 0;
  link->n_failed = 0;
  set_pending (link, TRUE);
  g_signal_connect (session, "notify", G_CALLBACK (session_notify_cb), link);
  g_signal_connect (session, "battery-updated", G_CALLBACK (session_battery_updated_cb), link);
  g_signal_connect (session, "problem", G_CALLBACK (session_problem_cb), link);
  mirror_session (link);
}

/* Links */

static void
link_free (gpointer data)
{
  Link *link = data;

  stop_link (link);
  g_signal_handlers_disconnect_by_data (link->device, link);
  g_object_unref (link->device);
  g_free (link);
}

static void
device_changed_cb (BudDevice  *device,
                   GParamSpec *pspec,
                   Link       *link)
{
  sync_link (link->self, link);
}

static Link *
ensure_link (BudSonyLink *self,
             BudDevice   *device)
{
  Link *link = g_hash_table_lookup (self->links, device);

  if (link != NULL)
    {
      return link;
    }

  link = g_new0 (Link, 1);
  link->self = self;
  link->device = g_object_ref (device);
  g_hash_table_insert (self->links, device, link);
  g_signal_connect (device, "notify::connected", G_CALLBACK (device_changed_cb), link);
  g_signal_connect (device, "notify::available", G_CALLBACK (device_changed_cb), link);
  g_signal_connect (device, "notify::uuids", G_CALLBACK (device_changed_cb), link);

  return link;
}

/* Stops connecting, and ends the session: the device went away. */
static void
stop_link (Link *link)
{
  g_autoptr (BudSonySession) session = NULL;

  g_cancellable_cancel (link->connect_cancellable);
  g_clear_object (&link->connect_cancellable);
  link->tried = FALSE;
  set_pending (link, FALSE);
  session = detach_session (link);
  if (session != NULL)
    {
      bud_sony_session_close (session);
    }
}

/* "/org/bluez/hci0/dev_AA_BB_CC_DD_EE_FF" -> "AA:BB:CC:DD:EE:FF" */
static char *
address_from_path (const char *path)
{
  const char *base = strrchr (path, '/');
  char *address;

  if (base == NULL || !g_str_has_prefix (base, "/dev_"))
    {
      return NULL;
    }

  address = g_strdup (base + strlen ("/dev_"));
  g_strdelimit (address, "_", ':');

  return address;
}

static void
connect_profile_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Link *link = user_data;
  g_autoptr (GError) error = NULL;

  /* Cancelled means the link may be gone: don't touch it. */
  if (!bud_sony_connect_profile_finish (result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }

  g_clear_object (&link->connect_cancellable);
  if (error != NULL)
    {
      g_debug ("Could not connect the Sony link to %s: %s",
               bud_device_get_address (link->device), error->message);
    }

  /* BlueZ hands over the connection before it answers; none came. */
  if (link->session == NULL)
    {
      set_pending (link, FALSE);
    }
}

static void
connect_profile (BudSonyLink *self,
                 Link        *link,
                 const char  *uuid)
{
  const char *path = bud_device_get_object_path (link->device);

  if (path == NULL || !g_variant_is_object_path (path))
    {
      set_pending (link, FALSE);
      return;
    }

  link->tried = TRUE;
  link->connect_cancellable = g_cancellable_new ();
  bud_sony_connect_profile_async (bud_bluez_client_get_connection (self->client), path, uuid,
                                  link->connect_cancellable, connect_profile_cb, link);
}

/* Profiles */

static void
register_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  BudSonyProfile *profile = BUD_SONY_PROFILE (source);
  BudSonyLink *self;
  g_autoptr (GError) error = NULL;
  gboolean registered;

  registered = bud_sony_profile_register_finish (profile, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }

  self = user_data;
  for (guint i = 0; i < N_PROFILES; i++)
    {
      if (self->profiles[i].profile == profile)
        {
          self->profiles[i].state = registered ? STATE_REGISTERED : STATE_FAILED;
        }
    }
  if (error != NULL)
    {
      g_debug ("%s", error->message);
    }

  sync_all (self);
}

/* The device BlueZ has at @path: by its object path, else by the address in it. */
static BudDevice *
find_device (BudSonyLink *self,
             const char  *path)
{
  g_autofree char *address = NULL;
  GHashTableIter iter;
  gpointer device;

  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, &device, NULL))
    {
      if (g_strcmp0 (bud_device_get_object_path (device), path) == 0)
        {
          return device;
        }
    }

  address = address_from_path (path);

  return address != NULL ? bud_bluez_client_lookup_device (self->client, address) : NULL;
}

static void
session_started_cb (BudSonyProfile *profile,
                    const char     *path,
                    BudSonySession *session,
                    BudSonyLink    *self)
{
  BudDevice *device = find_device (self, path);

  if (device == NULL)
    {
      g_debug ("The Sony link to %s belongs to no known device", path);
      return;
    }

  attach_session (ensure_link (self, device), session);
}

static void
session_ended_cb (BudSonyProfile *profile,
                  const char     *path,
                  BudSonyLink    *self)
{
  BudDevice *device = find_device (self, path);
  Link *link = NULL;

  if (device != NULL)
    {
      link = g_hash_table_lookup (self->links, device);
    }
  if (link != NULL)
    {
      g_autoptr (BudSonySession) session = detach_session (link);

      set_pending (link, FALSE);
    }
}

/* BlueZ let go of the profile (Release, or bluetoothd went away). */
static void
registered_cb (BudSonyProfile *profile,
               GParamSpec     *pspec,
               BudSonyLink    *self)
{
  for (guint i = 0; i < N_PROFILES; i++)
    {
      if (self->profiles[i].profile == profile && !bud_sony_profile_get_registered (profile)
          && self->profiles[i].state == STATE_REGISTERED)
        {
          self->profiles[i].state = STATE_NONE;
        }
    }
}

static void
register_profile (BudSonyLink *self,
                  ProfileSlot *slot)
{
  slot->state = STATE_REGISTERING;
  bud_sony_profile_register_async (slot->profile, self->cancellable, register_cb, self);
}

static ProfileSlot *
ensure_profile (BudSonyLink *self,
                const char  *uuid)
{
  ProfileSlot *slot = &self->profiles[g_str_equal (uuid, BUD_SONY_UUID_V2)
                                      ? PROFILE_V2 : PROFILE_V1];

  if (slot->profile == NULL)
    {
      slot->profile = bud_sony_profile_new (bud_bluez_client_get_connection (self->client),
                                            uuid);
      bud_sony_profile_set_session_timing (slot->profile, self->retry_interval_ms,
                                           self->request_timeout_ms);
      g_signal_connect (slot->profile, "session-started",
                        G_CALLBACK (session_started_cb), self);
      g_signal_connect (slot->profile, "session-ended", G_CALLBACK (session_ended_cb), self);
      g_signal_connect (slot->profile, "notify::registered", G_CALLBACK (registered_cb), self);
    }
  if (slot->state == STATE_NONE)
    {
      register_profile (self, slot);
    }

  return slot;
}

static const char *
sony_uuid (BudDevice *device)
{
  if (bud_device_has_uuid (device, BUD_SONY_UUID_V2) ||
      bud_device_has_uuid (device, BUD_SONY_UUID_V1))
    {
      return bud_sony_choose_uuid (bud_device_get_uuids (device));
    }

  return NULL;
}

static void
sync_link (BudSonyLink *self,
           Link        *link)
{
  const char *uuid = sony_uuid (link->device);
  ProfileSlot *slot;

  if (uuid == NULL || !bud_device_get_available (link->device)
      || !bud_device_get_connected (link->device))
    {
      stop_link (link);
      return;
    }
  /* Once per connection: a link that ended stays down until the device reconnects. */
  if (link->session != NULL || link->tried)
    {
      return;
    }

  slot = ensure_profile (self, uuid);
  set_pending (link, slot->state != STATE_FAILED);
  if (slot->state == STATE_REGISTERED)
    {
      connect_profile (self, link, uuid);
    }
}

/* Following the client */

static void
items_changed_cb (GListModel  *model,
                  guint        position,
                  guint        removed,
                  guint        added,
                  BudSonyLink *self)
{
  for (guint i = 0; i < removed; i++)
    {
      g_hash_table_remove (self->links, g_ptr_array_index (self->mirror, position + i));
    }
  g_ptr_array_remove_range (self->mirror, position, removed);

  for (guint i = 0; i < added; i++)
    {
      BudDevice *device = g_list_model_get_item (model, position + i);

      g_ptr_array_insert (self->mirror, position + i, device);
      sync_link (self, ensure_link (self, device));
    }
}

/* A restarted bluetoothd has forgotten our profiles and connections. */
static void
available_cb (BudBluezClient *client,
              GParamSpec     *pspec,
              BudSonyLink    *self)
{
  if (!bud_bluez_client_get_available (client))
    {
      return;
    }

  for (guint i = 0; i < N_PROFILES; i++)
    {
      if (self->profiles[i].state == STATE_FAILED)
        {
          self->profiles[i].state = STATE_NONE;
        }
    }
  sync_all (self);
}

/* Public API */

BudSonyLink *
bud_sony_link_new (BudBluezClient *client)
{
  g_return_val_if_fail (BUD_IS_BLUEZ_CLIENT (client), NULL);

  return g_object_new (BUD_TYPE_SONY_LINK, "client", client, NULL);
}

BudBluezClient *
bud_sony_link_get_client (BudSonyLink *self)
{
  g_return_val_if_fail (BUD_IS_SONY_LINK (self), NULL);

  return self->client;
}

guint
bud_sony_link_get_n_pending (BudSonyLink *self)
{
  g_return_val_if_fail (BUD_IS_SONY_LINK (self), 0);

  return self->n_pending;
}

void
bud_sony_link_set_session_timing (BudSonyLink *self,
                                  guint        retry_interval_ms,
                                  guint        request_timeout_ms)
{
  g_return_if_fail (BUD_IS_SONY_LINK (self));

  self->retry_interval_ms = retry_interval_ms;
  self->request_timeout_ms = request_timeout_ms;
  for (guint i = 0; i < N_PROFILES; i++)
    {
      if (self->profiles[i].profile != NULL)
        {
          bud_sony_profile_set_session_timing (self->profiles[i].profile,
                                               retry_interval_ms, request_timeout_ms);
        }
    }
}

/* GObject */

static void
bud_sony_link_constructed (GObject *object)
{
  BudSonyLink *self = BUD_SONY_LINK (object);
  GListModel *model = bud_bluez_client_get_devices (self->client);

  G_OBJECT_CLASS (bud_sony_link_parent_class)->constructed (object);

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect (self->client, "notify::available", G_CALLBACK (available_cb), self);
  items_changed_cb (model, 0, 0, g_list_model_get_n_items (model), self);
}

static void
bud_sony_link_dispose (GObject *object)
{
  BudSonyLink *self = BUD_SONY_LINK (object);

  self->disposing = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->client != NULL)
    {
      g_signal_handlers_disconnect_by_data (bud_bluez_client_get_devices (self->client), self);
      g_signal_handlers_disconnect_by_data (self->client, self);
    }
  for (guint i = 0; i < N_PROFILES; i++)
    {
      if (self->profiles[i].profile != NULL)
        {
          g_signal_handlers_disconnect_by_data (self->profiles[i].profile, self);
        }
      g_clear_object (&self->profiles[i].profile);
    }
  if (self->links != NULL)
    {
      g_hash_table_remove_all (self->links);
    }
  if (self->mirror != NULL)
    {
      g_ptr_array_set_size (self->mirror, 0);
    }
  g_clear_object (&self->client);

  G_OBJECT_CLASS (bud_sony_link_parent_class)->dispose (object);
}

static void
bud_sony_link_finalize (GObject *object)
{
  BudSonyLink *self = BUD_SONY_LINK (object);

  g_clear_pointer (&self->links, g_hash_table_unref);
  g_clear_pointer (&self->mirror, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (bud_sony_link_parent_class)->finalize (object);
}

static void
bud_sony_link_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BudSonyLink *self = BUD_SONY_LINK (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_N_PENDING:
      g_value_set_uint (value, self->n_pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_sony_link_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BudSonyLink *self = BUD_SONY_LINK (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_sony_link_class_init (BudSonyLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bud_sony_link_constructed;
  object_class->dispose = bud_sony_link_dispose;
  object_class->finalize = bud_sony_link_finalize;
  object_class->get_property = bud_sony_link_get_property;
  object_class->set_property = bud_sony_link_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, BUD_TYPE_BLUEZ_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bud_sony_link_init (BudSonyLink *self)
{
  self->cancellable = g_cancellable_new ();
  self->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  self->links = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, link_free);
}
