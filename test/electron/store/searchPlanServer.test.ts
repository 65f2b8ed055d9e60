import { sql } from 'kysely';
import pg from 'pg';
import { expect, it } from 'vitest';
import { forEachEngine } from './engines';
import { must, seed } from './helpers';

/**
 * A broad case search on the clinic server (a name prefix thousands of patients share): the
 * newest cases are found by walking cases_date backwards with the matching patients as one
 * hashed set, stopping at the limit. PostgreSQL's planner cannot estimate how many patients a
 * union of prefix matches finds, and otherwise joins all their cases and sorts them (19 ms
 * against about 2 ms over 100,000 cases).
 */
forEachEngine(
  'cases.search over many cases on the clinic server (the query plan)',
  (world) => {
    it('a broad name search walks the cases newest first through cases_date, the patients one hashed set', { timeout: 120_000 }, async () => {
      const ctx = await world.open();
      const { surgeon } = await seed(ctx);
      const now = new Date().toISOString();
      // 4,000 patients named Kowalsk… and 4,000 others; 20,000 cases over ten years.
      await sql`INSERT INTO patients (id, family_name, given_name, family_key, given_key, mrn, mrn_key, date_of_birth, sex, version, created_at, updated_at)
        SELECT 'bulk-p' || i, CASE WHEN i % 2 = 0 THEN 'Kowalski' ELSE 'Tanaka' END, 'Ana',
               CASE WHEN i % 2 = 0 THEN 'kowalski' ELSE 'tanaka' END, 'ana', 'B' || i, 'b' || i, '1950-01-01', 'unknown', 1, ${now}, ${now}
        FROM generate_series(1, 8000) AS i`.execute(ctx.store.query);
      await sql`INSERT INTO cases (id, patient_id, surgeon_id, date_of_surgery, version, created_at, updated_at)
        SELECT 'bulk-c' || i, 'bulk-p' || (1 + i % 8000), ${surgeon.id}, to_char(DATE '2016-01-01' + (i % 3650), 'YYYY-MM-DD'), 1, ${now}, ${now}
        FROM generate_series(1, 20000) AS i`.execute(ctx.store.query);
      await sql`ANALYZE`.execute(ctx.store.query);

      const sent: [string, unknown[]][] = [];
      const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
      const original = proto.query;
      proto.query = function (this: unknown, ...args: unknown[]) {
        const q = args[0] as string | { text: string; values?: unknown[] };
        sent.push(typeof q === 'string' ? [q, (args[1] as unknown[] | undefined) ?? []] : [q.text, q.values ?? []]);
        return original.apply(this, args);
      };
      let found;
      try {
        found = await must(ctx, 'cases.search', { text: 'kowal', limit: 50 });
      } finally {
        proto.query = original;
      }
      expect(found).toHaveLength(50);
      expect(found.every((s) => s.patientName.startsWith('Kowalski'))).toBe(true);
      const days = found.map((s) => s.dateOfSurgery);
      expect(days).toEqual([...days].sort().reverse());
      expect(days[0]).toBe('2025-12-28');

      const newest = sent.find(([q]) => /^SELECT c\.id AS id FROM cases c/.test(q));
      expect(newest).toBeDefined();
      const plan = (await sql.raw(`EXPLAIN ${newest![0].replace(/\$(\d+)/g, (_, n: string) => pg.Client.prototype.escapeLiteral(String(newest![1][Number(n) - 1])))}`).execute(ctx.store.query)).rows
        .map((r) => (r as { 'QUERY PLAN': string })['QUERY PLAN'])
        .join('\n');
      expect(plan).toMatch(/Index Scan Backward using cases_date on cases/);
      expect(plan).toMatch(/hashed SubPlan/);
      expect(plan).not.toMatch(/Sort Key/);
    });
  },
  ['postgres'],
);
