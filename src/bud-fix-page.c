/* bud-fix-page.c
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "bud-application.h"
#include "bud-firmware-view.h"
#include "bud-fix-page.h"
#include "bud-guide.h"
#include "bud-measure-check.h"
#include "bud-measurement.h"
#include "bud-reset-check.h"
#include "bud-start-view.h"
#include "bud-step-view.h"
#include "bud-summary-view.h"
#include "bud-support-report.h"
#include "bud-timer-check.h"

/* "Fix it": choose the earbuds, then one page per fix, then a summary. The
 * person's progress is saved after every answer and every new reading, so
 * closing the app, or a crash, loses nothing. */
struct _BudFixPage
{
  AdwBin parent_instance;

  /* Cancelled in dispose: saves and report writes, which must not be cut
   * short by choosing other earbuds. Callbacks check it to know the page is gone. */
  GCancellable *cancellable;
  /* Cancelled whenever other earbuds are chosen: the loads for the old choice. */
  GCancellable *load_cancellable;
  GFile *progress_dir;
  GtkFileChooserNative *save_dialog;
  BudBluezClient *client;
  BudFirmwareCatalog *catalog;

  BudDevice *device;
  char *model_id;
  BudGuide *guide;
  BudGuideProgress *progress;
  guint position;
  guint pending;
  char *resume_model_id;
  char *resume_address;
  gboolean saving;
  gboolean save_again;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkSpinner *spinner;
  BudStartView *start_view;
  GtkStack *step_stack;
  BudStepView *step_view;     /* the visible step, owned by step_stack */
  BudSummaryView *summary_view;
};

G_DEFINE_FINAL_TYPE (BudFixPage, bud_fix_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_step (BudFixPage *self,
                       guint       position);

static void
toast (BudFixPage *self,
       const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
show_page (BudFixPage *self,
           const char *name)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fix.back", !g_str_equal (name, "start"));
}

/* Saves one at a time, so an older state can never land after a newer one. */
static void save_progress (BudFixPage *self);

static void
progress_saved_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (BudFixPage) self = user_data;
  g_autoptr (GError) error = NULL;

  self->saving = FALSE;
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      return;
    }
  if (!bud_guide_progress_save_finish (BUD_GUIDE_PROGRESS (source), result, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the technical reason */
      message = g_strdup_printf (_("Your progress could not be saved: %s"), error->message);
      toast (self, message);
    }

  if (self->save_again)
    {
      self->save_again = FALSE;
      save_progress (self);
    }
}

static void
save_progress (BudFixPage *self)
{
  if (self->progress == NULL)
    {
      return;
    }
  if (self->saving)
    {
      self->save_again = TRUE;
      return;
    }

  self->saving = TRUE;
  bud_guide_progress_save_async (self->progress, self->progress_dir, self->cancellable,
                                 progress_saved_cb, g_object_ref (self));
}

static GtkWidget *
kind_check (BudFixPage   *self,
            BudGuideStep *step)
{
  BudApplication *app = BUD_APPLICATION (g_application_get_default ());
  GtkWidget *view;

  switch (bud_guide_step_get_check_kind (step))
    {
    case BUD_GUIDE_CHECK_TIMED_WAIT:
      return bud_timer_check_new (bud_application_get_timer (app),
                                  bud_guide_step_get_id (step),
                                  bud_guide_step_get_title (step),
                                  bud_guide_step_get_check_minutes (step));
    case BUD_GUIDE_CHECK_RESET:
      return bud_reset_check_new (step);
    case BUD_GUIDE_CHECK_FIRMWARE:
      view = bud_firmware_view_new ();
      bud_firmware_view_set_catalog (BUD_FIRMWARE_VIEW (view), self->catalog);
      bud_firmware_view_set_model (BUD_FIRMWARE_VIEW (view), self->model_id, TRUE);
      bud_firmware_view_set_device (BUD_FIRMWARE_VIEW (view), self->device);
      return view;
    case BUD_GUIDE_CHECK_BEFORE_AFTER:
    case BUD_GUIDE_CHECK_NONE:
    default:
      return NULL;
    }
}

/* Every step that can change a battery level is measured, not only the
 * ones whose check is "before → after". */
