import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { canonicalJson } from '../../shared/audit';

/**
 * The chain head: the newest row's number and chain value, in a small file beside the
 * database, MACed with the audit key. Deleting the newest rows (and re-sealing nothing) leaves
 * the head pointing past the tail; recomputing the chain without the key leaves a head whose
 * value no row has. Written atomically (temp file, then rename), readable by the owner only.
 */
export interface ChainHead {
  readonly seq: number;
  readonly chain: string;
}

export type HeadReading =
  | { readonly kind: 'missing' }
  | { readonly kind: 'altered'; readonly detail: string }
  | ({ readonly kind: 'ok' } & ChainHead);

const FORMAT = 1;

const headMac = (key: Buffer, head: ChainHead): string =>
  createHmac('sha256', key).update(`layermap-audit-head:${canonicalJson({ format: FORMAT, seq: head.seq, chain: head.chain })}`).digest('hex');

export function writeHead(file: string, key: Buffer, head: ChainHead): void {
  const text = JSON.stringify({ format: FORMAT, seq: head.seq, chain: head.chain, mac: headMac(key, head) });
  const temp = `${file}.tmp`;
  fs.writeFileSync(temp, text, { mode: 0o600 });
  fs.renameSync(temp, file);
}

export function readHead(file: string, key: Buffer): HeadReading {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'altered', detail: `it could not be read (${(e as Error).message})` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'altered', detail: 'it is not the file Layermap writes' };
  }
  const h = parsed as { format?: unknown; seq?: unknown; chain?: unknown; mac?: unknown };
  if (h.format !== FORMAT || !Number.isSafeInteger(h.seq) || typeof h.chain !== 'string' || typeof h.mac !== 'string') {
    return { kind: 'altered', detail: 'it is not the file Layermap writes' };
  }
  const head = { seq: h.seq as number, chain: h.chain };
  const expected = Buffer.from(headMac(key, head));
  const given = Buffer.from(h.mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { kind: 'altered', detail: 'its seal does not match (it was edited, or written without the audit key)' };
  }
  return { kind: 'ok', ...head };
}
