import type Database from 'better-sqlite3';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/records';
import { appendAudit, type WriteContext } from './write';

/**
 * Settings are stored one key a row so a newer app can add keys without a migration;
 * each stored value is validated on read and a bad one falls back to the default.
 */
export function getSettings(db: Database.Database): Settings {
  const rows = db.prepare('SELECT key, value_json FROM settings').all() as { key: string; value_json: string }[];
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) {
    if (!(r.key in DEFAULT_SETTINGS)) continue;
    const candidate = { ...merged, [r.key]: JSON.parse(r.value_json) as unknown };
    if (settingsSchema.safeParse(candidate).success) merged[r.key] = candidate[r.key];
  }
  return settingsSchema.parse(merged);
}

export function updateSettings(w: WriteContext, patch: Partial<Settings>): Settings {
  const before = getSettings(w.db);
  const upsert = w.db.prepare(
    `INSERT INTO settings (key, value_json, version, updated_at) VALUES (?, ?, 1, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, version = version + 1, updated_at = excluded.updated_at`,
  );
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) upsert.run(key, JSON.stringify(value), w.now);
  }
  const after = getSettings(w.db);
  appendAudit(w, { entity: 'settings', entityId: 'clinic', action: 'update', before, after });
  return after;
}
