import type Database from 'better-sqlite3';
import type { Migration } from './types';

/**
 * Clinic-grade uniqueness, for several workstations writing at once (issue 14): a block label
 * once per stage, an accession number once per clinic (one database is one clinic).
 *
 * Block labels are printed on the slides, so a database that already has a label twice in a
 * stage is never renumbered: the upgrade is refused before anything is written (refuse below,
 * run by open.ts before its upgrade copy) and the file stays as it was.
 *
 * Accession numbers come from the lab, so changing one is not Layermap's to do either; but
 * cases that already share one must not stop the clinic from opening its records. Of each group
 * sharing a number, all but the first case are named in the index as exempt (each keys on its
 * own id); the first keeps the number in the index, so no further case can take it, and the shared numbers are reported in a settings row (SHARED_ACCESSIONS_KEY)
 * and on the console. The store refuses a new duplicate itself (cases.ts), exempt or not.
 */
export const SHARED_ACCESSIONS_KEY = 'upgrade.sharedAccessionNumbers';

interface DuplicateLabel {
  readonly lesion: string;
  readonly stage: number;
  readonly label: string;
  readonly n: number;
}

/** The refusal, or null when no stage has a block label twice. */
export function duplicateLabelRefusal(rows: readonly DuplicateLabel[]): string | null {
  if (rows.length === 0) return null;
  const list = rows
    .slice(0, 5)
    .map((r) => `lesion ${r.lesion} stage ${r.stage}: block ${r.label} ${r.n} times`)
    .join('; ');
  const more = rows.length > 5 ? ` and ${rows.length - 5} more` : '';
  return (
    `This database has blocks with the same label in one stage (${list}${more}). Block labels are printed on ` +
    'the slides, so Layermap will not renumber them, and this version needs each label once per stage. ' +
    'The database was not upgraded and was left exactly as it was; ask Layermap support before relabelling any slide.'
  );
}

function duplicateLabels(db: Database.Database): DuplicateLabel[] {
  return db
    .prepare(
      `SELECT l.label AS lesion, s.number AS stage, b.label AS label, count(*) AS n
         FROM blocks b JOIN stages s ON s.id = b.stage_id JOIN lesions l ON l.id = s.lesion_id
        GROUP BY b.stage_id, b.label HAVING count(*) > 1
        ORDER BY l.label, s.number, b.label`,
    )
    .all() as DuplicateLabel[];
}

/** Cases that share a non-empty accession number, grouped by it. */
function sharedAccessions(db: Database.Database): { accessionNumber: string; caseIds: string[] }[] {
  const rows = db
    .prepare(
      `SELECT accession_number AS a, id FROM cases WHERE accession_number IN
         (SELECT accession_number FROM cases WHERE accession_number <> '' GROUP BY accession_number HAVING count(*) > 1)
       ORDER BY accession_number, id`,
    )
    .all() as { a: string; id: string }[];
  const groups = new Map<string, string[]>();
  for (const r of rows) groups.set(r.a, [...(groups.get(r.a) ?? []), r.id]);
  return [...groups].map(([accessionNumber, caseIds]) => ({ accessionNumber, caseIds }));
}

const quoted = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The accession index: exempt cases (already sharing a number at the upgrade) key on their own id. */
export function accessionIndexSql(exempt: readonly string[]): string {
  if (exempt.length === 0) return `CREATE UNIQUE INDEX cases_accession ON cases (accession_number) WHERE accession_number <> ''`;
  const list = exempt.map(quoted).join(', ');
  return `CREATE UNIQUE INDEX cases_accession ON cases (accession_number, (CASE WHEN id IN (${list}) THEN id ELSE '' END)) WHERE accession_number <> ''`;
}

export const uniqueLabels: Migration = {
  version: 10,
  name: 'unique-labels',
  refuse: (db) => duplicateLabelRefusal(duplicateLabels(db)),
  up: (db) => {
    const refusal = duplicateLabelRefusal(duplicateLabels(db));
    if (refusal !== null) throw new Error(refusal);
    db.exec(`CREATE UNIQUE INDEX blocks_stage_label ON blocks (stage_id, label)`);
    const shared = sharedAccessions(db);
    db.exec(accessionIndexSql(shared.flatMap((g) => g.caseIds.slice(1))));
    if (shared.length > 0) {
      db.prepare(`INSERT INTO settings (key, value_json, version, updated_at) VALUES (?, ?, 1, ?)`).run(
        SHARED_ACCESSIONS_KEY,
        JSON.stringify(shared),
        new Date().toISOString(),
      );
      console.warn(
        `[layermap] upgrade 10: ${shared.length} accession number(s) are shared by several cases and were kept as they are: ` +
          shared.map((g) => `${g.accessionNumber} (${g.caseIds.length} cases)`).join(', '),
      );
    }
  },
};
