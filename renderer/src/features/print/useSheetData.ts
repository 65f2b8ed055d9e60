import { useEffect, useState } from 'react';
import type { CaseCoding, ChartNote } from '../../../../shared/api';
import type { Addendum, BlockHistology, Case, Lesion, Patient, Settings, StageRecord, User } from '../../../../shared/records';
import { sheetPhotos, type SheetPhoto } from './sheetPhotos';
import type { AppError, Result } from '../../../../shared/result';
import { call } from '../../api/client';

export interface SheetData {
  readonly settings: Settings;
  readonly patient: Patient;
  readonly theCase: Case;
  readonly surgeon: User;
  /** The lesions on this sheet (one for a lesion sheet, all for a case), with their stages. */
  readonly lesions: readonly {
    readonly lesion: Lesion;
    readonly stages: readonly StageRecord[];
    readonly histology: readonly BlockHistology[];
    readonly photos: readonly SheetPhoto[];
  }[];
  readonly coding: CaseCoding;
  readonly addenda: readonly Addendum[];
  /** The chart export's page only: the operative note (null: none written); undefined on a plain sheet. */
  readonly note?: ChartNote | null;
}

/**
 * Which photos a sheet prints: the clinic's setting (a sheet printed from its page), none (a
 * case archive), or those of the lesions when the user chose them (a chart export).
 */
export type SheetPhotoChoice = 'clinic-setting' | 'none' | 'chosen';

const value = <T,>(r: Result<T>): T => {
  if (!r.ok) throw r.error;
  return r.value;
};

/** Everything a map sheet prints, read fresh from the store. */
export function useSheetData(kind: 'case' | 'lesion', id: string, photos: SheetPhotoChoice = 'clinic-setting', withNote = false): { data: SheetData | null; error: AppError | null } {
  const [state, setState] = useState<{ data: SheetData | null; error: AppError | null }>({ data: null, error: null });
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const caseId = kind === 'case' ? id : value(await call('lesions.get', { id })).case.id;
        const detail = value(await call('cases.get', { id: caseId }));
        const chosen = kind === 'case' ? detail.lesions : detail.lesions.filter((l) => l.id === id);
        const [settings, coding, addenda] = await Promise.all([call('settings.get', {}), call('cases.coding', { id: caseId }), call('addenda.list', { caseId })]);
        // Photos only when the clinic prints them, never on a sheet for an archive, on a chart export only when chosen.
        const withPhotos = photos === 'chosen' || (photos === 'clinic-setting' && value(settings).printPhotosOnSheet);
        // The chart prints the note after the sheet; a note that cannot be read fails the page (no chart without it).
        const note = withNote ? value(await call('chart.note', { caseId })) : undefined;
        const lesions = await Promise.all(
          chosen.map(async (lesion) => {
            const [stages, histology, photos] = await Promise.all([
              call('stages.list', { lesionId: lesion.id }),
              call('histology.list', { lesionId: lesion.id }),
              withPhotos ? sheetPhotos(lesion.id) : Promise.resolve([]),
            ]);
            return { lesion, stages: value(stages), histology: value(histology), photos };
          }),
        );
        const data: SheetData = {
          settings: value(settings),
          patient: detail.patient,
          theCase: detail.case,
          surgeon: detail.surgeon,
          lesions,
          coding: value(coding),
          // A sheet without its addenda would misstate the record: a failure here fails the sheet.
          addenda: value(addenda).filter((a) => kind === 'case' || a.lesionId === null || a.lesionId === id),
          ...(note !== undefined ? { note } : {}),
        };
        if (live) setState({ data, error: null });
      } catch (e) {
        const error = typeof e === 'object' && e !== null && 'code' in e ? (e as AppError) : { code: 'internal' as const, message: String(e) };
        if (live) setState({ data: null, error });
      }
    })();
    return () => {
      live = false;
    };
  }, [kind, id, photos, withNote]);
  return state;
}
