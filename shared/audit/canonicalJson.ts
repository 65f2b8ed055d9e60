/**
 * Canonical JSON text: object keys sorted by code unit, no whitespace, as JSON.stringify
 * writes strings and numbers. The audit chain MACs this text, so the same row gives the
 * same bytes on any engine and in any later version of the app (RFC 8785's key order; our
 * rows hold only strings, integers and null, where the two agree).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new Error(`canonicalJson: ${typeof value} has no JSON form`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