static GtkWidget *
build_checks (BudFixPage   *self,
              BudGuideStep *step)
{
  BudGuideCheckKind kind = bud_guide_step_get_check_kind (step);
  gboolean measured = kind == BUD_GUIDE_CHECK_BEFORE_AFTER ||
                      kind == BUD_GUIDE_CHECK_TIMED_WAIT ||
                      kind == BUD_GUIDE_CHECK_RESET;
  GtkWidget *extra = kind_check (self, step);
  GtkWidget *box;

  if (!measured && extra == NULL)
    {
      return NULL;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  if (measured)
    {
      GtkWidget *measure = bud_measure_check_new (self->device, self->progress,
                                                  bud_guide_step_get_id (step),
                                                  bud_guide_step_get_check_minutes (step));

      g_signal_connect_swapped (measure, "measured", G_CALLBACK (save_progress), self);
      gtk_box_append (GTK_BOX (box), measure);
    }
  if (extra != NULL)
    {
      gtk_box_append (GTK_BOX (box), extra);
    }

  return box;
}

/* Drops the steps that slid out of view. */
static void
transition_done_cb (BudFixPage *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->step_stack));

  if (gtk_stack_get_transition_running (self->step_stack))
    {
      return;
    }

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (child != GTK_WIDGET (self->step_view))
        {
          gtk_stack_remove (self->step_stack, child);
        }
      child = next;
    }
}

/* Each step gets fresh widgets, so a screen reader meets a new page with its
 * own heading rather than the old one with changed text. */
static void
show_step (BudFixPage *self,
           guint       position)
{
  BudGuideStep *step = bud_guide_get_step (self->guide, position);
  guint n = bud_guide_get_n_steps (self->guide);
  BudStepView *view = g_object_new (BUD_TYPE_STEP_VIEW, NULL);
  gboolean forward = position >= self->position;

  self->position = position;
  bud_guide_progress_set_current_step (self->progress, bud_guide_step_get_id (step));
  bud_step_view_set_step (view, step, position, n);
  bud_step_view_set_check (view, build_checks (self, step));
  bud_step_view_set_final (view, g_str_equal (bud_guide_step_get_id (step), "contact-support"));

  gtk_stack_add_child (self->step_stack, GTK_WIDGET (view));
  gtk_stack_set_transition_type (self->step_stack,
                                 forward ? GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT
                                         : GTK_STACK_TRANSITION_TYPE_SLIDE_RIGHT);
  gtk_stack_set_visible_child (self->step_stack, GTK_WIDGET (view));
  self->step_view = view;
  transition_done_cb (self);

  show_page (self, "step");
  save_progress (self);
}

static void
clear_steps (BudFixPage *self)
{
  GtkWidget *child;

  self->step_view = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->step_stack))) != NULL)
    {
      gtk_stack_remove (self->step_stack, child);
    }
}

/* Back to choosing earbuds. A guide still loading for the old choice must not
 * open on top of the start page when it arrives. */
static void
show_start (BudFixPage *self)
{
  g_cancellable_cancel (self->load_cancellable);
  clear_steps (self);
  show_page (self, "start");
}

static void
show_summary (BudFixPage *self)
{
  bud_summary_view_show (self->summary_view, self->guide, self->progress);
  show_page (self, "summary");
}

static void
begin (BudFixPage *self)
{
  const GError *fallback = bud_guide_get_fallback_error (self->guide);
  const char *current = bud_guide_progress_get_current_step (self->progress);
  const char *discarded = bud_guide_progress_get_discarded (self->progress);
  guint position = 0;

  if (fallback != NULL && !g_error_matches (fallback, BUD_GUIDE_ERROR, BUD_GUIDE_ERROR_NOT_FOUND))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says what was wrong with the guide file */
      message = g_strdup_printf (_("%s The general guide is shown instead."), fallback->message);
      toast (self, message);
    }
  if (discarded != NULL)
    {
      toast (self, _("Your saved progress could not be read, so the guide starts afresh. "
                     "The old file was kept beside the new one."));
    }

  if (current != NULL && bud_guide_progress_get_fixed_by (self->progress) == NULL)
    {
      bud_guide_lookup_step (self->guide, current, &position);
    }
  if (bud_guide_progress_get_fixed_by (self->progress) != NULL)
    {
      show_summary (self);
      return;
    }
  show_step (self, position);
}

static void
load_failed (BudFixPage   *self,
             const GError *error)
{
  g_autofree char *message = NULL;

  /* Translators: %s says what went wrong */
  message = g_strdup_printf (_("The guide could not be opened: %s"), error->message);
  show_start (self);
  toast (self, message);
}

static void
guide_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (BudFixPage) self = user_data;
  g_autoptr (GError) error = NULL;
  BudGuide *guide = bud_guide_load_for_model_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }
  self->pending--;
  if (guide == NULL)
    {
      load_failed (self, error);
      return;
    }

  g_set_object (&self->guide, guide);
  g_object_unref (guide);
  if (self->pending == 0)
    {
      begin (self);
    }
}

