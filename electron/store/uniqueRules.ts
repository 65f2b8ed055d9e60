import { AppFailure } from '../../shared/result';

/**
 * The unique rules a clinic's records keep (migration 0010), said in the user's words when the
 * database itself refuses a write: the store checks first (cases.ts, stages.ts) with a message
 * naming the record, and this is the backstop for a write that slipped past that check. SQLite
 * names the index or its columns in the message; PostgreSQL names it in `constraint`.
 */
const RULES: readonly { readonly index: string; readonly sqliteText: readonly string[]; readonly message: string }[] = [
  {
    index: 'blocks_stage_label',
    sqliteText: ['blocks.stage_id, blocks.label'],
    message: 'Two blocks of this stage would have the same label, which the lab prints on the slides. Nothing was saved; reload the map and renumber the blocks.',
  },
  {
    index: 'cases_accession',
    // The plain index names its column; the one with exempt cases (0010) names itself.
    sqliteText: ['cases.accession_number', "index 'cases_accession'"],
    message: 'This accession number is already used by another case. Nothing was saved; check the number with the lab.',
  },
];

/** The user's message for a violated unique rule, or null when the error is not one. */
export function uniqueRuleFailure(e: unknown): AppFailure | null {
  if (typeof e !== 'object' || e === null) return null;
  const constraint = 'constraint' in e ? String((e as { constraint: unknown }).constraint) : '';
  const message = e instanceof Error ? e.message : '';
  const rule = RULES.find((r) => constraint === r.index || (message.startsWith('UNIQUE constraint failed') && r.sqliteText.some((t) => message.includes(t))));
  return rule ? new AppFailure('conflict', rule.message) : null;
}
