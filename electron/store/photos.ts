import type { LesionId, UserId } from '../../shared/ids';
import { hasExif } from '../../shared/photos/exif';
import { DISPLAY_MAX_PX, MIME, pictureSize, sniffPhotoFormat } from '../../shared/photos/photoFile';
import type { Photo, PhotoCalibration, PhotoKind, PhotoPlacement } from '../../shared/records';
import { AppFailure } from '../../shared/result';
import type { Db } from './engine/schema';
import { assertLesionUnsigned } from './locks';
import type { Store } from './open';
import { photoImagesOf } from './photoImages';
import { appendAudit, mustFind, type WriteContext } from './write';

/**
 * What the records hold of a lesion's photos (shared/records/photo.ts): one settings row per photo,
 * keyed `photo:<lesion>:<photo>`, its value the photo's record as JSON. Settings rows take new
 * keys without a schema migration (settings.ts), so photos need none on either engine, and each
 * change is written and audited in one transaction like any record. getSettings skips keys it
 * does not know. The pictures themselves are in photoImages.ts, named by the record.
 */
const PREFIX = 'photo:';
const keyOf = (lesionId: string, id: string) => `${PREFIX}${lesionId}:${id}`;

/** The record and where its pictures are (never sent to the renderer). */
interface StoredPhoto extends Photo {
  readonly fullRef: string;
  readonly displayRef: string;
}

const publicOf = ({ fullRef: _f, displayRef: _d, ...photo }: StoredPhoto): Photo => photo;

export interface NewPicture {
  readonly bytes: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface NewPhoto {
  readonly lesionId: LesionId;
  readonly kind: PhotoKind;
  readonly stageNumber: number | null;
  readonly capturedAt: string | null;
  readonly fileName: string;
  readonly full: NewPicture;
  readonly display: NewPicture;
}

async function rows(db: Db, like: string): Promise<StoredPhoto[]> {
  const found = await db.selectFrom('settings').select('value_json').where('key', 'like', like).execute();
  return found.map((r) => JSON.parse(r.value_json) as StoredPhoto);
}

export async function listPhotos(db: Db, lesionId: string): Promise<Photo[]> {
  const all = await rows(db, `${PREFIX}${lesionId}:%`);
  return all.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1)).map(publicOf);
}

async function findStored(db: Db, id: string): Promise<StoredPhoto> {
  // Ids are generated (no % or _ of a user's), so the pattern names one photo.
  return mustFind((await rows(db, `${PREFIX}%:${id}`)).find((p) => p.id === id), 'photo');
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

export async function addPhoto(store: Store, w: WriteContext, input: NewPhoto): Promise<Photo> {
  await assertLesionUnsigned(w.db, input.lesionId);
  mustFind(await w.db.selectFrom('lesions').select('id').where('id', '=', input.lesionId).executeTakeFirst(), 'lesion');
  const mime = checkPicture(input.full, 'photo', 30000);
  checkPicture(input.display, 'display copy', DISPLAY_MAX_PX);
  if (Math.abs(input.display.width / input.display.height - input.full.width / input.full.height) > 0.02 * (input.full.width / input.full.height) + 1 / input.display.height) {
    throw new AppFailure('invalid_input', 'The display copy does not have the photo’s shape.');
  }
  const images = photoImagesOf(store);
  const fullRef = await images.put(w.db, input.full.bytes);
  const displayRef = await images.put(w.db, input.display.bytes);
  const photo: StoredPhoto = {
    id: w.newId(),
    lesionId: input.lesionId,
    kind: input.kind,
    stageNumber: input.kind === 'after-stage' ? input.stageNumber : null,
    capturedAt: input.capturedAt,
    mime,
    width: input.full.width,
    height: input.full.height,
    bytes: input.full.bytes.length,
    displayWidth: input.display.width,
    displayHeight: input.display.height,
    fileName: input.fileName,
    calibration: null,
    placement: null,
    addedBy: w.userId as UserId,
    version: 1,
    createdAt: w.now,
    updatedAt: w.now,
    fullRef,
    displayRef,
  };
  await w.db.insertInto('settings').values({ key: keyOf(photo.lesionId, photo.id), value_json: JSON.stringify(photo), version: 1, updated_at: w.now }).execute();
  await appendAudit(w, { entity: 'photo', entityId: photo.id, action: 'create', before: null, after: publicOf(photo) });
  return publicOf(photo);
}

/** A calibration or placement change, with the record's version check, audited. */
async function changePhoto(w: WriteContext, id: string, version: number, change: Partial<Pick<Photo, 'calibration' | 'placement'>>): Promise<Photo> {
  const before = await findStored(w.db, id);
  await assertLesionUnsigned(w.db, before.lesionId);
  if (before.version !== version) {
    throw new AppFailure('stale', 'This photo was changed by someone else since you opened it. Your change was not saved: reload to see the latest version, then make it again.');
  }
  const after: StoredPhoto = { ...before, ...change, version: before.version + 1, updatedAt: w.now };
  await w.db
    .updateTable('settings')
    .set({ value_json: JSON.stringify(after), version: after.version, updated_at: w.now })
    .where('key', '=', keyOf(before.lesionId, id))
    .execute();
  await appendAudit(w, { entity: 'photo', entityId: id, action: 'update', before: publicOf(before), after: publicOf(after) });
  return publicOf(after);
}

/** A new calibration keeps the placement (millimetres stay millimetres); taking the calibration away takes the photo from under the map. */
export const calibratePhoto = (w: WriteContext, id: string, version: number, calibration: PhotoCalibration | null): Promise<Photo> =>
  changePhoto(w, id, version, calibration === null ? { calibration, placement: null } : { calibration });

export async function placePhoto(w: WriteContext, id: string, version: number, placement: PhotoPlacement | null): Promise<Photo> {
  const photo = await findStored(w.db, id);
  if (placement !== null && photo.calibration === null) {
    throw new AppFailure('invalid_input', 'Calibrate the photo first (draw a line over the ruler and type its length): only then can it be drawn under the map at 1:1.');
  }
  return changePhoto(w, id, version, { placement });
}

/**
 * The pictures of every photo, from one store into another (engineCopy.ts), under the references
 * the copied records name; one picture in memory at a time. Returns how many were copied.
 */
export async function copyPhotoPictures(source: Store, target: Store, targetDb: Db): Promise<number> {
  const from = photoImagesOf(source);
  const to = photoImagesOf(target);
  let copied = 0;
  for (const photo of await rows(source.query, `${PREFIX}%`)) {
    for (const ref of new Set([photo.fullRef, photo.displayRef])) {
      await to.putAs(targetDb, ref, await from.get(source.query, ref, `photo ${photo.fileName}`));
      copied++;
    }
  }
  return copied;
}

/** One of a photo's pictures: the full-resolution one or its display copy. */
export async function photoPicture(store: Store, id: string, copy: 'full' | 'display'): Promise<{ readonly mime: string; readonly data: Buffer }> {
  const photo = await findStored(store.query, id);
  const what = `photo ${photo.fileName}`;
  const data = await photoImagesOf(store).get(store.query, copy === 'full' ? photo.fullRef : photo.displayRef, what);
  return { mime: sniffPhotoFormat(data) === 'png' ? 'image/png' : 'image/jpeg', data };
}
