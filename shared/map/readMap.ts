import { MAP_DOCUMENT_VERSION, storedMapSchema, type MapDocument } from './document';
import { upgradeMapDocument } from './upgrade';

// Its own module so document.ts (the current schema) and upgrade.ts (which validates older
// versions with the current schema's parts) do not import each other.

/**
 * Reads a stored document: upgrades older versions, then validates. A document that fails
 * is reported, never guessed at, so a damaged map is not silently replaced.
 */
export function parseMapDocument(json: unknown): { ok: true; doc: MapDocument } | { ok: false; reason: string } {
  const version = typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (typeof version === 'number' && version > MAP_DOCUMENT_VERSION) {
    return { ok: false, reason: `This map was saved by a newer Layermap (map version ${version}); update Layermap to open it.` };
  }
  const upgraded = upgradeMapDocument(json);
  if (!upgraded.ok) return upgraded;
  const parsed = storedMapSchema.safeParse(upgraded.json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: `The stored map is not valid (${first ? `${first.path.join('.')}: ${first.message}` : 'unknown problem'}).` };
  }
  return { ok: true, doc: parsed.data };
}
