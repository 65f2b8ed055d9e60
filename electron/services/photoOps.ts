import type { OpParsed } from '../../shared/api';
import type { PhotoPicture } from '../../shared/api/photos';
import type { LesionId } from '../../shared/ids';
import type { Photo } from '../../shared/records';
import { addPhoto, photoPicture } from '../store/photos';
import { asUser, type ServiceContext } from './context';

/** The pictures arrive base64 (operations speak JSON) and are kept as bytes. */
export function addPhotoFrom(ctx: ServiceContext, input: OpParsed<'photos.add'>): Promise<Photo> {
  const bytes = (data: string) => new Uint8Array(Buffer.from(data, 'base64'));
  const full = { bytes: bytes(input.full.data), width: input.full.width, height: input.full.height };
  const display = { bytes: bytes(input.display.data), width: input.display.width, height: input.display.height };
  return asUser(ctx, (w) =>
    addPhoto(ctx.store, w, {
      lesionId: input.lesionId as LesionId,
      kind: input.kind,
      stageNumber: input.stageNumber,
      capturedAt: input.capturedAt,
      fileName: input.fileName,
      full,
      display,
    }),
  );
}

export async function photoPictureOf(ctx: ServiceContext, id: string, copy: 'full' | 'display'): Promise<PhotoPicture> {
  const p = await photoPicture(ctx.store, id, copy);
  return { mime: p.mime === 'image/png' ? 'image/png' : 'image/jpeg', data: p.data.toString('base64') };
}
