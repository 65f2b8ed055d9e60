import type { OperationName, OpInput, OpResult } from '../../../shared/api';
import { httpPathFor } from '../../../shared/api/operations';
import type { Result } from '../../../shared/result';

/**
 * The renderer's single door to the main side. It picks the transport once at start:
 * the Electron preload bridge when present, else the test host's HTTP API (development
 * and tests), which needs the per-run token the host wrote into the page.
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
  const token = document.querySelector<HTMLMetaElement>('meta[name="layermap-host-token"]')?.content;
  if (token) {
    return async (name, input) => {
      const response = await fetch(httpPathFor(name), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-layermap-token': token },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Result<unknown>;
    };
  }
  return async () => ({
    ok: false,
    error: { code: 'internal', message: 'Layermap cannot reach its database: open it from the Layermap app.' },
  });
}

let transport: Transport | undefined;

/** Told when the main side says nobody is signed in (e.g. it restarted), so the UI can ask again. */
const sessionLostListeners = new Set<() => void>();
export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

export async function call<K extends OperationName>(name: K, input: OpInput<K>): Promise<Result<OpResult<K>>> {
  transport ??= chooseTransport();
  try {
    const result = (await transport(name, input)) as Result<OpResult<K>>;
    if (!result.ok && result.error.code === 'no_user') for (const l of sessionLostListeners) l();
    return result;
  } catch (e) {
    // A transport failure (host gone, IPC torn down) is still reported as data.
    return {
      ok: false,
      error: { code: 'internal', message: `Layermap lost contact with its database (${String(e)}). Nothing new was saved; restart the app.` },
    };
  }
}

export function transportKind(): 'electron' | 'test-host' | 'none' {
  if (window.layermap) return 'electron';
  return document.querySelector('meta[name="layermap-host-token"]') ? 'test-host' : 'none';
}
