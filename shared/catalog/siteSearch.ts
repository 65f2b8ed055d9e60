// Finds anatomic sites from what a clinician types ("R dorsal hand", "ala nasi", "nas al").
// The catalog is under a hundred sites, so a linear scan over pre-normalised names is
// fast enough for every keystroke and keeps the ranking easy to reason about.

import { ANATOMIC_SITES, type AnatomicSite } from './anatomicSites';

export type Laterality = 'left' | 'right';

const LEFT_WORDS: ReadonlySet<string> = new Set(['left', 'lt', 'l']);
const RIGHT_WORDS: ReadonlySet<string> = new Set(['right', 'rt', 'r']);
const BOTH_WORDS: ReadonlySet<string> = new Set(['bilateral', 'bilat', 'both']);
/** Words that say nothing about the site; dropped from both query and names. */
const FILLER_WORDS: ReadonlySet<string> = new Set([
  'of', 'the', 'on', 'at', 'in', 'to', 'and', 'skin', 'area', 'region', 'sided',
]);

/** Lowercase words, punctuation as separators, plural 's' folded so "cheeks" finds "cheek". */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

function isSideWord(w: string): boolean {
  return LEFT_WORDS.has(w) || RIGHT_WORDS.has(w) || BOTH_WORDS.has(w);
}

/**
 * Words that can name a site: fillers and side words dropped. "L" and "R" always mean a
 * side, so a search typed one letter at a time starts matching at "lo", "ra".
 */
function siteWords(text: string): string[] {
  return words(text).filter((w) => !FILLER_WORDS.has(w) && !isSideWord(w));
}

/**
 * The side named in free text, if exactly one side is named. "bilateral", or both sides
 * named, gives undefined: the caller should ask rather than guess.
 */
export function detectLaterality(text: string): Laterality | undefined {
  const all = words(text);
  if (all.some((w) => BOTH_WORDS.has(w))) return undefined;
  const left = all.some((w) => LEFT_WORDS.has(w));
  const right = all.some((w) => RIGHT_WORDS.has(w));
  if (left === right) return undefined;
  return left ? 'left' : 'right';
}

interface IndexedName {
  readonly words: readonly string[];
  readonly phrase: string;
  readonly isLabel: boolean;
}

interface IndexedSite {
  readonly site: AnatomicSite;
  readonly order: number;
  readonly names: readonly IndexedName[];
}

const INDEX: readonly IndexedSite[] = ANATOMIC_SITES.map((site, order) => ({
  site,
  order,
  names: [
    { text: site.label, isLabel: true },
    ...site.synonyms.map((text) => ({ text, isLabel: false })),
  ].map(({ text, isLabel }) => {
    const w = siteWords(text);
    return { words: w, phrase: w.join(' '), isLabel };
  }),
}));

// Score bands: an exact phrase beats the same words in another order, which beats any
// partial match (partial scores stay below 200).
const EXACT_LABEL = 1000;
const EXACT_SYNONYM = 950;
const SAME_WORDS_LABEL = 900;
const SAME_WORDS_SYNONYM = 850;

/** Quality of one query word against one name word: 1 exact, below 1 a prefix, 0 none. */
function wordMatch(q: string, n: string): number {
  if (q === n) return 1;
  if (n.startsWith(q)) return 0.5 + 0.4 * (q.length / n.length);
  return 0;
}

function scoreName(query: readonly string[], queryPhrase: string, name: IndexedName): number {
  if (name.words.length === 0) return 0;
  if (name.phrase === queryPhrase) return name.isLabel ? EXACT_LABEL : EXACT_SYNONYM;

  // Each query word claims the best still-unclaimed name word (exact before prefix).
  const used = new Array<boolean>(name.words.length).fill(false);
  let matchedQueryWords = 0;
  let quality = 0;
  let allExact = true;
  for (const q of query) {
    let best = 0;
    let bestAt = -1;
    name.words.forEach((n, i) => {
      if (used[i]) return;
      const m = wordMatch(q, n);
      if (m > best) {
        best = m;
        bestAt = i;
      }
    });
    if (bestAt < 0) {
      allExact = false;
      continue;
    }
    used[bestAt] = true;
    matchedQueryWords += 1;
    quality += best;
    if (best < 1) allExact = false;
  }
  if (matchedQueryWords === 0) return 0;
  if (allExact && matchedQueryWords === name.words.length) {
    return name.isLabel ? SAME_WORDS_LABEL : SAME_WORDS_SYNONYM;
  }
  const queryUse = matchedQueryWords / query.length;
  const coverage = quality / name.words.length;
  return 100 * queryUse + 50 * coverage + (name.isLabel ? 1 : 0);
}

/**
 * Sites matching free text, best first. Laterality words are ignored (read them with
 * detectLaterality); word order, punctuation and extra words are tolerated; words may be
 * typed as prefixes. Empty text, or text that is only a side, gives [].
 */
export function searchSites(text: string, limit = 10): AnatomicSite[] {
  const query = siteWords(text);
  if (query.length === 0 || limit <= 0) return [];
  const queryPhrase = query.join(' ');
  const scored: { entry: IndexedSite; score: number }[] = [];
  for (const entry of INDEX) {
    let score = 0;
    for (const name of entry.names) score = Math.max(score, scoreName(query, queryPhrase, name));
    if (score > 0) scored.push({ entry, score });
  }
  scored.sort((a, b) => b.score - a.score || a.entry.order - b.entry.order);
  return scored.slice(0, limit).map((s) => s.entry.site);
}
