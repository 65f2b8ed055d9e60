import type { Signature } from '../../../../shared/records';

const pad = (n: number) => String(n).padStart(2, '0');

/** A stored timestamp on this computer's calendar and clock: 2026-03-14 14:05. */
export function localDateTime(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

/** "Signed by Dr Ana Mendez on 2026-03-14 14:05". */
export const signedText = (s: Signature): string => `Signed by ${s.signedByName} on ${localDateTime(s.signedAt)}`;
