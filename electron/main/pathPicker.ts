import { PATH_KINDS, type PathKind } from '../../shared/api/operations';
import { fail, ok, type Result } from '../../shared/result';

/**
 * The system's folder and file pickers, for the backup folder and an archive to import. The
 * dialog is handed in (Electron's in the app, a fake in tests); the renderer falls back to a
 * typed path where there is none (the test host). The store checks whatever path comes back,
 * as it checks a typed one.
 */
export interface OpenDialog {
  showOpenDialog(options: OpenOptions): Promise<{ readonly canceled: boolean; readonly filePaths: readonly string[] }>;
}

export interface OpenOptions {
  readonly title: string;
  readonly properties: ('openDirectory' | 'openFile' | 'createDirectory')[];
  readonly filters?: { readonly name: string; readonly extensions: string[] }[];
}

const OPTIONS: Record<PathKind, OpenOptions> = {
  'backup-folder': { title: 'Choose the backup folder (an external disk or a network share)', properties: ['openDirectory', 'createDirectory'] },
  'archive-file': { title: 'Choose a Layermap case archive to import', properties: ['openFile'], filters: [{ name: 'Layermap case archive', extensions: ['zip'] }] },
  'export-folder': { title: 'Choose the folder for the chart export (PDF and FHIR bundle)', properties: ['openDirectory', 'createDirectory'] },
};

/** The path picked, null when the user cancelled; a request for anything else is refused. */
export async function choosePath(dialog: OpenDialog, kind: unknown): Promise<Result<string | null>> {
  if (!PATH_KINDS.includes(kind as PathKind)) return fail('invalid_input', 'Layermap offers a picker only for the backup folder, an archive to import and the chart export’s folder.');
  try {
    const choice = await dialog.showOpenDialog(OPTIONS[kind as PathKind]);
    return ok(choice.canceled ? null : (choice.filePaths[0] ?? null));
  } catch (e) {
    return fail('internal', `The picker could not be shown: ${e instanceof Error ? e.message : String(e)}. Type the path instead.`);
  }
}
