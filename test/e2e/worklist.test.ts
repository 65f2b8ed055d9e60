import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildPayload } from '../../shared/labels/payload';
import type { StageRecord } from '../../shared/records';
import { startTestHost, type TestHost } from '../host/server';
import { bisected, quartered } from '../electron/store/maps';
import { screenshotPath, useChromium, watchForPageErrors } from './browser';
import { addUser, hostCall, NASAL_ALA_BCC, signInAs, signInSurgeon } from './hostApi';

/**
 * The histotech moves a block through every lab status on the worklist, with clicks and
 * keys; another workstation's change is caught; after a restart the surgeon's map shows
 * the block as read.
 */
const DAY = '2026-11-27';
const DAY_BEFORE = '2026-11-26';

const e2e = useChromium('worklist');

async function seed(host: TestHost) {
  const surgeon = await signInSurgeon(host);
  const tech = await addUser(host, { name: 'Tom Histo', initials: 'TH', roles: ['histotech'] });
  const patient = await hostCall(host, 'patients.create', { familyName: 'Walker', givenName: 'Joan', mrn: 'W-4411', dateOfBirth: '1950-02-03', sex: 'female' });
  const c = await hostCall(host, 'cases.create', { patientId: patient.id, dateOfSurgery: DAY, surgeonId: surgeon.id, accessionNumber: 'MS26-0042' });
  const lesion = await hostCall(host, 'lesions.create', { ...NASAL_ALA_BCC, caseId: c.id });
  const stage = await hostCall(host, 'stages.create', { lesionId: lesion.id, doc: quartered() });
  // The histotech is working at this station (the page shares the host's session).
  await signInAs(host, tech);
  return { surgeon, tech, lesion, stage };
}

const blockId = (stage: StageRecord, n: number): string => {
  const b = stage.doc.blocks.find((r) => r.number === n);
  if (!b) throw new Error(`no block ${n}`);
  return b.id;
};

