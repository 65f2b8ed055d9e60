import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Point } from '../../../../shared/geometry/types';
import type { Photo, PhotoKind, PhotoPlacement } from '../../../../shared/records';
import { call } from '../../api/client';
import type { CanvasPointer } from '../../editor/canvas/pointer';
import type { PhotoDrag, Underlay } from '../../editor/canvas/PhotoLayer';
import { useLoad } from '../../lib/useLoad';
import { preparePhoto } from './photoImport';


const NO_PHOTOS: readonly Photo[] = [];

// A photo's display copy changes only when its picture is replaced: loaded once per photo and
// picture for the session (forgotten on a replace or a delete).
const pictures = new Map<string, Promise<HTMLImageElement | null>>();
const forgetPicture = (id: string) => pictures.delete(id);

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
  // The photo being moved by dragging on the map (null: the map's tools have the pointer).
  const [moving, setMoving] = useState<string | null>(null);
  const [moveProblem, setMoveProblem] = useState('');
  // The last move saved by a drag, so it can be undone (the map's Undo covers the map only).
  const [lastMove, setLastMove] = useState<{ readonly id: string; readonly from: PhotoPlacement } | null>(null);

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

  /** Forgets a photo's display copy (replaced or deleted), so the next one shown is the new one. */
  const dropImage = useCallback((id: string) => {
    forgetPicture(id);
    setImages((m) => {
      const next = new Map(m);
      next.delete(id);
      return next;
    });
  }, []);

  const removePhoto = useCallback(
    async (photo: Photo): Promise<string | null> => {
      const r = await call('photos.delete', { id: photo.id, version: photo.version });
      if (!r.ok) return r.error.message;
      if (moving === photo.id) setMoving(null);
      draft(photo.id, null);
      dropImage(photo.id);
      reload();
      return null;
    },
    [moving, draft, dropImage, reload],
  );

  const replacePicture = useCallback(
    async (photo: Photo, file: File, keepCalibration: boolean): Promise<string | null> => {
      const prepared = await preparePhoto(file, photo.kind, photo.stageNumber, lesionId);
      if (!prepared.ok) return prepared.message;
      const { capturedAt, fileName, full, display } = prepared.input;
      const r = await call('photos.replace', { id: photo.id, version: photo.version, keepCalibration, capturedAt, fileName, full, display });
      if (!r.ok) return `${file.name} did not replace the photo: ${r.error.message}`;
      draft(photo.id, null);
      dropImage(photo.id);
      reload();
      return null;
    },
    [lesionId, draft, dropImage, reload],
  );

  // Moving a placed photo by dragging it on the map: drawn where it is dragged at each frame
  // (a draft), saved once when the pointer is let go (one audited write, not one per frame).
  const photosRef = useRef(photos);
  const draftsRef = useRef(drafts);
  useLayoutEffect(() => {
    photosRef.current = photos;
    draftsRef.current = drafts;
  }, [photos, drafts]);
  const gesture = useRef<{ readonly id: string; readonly from: Point; readonly start: PhotoPlacement } | null>(null);
  const moveOn = useCallback(
    (id: string, e: CanvasPointer) => {
      const photo = photosRef.current.find((p) => p.id === id);
      const current = draftsRef.current.get(id) ?? photo?.placement;
      if (!photo || !current) return;
      const g = gesture.current;
      if (e.type === 'down') {
        gesture.current = { id, from: e.point, start: current };
        return;
      }
      if (!g) return;
      const to = { ...g.start, x: round(g.start.x + e.point.x - g.from.x), y: round(g.start.y + e.point.y - g.from.y) };
      if (e.type === 'move') return draft(id, to);
      gesture.current = null;
      if (e.type === 'cancel' || (to.x === g.start.x && to.y === g.start.y)) return draft(id, photo.placement && same(photo.placement, g.start) ? null : g.start);
      draft(id, to);
      void call('photos.place', { id, version: photo.version, placement: to }).then((r) => {
        if (!r.ok) {
          setMoveProblem(`The move was not saved: ${r.error.message}`);
          draft(id, photo.placement);
          return;
        }
        setMoveProblem('');
        setLastMove({ id, from: g.start });
        reload();
      });
    },
    [draft, reload],
  );

  /** Puts the photo back where it was before the last drag: one more audited write. */
  const undoMove = useCallback(async () => {
    const move = lastMove;
    const photo = move && photosRef.current.find((p) => p.id === move.id);
    if (!move || !photo) return;
    setLastMove(null);
    draft(move.id, move.from);
    const r = await call('photos.place', { id: move.id, version: photo.version, placement: move.from });
    if (!r.ok) {
      setMoveProblem(`The move was not undone: ${r.error.message}`);
      draft(move.id, null);
      return;
    }
    reload();
  }, [lastMove, draft, reload]);
  // The saved placement has come back: the draft that showed it goes.
  useEffect(() => {
    for (const p of photos) {
      const d = drafts.get(p.id);
      if (d && p.placement && same(d, p.placement) && gesture.current?.id !== p.id) draft(p.id, null);
    }
  }, [photos, drafts, draft]);
  const photoDrag = useMemo<PhotoDrag | undefined>(() => (moving ? { id: moving, onPointer: (e) => moveOn(moving, e) } : undefined), [moving, moveOn]);

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

  return {
    loaded,
    photos,
    images,
    reload,
    drafts,
    draft,
    underlays,
    kind,
    setKind,
    stageNumber,
    setStageNumber,
    addFiles,
    problem,
    setProblem,
    busy,
    removePhoto,
    replacePicture,
    moving,
    setMoving,
    moveProblem,
    photoDrag,
    lastMove,
    undoMove,
  };
}

/** A dragged position to a tenth of a millimetre: finer than the map can show, coarser than the pointer's noise. */
const round = (mm: number) => Math.round(mm * 10) / 10;
const same = (a: PhotoPlacement, b: PhotoPlacement) => a.x === b.x && a.y === b.y && a.rotationDeg === b.rotationDeg && a.opacity === b.opacity && a.shown === b.shown;

export type LesionPhotos = ReturnType<typeof useLesionPhotos>;
