import type { Selectable } from 'kysely';
import type { LesionId, UserId } from '../../shared/ids';
import { hasExif } from '../../shared/photos/exif';
import { DISPLAY_MAX_PX, MIME, pictureSize, sniffPhotoFormat } from '../../shared/photos/photoFile';
import { PHOTO_KINDS, type Photo, type PhotoCalibration, type PhotoKind, type PhotoPlacement } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import type { Db, LesionPhotosTable } from './engine/schema';
import { assertLesionUnsigned } from './locks';
import type { Store } from './open';
import { photoImagesOf } from './photoImages';
import { appendAudit, checkVersionedUpdate, mustFind, type WriteContext } from './write';

/**
 * What the records hold of a lesion's photos (shared/records/photo.ts): one row of
 * `lesion_photos` per photo (migration 13), each change written and audited (entity 'photo')
 * in one transaction like any record. The pictures themselves are in photoImages.ts, named by
 * the row's content addresses; a picture no row names any more is removed with the last one.
 */

type Row = Selectable<LesionPhotosTable>;

/** The record and where its pictures are (never sent to the renderer). */
interface StoredPhoto {
  readonly photo: Photo;
  readonly fullRef: string;
  readonly displayRef: string;
}

const damaged = (id: string) => new AppFailure('storage', `The record of photo ${id} cannot be read and was left untouched. Update Layermap on this computer, or ask support.`);

