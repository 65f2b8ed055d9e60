/**
 * The MUE table a clinic loads from the CMS practitioner services file in Settings
 * (settings.mue, settings.loadMueFile, settings.resetMue), against real SQLite files:
 * stored in a settings row, audited, kept across a restart, and a malformed file refused
 * with nothing changed.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditCount, must, refused, reopen, signInSurgeon, useTempWorld } from './helpers';

const world = useTempWorld();
const SAMPLE = fs.readFileSync(new URL('../../fixtures/mue/practitioner-mue-sample.csv', import.meta.url), 'utf8');
const units = (entries: readonly { code: string; units: number | null }[]) => Object.fromEntries(entries.map((e) => [e.code, e.units]));

async function signedIn() {
  const ctx = world.open(world.file());
  const surgeon = await signInSurgeon(ctx);
  return { ctx, surgeon };
}

describe('MUE values in Settings', () => {
  it('shows the built-in values, with their source, until a file is loaded', async () => {
    const { ctx } = await signedIn();
    const v = await must(ctx, 'settings.mue');
    expect(v).toMatchObject({ origin: 'built-in', fileName: null, quarter: null });
    expect(v.source).toMatch(/^Built-in values: 17311 = 4 and 17312 = 6/);
    expect(units(v.entries)).toMatchObject({ '17311': 4, '17312': 6, '17313': null, '88314': null });
    expect(v.entries.find((e) => e.code === '17311')?.quarter).toMatch(/2026/);
  });

  it('loads the CMS file, audits it, and keeps it across a restart', async () => {
    const { ctx, surgeon } = await signedIn();
    const audits = auditCount(ctx);
    const loaded = await must(ctx, 'settings.loadMueFile', { fileName: 'practitioner-mue-sample.csv', text: SAMPLE });
    expect(loaded).toMatchObject({ origin: 'cms-file', fileName: 'practitioner-mue-sample.csv', quarter: '2026 Q1 (effective 2026-01-01)' });
    expect(units(loaded.entries)).toMatchObject({ '17311': 4, '17312': 6, '17313': 3, '17314': 5, '17315': 15, '88314': 6, '88342': 4, '88341': 13, '88344': 6 });
    expect(auditCount(ctx)).toBe(audits + 1);
    const [event] = await must(ctx, 'audit.list', { entityId: 'mueTable', limit: 1 });
    expect(event).toMatchObject({ entity: 'settings', entityId: 'mueTable', action: 'update', userId: surgeon.id });
    expect(event?.before).toMatchObject({ origin: 'built-in' });
    expect(event?.after).toMatchObject({ origin: 'cms-file', fileName: 'practitioner-mue-sample.csv', quarter: '2026 Q1 (effective 2026-01-01)' });
    expect((event?.after as { entries: { code: string; units: number }[] }).entries).toContainEqual({ code: '17313', units: 3, adjudicationIndicator: 3 });

    const again = reopen(world, ctx);
    expect(await must(again, 'settings.mue')).toEqual(loaded);
  });

  it('refuses a malformed file with what is wrong, and changes nothing', async () => {
    const { ctx } = await signedIn();
    const first = await must(ctx, 'settings.loadMueFile', { fileName: 'good.csv', text: SAMPLE });
    const audits = auditCount(ctx);
    const broken = SAMPLE.replace('"17313","3"', '"17313","three"');
    expect(await refused(ctx, 'settings.loadMueFile', { fileName: 'broken.csv', text: broken })).toEqual({
      code: 'invalid_input',
      message: 'Row 11 of "broken.csv": the MUE value of 17313 is "three", not a whole number.',
    });
    expect((await refused(ctx, 'settings.loadMueFile', { fileName: 'notes.csv', text: 'just,some\r\ntext,here\r\n' })).message).toMatch(/no MUE table header/);
    expect((await refused(ctx, 'settings.loadMueFile', { fileName: 'huge.csv', text: 'x'.repeat(5_000_001) })).message).toMatch(/far larger than the CMS practitioner MUE table/);
    expect(await must(ctx, 'settings.mue')).toEqual(first);
    expect(auditCount(ctx)).toBe(audits);
  });

  it('goes back to the built-in values, audited', async () => {
    const { ctx } = await signedIn();
    await must(ctx, 'settings.loadMueFile', { fileName: 'good.csv', text: SAMPLE });
    const audits = auditCount(ctx);
    expect(await must(ctx, 'settings.resetMue')).toMatchObject({ origin: 'built-in', fileName: null });
    expect(auditCount(ctx)).toBe(audits + 1);
    expect((await must(reopen(world, ctx), 'settings.mue')).origin).toBe('built-in');
  });

  it('needs a signed-in user to load or reset', async () => {
    const { ctx } = await signedIn();
    const working = ctx.session.userId;
    await must(ctx, 'session.signOut');
    expect((await refused(ctx, 'settings.loadMueFile', { fileName: 'good.csv', text: SAMPLE })).code).toBe('no_user');
    expect((await refused(ctx, 'settings.resetMue', {})).code).toBe('no_user');
    ctx.session.userId = working; // signed in again, to read what is in force
    expect((await must(ctx, 'settings.mue')).origin).toBe('built-in');
  });

  it('is untouched by saving the clinic settings, and does not appear among them', async () => {
    const { ctx } = await signedIn();
    const loaded = await must(ctx, 'settings.loadMueFile', { fileName: 'good.csv', text: SAMPLE });
    const settings = await must(ctx, 'settings.update', { clinicName: 'Harbour Mohs', cliaNumber: '12D3456789' });
    expect(settings).not.toHaveProperty('mueTable');
    expect(await must(ctx, 'settings.mue')).toEqual(loaded);
    expect((await refused(ctx, 'settings.update', { mueTable: null })).code).toBe('invalid_input');
  });

  it('falls back to the built-in values, saying so, when the stored table cannot be read', async () => {
    const { ctx } = await signedIn();
    await must(ctx, 'settings.loadMueFile', { fileName: 'good.csv', text: SAMPLE });
    ctx.store.db.prepare("UPDATE settings SET value_json = ? WHERE key = 'mueTable'").run('{"fileName":"x"}');
    const v = await must(ctx, 'settings.mue');
    expect(v.origin).toBe('built-in');
    expect(v.problem).toMatch(/cannot be read.*Load the CMS file again/);
  });
});
