/* bud-firmware-model.h
 *
 * Copyright 2026 The Earbud Doctor developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One firmware release as the catalogue lists it. @date is when it was
 * released and @seen_by the latest date by which it had been seen on a
 * device; either may be %NULL. Both are "YYYY" to "YYYY-MM-DD". */
typedef struct {
  char  *version;
  char  *date;
  char  *seen_by;
  char **notes;       /* plain English from the catalogue */
  char **introduces;  /* ids of known issues that start with this release */
  char **fixes;       /* ids of known issues that this release fixes */
} BudFirmwareRelease;

#define BUD_TYPE_FIRMWARE_MODEL (bud_firmware_model_get_type ())

G_DECLARE_FINAL_TYPE (BudFirmwareModel, bud_firmware_model, BUD, FIRMWARE_MODEL, GObject)

const char                *bud_firmware_model_get_id            (BudFirmwareModel *self);
const char                *bud_firmware_model_get_name          (BudFirmwareModel *self);
const char                *bud_firmware_model_get_vendor        (BudFirmwareModel *self);
guint16                    bud_firmware_model_get_vendor_id     (BudFirmwareModel *self);
guint16                    bud_firmware_model_get_product_id    (BudFirmwareModel *self);
const char                *bud_firmware_model_get_protocol      (BudFirmwareModel *self);
const char * const        *bud_firmware_model_get_name_patterns (BudFirmwareModel *self);
const char * const        *bud_firmware_model_get_service_uuids (BudFirmwareModel *self);
const char * const        *bud_firmware_model_get_sources       (BudFirmwareModel *self);
const char                *bud_firmware_model_get_latest        (BudFirmwareModel *self);
guint                      bud_firmware_model_get_n_releases    (BudFirmwareModel *self);
const BudFirmwareRelease  *bud_firmware_model_get_release       (BudFirmwareModel *self,
                                                                 guint             position);
const BudFirmwareRelease  *bud_firmware_model_find_release      (BudFirmwareModel *self,
                                                                 const char       *version);
const char                *bud_firmware_model_get_issue_text    (BudFirmwareModel *self,
                                                                 const char       *issue_id);
GStrv                      bud_firmware_model_get_open_issues   (BudFirmwareModel *self,
                                                                 const char       *version);
gboolean                   bud_firmware_model_matches_name      (BudFirmwareModel *self,
                                                                 const char       *name);
gboolean                   bud_firmware_model_has_service_uuid  (BudFirmwareModel *self,
                                                                 const char       *uuid);

G_END_DECLS