describe('histotech worklist end to end', () => {
  it('moves a block through every status by click and key; the surgeon sees "Read" after a restart', async () => {
    const file = path.join(e2e.dir, 'clinic.sqlite');
    let host = await startTestHost({ databasePath: file });
    const { surgeon, tech, lesion, stage } = await seed(host);
    const page: Page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/worklist/${DAY}`);
    await page.getByRole('heading', { name: 'Lab worklist' }).waitFor();
    await page.getByTestId('current-user').filter({ hasText: 'Tom Histo' }).waitFor();

    const row = (id: string) => page.locator(`[data-testid="worklist-row"][data-block-id="${id}"]`);
    const statusOf = (id: string) => row(id).getAttribute('data-status');
    await row(blockId(stage, 4)).waitFor();
    const rows = page.getByTestId('worklist-row');
    expect(await rows.count()).toBe(4);
    expect(await page.getByRole('heading', { name: 'Walker, Joan' }).isVisible()).toBe(true);
    const caseText = await page.locator('.worklist-case').textContent();
    expect(caseText).toContain('W-4411');
    expect(caseText).toContain('MS26-0042');
    expect(caseText).toContain('Left nasal ala');
    expect(caseText).toContain('Stage 1');
    for (const [i, label] of ['1-1', '1-2', '1-3', '1-4'].entries()) {
      const text = await rows.nth(i).textContent();
      expect(text).toContain(label);
      expect(text).toMatch(/(Blue|Yellow|Black|Green).*(Blue|Yellow|Black|Green)/);
    }
    expect(await page.getByTestId('count-excised').textContent()).toMatch(/^4/);
    // The keyboard is explained on the page.
    expect(await page.locator('#worklist-keys').textContent()).toMatch(/↑.*↓.*Enter.*→.*←/);
    await page.screenshot({ path: screenshotPath('worklist-1-opened'), fullPage: true });

    const target = blockId(stage, 2);
    const expectStatus = async (status: string) => {
      await expect.poll(() => statusOf(target)).toBe(status);
    };

    // One click on the big button: excised → grossed.
    await row(target).getByRole('button', { name: 'Next: Grossed/inked' }).click();
    await expectStatus('grossed');
    expect(await page.getByTestId('worklist-message').textContent()).toMatch(/Block A 1-2 .*Grossed\/inked/);
    // The click leaves the focus on the block's row (issue 10 item 6): ↓ goes on from this block.
    const focusedBlock = () => page.evaluate(() => document.activeElement?.getAttribute('data-block-id'));
    expect(await focusedBlock()).toBe(target);
    await page.keyboard.press('ArrowDown');
    expect(await focusedBlock()).toBe(blockId(stage, 3));

    // Keys: focus block 1-1, ↓ to 1-2, Enter → embedded, → cut.
    await row(blockId(stage, 1)).locator('td').first().click();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-block-id'))).toBe(target);
    await page.keyboard.press('Enter');
    await expectStatus('embedded');
    await page.keyboard.press('ArrowRight');
    await expectStatus('cut');
    // A step chosen directly (one click on the step), then → ready, ← back one step, → again.
    await row(target).getByRole('button', { name: 'Stained', exact: true }).click();
    await expectStatus('stained');
    // Still on this row after the click: → acts on this block, not on the page.
    expect(await focusedBlock()).toBe(target);
    await page.keyboard.press('ArrowRight');
    await expectStatus('ready');
    await page.keyboard.press('ArrowLeft');
    await expectStatus('stained');
    await page.keyboard.press('ArrowRight');
    await expectStatus('ready');
    await row(target).getByRole('button', { name: 'Next: Read' }).click();
    await expectStatus('read');
    expect(await row(target).textContent()).toContain('✓ Read');
    // Read is the last step: → does nothing more.
    await row(target).focus();
    await page.keyboard.press('ArrowRight');
    expect(await statusOf(target)).toBe('read');
    expect(await page.getByTestId('count-read').textContent()).toMatch(/^1/);
    expect(await page.getByTestId('count-excised').textContent()).toMatch(/^3/);

    // Who changed what and when: one audit event per step, all by the histotech. The trail is
    // the administrator's to read (the surgeon runs this clinic); the histotech works on after.
    await signInAs(host, surgeon);
    const trail = [...(await hostCall(host, 'audit.list', { entityId: target, limit: 100 }))].reverse();
    await signInAs(host, tech);
    // Format 2 rows keep a patch of the block's status; the first change may keep the records themselves.
    const statuses: string[] = [];
    for (const e of trail) {
      if (statuses.length === 0) statuses.push((e.before as { status: string }).status);
      const patched = e.changes?.find((c) => c.path === '/status');
      statuses.push(patched && 'value' in patched ? String(patched.value) : (e.after as { status: string }).status);
    }
    expect(trail.map((e, i) => [e.userId, e.entity, e.action, statuses[i], statuses[i + 1]])).toEqual(
      [
        ['excised', 'grossed'],
        ['grossed', 'embedded'],
        ['embedded', 'cut'],
        ['cut', 'stained'],
        ['stained', 'ready'],
        ['ready', 'stained'],
        ['stained', 'ready'],
        ['ready', 'read'],
      ].map(([b, a]) => [tech.id, 'block', 'update', b, a]),
    );

    // Another workstation moves block 1-3 first: this one's click is refused, the row read again, and it says so.
    const third = blockId(stage, 3);
    await hostCall(host, 'blocks.setStatus', { id: third, version: 1, status: 'embedded' });
    await row(third).getByRole('button', { name: 'Next: Grossed/inked' }).click();
    await expect.poll(() => page.getByTestId('worklist-message').textContent()).toMatch(/changed on another workstation.*now “Embedded”/);
    expect(await statusOf(third)).toBe('embedded');
    expect(await row(third).textContent()).toContain('Changed elsewhere');
    await page.screenshot({ path: screenshotPath('worklist-2-stale'), fullPage: true });

    // The window getting focus reads the list again: another station's change shows without a click.
    const fourth = blockId(stage, 4);
    await hostCall(host, 'blocks.setStatus', { id: fourth, version: 1, status: 'cut' });
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => statusOf(fourth)).toBe('cut');
    expect(errors).toEqual([]);
    await page.screenshot({ path: screenshotPath('worklist-3-moved'), fullPage: true });
    await page.close();

    // Restart on the same file; the surgeon opens the lesion: block 1-2 reads "Read" in the Lab column.
    await host.close();
    host = await startTestHost({ databasePath: file });
    await signInAs(host, surgeon);
    const map = await e2e.browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const mapErrors = watchForPageErrors(map);
    await map.goto(`${host.url}#/lesion/${lesion.id}`);
    await map.getByRole('heading', { name: /Lesion A/ }).waitFor();
    const blocks = map.getByRole('table', { name: 'Blocks of this stage' });
    await blocks.waitFor();
    const headers = await blocks.locator('thead th').allTextContents();
    const lab = headers.indexOf('Lab');
    expect(lab).toBeGreaterThan(0);
    const cellOf = async (label: string) => (await blocks.getByRole('row', { name: new RegExp(`^${label}`) }).locator('td').nth(lab).textContent())?.trim();
    expect(await cellOf('1-2')).toBe('Read');
    expect(await cellOf('1-3')).toBe('Embedded');
    expect(await cellOf('1-4')).toBe('Cut');
    expect(await cellOf('1-1')).toBe('Excised');
    await map.evaluate(() => document.querySelector('[aria-label="Blocks of this stage"]')?.scrollIntoView({ block: 'center' }));
    await map.screenshot({ path: screenshotPath('worklist-4-surgeon-map') });
    expect(mapErrors).toEqual([]);
    await map.close();
    await host.close();
  });
});

