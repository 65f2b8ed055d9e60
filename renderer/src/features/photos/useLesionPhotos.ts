import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Photo, PhotoKind, PhotoPlacement } from '../../../../shared/records';
import { call } from '../../api/client';
import type { Underlay } from '../../editor/canvas/PhotoLayer';
import { useLoad } from '../../lib/useLoad';
import { preparePhoto } from './photoImport';


const NO_PHOTOS: readonly Photo[] = [];

// A photo's display copy never changes: loaded once per photo for the session.
const pictures = new Map<string, Promise<HTMLImageElement | null>>();

export function displayPicture(id: string): Promise<HTMLImageElement | null> {
  let p = pictures.get(id);
  if (!p) {
    p = call('photos.picture', { id, copy: 'display' }).then(async (r) => {
      if (!r.ok) {
        pictures.delete(id);
        return null;
      }
      const image = new Image();
      image.src = `data:${r.value.mime};base64,${r.value.data}`;
      await image.decode();
      return image;
    });
    pictures.set(id, p);
  }
  return p;
}

/**
 * A lesion's photos for its page: the list, their display copies, the kind the next added photo
 * is filed under, and placements being adjusted (drawn under the map live, saved on Save).
 */
export function useLesionPhotos(lesionId: string) {
  const { loaded, reload } = useLoad(`photos:${lesionId}`, () => call('photos.list', { lesionId }));
  const photos: readonly Photo[] = loaded.status === 'ok' ? loaded.value : NO_PHOTOS;
  const [images, setImages] = useState<ReadonlyMap<string, HTMLImageElement>>(new Map());
  const [drafts, setDrafts] = useState<ReadonlyMap<string, PhotoPlacement>>(new Map());
  const [kind, setKind] = useState<PhotoKind>('pre-op');
  const [stageNumber, setStageNumber] = useState(1);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState('');

  useEffect(() => {
    let current = true;
    for (const p of photos) {
      if (images.has(p.id)) continue;
      void displayPicture(p.id).then((image) => {
        if (current && image) setImages((m) => new Map(m).set(p.id, image));
      });
    }
    return () => {
      current = false;
    };
  }, [photos, images]);

  const addFiles = useCallback(
    async (files: readonly File[]) => {
      setProblem('');
      for (const file of files) {
        setBusy(`Adding ${file.name}…`);
        const prepared = await preparePhoto(file, kind, stageNumber, lesionId);
        if (!prepared.ok) {
          setProblem(prepared.message);
          break;
        }
        const r = await call('photos.add', prepared.input);
        if (!r.ok) {
          setProblem(`${file.name} was not added: ${r.error.message}`);
          break;
        }
      }
      setBusy('');
      reload();
    },
    [kind, stageNumber, lesionId, reload],
  );

  const draft = useCallback((id: string, placement: PhotoPlacement | null) => {
    setDrafts((m) => {
      const next = new Map(m);
      if (placement) next.set(id, placement);
      else next.delete(id);
      return next;
    });
  }, []);

  const underlays = useMemo<readonly Underlay[]>(() => {
    const out: Underlay[] = [];
    for (const p of photos) {
      const placement = drafts.get(p.id) ?? p.placement;
      const image = images.get(p.id);
      if (!p.calibration || !placement?.shown || !image) continue;
      out.push({ id: p.id, image, frame: { width: p.displayWidth, height: p.displayHeight, calibration: p.calibration, placement, scale: p.displayWidth / p.width } });
    }
    return out;
  }, [photos, drafts, images]);

  return { loaded, photos, images, reload, drafts, draft, underlays, kind, setKind, stageNumber, setStageNumber, addFiles, problem, setProblem, busy };
}

export type LesionPhotos = ReturnType<typeof useLesionPhotos>;
