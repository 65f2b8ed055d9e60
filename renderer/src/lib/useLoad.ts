import { useCallback, useEffect, useState } from 'react';
import type { AppError, Result } from '../../../shared/result';

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'error'; readonly error: AppError };

/**
 * Runs a read call when `key` changes and keeps its latest answer. Answers to an older
 * key are dropped, so a slow reply for a previous case never shows under a newer one.
 */
export function useLoad<T>(
  key: string,
  load: () => Promise<Result<T>>,
): {
  readonly loaded: Loaded<T>;
  /** False while the answer on screen is for an earlier key (e.g. the previous search text). */
  readonly fresh: boolean;
  readonly reload: () => void;
  readonly replace: (value: T) => void;
} {
  const [state, setState] = useState<{ key: string; loaded: Loaded<T> }>({ key, loaded: { status: 'loading' } });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    void load().then((result) => {
      if (!current) return;
      setState({ key, loaded: result.ok ? { status: 'ok', value: result.value } : { status: 'error', error: result.error } });
    });
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` names what it loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  const replace = useCallback((value: T) => setState((s) => ({ key: s.key, loaded: { status: 'ok', value } })), []);
  return { loaded: state.loaded, fresh: state.key === key && state.loaded.status !== 'loading', reload, replace };
}