describe('finding a block by scanning its label', () => {
  it('a scan selects the block (any day), keeps the field ready, and says clearly what it could not find', async () => {
    const host = await startTestHost({ databasePath: path.join(e2e.dir, 'scan.sqlite') });
    const { surgeon, tech, lesion, stage } = await seed(host);
    // The surgeon adds the rest (a histotech may not register patients or lesions), then the histotech works.
    await signInAs(host, surgeon);
    const theCase = (await hostCall(host, 'lesions.get', { id: lesion.id })).case;
    // Lesion B of the same case (its blocks are labelled 1-1, 1-2 too), and another patient the day before.
    const lesionB = await hostCall(host, 'lesions.create', { ...NASAL_ALA_BCC, siteId: 'helix', caseId: theCase.id });
    const stageB = await hostCall(host, 'stages.create', { lesionId: lesionB.id, doc: bisected() });
    const other = await hostCall(host, 'patients.create', { familyName: 'Young', givenName: 'Ida', mrn: 'Y-77', dateOfBirth: '1961-04-05', sex: 'female' });
    const otherCase = await hostCall(host, 'cases.create', { patientId: other.id, dateOfSurgery: DAY_BEFORE, surgeonId: theCase.surgeonId, accessionNumber: 'MS26-0031' });
    const otherLesion = await hostCall(host, 'lesions.create', { ...NASAL_ALA_BCC, caseId: otherCase.id });
    const otherStage = await hostCall(host, 'stages.create', { lesionId: otherLesion.id, doc: quartered() });
    await signInAs(host, tech);
    const label = (s: StageRecord, letter: string, n: number, accession = 'MS26-0042', mrn = 'W-4411', date = DAY): string =>
      buildPayload({ blockId: blockId(s, n), accession, mrn, date, lesion: letter, stage: 1, block: `1-${n}` });

    // A short window, so the list is longer than the screen and a found block has to be scrolled to.
    const page: Page = await e2e.browser.newPage({ viewport: { width: 1300, height: 560 } });
    const errors = watchForPageErrors(page);
    await page.goto(`${host.url}#/worklist/${DAY}`);
    const row = (id: string) => page.locator(`[data-testid="worklist-row"][data-block-id="${id}"]`);
    await row(blockId(stageB, 2)).waitFor();
    // The lesion letter with every block: A 1-1 … A 1-4, B 1-1, B 1-2.
    const names = (await page.locator('.worklist-row__label').allTextContents()).map((t) => t.trim());
    expect(names).toEqual(['A 1-1', 'A 1-2', 'A 1-3', 'A 1-4', 'B 1-1', 'B 1-2']);

    const field = page.getByTestId('scan-field');
    const result = page.getByTestId('scan-result');
    const selectedIds = () => page.locator('[data-testid="worklist-row"][data-selected="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-block-id')));
    // In view: below the scan panel (it stays at the top of the window) and above the window's bottom.
    const inView = (id: string) =>
      row(id).evaluate((el) => {
        const r = el.getBoundingClientRect();
        const panel = document.querySelector('.worklist-scan-panel')!.getBoundingClientRect();
        return r.top >= panel.bottom && r.bottom <= window.innerHeight;
      });
    /** A scanner: types the label's text into the focused field and presses Enter. */
    const scan = async (text: string) => {
      await page.keyboard.type(text, { delay: 2 });
      await page.keyboard.press('Enter');
    };

    // Lesion B's block 1-1 is found, selected and scrolled into view; the field is empty and keeps the focus.
    const b1 = blockId(stageB, 1);
    expect(await inView(b1)).toBe(false);
    await field.focus();
    await scan(label(stageB, 'B', 1));
    await expect.poll(selectedIds).toEqual([b1]);
    await expect.poll(() => inView(b1)).toBe(true);
    expect(await result.textContent()).toMatch(/^Found MS26-0042 B 1-1 \(Walker, Joan, stage 1, Left helix\)/);
    expect(await field.inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('worklist-scan');
    expect(await row(b1).getAttribute('aria-label')).toBe('Block B 1-1, Excised, found by scanning');
    // Marked on screen too: the found row's background differs from its neighbour's.
    const background = (id: string) => row(id).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background(b1)).toBe('rgb(255, 248, 214)');
    expect(await background(blockId(stageB, 2))).not.toBe('rgb(255, 248, 214)');
    await page.screenshot({ path: screenshotPath('worklist-scan-1-found') });
    // ↓ goes to the found block, Enter moves it on one step.
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-block-id'))).toBe(b1);
    await page.keyboard.press('Enter');
    await expect.poll(() => row(b1).getAttribute('data-status')).toBe('grossed');
    expect(await page.getByTestId('worklist-message').textContent()).toMatch(/^Block B 1-1 \(Walker, Joan, stage 1\): Grossed\/inked\./);

    // The next cassette is scanned while the focus is on the row: its text still goes to the scan field.
    const a2 = blockId(stage, 2);
    await scan(label(stage, 'A', 2));
    await expect.poll(selectedIds).toEqual([a2]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('worklist-scan');
    await row(a2).getByRole('button', { name: 'Next: Grossed/inked' }).click();
    await expect.poll(() => row(a2).getAttribute('data-status')).toBe('grossed');

    // Another shop's barcode: said next to the field, with what was read; nothing else changes.
    await field.focus();
    await scan('4006381333931');
    await expect.poll(() => result.getAttribute('data-tone')).toBe('error');
    expect(await result.textContent()).toBe(
      'That is not a Layermap block label. It starts "400638133393…", where a Layermap label starts "LM2|". Scan the square barcode on a cassette or slide label. (Read: “4006381333931”.)',
    );
    expect(await selectedIds()).toEqual([a2]);
    expect(await field.inputValue()).toBe('');
    await page.screenshot({ path: screenshotPath('worklist-scan-2-foreign') });

    // A Layermap label of a block this database does not have.
    await scan(buildPayload({ blockId: 'f00d0000-0000-4000-8000-000000000000', accession: 'MS26-0999', mrn: 'Q-1', date: DAY, lesion: 'A', stage: 1, block: '1-1' }));
    await expect.poll(() => result.textContent()).toMatch(/^No block in this database matches this label \(MS26-0999 A 1-1 \(stage 1\), MRN Q-1, 2026-11-27\)/);

    // An LM1 label printed before block ids: still found, by its fields.
    const a3 = blockId(stage, 3);
    await scan('LM1|W-4411|2026-11-27|A|1|1-3');
    await expect.poll(selectedIds).toEqual([a3]);
    expect(await result.textContent()).toMatch(/Found MS26-0042 A 1-3 .*older label without a block id/);

    // A label printed before the accession number was entered: found, with a warning to reprint it.
    const a4 = blockId(stage, 4);
    await scan(label(stage, 'A', 4, ''));
    await expect.poll(selectedIds).toEqual([a4]);
    expect(await result.getAttribute('data-tone')).toBe('warn');
    expect(await result.textContent()).toContain('this label no longer matches the record: print this block\'s labels again.');
    expect(await result.locator('li').allTextContents()).toEqual(['The accession number is none on the label, “MS26-0042” in the record.']);
    await page.screenshot({ path: screenshotPath('worklist-scan-3-outdated') });

    // A block of the day before: that day's list is shown, with the block selected.
    const y3 = blockId(otherStage, 3);
    await scan(label(otherStage, 'A', 3, 'MS26-0031', 'Y-77', DAY_BEFORE));
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/worklist/${DAY_BEFORE}`);
    await expect.poll(selectedIds).toEqual([y3]);
    await expect.poll(() => inView(y3)).toBe(true);
    expect(await result.textContent()).toMatch(/^Found MS26-0031 A 1-3 \(Young, Ida, stage 1, Left nasal ala, operated on 2026-11-26 \(that day is shown now\)\)/);
    await page.screenshot({ path: screenshotPath('worklist-scan-4-other-day') });
    expect(errors).toEqual([]);
    await page.close();

    // The map sheet's block table shows the lesion letter with every block too.
    const sheet = await e2e.browser.newPage({ viewport: { width: 1000, height: 1200 } });
    const sheetErrors = watchForPageErrors(sheet);
    await sheet.goto(`${host.url}#/print/case/${theCase.id}/letter`);
    await sheet.getByRole('table', { name: 'Blocks of lesion B' }).waitFor();
    const blockCells = async (letter: string) =>
      (await sheet.getByRole('table', { name: `Blocks of lesion ${letter}` }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[1]?.textContent)));
    expect(await blockCells('A')).toEqual(['A 1-1', 'A 1-2', 'A 1-3', 'A 1-4']);
    expect(await blockCells('B')).toEqual(['B 1-1', 'B 1-2']);
    expect(sheetErrors).toEqual([]);
    await sheet.close();
    await host.close();
  });
});
