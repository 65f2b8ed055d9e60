import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SAMPLE } from '../../fixtures/db/sample';
import { DB_NAME, must, setUpClinic, useTempWorld } from './helpers';

/**
 * Migration 5 (orientation and outcome) on a v4 file: which 12 o'clock directions survive
 * (migrations.test.ts checks the sample as a whole), and the new columns' checks.
 */
const world = useTempWorld();
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/db');

function copyOfFixture(version: number): string {
  const file = path.join(world.dir(), DB_NAME);
  fs.copyFileSync(path.join(FIXTURES, `v${version}.sqlite`), file);
  return file;
}

describe('migration 5', () => {
  it("keeps a v4 file's chosen 12 o'clock directions, turns the silent default into not chosen, and checks the new columns", async () => {
    const file = copyOfFixture(4);
    const [a] = SAMPLE.lesions;
    // Lesion A: a user set medial, then superior again; the audit trail proves superior was chosen.
    const old = new Database(file);
    old.prepare(`UPDATE lesions SET twelve_oclock = 'superior' WHERE id = ?`).run(a.id);
    old
      .prepare(`INSERT INTO audit_events (at, user_id, entity, entity_id, action, before_json, after_json) VALUES (?, ?, 'lesion', ?, 'update', ?, ?)`)
      .run(SAMPLE.at, SAMPLE.surgeon.id, a.id, JSON.stringify({ twelveOClock: 'medial' }), JSON.stringify({ twelveOClock: 'superior' }));
    old.close();

    const ctx = world.open(file);
    // The first start after the upgrade asks for the clinic's set-up: an administrator (here also a surgeon) reads the upgraded lesions.
    await setUpClinic(ctx, { name: 'Ana Admin', initials: 'AA', roles: ['administrator', 'surgeon'] });
    const db = ctx.store.db;
    const lesions = (await must(ctx, 'cases.get', { id: SAMPLE.case.id })).lesions;
    // B only ever had the default (its audit shows superior → superior when it was signed): not chosen.
    expect(lesions.map((l) => [l.label, l.twelveOClock, l.outcome])).toEqual([
      ['A', 'superior', null],
      ['B', null, null],
    ]);
    expect(() => db.prepare(`UPDATE lesions SET twelve_oclock = 'up' WHERE id = ?`).run(a.id)).toThrow(/CHECK/);
    db.prepare(`UPDATE lesions SET twelve_oclock = 'distal' WHERE id = ?`).run(a.id);
    // A stopped lesion says why; no note without an outcome.
    expect(() => db.prepare(`UPDATE lesions SET outcome = 'stopped', outcome_note = ' ' WHERE id = ?`).run(a.id)).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE lesions SET outcome = NULL, outcome_note = 'x' WHERE id = ?`).run(a.id)).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE lesions SET outcome = 'gone' WHERE id = ?`).run(a.id)).toThrow(/CHECK/);
    db.prepare(`UPDATE lesions SET outcome = 'referred', outcome_note = '' WHERE id = ?`).run(a.id);
    expect((await must(ctx, 'lesions.get', { id: a.id })).lesion).toMatchObject({ twelveOClock: 'distal', outcome: { kind: 'referred', referredFor: '' } });
  });
});
