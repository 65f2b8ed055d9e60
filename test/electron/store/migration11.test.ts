import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SAMPLE } from '../../fixtures/db/sample';
import { DB_NAME, useTempWorld } from './helpers';

/**
 * Migration 11 (the lesion's repair) on a v10 file: the sample's lesions read as having no
 * repair, and the new column takes only a JSON object (migrations.test.ts checks the sample as a
 * whole).
 */
const world = useTempWorld();
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/db');

describe('migration 11', () => {
  it('gives every lesion of a v10 file no repair, and the column refuses anything but a JSON object', () => {
    const file = path.join(world.dir(), DB_NAME);
    fs.copyFileSync(path.join(FIXTURES, 'v10.sqlite'), file);
    const ctx = world.open(file);
    const db = ctx.store.db;
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(11);
    expect(db.prepare('SELECT label, repair FROM lesions ORDER BY label').all()).toEqual(SAMPLE.lesions.map((l) => ({ label: l.label, repair: null })));
    const [a] = SAMPLE.lesions;
    expect(() => db.prepare('UPDATE lesions SET repair = ? WHERE id = ?').run('not json', a.id)).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare('UPDATE lesions SET repair = ? WHERE id = ?').run('[1]', a.id)).toThrow(/CHECK constraint failed/);
    db.prepare('UPDATE lesions SET repair = ? WHERE id = ?').run('{"kind":"none"}', a.id);
  });
});