static void
progress_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (BudFixPage) self = user_data;
  g_autoptr (GError) error = NULL;
  BudGuideProgress *progress = bud_guide_progress_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }
  self->pending--;
  if (progress == NULL)
    {
      load_failed (self, error);
      return;
    }

  g_set_object (&self->progress, progress);
  g_object_unref (progress);
  if (self->pending == 0 && self->guide != NULL)
    {
      begin (self);
    }
}

/* @address names the earbuds when they are away, so their progress still loads. */
static void
choose (BudFixPage *self,
        BudDevice  *device,
        const char *model_id,
        const char *address)
{
  g_autofree char *guides_path = g_build_filename (bud_application_get_data_dir (),
                                                   "guides", NULL);
  g_autoptr (GFile) guides_dir = g_file_new_for_path (guides_path);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  if (device != NULL)
    {
      address = bud_device_get_address (device);
    }
  if (address != NULL && *address == '\0')
    {
      address = NULL;
    }
  model_id = model_id != NULL ? model_id : BUD_GUIDE_GENERIC_MODEL;

  /* The progress in memory is never older than its file, which may still be
   * being written: for the same earbuds, keep it rather than read it back. */
  if (self->progress != NULL &&
      (g_strcmp0 (bud_guide_progress_get_model_id (self->progress), model_id) != 0 ||
       g_strcmp0 (bud_guide_progress_get_device_address (self->progress), address) != 0))
    {
      g_clear_object (&self->progress);
    }

  g_set_object (&self->device, device);
  g_free (self->model_id);
  self->model_id = g_strdup (model_id);
  g_clear_object (&self->guide);

  show_page (self, "loading");
  self->pending = self->progress != NULL ? 1 : 2;
  bud_guide_load_for_model_async (guides_dir, self->model_id, self->load_cancellable,
                                  guide_loaded_cb, g_object_ref (self));
  if (self->progress == NULL)
    {
      bud_guide_progress_load_async (self->progress_dir, self->model_id, address,
                                     self->load_cancellable, progress_loaded_cb,
                                     g_object_ref (self));
    }
}

static void
device_chosen_cb (BudFixPage *self,
                  BudDevice  *device)
{
  choose (self, device, bud_device_get_model_id (device), NULL);
}

static void
model_chosen_cb (BudFixPage *self,
                 const char *model_id)
{
  choose (self, NULL, model_id, NULL);
}

static void
answer (BudFixPage      *self,
        BudGuideOutcome  outcome)
{
  BudGuideStep *step = bud_guide_get_step (self->guide, self->position);

  /* The answer closes the measurement: the levels now are the "after". */
  if (self->device != NULL && outcome != BUD_GUIDE_OUTCOME_SKIPPED)
    {
      bud_measurement_record (self->progress, bud_guide_step_get_id (step), self->device);
    }
  bud_guide_progress_set_outcome (self->progress, bud_guide_step_get_id (step), outcome);
  if (outcome == BUD_GUIDE_OUTCOME_FIXED ||
      self->position + 1 >= bud_guide_get_n_steps (self->guide))
    {
      save_progress (self);
      show_summary (self);
      return;
    }

  show_step (self, self->position + 1);
}

static void
fixed_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  answer (BUD_FIX_PAGE (widget), BUD_GUIDE_OUTCOME_FIXED);
}

static void
not_fixed_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  answer (BUD_FIX_PAGE (widget), BUD_GUIDE_OUTCOME_NOT_FIXED);
}

static void
skip_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  answer (BUD_FIX_PAGE (widget), BUD_GUIDE_OUTCOME_SKIPPED);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BudFixPage *self = BUD_FIX_PAGE (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (page, "summary") && self->guide != NULL)
    {
      show_step (self, self->position);
    }
  else if (g_str_equal (page, "step") && self->position > 0)
    {
      show_step (self, self->position - 1);
    }
  else
    {
      show_start (self);
    }
}

static void
summary_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  show_summary (BUD_FIX_PAGE (widget));
}

static void
restart_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BudFixPage *self = BUD_FIX_PAGE (widget);

  if (self->progress != NULL)
    {
      bud_guide_progress_clear (self->progress);
      save_progress (self);
    }
  bud_start_view_set_resume (self->start_view, NULL, NULL);
  show_start (self);
}

