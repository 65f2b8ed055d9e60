import { useSyncExternalStore } from 'react';

/**
 * Where the user is, kept in the URL hash so a reload (or a crash and restart of the
 * window) returns to the same case or lesion. No router library: five screens do not need one.
 */
export type Route =
  | { readonly screen: 'cases' }
  | { readonly screen: 'new-case' }
  | { readonly screen: 'settings' }
  | { readonly screen: 'case'; readonly caseId: string }
  | { readonly screen: 'lesion'; readonly lesionId: string }
  | { readonly screen: 'not-found'; readonly hash: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '') return { screen: 'cases' };
  if (path === '/new-case') return { screen: 'new-case' };
  if (path === '/settings') return { screen: 'settings' };
  const match = /^\/(case|lesion)\/([^/]+)$/.exec(path);
  if (match?.[1] && match[2]) {
    const id = decodeURIComponent(match[2]);
    return match[1] === 'case' ? { screen: 'case', caseId: id } : { screen: 'lesion', lesionId: id };
  }
  return { screen: 'not-found', hash };
}

export const href = {
  cases: (): string => '#/',
  newCase: (): string => '#/new-case',
  settings: (): string => '#/settings',
  case: (id: string): string => `#/case/${encodeURIComponent(id)}`,
  lesion: (id: string): string => `#/lesion/${encodeURIComponent(id)}`,
};

export function navigate(to: string): void {
  if (window.location.hash !== to) window.location.hash = to;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = (): string => window.location.hash;

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseRoute(hash);
}
