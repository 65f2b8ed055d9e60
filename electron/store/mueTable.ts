import { builtInMueView, loadedMueTableSchema, loadedMueView, parseMueFile, type MueTableView } from '../../shared/coding';
import { AppFailure } from '../../shared/result';
import type { Db } from './engine/schema';
import { putSetting } from './settings';
import { appendAudit, type WriteContext } from './write';

/**
 * The MUE table a clinic loaded from the CMS file lives in one settings row (validated JSON),
 * not a table of its own: it is small (the codes the engine checks) and replaced whole.
 * getSettings ignores the key, so the clinic settings form never touches it.
 */
const KEY = 'mueTable';

/** The MUE values in force: the loaded file's, or the built-in ones until a file is loaded. */
export async function getMueTable(db: Db): Promise<MueTableView> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', KEY).executeTakeFirst();
  if (!row) return builtInMueView();
  let stored: unknown;
  try {
    stored = JSON.parse(row.value_json);
  } catch {
    stored = undefined;
  }
  if (stored === null) return builtInMueView();
  const parsed = loadedMueTableSchema.safeParse(stored);
  // Warn instead of guessing: the built-in values are used and the screen says why.
  if (!parsed.success) return builtInMueView('The MUE table stored earlier cannot be read, so the built-in values are used. Load the CMS file again.');
  return loadedMueView(parsed.data);
}

const store = (w: WriteContext, value: unknown): Promise<void> => putSetting(w, KEY, value);

/** Loads the CMS practitioner MUE CSV; a file that does not read changes nothing and says why. */
export async function loadMueFile(w: WriteContext, fileName: string, text: string): Promise<MueTableView> {
  const parsed = parseMueFile(text, fileName, w.now);
  if (!parsed.ok) throw new AppFailure(parsed.error.code, parsed.error.message);
  const before = await getMueTable(w.db);
  await store(w, parsed.value);
  const after = await getMueTable(w.db);
  await appendAudit(w, { entity: 'settings', entityId: KEY, action: 'update', before: auditForm(before), after: auditForm(after) });
  return after;
}

/** Goes back to the built-in values (e.g. a wrong file was loaded). */
export async function resetMueTable(w: WriteContext): Promise<MueTableView> {
  const before = await getMueTable(w.db);
  await store(w, null);
  const after = await getMueTable(w.db);
  await appendAudit(w, { entity: 'settings', entityId: KEY, action: 'update', before: auditForm(before), after: auditForm(after) });
  return after;
}

/** What the audit keeps of a table: where it came from and each code's value and indicator. */
function auditForm(v: MueTableView): unknown {
  return {
    origin: v.origin,
    fileName: v.fileName,
    quarter: v.quarter,
    entries: v.entries.map((e) => ({ code: e.code, units: e.units, adjudicationIndicator: e.adjudicationIndicator })),
  };
}
