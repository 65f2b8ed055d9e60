import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file the user exported (CSV, PDF) readable and writable by its owner only (0600):
 * it may hold patient data. `writeFile(…, {mode})` is not enough: the mode applies only to a
 * file it creates, so saving over an existing 0644 file would keep it readable by everyone.
 * So the bytes go to a new temp file beside the target (created 0600, then chmod in case of an
 * odd umask), which is renamed over it: the target is never a moment readable by others.
 */
export async function writeOwnerOnly(file: string, data: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw e;
  }
  await handle.close();
  try {
    await fs.rename(temp, file);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
}
