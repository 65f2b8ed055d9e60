import { AppFailure } from '../../shared/result';
import { appendAudit } from '../store/write';
import { writeRecoveryFile } from './clinicKeys';
import { asUser, type ServiceContext } from './context';
import type { ScryptCost } from './keyWrap';

/**
 * A new recovery code for the recovery sheet: `<db>.recovery` is rewritten with the keys this
 * store was opened with, so the code printed before stops working. The audit records that a
 * code was made, never the code. The password was checked again before this (handlers.ts).
 */
export async function newRecoveryCode(ctx: ServiceContext, cost?: ScryptCost): Promise<{ code: string }> {
  const keys = ctx.clinicKeys;
  if (!keys) throw new AppFailure('invalid_input', 'This database was opened without its keys, so no recovery code can be made here.');
  // Audited first: if the file cannot be written the event stays, but no code is shown.
  await asUser(ctx, (w) => appendAudit(w, { entity: 'settings', entityId: 'recovery', action: 'recovery-code', before: null, after: null }));
  return { code: await writeRecoveryFile(ctx.store.path, keys, cost) };
}
