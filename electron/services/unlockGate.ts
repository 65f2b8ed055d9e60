import { unlockRequestSchema, type UnlockView } from '../../shared/api/unlock';
import { StoreOpenError } from '../store/open';
import { unlockClinicKeys, type KeysAnswer, type UnlockInput } from './clinicKeys';
import type { ClinicKeys, ScryptCost } from './keyWrap';
import { TryThrottle } from './tryThrottle';
import type { KeySealer } from './sealedKey';

/**
 * Between the clinic's keys and the store: Electron's main process (and the test host, when
 * told to ask) tries to find the keys at start; when it cannot by itself, the unlock page asks
 * for the clinic passphrase or the recovery code, one try at a time, until the keys open the
 * store. The keys go to `open` (which starts the store's thread) and nowhere else; the page
 * only ever sees an UnlockView. Keys from the recovery code are stored for this computer
 * (sealed, or under a new passphrase) only after they opened THIS database, so a recovery file
 * of another database never replaces this computer's key files.
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
  /** Tests only: a fake clock for the wait between wrong tries. */
  readonly now?: () => number;
}

export async function openUnlockGate(databasePath: string, sealer: KeySealer, open: (keys: ClinicKeys) => Promise<void>, options: GateOptions = {}): Promise<UnlockGate> {
  let view: UnlockView = { state: 'needs-recovery', message: '' };
  // Tries run one after another: a double click must not unwrap (or reseal) twice at once.
  let queue: Promise<unknown> = Promise.resolve();
  const throttle = new TryThrottle(options.now ?? Date.now);

  async function attempt(input: UnlockInput): Promise<UnlockView> {
    if (view.state === 'open' || view.state === 'failed') return view;
    const wait = throttle.waitMs();
    if (wait > 0 && (input.passphrase !== undefined || input.recoveryCode !== undefined)) {
      return (view = { ...view, message: `Too many wrong tries. Wait ${Math.ceil(wait / 1000)} s before the next try; nothing has been changed.` });
    }
    let answer: KeysAnswer;
    try {
      answer = await unlockClinicKeys(databasePath, sealer, input, options.cost);
    } catch (e) {
      // A sealed key this computer cannot open, or a damaged key file: the recovery code still can.
      const reason = e instanceof Error ? e.message : String(e);
      return (view = { state: 'needs-recovery', message: `${reason} Type the recovery code from the clinic's recovery sheet to open the database; nothing has been changed.` });
    }
    if (answer.kind !== 'ready') {
      if (answer.wrongSecret) throttle.failed();
      const message = answer.kind === 'needs-passphrase' ? (answer.message ?? (input.passphrase === '' ? 'Type the clinic passphrase.' : undefined)) : answer.message;
      view =
        answer.kind === 'needs-passphrase'
          ? { state: 'needs-passphrase', firstTime: answer.firstTime, ...(input.recoveryCode !== undefined ? { recovering: true } : {}), ...(message ? { message } : {}) }
          : { state: 'needs-recovery', message: answer.message };
      if (answer.wrongSecret && throttle.waitMs() > 0) view = { ...view, message: `${message ?? ''} Wait ${Math.ceil(throttle.waitMs() / 1000)} s before the next try.`.trim() };
      return view;
    }
    try {
      await open(answer.keys);
    } catch (e) {
      if (e instanceof StoreOpenError && e.kind === 'wrong-key') return (view = { state: 'needs-recovery', message: notThisDatabase(databasePath, input) });
      const reason = e instanceof StoreOpenError ? e.message : `Layermap could not open its database: ${e instanceof Error ? e.message : String(e)}`;
      return (view = { state: 'failed', message: reason });
    }
    throttle.succeeded();
    view = { state: 'open' };
    if (answer.persist) {
      try {
        await answer.persist();
      } catch (e) {
        // The keys are right and the database is open: only storing them for next time failed.
        const reason = e instanceof Error ? e.message : String(e);
        view = { state: 'open', notice: `The code is right, but this computer could not store the key: ${reason}. The database is open for this session; at the next start the recovery code will be asked again.` };
      }
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

/** The keys found did not open the file: another database's recovery file, or key files copied from elsewhere. */
function notThisDatabase(databasePath: string, input: UnlockInput): string {
  if (input.recoveryCode !== undefined) {
    return `This recovery code belongs to another database: the recovery file beside ${databasePath} opens, but its keys do not open this database. Put back this database's own recovery file and use its own recovery sheet; nothing has been changed.`;
  }
  return `The key files beside ${databasePath} belong to another database (their keys do not open it). Type the recovery code from this clinic's recovery sheet to open it; nothing has been changed.`;
}

/** An empty recovery field is no recovery code (the page sends only what was typed). */
function withoutBlanks(request: { passphrase?: string; recoveryCode?: string }): UnlockInput {
  return {
    ...(request.passphrase !== undefined ? { passphrase: request.passphrase } : {}),
    ...(request.recoveryCode !== undefined && request.recoveryCode.trim() !== '' ? { recoveryCode: request.recoveryCode } : {}),
  };
}
