import { AppFailure } from '../../shared/result';
import { appendAudit } from '../store/write';
import { confirmRecoveryFile, hasConfirmedRecoveryFile, writeRecoveryFile } from './clinicKeys';
import { asUser, type ServiceContext } from './context';
import type { ScryptCost } from './keyWrap';

/**
 * A new recovery code for the recovery sheet, wrapping the keys this store was opened with:
 * written beside `<db>.recovery` as `.pending`, so the code printed before keeps working until
 * the administrator confirms the new sheet is printed and kept (confirmRecoveryCode). The audit
 * records that a code was made and confirmed, never the code. The password was checked again
 * before this (handlers.ts).
 */
export async function newRecoveryCode(ctx: ServiceContext, cost?: ScryptCost): Promise<{ code: string }> {
  const keys = ctx.clinicKeys;
  if (!keys) throw new AppFailure('invalid_input', 'This database was opened without its keys, so no recovery code can be made here.');
  // Audited first: if the file cannot be written the event stays, but no code is shown.
  await asUser(ctx, (w) => appendAudit(w, { entity: 'settings', entityId: 'recovery', action: 'recovery-code', before: null, after: null }));
  return { code: await writeRecoveryFile(ctx.store.path, keys, cost) };
}

/** "I have printed it…" ticked and Continue pressed: the new code replaces the old one. */
export async function confirmRecoveryCode(ctx: ServiceContext): Promise<{ confirmed: true }> {
  if (!confirmRecoveryFile(ctx.store.path)) {
    throw new AppFailure('invalid_input', 'There is no new recovery code waiting to be confirmed (Layermap was restarted since it was shown). Make a new one from Settings › Recovery code; the code printed before still works.');
  }
  await asUser(ctx, (w) => appendAudit(w, { entity: 'settings', entityId: 'recovery', action: 'recovery-code-confirmed', before: null, after: null }));
  return { confirmed: true };
}

/** Whether this database has a confirmed recovery file (clinics set up before the recovery sheet have none). */
export async function recoveryCodeStatus(ctx: ServiceContext): Promise<{ confirmed: boolean; byServer?: boolean }> {
  // Clinic mode: the records are on the server (its own backups and disk encryption), not in a file this computer's keys open.
  if (ctx.store.engine !== 'sqlite') return { confirmed: false, byServer: true };
  return { confirmed: hasConfirmedRecoveryFile(ctx.store.path) };
}
