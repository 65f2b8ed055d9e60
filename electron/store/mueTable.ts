import type Database from 'better-sqlite3';
import { builtInMueView, loadedMueTableSchema, loadedMueView, parseMueFile, type MueTableView } from '../../shared/coding';
import { AppFailure } from '../../shared/result';
import { appendAudit, type WriteContext } from './write';

/**
 * The MUE table a clinic loaded from the CMS file lives in one settings row (validated JSON),
 * not a table of its own: it is small (the codes the engine checks) and replaced whole.
 * getSettings ignores the key, so the clinic settings form never touches it.
 */
const KEY = 'mueTable';

/** The MUE values in force: the loaded file's, or the built-in ones until a file is loaded. */
export function getMueTable(db: Database.Database): MueTableView {
  const row = db.prepare('SELECT value_json FROM settings WHERE key = ?').get(KEY) as { value_json: string } | undefined;
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

function store(w: WriteContext, value: unknown): void {
  w.db
    .prepare(
      `INSERT INTO settings (key, value_json, version, updated_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, version = version + 1, updated_at = excluded.updated_at`,
    )
    .run(KEY, JSON.stringify(value), w.now);
}

/** Loads the CMS practitioner MUE CSV; a file that does not read changes nothing and says why. */
export function loadMueFile(w: WriteContext, fileName: string, text: string): MueTableView {
  const parsed = parseMueFile(text, fileName, w.now);
  if (!parsed.ok) throw new AppFailure(parsed.error.code, parsed.error.message);
  const before = getMueTable(w.db);
  store(w, parsed.value);
  const after = getMueTable(w.db);
  appendAudit(w, { entity: 'settings', entityId: KEY, action: 'update', before: auditForm(before), after: auditForm(after) });
  return after;
}

/** Goes back to the built-in values (e.g. a wrong file was loaded). */
export function resetMueTable(w: WriteContext): MueTableView {
  const before = getMueTable(w.db);
  store(w, null);
  const after = getMueTable(w.db);
  appendAudit(w, { entity: 'settings', entityId: KEY, action: 'update', before: auditForm(before), after: auditForm(after) });
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
