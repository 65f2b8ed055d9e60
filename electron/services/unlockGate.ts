import { unlockRequestSchema, type UnlockView } from '../../shared/api/unlock';
import { StoreOpenError } from '../store/open';
import { unlockClinicKeys, type UnlockInput } from './clinicKeys';
import type { ClinicKeys, ScryptCost } from './keyWrap';
import type { KeySealer } from './sealedKey';

/**
 * Between the clinic's keys and the store: Electron's main process (and the test host, when
 * told to ask) tries to find the keys at start; when it cannot by itself, the unlock page asks
 * for the clinic passphrase or the recovery code, one try at a time, until the keys open the
 * store. The keys go to `open` (which starts the store's thread) and nowhere else; the page
 * only ever sees an UnlockView. After a recovery code on a computer with a real key store,
 * unlockClinicKeys has sealed the keys for this computer, so the next start asks nothing.
 */
export interface UnlockGate {
  /** What the page shows now. */
  view(): UnlockView;
  /** One try from the page; answers once the store is open (or why not). */
  unlock(request: unknown): Promise<UnlockView>;
}

export interface GateOptions {
  /** Tests only: a cheaper key derivation for passphrase and recovery files they make. */
  readonly cost?: ScryptCost;
}

export async function openUnlockGate(databasePath: string, sealer: KeySealer, open: (keys: ClinicKeys) => Promise<void>, options: GateOptions = {}): Promise<UnlockGate> {
  let view: UnlockView = { state: 'needs-recovery', message: '' };
  // Tries run one after another: a double click must not unwrap (or reseal) twice at once.
  let queue: Promise<unknown> = Promise.resolve();

  async function attempt(input: UnlockInput): Promise<UnlockView> {
    if (view.state === 'open' || view.state === 'failed') return view;
    let answer: Awaited<ReturnType<typeof unlockClinicKeys>>;
    try {
      answer = await unlockClinicKeys(databasePath, sealer, input, options.cost);
    } catch (e) {
      // A sealed key this computer cannot open, or a damaged key file: the recovery code still can.
      const reason = e instanceof Error ? e.message : String(e);
      return (view = { state: 'needs-recovery', message: `${reason} Type the recovery code from the clinic's recovery sheet to open the database; nothing has been changed.` });
    }
    if (answer.kind === 'ready') {
      try {
        await open(answer.keys);
        view = { state: 'open' };
      } catch (e) {
        const reason = e instanceof StoreOpenError ? e.message : `Layermap could not open its database: ${e instanceof Error ? e.message : String(e)}`;
        view = { state: 'failed', message: reason };
      }
    } else if (answer.kind === 'needs-passphrase') {
      const recovering = input.recoveryCode !== undefined;
      const message = answer.message ?? (input.passphrase === '' ? 'Type the clinic passphrase.' : undefined);
      view = { state: 'needs-passphrase', firstTime: answer.firstTime, ...(recovering ? { recovering: true } : {}), ...(message ? { message } : {}) };
    } else {
      view = { state: 'needs-recovery', message: answer.message };
    }
    return view;
  }

  await attempt({});
  return {
    view: () => view,
    unlock(request) {
      const parsed = unlockRequestSchema.safeParse(request);
      if (!parsed.success) return Promise.resolve(view);
      const next = queue.then(() => attempt(withoutBlanks(parsed.data)));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

/** An empty recovery field is no recovery code (the page sends only what was typed). */
function withoutBlanks(request: { passphrase?: string; recoveryCode?: string }): UnlockInput {
  return {
    ...(request.passphrase !== undefined ? { passphrase: request.passphrase } : {}),
    ...(request.recoveryCode !== undefined && request.recoveryCode.trim() !== '' ? { recoveryCode: request.recoveryCode } : {}),
  };
}
