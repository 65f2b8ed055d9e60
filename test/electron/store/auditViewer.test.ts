import { describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../../shared/coding/csvRows';
import { AUDIT_CSV_HEADER } from '../../../shared/audit';
import { addUser, makeCase, makeLesion, makePatient, must, refused, seed, signInAs, useTempWorld } from './helpers';
import { quartered } from './maps';

const world = useTempWorld();

describe('audited reads, prints and exports', () => {
  it('opening a case or lesion adds one "open" row with no copy of the record, once per user and record in five minutes', async () => {
    const ctx = world.open(world.file());
    const { kase, lesion, surgeon } = await seed(ctx);
    let clock = Date.parse('2026-03-14T09:00:00.000Z');
    (ctx as { now: () => string }).now = () => new Date(clock).toISOString();
    await must(ctx, 'cases.get', { id: kase.id });
    await must(ctx, 'cases.get', { id: kase.id });
    await must(ctx, 'lesions.get', { id: lesion.id });
    clock += 6 * 60_000;
    await must(ctx, 'cases.get', { id: kase.id });
    const opens = (await must(ctx, 'audit.search', { action: 'open' })).rows;
    expect(opens.map((r) => [r.entity, r.entityId, r.at, r.before, r.after, r.userId])).toEqual([
      ['case', kase.id, '2026-03-14T09:06:00.000Z', null, null, surgeon.id],
      ['lesion', lesion.id, '2026-03-14T09:00:00.000Z', null, null, surgeon.id],
      ['case', kase.id, '2026-03-14T09:00:00.000Z', null, null, surgeon.id],
    ]);
    expect(await must(ctx, 'audit.verify', {})).toMatchObject({ intact: true });
  });

  it('records prints and exports the renderer reports, naming what was made', async () => {
    const ctx = world.open(world.file());
    const { kase, lesion } = await seed(ctx);
    await must(ctx, 'audit.record', { action: 'print', output: 'map-sheet', entity: 'lesion', entityId: lesion.id });
    await must(ctx, 'audit.record', { action: 'export', output: 'coding-csv', entity: 'case', entityId: kase.id });
    const rows = (await must(ctx, 'audit.search', { limit: 2 })).rows;
    expect(rows.map((r) => [r.action, r.entity, r.entityId, r.after])).toEqual([
      ['export', 'case', kase.id, { output: 'coding-csv' }],
      ['print', 'lesion', lesion.id, { output: 'map-sheet' }],
    ]);
    await must(ctx, 'session.signOut', {});
    expect((await refused(ctx, 'audit.record', { action: 'print', output: 'labels', entity: 'lesion', entityId: lesion.id })).code).toBe('no_user');
  });
});

describe('the audit viewer query', () => {
  it('filters by patient (name or MRN), user, action and dates, newest first, in pages', async () => {
    const ctx = world.open(world.file());
    const { surgeon, patient, kase, lesion } = await seed(ctx);
    const other = await makePatient(ctx, { familyName: 'Okafor', givenName: 'Ada', mrn: 'MRN-7777' });
    const otherCase = await makeCase(ctx, other.id, surgeon.id);
    const otherLesion = await makeLesion(ctx, otherCase.id);
    const histotech = await addUser(ctx, 'histotech', 'Lab Person');
    await signInAs(ctx, histotech);
    await must(ctx, 'cases.get', { id: kase.id });
    // The viewer is an administrator's: the surgeon (also the clinic's administrator) reads it.
    await signInAs(ctx, surgeon);

    const mine = (await must(ctx, 'audit.search', { patient: patient.familyName })).rows;
    expect(new Set(mine.map((r) => r.entityId))).toEqual(new Set([patient.id, kase.id, lesion.id]));
    expect(mine.map((r) => r.seq)).toEqual([...mine.map((r) => r.seq)].sort((a, b) => b - a));
    expect(new Set((await must(ctx, 'audit.search', { patient: 'mrn-7777' })).rows.map((r) => r.entityId))).toEqual(new Set([other.id, otherCase.id, otherLesion.id]));
    expect((await must(ctx, 'audit.search', { patient: 'nobody-like-this' })).rows).toEqual([]);
    // The histotech's own rows: their first sign-in and password change, then the case they opened.
    const theirs = (await must(ctx, 'audit.search', { userId: histotech.id })).rows.map((r) => [r.action, r.entityId]);
    expect(theirs[0]).toEqual(['open', kase.id]);
    expect(theirs.slice(1).every(([action]) => ['sign-in', 'sign-out', 'change-password'].includes(action!))).toBe(true);
    expect((await must(ctx, 'audit.search', { action: 'open', patient: 'okafor' })).rows).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await must(ctx, 'audit.search', { from: today, to: today })).rows.length).toBeGreaterThan(5);
    expect((await must(ctx, 'audit.search', { to: '2020-01-01' })).rows).toEqual([]);

    const all = (await must(ctx, 'audit.search', { limit: 500 })).rows;
    const first = await must(ctx, 'audit.search', { limit: 3 });
    expect(first.rows.map((r) => r.seq)).toEqual(all.slice(0, 3).map((r) => r.seq));
    const second = await must(ctx, 'audit.search', { limit: 3, beforeSeq: first.nextBeforeSeq ?? 0 });
    expect(second.rows.map((r) => r.seq)).toEqual(all.slice(3, 6).map((r) => r.seq));
    const last = await must(ctx, 'audit.search', { limit: 500 });
    expect(last.nextBeforeSeq).toBeNull();
    expect((await refused(ctx, 'audit.search', { from: '14/03/2026' })).message).toMatch(/From date must be a date/);
  });

  it('exports the filtered rows as CSV with formula cells neutralised, and audits the export', async () => {
    const ctx = world.open(world.file());
    const { patient } = await seed(ctx);
    await makePatient(ctx, { familyName: '=HYPERLINK("http://evil.example","x")', givenName: '+cmd', mrn: 'MRN-0001' });
    const out = await must(ctx, 'audit.exportCsv', { action: 'create' });
    const parsed = parseCsvRows(out.csv);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const [header, ...rows] = parsed.value;
    expect(header).toEqual([...AUDIT_CSV_HEADER]);
    expect(rows).toHaveLength(out.rows);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.some((r) => r.some((c) => c.includes(patient.id)))).toBe(true);
    const [exported] = (await must(ctx, 'audit.search', { action: 'export' })).rows;
    expect(exported).toMatchObject({ entity: 'audit', after: { output: 'audit-csv', filter: { action: 'create' }, rows: out.rows } });
  });

  it("shows and exports a stage's create row whose snapshot is stored deflated, as the record it was", async () => {
    const ctx = world.open(world.file());
    const { patient, lesion } = await seed(ctx);
    const stage = await must(ctx, 'stages.create', { lesionId: lesion.id, doc: quartered() });
    const stored = ctx.store.db.prepare(`SELECT after_json, after_deflated FROM audit_events WHERE entity_id = ? AND action = 'create'`).get(stage.id) as { after_json: string | null; after_deflated: Buffer | null };
    expect(stored.after_json).toBeNull();
    expect(stored.after_deflated).not.toBeNull();
    const shown = (await must(ctx, 'audit.search', { patient: patient.familyName, action: 'create' })).rows.find((r) => r.entityId === stage.id);
    expect(shown?.after).toEqual(JSON.parse(JSON.stringify(stage)));
    const out = await must(ctx, 'audit.exportCsv', { action: 'create' });
    const parsed = parseCsvRows(out.csv);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const row = parsed.value.find((r) => r[6] === stage.id)!;
    expect(JSON.parse(row[8]!)).toEqual(JSON.parse(JSON.stringify(stage)));
  });
});
