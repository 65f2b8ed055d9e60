/** A valid photo for the store tests: a real PNG and its display copy (test/fixtures/photos/pictures.ts). */
import type { OpInput } from '../../../shared/api';
import { pngOf } from '../../fixtures/photos/pictures';

export const FULL = pngOf(300, 200);
export const DISPLAY = pngOf(150, 100, () => [10, 20, 30]);
const b64 = (b: Buffer) => b.toString('base64');

export function photoInput(lesionId: string, over: Partial<OpInput<'photos.add'>> = {}): OpInput<'photos.add'> {
  return {
    lesionId,
    kind: 'final-defect',
    stageNumber: null,
    capturedAt: '2026-03-14T09:26:53+01:00',
    fileName: 'IMG_0042.jpg',
    full: { data: b64(FULL), width: 300, height: 200 },
    display: { data: b64(DISPLAY), width: 150, height: 100 },
    ...over,
  };
}

