import { createHash, randomBytes } from 'node:crypto';

/**
 * The recovery code printed on the clinic's recovery sheet: 24 random characters (120 bits)
 * and 4 check characters, in Crockford's base32 (no I, L, O or U, so nothing reads as
 * another letter), in 7 groups of 4: `K7M2-9QXD-…`. Typing is forgiving (any case, spaces
 * or dashes, O for 0, I or L for 1); the check characters catch a typo before the slow key
 * derivation runs, and say so, instead of "wrong code".
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_CHARS = 24;
const CHECK_CHARS = 4;

export function newRecoveryCode(): string {
  const bytes = randomBytes(DATA_CHARS);
  const data = Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
  return group(data + checkOf(data));
}

/** The code as the key derivation takes it (the data characters), or why it cannot be one. */
export function readRecoveryCode(typed: string): { ok: true; secret: string } | { ok: false; message: string } {
  const text = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const stray = [...text].find((c) => !ALPHABET.includes(c));
  if (stray !== undefined) return { ok: false, message: `A recovery code has no "${stray}": check the code on the recovery sheet.` };
  if (text.length !== DATA_CHARS + CHECK_CHARS) {
    return { ok: false, message: `A recovery code has ${DATA_CHARS + CHECK_CHARS} characters in 7 groups of 4; this has ${text.length}.` };
  }
  const data = text.slice(0, DATA_CHARS);
  if (checkOf(data) !== text.slice(DATA_CHARS)) return { ok: false, message: 'That recovery code has a typing mistake: check each group against the recovery sheet.' };
  return { ok: true, secret: data };
}

function checkOf(data: string): string {
  const digest = createHash('sha256').update(`layermap-recovery:${data}`).digest();
  return Array.from(digest.subarray(0, CHECK_CHARS), (b) => ALPHABET[b & 31]).join('');
}

const group = (code: string): string => code.match(/.{4}/g)!.join('-');
