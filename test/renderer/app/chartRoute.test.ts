import { describe, expect, it } from 'vitest';
import { printedPagePath } from '../../../electron/worker/archiveSheets';
import { parseRoute } from '../../../renderer/src/app/route';

/** The page the sheet printer opens for an export is the page the app routes there: the two are written apart. */
describe('printed pages for exports', () => {
  it('routes the chart page, with photos only when chosen', () => {
    expect(parseRoute(`#${printedPagePath({ kind: 'chart', caseId: 'c-1', photos: false })}`)).toEqual({ screen: 'print', kind: 'case', id: 'c-1', paper: 'letter', chart: { photos: false } });
    expect(parseRoute(`#${printedPagePath({ kind: 'chart', caseId: 'c-1', photos: true })}`)).toEqual({ screen: 'print', kind: 'case', id: 'c-1', paper: 'letter', chart: { photos: true } });
    expect(parseRoute('#/print/chart/c-1/a4')).toMatchObject({ paper: 'a4', chart: { photos: false } });
  });

  it('routes an archive’s lesion sheet as an archive sheet (never photos)', () => {
    expect(parseRoute(`#${printedPagePath({ kind: 'lesion', id: 'l-1' })}`)).toEqual({ screen: 'print', kind: 'lesion', id: 'l-1', paper: 'letter', forArchive: true });
  });
});
