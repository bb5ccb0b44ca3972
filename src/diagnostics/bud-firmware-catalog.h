/* bud-firmware-catalog.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bud-diagnostics-error.h"
#include "bud-firmware-model.h"

G_BEGIN_DECLS

typedef enum {
  BUD_FIRMWARE_VERDICT_UP_TO_DATE,
  BUD_FIRMWARE_VERDICT_UPDATE_AVAILABLE,
  BUD_FIRMWARE_VERDICT_NEWER_THAN_KNOWN,
  BUD_FIRMWARE_VERDICT_UNKNOWN_MODEL,
  BUD_FIRMWARE_VERDICT_UNKNOWN_VERSION,
} BudFirmwareVerdict;

/* The outcome of checking one installed version against the catalogue.
 * @latest is %NULL when the catalogue doesn't know it; @notes are sentences
 * for people, @open_issues the ids of known issues on the installed version. */
typedef struct {
  BudFirmwareVerdict verdict;
  char  *model_id;
  char  *model_name;
  char  *installed;
  char  *latest;
  char  *as_of;
  char **notes;
  char **open_issues;
} BudFirmwareCheck;

#define BUD_TYPE_FIRMWARE_CATALOG (bud_firmware_catalog_get_type ())

G_DECLARE_FINAL_TYPE (BudFirmwareCatalog, bud_firmware_catalog, BUD, FIRMWARE_CATALOG, GObject)

BudFirmwareCatalog *bud_firmware_catalog_new_from_bytes  (GBytes              *bytes,
                                                          const char          *source_name,
                                                          GError             **error);
BudFirmwareCatalog *bud_firmware_catalog_new_from_file   (const char          *path,
                                                          GError             **error);
void                bud_firmware_catalog_load_async      (GFile               *file,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
BudFirmwareCatalog *bud_firmware_catalog_load_finish     (GAsyncResult        *result,
                                                          GError             **error);
const char         *bud_firmware_catalog_get_as_of       (BudFirmwareCatalog  *self);
BudFirmwareModel   *bud_firmware_catalog_lookup          (BudFirmwareCatalog  *self,
                                                          const char          *model_id);
const char         *bud_firmware_catalog_match           (BudFirmwareCatalog  *self,
                                                          const char          *modalias,
                                                          const char          *name,
                                                          const char          *alias,
                                                          const char * const  *uuids);
BudFirmwareCheck   *bud_firmware_catalog_check           (BudFirmwareCatalog  *self,
                                                          const char          *model_id,
                                                          const char          *installed);

const char         *bud_firmware_verdict_to_string       (BudFirmwareVerdict   verdict);
const char         *bud_firmware_verdict_describe        (BudFirmwareVerdict   verdict);
void                bud_firmware_check_free              (BudFirmwareCheck    *check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BudFirmwareCheck, bud_firmware_check_free)

G_END_DECLS
