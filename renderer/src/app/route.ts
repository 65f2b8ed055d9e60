import { useSyncExternalStore } from 'react';

/**
 * Where the user is, kept in the URL hash so a reload (or a crash and restart of the
 * window) returns to the same case or lesion. No router library: a handful of screens do not need one.
 */
export type Route =
  | { readonly screen: 'cases' }
  | { readonly screen: 'new-case' }
  | { readonly screen: 'settings' }
  | { readonly screen: 'audit' }
  | { readonly screen: 'case'; readonly caseId: string }
  | { readonly screen: 'lesion'; readonly lesionId: string }
  | { readonly screen: 'worklist'; readonly date: string | null }
  /** A range of dates of surgery; null: the page's default (this year so far). */
  | { readonly screen: 'statistics'; readonly from: string | null; readonly to: string | null }
  | { readonly screen: 'labels'; readonly lesionId: string; readonly stageNumber: number }
  /**
   * forArchive: the sheet printed into a case archive (an export), which never carries photos.
   * chart: the case's sheet and operative note printed as one PDF for the chart export, with photos only when chosen.
   */
  | {
      readonly screen: 'print';
      readonly kind: 'case' | 'lesion';
      readonly id: string;
      readonly paper: 'letter' | 'a4';
      readonly forArchive?: boolean;
      readonly chart?: { readonly photos: boolean };
    }
  | { readonly screen: 'not-found'; readonly hash: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '') return { screen: 'cases' };
  if (path === '/new-case') return { screen: 'new-case' };
  if (path === '/settings') return { screen: 'settings' };
  if (path === '/settings/audit') return { screen: 'audit' };
  const worklist = /^\/worklist(?:\/(\d{4}-\d{2}-\d{2}))?$/.exec(path);
  if (worklist) return { screen: 'worklist', date: worklist[1] ?? null };
  const statistics = /^\/statistics(?:\/(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2}))?$/.exec(path);
  if (statistics) return { screen: 'statistics', from: statistics[1] ?? null, to: statistics[2] ?? null };
  const labels = /^\/labels\/lesion\/([^/]+)\/stage\/([1-9]\d{0,2})$/.exec(path);
  if (labels?.[1] && labels[2]) return { screen: 'labels', lesionId: decodeURIComponent(labels[1]), stageNumber: Number(labels[2]) };
  const print = /^\/print\/(case|lesion)\/([^/]+?)(?:\/(letter|a4))?(\/archive)?$/.exec(path);
  if (print?.[1] && print[2]) {
    const paper = print[3] === 'a4' ? 'a4' : 'letter';
    return { screen: 'print', kind: print[1] === 'case' ? 'case' : 'lesion', id: decodeURIComponent(print[2]), paper, ...(print[4] ? { forArchive: true } : {}) };
  }
  // The chart export's page (electron/worker/archiveSheets.ts printedPagePath).
  const chart = /^\/print\/chart\/([^/]+?)\/(letter|a4)(\/photos)?$/.exec(path);
  if (chart?.[1] && chart[2]) {
    return { screen: 'print', kind: 'case', id: decodeURIComponent(chart[1]), paper: chart[2] === 'a4' ? 'a4' : 'letter', chart: { photos: chart[3] !== undefined } };
  }
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
  audit: (): string => '#/settings/audit',
  case: (id: string): string => `#/case/${encodeURIComponent(id)}`,
  lesion: (id: string): string => `#/lesion/${encodeURIComponent(id)}`,
  worklist: (date?: string): string => (date ? `#/worklist/${date}` : '#/worklist'),
  statistics: (from?: string, to?: string): string => (from && to ? `#/statistics/${from}/${to}` : '#/statistics'),
  labels: (lesionId: string, stageNumber: number): string => `#/labels/lesion/${encodeURIComponent(lesionId)}/stage/${stageNumber}`,
  print: (kind: 'case' | 'lesion', id: string, paper: 'letter' | 'a4' = 'letter'): string => `#/print/${kind}/${encodeURIComponent(id)}/${paper}`,
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
