import type { BlockLabelConvention } from '../records/settings';

const ROMAN: readonly [number, string][] = [
  [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

export function toRoman(n: number): string {
  let rest = n;
  let s = '';
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      s += letters;
      rest -= value;
    }
  }
  return s;
}

/** 1 → A … 26 → Z, 27 → AA: block letters never run out. */
export function toLetters(n: number): string {
  let rest = n;
  let s = '';
  while (rest > 0) {
    rest -= 1;
    s = String.fromCharCode(65 + (rest % 26)) + s;
    rest = Math.floor(rest / 26);
  }
  return s;
}

/** A block's label by the clinic's convention: stage 2 block 3 → "2-3", "II-3", "2C" or "2-C". */
export function blockLabel(convention: BlockLabelConvention, stage: number, block: number): string {
  switch (convention) {
    case 'stage-dash-number':
      return `${stage}-${block}`;
    case 'roman-dash-number':
      return `${toRoman(stage)}-${block}`;
    case 'stage-letter':
      return `${stage}${toLetters(block)}`;
    case 'stage-dash-letter':
      return `${stage}-${toLetters(block)}`;
  }
}
