import { describe, expect, it } from 'vitest';
import { keyFileBeside, keyFileSource } from '../../../electron/store/auditKey';
import { databaseKeyFileBeside, databaseKeyFileSource } from '../../../electron/store/databaseKey';
import { openStore } from '../../../electron/store/open';
import { getOperativeNote, operativeNoteForCase } from '../../../electron/store/operativeNote';
import { noteRecordForCase } from '../../../electron/store/operativeNoteRecord';
import { createDemoDatabase, DEMO_SURGEON } from '../../../electron/tools/demoData';
import { generateOperativeNote, missingElements, NOTE_ELEMENTS, type NoteElement, type NoteRecord } from '../../../shared/note';
import { TEST_SCRYPT_COST, useTempWorld } from '../store/helpers';

const world = useTempWorld();

/** Each required element found in the text, checked apart from elements.ts's own words. */
const FOUND: Readonly<Record<NoteElement, (r: NoteRecord, text: string) => boolean>> = {
  location: (r, text) => r.lesions.every((l) => text.includes(`Location: ${l.site}`)),
  specimens: (r, text) => r.lesions.every((l) => l.stages.every((s) => new RegExp(`Stage ${s.number}: ${s.specimens.length} specimens?, [\\d.]+ × [\\d.]+ mm`).test(text))),
  blocks: (r, text) => r.lesions.every((l) => l.stages.every((s) => text.includes(`; ${s.blocks.length} tissue block`))),
  histology: (r, text) => r.lesions.every((l) => l.stages.every((s) => s.blocks.every((b) => text.includes(`Block ${b.label}: `)))),
  'surgeon-pathologist': (r, text) => text.includes(`${r.surgeonName} performed the Mohs micrographic surgery and acted as both surgeon and pathologist`),
};

describe('the operative note of every demo case', () => {
  it('carries every element Medicare asks for (SE1318); the signed case’s note was signed with it', async () => {
    const file = world.file('demo.sqlite');
    await createDemoDatabase(file, { scryptCost: TEST_SCRYPT_COST });
    const store = openStore(file, { databaseKey: await databaseKeyFileSource(databaseKeyFileBeside(file)).load(), auditKey: await keyFileSource(keyFileBeside(file)).load() });
    try {
      const cases = (await store.query.selectFrom('cases').select(['id', 'signed_at']).orderBy('date_of_surgery').execute());
      expect(cases.length).toBe(4);
      let stages = 0;
      for (const c of cases) {
        const view = await getOperativeNote(store.query, c.id);
        const record = await noteRecordForCase(store.query, c.id, view.checklist, view.freeText);
        const text = generateOperativeNote(record);
        expect(text).toBe(view.generated);
        expect(missingElements(record, text)).toEqual([]);
        for (const element of NOTE_ELEMENTS) expect(FOUND[element](record, text), `${element} in case ${c.id}`).toBe(true);
        expect(record.surgeonName).toBe(DEMO_SURGEON.name);
        stages += record.lesions.reduce((n, l) => n + l.stages.length, 0);
        const forExport = await operativeNoteForCase(store.query, c.id);
        expect(forExport).toMatchObject({ signed: c.signed_at !== null, text: expect.stringContaining('acted as both surgeon and pathologist') });
        if (c.signed_at !== null) expect(forExport?.signedBy).toBe(DEMO_SURGEON.name);
      }
      expect(stages).toBe(9);
    } finally {
      store.close();
    }
  }, 120_000);
});