static void
resume_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BudFixPage *self = BUD_FIX_PAGE (widget);
  g_autofree char *model_id = g_strdup (self->resume_model_id);
  g_autofree char *address = g_strdup (self->resume_address);
  BudDevice *device = NULL;

  if (model_id == NULL)
    {
      return;
    }
  if (self->client != NULL && address != NULL)
    {
      device = bud_bluez_client_lookup_device (self->client, address);
    }

  /* The earbuds may be away; the guide and its progress don't need them. */
  choose (self, device, model_id, address);
}

static char *
build_report (BudFixPage *self,
              gboolean    as_json)
{
  return bud_support_report_build (self->progress, self->device, self->catalog, as_json);
}

static void
copy_report_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BudFixPage *self = BUD_FIX_PAGE (widget);
  g_autofree char *text = NULL;

  if (self->progress == NULL)
    {
      return;
    }

  text = build_report (self, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  toast (self, _("The report was copied. Paste it into your message to support."));
}

static void
report_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (BudFixPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (G_FILE (source));
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (g_cancellable_is_cancelled (self->cancellable))
        {
          return;
        }
      /* Translators: the first %s is a file name, the second the reason */
      message = g_strdup_printf (_("The report could not be saved to “%s”: %s"), name,
                                 error->message);
    }
  else if (g_cancellable_is_cancelled (self->cancellable))
    {
      return;
    }
  else
    {
      /* Translators: %s is a file name */
      message = g_strdup_printf (_("The report was saved to “%s”."), name);
    }
  toast (self, message);
}

static void
save_dialog_response_cb (BudFixPage           *self,
                         int                   response,
                         GtkFileChooserNative *dialog)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *text;

  if (response == GTK_RESPONSE_ACCEPT && self->progress != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      text = build_report (self, g_str_has_suffix (g_file_peek_path (file) != NULL
                                                   ? g_file_peek_path (file) : "", ".json"));
      bytes = g_bytes_new_take (text, strlen (text));
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                           G_FILE_CREATE_REPLACE_DESTINATION,
                                           self->cancellable, report_written_cb,
                                           g_object_ref (self));
    }
  g_clear_object (&self->save_dialog);
}

static void
save_report_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BudFixPage *self = BUD_FIX_PAGE (widget);
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->save_dialog != NULL)
    {
      return;
    }

  /* A portal-backed native dialog, so saving works inside the Flatpak sandbox. */
  dialog = gtk_file_chooser_native_new (_("Save Support Report"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* Translators: the suggested file name of the support report */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("earbud-doctor-report.txt"));
  /* The page owns the dialog and closes it in dispose, so the raw pointer is safe. */
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (save_dialog_response_cb), self);
  self->save_dialog = dialog;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
resume_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (BudFixPage) self = user_data;
  g_autoptr (GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, NULL);
  g_autoptr (BudGuideProgress) progress = NULL;
  g_autofree char *name = g_file_get_parse_name (G_FILE (source));
  BudFirmwareModel *model = NULL;
  const char *model_id;

  if (bytes != NULL)
    {
      progress = bud_guide_progress_new_from_bytes (bytes, name, NULL);
    }
  if (progress == NULL || bud_guide_progress_is_empty (progress) ||
      bud_guide_progress_get_fixed_by (progress) != NULL)
    {
      return;
    }

  model_id = bud_guide_progress_get_model_id (progress);
  g_free (self->resume_model_id);
  self->resume_model_id = g_strdup (model_id);
  g_free (self->resume_address);
  self->resume_address = g_strdup (bud_guide_progress_get_device_address (progress));
  if (self->catalog != NULL)
    {
      model = bud_firmware_catalog_lookup (self->catalog, model_id);
    }
  bud_start_view_set_resume (self->start_view,
                             model != NULL ? bud_firmware_model_get_name (model)
                                           : _("Wireless earbuds"),
                             _("Pick up the guide at the step where you stopped"));
}

static void
progress_files_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (BudFixPage) self = user_data;
  g_autolist (GFileInfo) files = NULL;
  GFileInfo *newest = NULL;
  g_autoptr (GFile) file = NULL;

  files = g_file_enumerator_next_files_finish (G_FILE_ENUMERATOR (source), result, NULL);
  for (GList *l = files; l != NULL; l = l->next)
    {
      GFileInfo *info = l->data;

      if (!g_str_has_suffix (g_file_info_get_name (info), ".json"))
        {
          continue;
        }
      if (newest == NULL ||
          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) >
          g_file_info_get_attribute_uint64 (newest, G_FILE_ATTRIBUTE_TIME_MODIFIED))
        {
          newest = info;
        }
    }
  if (newest == NULL)
    {
      return;
    }

  file = g_file_get_child (self->progress_dir, g_file_info_get_name (newest));
  g_file_load_bytes_async (file, self->cancellable, resume_loaded_cb, g_object_ref (self));
}

