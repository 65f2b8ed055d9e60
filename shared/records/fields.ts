import { z } from 'zod';

/**
 * Field schemas shared by every record. Messages are written for clinicians: they say
 * which field is wrong and what to enter instead.
 */
export const isoDate = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} must be a date such as 2026-03-14.` })
    .refine((s) => isRealDate(s), { error: `${label} is not a real calendar date.` });

export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, { error: `${label} is required.` })
    .max(max, { error: `${label} must be at most ${max} characters.` });

/** Characters that print nothing: zero-width spaces and joiners, the BOM, bidi controls. */
const INVISIBLE = /[\p{Cf}\p{Zs}\p{Zl}\p{Zp}\s]/gu;
/** Control characters (tabs, line breaks, NUL, escapes): never part of a name. */
const CONTROL = /\p{Cc}/u;

/**
 * A person's or user's name on one line: something a reader can see. Zero-width joiners stay
 * allowed inside a name (some scripts need them), but a name made only of invisible
 * characters, or holding control characters, is refused.
 */
export const personName = (label: string, max = 100) =>
  requiredText(label, max)
    .refine((s) => !CONTROL.test(s), { error: `${label} contains a control character (such as a line break or tab); type it again.` })
    .refine((s) => s.replace(INVISIBLE, '').length > 0, { error: `${label} has no visible letters; type it again.` });

/** Today as YYYY-MM-DD in UTC; dates are compared as strings of this form. */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** The date `years` from `date` (YYYY-MM-DD), 29 February falling to 28 February. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  if (t.getUTCDate() !== d) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
}

export const optionalText = (label: string, max = 2000) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters.` })
    .default('');

export const recordId = (label: string) =>
  z.string({ error: `${label} is missing.` }).min(1, { error: `${label} is missing.` }).max(64);

export const version = z.number({ error: 'Record version is missing.' }).int().min(1);

export function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  if (y < 1850 || y > 2200) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Every stored record carries these: who/when it was made and a version for stale-write checks. */
export interface Stamped {
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Turns a schema failure into one message per field path, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** One readable sentence for a whole schema failure, for results that cross the boundary. */
export function describeIssues(error: z.ZodError): string {
  const messages = [...new Set(error.issues.map((i) => i.message))];
  return messages.slice(0, 4).join(' ');
}
