import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/records';
import type { Db } from './engine/schema';
import { appendAudit, type WriteContext } from './write';

/**
 * Settings are stored one key a row so a newer app can add keys without a migration;
 * each stored value is validated on read and a bad one falls back to the default.
 */
/**
 * One setting, read and validated alone (a map save needs only the block label convention:
 * reading and checking every setting on each gesture was a good part of its cost).
 */
export async function getSetting<K extends keyof Settings>(db: Db, key: K): Promise<Settings[K]> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', key).executeTakeFirst();
  return settingFromJson(key, row?.value_json);
}

/** One setting from its stored text (none stored, or one this version cannot read: its default). */
export function settingFromJson<K extends keyof Settings>(key: K, json: string | null | undefined): Settings[K] {
  if (json == null) return DEFAULT_SETTINGS[key];
  const checked = settingsSchema.shape[key].safeParse(JSON.parse(json) as unknown);
  return checked.success ? (checked.data as Settings[K]) : DEFAULT_SETTINGS[key];
}

export async function getSettings(db: Db): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value_json']).execute();
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) {
    if (!(r.key in DEFAULT_SETTINGS)) continue;
    const candidate = { ...merged, [r.key]: JSON.parse(r.value_json) as unknown };
    if (settingsSchema.safeParse(candidate).success) merged[r.key] = candidate[r.key];
  }
  return settingsSchema.parse(merged);
}

/** Writes one settings row, created at version 1 or moved on by one. */
export async function putSetting(w: WriteContext, key: string, value: unknown): Promise<void> {
  await w.db
    .insertInto('settings')
    .values({ key, value_json: JSON.stringify(value), version: 1, updated_at: w.now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        value_json: eb.ref('excluded.value_json'),
        version: eb('settings.version', '+', 1),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function updateSettings(w: WriteContext, patch: Partial<Settings>): Promise<Settings> {
  const before = await getSettings(w.db);
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) await putSetting(w, key, value);
  }
  const after = await getSettings(w.db);
  await appendAudit(w, { entity: 'settings', entityId: 'clinic', action: 'update', before, after });
  return after;
}
