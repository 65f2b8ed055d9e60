/**
 * The form names and MRNs are compared in: lower case, accents and punctuation removed,
 * so "O'Brien", "obrien" and "Óbrien" find the same patient.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The smallest string greater than every string that starts with `prefix`, for index range scans. */
export function prefixEnd(prefix: string): string {
  return prefix + '\u{10FFFF}';
}
