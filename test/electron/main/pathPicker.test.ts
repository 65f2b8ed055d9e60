import { describe, expect, it } from 'vitest';
import { choosePath, type OpenDialog, type OpenOptions } from '../../../electron/main/pathPicker';

/** The pickers' logic with a fake dialog: what is asked for each kind, cancel, refusal, failure. */
function fakeDialog(answer: { canceled: boolean; filePaths: string[] } | Error): OpenDialog & { asked: OpenOptions[] } {
  const asked: OpenOptions[] = [];
  return {
    asked,
    showOpenDialog: (options) => {
      asked.push(options);
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

describe('choosePath', () => {
  it('asks for a folder for backups and a .zip for an archive, and answers the path picked', async () => {
    const folder = fakeDialog({ canceled: false, filePaths: ['/media/backup-disk/layermap'] });
    expect(await choosePath(folder, 'backup-folder')).toEqual({ ok: true, value: '/media/backup-disk/layermap' });
    expect(folder.asked[0]?.properties).toEqual(['openDirectory', 'createDirectory']);
    const archive = fakeDialog({ canceled: false, filePaths: ['/home/clinic/case.zip'] });
    expect(await choosePath(archive, 'archive-file')).toEqual({ ok: true, value: '/home/clinic/case.zip' });
    expect(archive.asked[0]).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['zip'] }] });
    // The chart export's folder (PDF and FHIR bundle go there).
    const exportFolder = fakeDialog({ canceled: false, filePaths: ['/home/clinic/ehr-import'] });
    expect(await choosePath(exportFolder, 'export-folder')).toEqual({ ok: true, value: '/home/clinic/ehr-import' });
    expect(exportFolder.asked[0]?.properties).toEqual(['openDirectory', 'createDirectory']);
  });

  it('answers null when cancelled, refuses other kinds without a dialog, and says to type the path when the dialog fails', async () => {
    expect(await choosePath(fakeDialog({ canceled: true, filePaths: [] }), 'backup-folder')).toEqual({ ok: true, value: null });
    const never = fakeDialog({ canceled: false, filePaths: ['/etc'] });
    const refused = await choosePath(never, '/etc/passwd');
    expect(refused.ok).toBe(false);
    expect(never.asked).toEqual([]);
    const broken = await choosePath(fakeDialog(new Error('no display')), 'archive-file');
    expect(broken).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no display.*Type the path instead/) } });
  });
});
