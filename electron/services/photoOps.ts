import type { OpParsed } from '../../shared/api';
import type { PhotoPicture } from '../../shared/api/photos';
import type { LesionId } from '../../shared/ids';
import type { Photo } from '../../shared/records';
import { addPhoto, photoPicture, replacePhoto, type NewPictures } from '../store/photos';
import { asUser, type ServiceContext } from './context';

/** The pictures arrive base64 (operations speak JSON) and are kept as bytes. */
function picturesOf(input: OpParsed<'photos.add'> | OpParsed<'photos.replace'>): NewPictures {
  const bytes = (data: string) => new Uint8Array(Buffer.from(data, 'base64'));
  return {
    capturedAt: input.capturedAt,
    fileName: input.fileName,
    full: { bytes: bytes(input.full.data), width: input.full.width, height: input.full.height },
    display: { bytes: bytes(input.display.data), width: input.display.width, height: input.display.height },
  };
}

export function addPhotoFrom(ctx: ServiceContext, input: OpParsed<'photos.add'>): Promise<Photo> {
  const pictures = picturesOf(input);
  return asUser(ctx, (w) => addPhoto(ctx.store, w, { lesionId: input.lesionId as LesionId, kind: input.kind, stageNumber: input.stageNumber, ...pictures }));
}

export function replacePhotoFrom(ctx: ServiceContext, input: OpParsed<'photos.replace'>): Promise<Photo> {
  const pictures = picturesOf(input);
  return asUser(ctx, (w) => replacePhoto(ctx.store, w, input.id, input.version, pictures, input.keepCalibration));
}

export async function photoPictureOf(ctx: ServiceContext, id: string, copy: 'full' | 'display'): Promise<PhotoPicture> {
  const p = await photoPicture(ctx.store, id, copy);
  return { mime: p.mime === 'image/png' ? 'image/png' : 'image/jpeg', data: p.data.toString('base64') };
}