static void
progress_dir_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (BudFixPage) self = user_data;
  g_autoptr (GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children_finish (G_FILE (source), result, NULL);
  if (enumerator == NULL)
    {
      return;
    }

  /* A person has progress for a handful of earbuds at most. */
  g_file_enumerator_next_files_async (enumerator, 64, G_PRIORITY_DEFAULT, self->cancellable,
                                      progress_files_cb, g_object_ref (self));
}

/* Offers to continue the guide most recently worked on, if it was left unfinished. */
static void
offer_resume (BudFixPage *self)
{
  g_file_enumerate_children_async (self->progress_dir,
                                   G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                   G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                   G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->cancellable,
                                   progress_dir_cb, g_object_ref (self));
}

static void
bud_fix_page_dispose (GObject *object)
{
  BudFixPage *self = BUD_FIX_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  if (self->save_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->save_dialog, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_dialog));
      g_clear_object (&self->save_dialog);
    }
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BUD_TYPE_FIX_PAGE);
  g_clear_object (&self->progress_dir);
  g_clear_object (&self->client);
  g_clear_object (&self->catalog);
  g_clear_object (&self->device);
  g_clear_object (&self->guide);
  g_clear_object (&self->progress);

  G_OBJECT_CLASS (bud_fix_page_parent_class)->dispose (object);
}

static void
bud_fix_page_finalize (GObject *object)
{
  BudFixPage *self = BUD_FIX_PAGE (object);

  /* Kept until now, so late callbacks can still ask whether the page is gone. */
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_free (self->model_id);
  g_free (self->resume_model_id);
  g_free (self->resume_address);

  G_OBJECT_CLASS (bud_fix_page_parent_class)->finalize (object);
}

static void
bud_fix_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BudFixPage *self = BUD_FIX_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_fix_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BudFixPage *self = BUD_FIX_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      if (g_set_object (&self->client, g_value_get_object (value)))
        {
          bud_start_view_set_client (self->start_view, self->client);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CATALOG:
      if (g_set_object (&self->catalog, g_value_get_object (value)))
        {
          bud_start_view_set_catalog (self->start_view, self->catalog);
          offer_resume (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bud_fix_page_class_init (BudFixPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bud_fix_page_dispose;
  object_class->finalize = bud_fix_page_finalize;
  object_class->get_property = bud_fix_page_get_property;
  object_class->set_property = bud_fix_page_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, BUD_TYPE_BLUEZ_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, BUD_TYPE_FIRMWARE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BUD_TYPE_START_VIEW);
  g_type_ensure (BUD_TYPE_STEP_VIEW);
  g_type_ensure (BUD_TYPE_SUMMARY_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/bud-fix-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BudFixPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BudFixPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BudFixPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, BudFixPage, start_view);
  gtk_widget_class_bind_template_child (widget_class, BudFixPage, step_stack);
  gtk_widget_class_bind_template_child (widget_class, BudFixPage, summary_view);

  gtk_widget_class_install_action (widget_class, "fix.fixed", NULL, fixed_activated);
  gtk_widget_class_install_action (widget_class, "fix.not-fixed", NULL, not_fixed_activated);
  gtk_widget_class_install_action (widget_class, "fix.skip", NULL, skip_activated);
  gtk_widget_class_install_action (widget_class, "fix.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "fix.summary", NULL, summary_activated);
  gtk_widget_class_install_action (widget_class, "fix.restart", NULL, restart_activated);
  gtk_widget_class_install_action (widget_class, "fix.resume", NULL, resume_activated);
  gtk_widget_class_install_action (widget_class, "fix.save-report", NULL, save_report_activated);
  gtk_widget_class_install_action (widget_class, "fix.copy-report", NULL, copy_report_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "fix.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "fix.back", NULL);
}

static void
bud_fix_page_init (BudFixPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->load_cancellable = g_cancellable_new ();
  self->progress_dir = bud_application_get_state_dir ("progress");

  g_signal_connect_swapped (self->step_stack, "notify::transition-running",
                            G_CALLBACK (transition_done_cb), self);
  g_signal_connect_swapped (self->start_view, "device-chosen",
                            G_CALLBACK (device_chosen_cb), self);
  g_signal_connect_swapped (self->start_view, "model-chosen", G_CALLBACK (model_chosen_cb), self);
  show_page (self, "start");
}
