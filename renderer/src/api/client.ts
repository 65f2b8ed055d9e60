import type { OperationName, OpInput, OpResult } from '../../../shared/api';
import { httpPathFor } from '../../../shared/api/operations';
import type { Result } from '../../../shared/result';

/**
 * The renderer's single door to the main side. It picks the transport once at start:
 * the Electron preload bridge when present, else the test host's HTTP API (development
 * and tests), which accepts the page by its HttpOnly cookie (set when the page was opened
 * at the host's one-time address); no script here ever sees the token.
 */
type Bridge = { readonly [K in OperationName]: (input: unknown) => Promise<Result<unknown>> };

declare global {
  interface Window {
    readonly layermap?: Bridge;
  }
}

type Transport = (name: OperationName, input: unknown) => Promise<Result<unknown>>;

function chooseTransport(): Transport {
  const bridge = window.layermap;
  if (bridge) return (name, input) => bridge[name](input);
  return async (name, input) => {
    const response = await fetch(httpPathFor(name), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    return (await response.json()) as Result<unknown>;
  };
}

let transport: Transport | undefined;

/** Told when the main side says the session is locked (a call refused with 'locked'). */
const lockedListeners = new Set<() => void>();
export function onLockedRefusal(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

/** Told when the main side says nobody is signed in (e.g. it restarted), so the UI can ask again. */
const sessionLostListeners = new Set<() => void>();
export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

/** Told when a call met the clinic server unreachable (clinic mode), so a banner can say so. */
const unreachableListeners = new Set<() => void>();
export function onUnreachableRefusal(listener: () => void): () => void {
  unreachableListeners.add(listener);
  return () => unreachableListeners.delete(listener);
}

export async function call<K extends OperationName>(name: K, input: OpInput<K>): Promise<Result<OpResult<K>>> {
  transport ??= chooseTransport();
  try {
    const result = (await transport(name, input)) as Result<OpResult<K>>;
    if (!result.ok && result.error.code === 'no_user') for (const l of sessionLostListeners) l();
    if (!result.ok && result.error.code === 'locked') for (const l of lockedListeners) l();
    if (!result.ok && result.error.code === 'unreachable') for (const l of unreachableListeners) l();
    return result;
  } catch (e) {
    // A transport failure (host gone, IPC torn down) is still reported as data.
    return {
      ok: false,
      error: { code: 'internal', message: `Layermap lost contact with its database (${String(e)}). Nothing new was saved; restart the app.` },
    };
  }
}
