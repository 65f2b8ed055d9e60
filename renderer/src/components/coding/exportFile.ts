import type { OpInput } from '../../../../shared/api';
import type { Result } from '../../../../shared/result';
import { call } from '../../api/client';

declare global {
  interface Window {
    /** Only in the desktop app: see electron/main/printing.ts. */
    readonly layermapDesktop?: {
      readonly savePdf: () => Promise<Result<string | null>>;
      readonly saveText?: (fileName: string, text: string) => Promise<Result<string | null>>;
    };
  }
}

/**
 * Hands a file to the user: the only way data leaves the app, and only when the user asks.
 * In the desktop app it goes through the save dialog and is written readable by the user only
 * (electron/main/printing.ts); in a browser (the test host) it is a download. The name carries
 * no patient name. A failure is returned as a message to show.
 */
export async function downloadText(fileName: string, mime: string, text: string): Promise<string | null> {
  const saveText = window.layermapDesktop?.saveText;
  if (saveText) {
    const saved = await saveText(fileName, text);
    return saved.ok ? null : saved.error.message;
  }
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}

/** An export of a record: recorded in the audit first; nothing leaves the app if that fails. */
export async function exportAudited(record: Omit<OpInput<'audit.record'>, 'action'>, fileName: string, mime: string, text: string): Promise<string | null> {
  const recorded = await call('audit.record', { action: 'export', ...record });
  if (!recorded.ok) return recorded.error.message;
  return downloadText(fileName, mime, text);
}

/** Copies text; false when the platform refuses (the caller then shows it to copy by hand). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