function toPhoto(r: Row): Photo {
  if (!(PHOTO_KINDS as readonly string[]).includes(r.kind) || (r.mime !== 'image/jpeg' && r.mime !== 'image/png')) throw damaged(r.id);
  const calibration: PhotoCalibration | null =
    r.ruler_length_mm === null ? null : { x1: r.ruler_x1 ?? 0, y1: r.ruler_y1 ?? 0, x2: r.ruler_x2 ?? 0, y2: r.ruler_y2 ?? 0, lengthMm: r.ruler_length_mm };
  const placement: PhotoPlacement | null =
    r.placed_shown === null
      ? null
      : { x: r.placed_x ?? 0, y: r.placed_y ?? 0, rotationDeg: r.placed_rotation_deg ?? 0, opacity: r.placed_opacity ?? 1, shown: r.placed_shown === 1 };
  return {
    id: r.id,
    lesionId: r.lesion_id as LesionId,
    kind: r.kind as PhotoKind,
    stageNumber: r.stage_number,
    capturedAt: r.captured_at,
    mime: r.mime,
    width: r.width,
    height: r.height,
    bytes: r.bytes,
    displayWidth: r.display_width,
    displayHeight: r.display_height,
    fileName: r.file_name,
    calibration,
    placement,
    addedBy: r.added_by as UserId,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const stored = (r: Row): StoredPhoto => ({ photo: toPhoto(r), fullRef: r.full_ref, displayRef: r.display_ref });

const calibrationColumns = (c: PhotoCalibration | null) => ({
  ruler_x1: c?.x1 ?? null,
  ruler_y1: c?.y1 ?? null,
  ruler_x2: c?.x2 ?? null,
  ruler_y2: c?.y2 ?? null,
  ruler_length_mm: c?.lengthMm ?? null,
});

const placementColumns = (p: PhotoPlacement | null) => ({
  placed_x: p?.x ?? null,
  placed_y: p?.y ?? null,
  placed_rotation_deg: p?.rotationDeg ?? null,
  placed_opacity: p?.opacity ?? null,
  placed_shown: p === null ? null : p.shown ? 1 : 0,
});

export interface NewPicture {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** A photo's picture as the user chose it: the file's name, its capture time, the kept picture and its display copy. */
export interface NewPictures {
  readonly capturedAt: string | null;
  readonly fileName: string;
  readonly full: NewPicture;
  readonly display: NewPicture;
}

export interface NewPhoto extends NewPictures {
  readonly lesionId: LesionId;
  readonly kind: PhotoKind;
  readonly stageNumber: number | null;
}

export async function listPhotos(db: Db, lesionId: string): Promise<Photo[]> {
  const rows = await db.selectFrom('lesion_photos').selectAll().where('lesion_id', '=', lesionId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toPhoto);
}

async function findStored(db: Db, id: string): Promise<StoredPhoto> {
  return stored(mustFind(await db.selectFrom('lesion_photos').selectAll().where('id', '=', id).executeTakeFirst(), 'photo'));
}

/**
 * A kept picture must be what the renderer said: a JPEG or PNG of the size given, without EXIF
 * (its GPS position and the phone's owner are not the clinic's to keep), the display copy
 * within 2048 px. The renderer re-encodes every photo; this refuses anything that was not.
 */
function checkPicture(p: NewPicture, what: string, maxSide: number): 'image/jpeg' | 'image/png' {
  const format = sniffPhotoFormat(p.bytes);
  if (format !== 'jpeg' && format !== 'png') throw new AppFailure('invalid_input', `The ${what} is not a JPEG or PNG picture.`);
  const size = pictureSize(p.bytes);
  if (!size || size.width !== p.width || size.height !== p.height) throw new AppFailure('invalid_input', `The ${what}'s size does not match its picture.`);
  if (Math.max(size.width, size.height) > maxSide) throw new AppFailure('invalid_input', `The ${what} is larger than ${maxSide} pixels.`);
  if (hasExif(p.bytes)) throw new AppFailure('invalid_input', `The ${what} still carries EXIF metadata; Layermap keeps photos without it.`);
  return MIME[format];
}

/** Checks both pictures and keeps them (photoImages.ts); the columns that describe them. */
async function keepPictures(store: Store, w: WriteContext, input: NewPictures) {
  const mime = checkPicture(input.full, 'photo', 30000);
  checkPicture(input.display, 'display copy', DISPLAY_MAX_PX);
  if (Math.abs(input.display.width / input.display.height - input.full.width / input.full.height) > 0.02 * (input.full.width / input.full.height) + 1 / input.display.height) {
    throw new AppFailure('invalid_input', 'The display copy does not have the photo’s shape.');
  }
  const images = photoImagesOf(store);
  return {
    captured_at: input.capturedAt,
    mime,
    width: input.full.width,
    height: input.full.height,
    bytes: input.full.bytes.length,
    display_width: input.display.width,
    display_height: input.display.height,
    file_name: input.fileName,
    full_ref: await images.put(w.db, input.full.bytes),
    display_ref: await images.put(w.db, input.display.bytes),
  };
}

export async function addPhoto(store: Store, w: WriteContext, input: NewPhoto): Promise<Photo> {
  await assertLesionUnsigned(w.db, input.lesionId);
  mustFind(await w.db.selectFrom('lesions').select('id').where('id', '=', input.lesionId).executeTakeFirst(), 'lesion');
  const id = w.newId();
  await w.db
    .insertInto('lesion_photos')
    .values({
      id,
      lesion_id: input.lesionId,
      kind: input.kind,
      stage_number: input.kind === 'after-stage' ? input.stageNumber : null,
      ...(await keepPictures(store, w, input)),
      ...calibrationColumns(null),
      ...placementColumns(null),
      added_by: w.userId,
      version: 1,
      created_at: w.now,
      updated_at: w.now,
    })
    .execute();
  const photo = (await findStored(w.db, id)).photo;
  await appendAudit(w, { entity: 'photo', entityId: id, action: 'create', before: null, after: photo });
  return photo;
}

/** The stored photo the user saw (same version), on a lesion not yet signed. */
async function photoToChange(w: WriteContext, id: string, version: number): Promise<StoredPhoto> {
  const before = await findStored(w.db, id);
  await assertLesionUnsigned(w.db, before.photo.lesionId);
  if (before.photo.version !== version) checkVersionedUpdate(0, 'photo', true);
  return before;
}

/** One change of a photo's row, version-checked and audited. */
async function changePhoto(w: WriteContext, before: StoredPhoto, columns: Partial<Omit<LesionPhotosTable, 'id' | 'version'>>): Promise<Photo> {
  const result = await w.db
    .updateTable('lesion_photos')
    .set((eb) => ({ ...columns, version: eb('version', '+', 1), updated_at: w.now }))
    .where('id', '=', before.photo.id)
    .where('version', '=', before.photo.version)
    .executeTakeFirst();
  checkVersionedUpdate(Number(result.numUpdatedRows), 'photo', true);
  const after = (await findStored(w.db, before.photo.id)).photo;
  await appendAudit(w, { entity: 'photo', entityId: after.id, action: 'update', before: before.photo, after });
  return after;
}

/** A new calibration keeps the placement (millimetres stay millimetres); taking the calibration away takes the photo from under the map. */
export async function calibratePhoto(w: WriteContext, id: string, version: number, calibration: PhotoCalibration | null): Promise<Photo> {
  const before = await photoToChange(w, id, version);
  return changePhoto(w, before, calibration === null ? { ...calibrationColumns(null), ...placementColumns(null) } : calibrationColumns(calibration));
}

export async function placePhoto(w: WriteContext, id: string, version: number, placement: PhotoPlacement | null): Promise<Photo> {
  const before = await photoToChange(w, id, version);
  if (placement !== null && before.photo.calibration === null) {
    throw new AppFailure('invalid_input', 'Calibrate the photo first (draw a line over the ruler and type its length): only then can it be drawn under the map at 1:1.');
  }
  return changePhoto(w, before, placementColumns(placement));
}

/**
 * Removes the pictures no photo names any more. In the write's transaction, after its audit row:
 * the server's pictures go with the transaction; this computer's files go now (a commit that
 * fails after this would leave a record whose picture is only in the backups' photo folder,
 * where every picture ever backed up stays: photoBackup.ts).
 */
async function releasePictures(store: Store, db: Db, refs: readonly string[]): Promise<void> {
  for (const ref of new Set(refs)) {
    const named = await db
      .selectFrom('lesion_photos')
      .select('id')
      .where((eb) => eb.or([eb('full_ref', '=', ref), eb('display_ref', '=', ref)]))
      .limit(1)
      .executeTakeFirst();
    if (!named) await photoImagesOf(store).forget(db, ref);
  }
}

/** Deletes a photo of a lesion not yet signed (the user confirmed it); audited with the record as it was. */
export async function deletePhoto(store: Store, w: WriteContext, id: string, version: number): Promise<void> {
  const before = await photoToChange(w, id, version);
  const result = await w.db.deleteFrom('lesion_photos').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  checkVersionedUpdate(Number(result.numDeletedRows), 'photo', true);
  await appendAudit(w, { entity: 'photo', entityId: id, action: 'delete', before: before.photo, after: null });
  await releasePictures(store, w.db, [before.fullRef, before.displayRef]);
}

/**
 * Replaces a photo's picture (a sharper shot of the same wound), keeping what it shows and its
 * stage. The calibration (a line in the old picture's pixels) is kept only when the user asks
 * and the new picture has the old one's size; otherwise the photo must be calibrated again and
 * leaves the map until it is.
 */
export async function replacePhoto(store: Store, w: WriteContext, id: string, version: number, input: NewPictures, keepCalibration: boolean): Promise<Photo> {
  const before = await photoToChange(w, id, version);
  const old = before.photo;
  if (keepCalibration && old.calibration !== null && (input.full.width !== old.width || input.full.height !== old.height)) {
    throw new AppFailure(
      'invalid_input',
      `The new picture is ${input.full.width} × ${input.full.height} pixels and the old one ${old.width} × ${old.height}, so the ruler line drawn on the old one does not fit it. Replace it without keeping the calibration, then calibrate it again.`,
    );
  }
  const pictures = await keepPictures(store, w, input);
  const after = await changePhoto(w, before, keepCalibration ? pictures : { ...pictures, ...calibrationColumns(null), ...placementColumns(null) });
  await releasePictures(store, w.db, [before.fullRef, before.displayRef]);
  return after;
}

/**
 * The pictures of every photo, from one store into another (engineCopy.ts), under the references
 * the copied records name; one picture in memory at a time. Returns how many were copied.
 */
export async function copyPhotoPictures(source: Store, target: Store, targetDb: Db): Promise<number> {
  const from = photoImagesOf(source);
  const to = photoImagesOf(target);
  let copied = 0;
  const rows = await source.query.selectFrom('lesion_photos').select(['file_name', 'full_ref', 'display_ref']).orderBy('created_at').orderBy('id').execute();
  for (const photo of rows) {
    for (const ref of new Set([photo.full_ref, photo.display_ref])) {
      await to.putAs(targetDb, ref, await from.get(source.query, ref, `photo ${photo.file_name}`));
      copied++;
    }
  }
  return copied;
}

/** One of a photo's pictures: the full-resolution one or its display copy. */
export async function photoPicture(store: Store, id: string, copy: 'full' | 'display'): Promise<{ readonly mime: string; readonly data: Buffer }> {
  const { photo, fullRef, displayRef } = await findStored(store.query, id);
  const what = `photo ${photo.fileName}`;
  const data = await photoImagesOf(store).get(store.query, copy === 'full' ? fullRef : displayRef, what);
  return { mime: sniffPhotoFormat(data) === 'png' ? 'image/png' : 'image/jpeg', data };
}
