import { usePrintPage } from '../../lib/usePrintPage';

/** The printed page: its own margins and footer (no patient on it, so no patient header). */
const PAGE_RULE = [
  'size: auto;',
  'margin: 18mm 16mm;',
  "@bottom-left { content: 'Layermap recovery sheet · keep it in the clinic\\'s safe'; font-family: 'Noto Sans', sans-serif; font-size: 8pt; color: #555; }",
].join(' ');

/** Today on this computer, as the sheet's date (YYYY-MM-DD). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The recovery sheet the clinic keeps in its safe: the code that opens this database (and its
 * backups) on a computer with no key for it. Printed through the same path as the map sheet
 * (the page itself, usePrintPage). The code lives only in the props of whoever shows this.
 */
export function RecoverySheet({ code, clinicName, madeOn }: { readonly code: string; readonly clinicName: string; readonly madeOn: string }) {
  usePrintPage(PAGE_RULE, 'printing-sheet');
  const groups = code.split('-');
  return (
    <article className="sheet recovery-sheet" data-testid="recovery-sheet" aria-labelledby="recovery-sheet-title">
      <header className="sheet-header">
        <div>
          <p className="sheet-clinic">{clinicName || 'Mohs surgery'}</p>
          <h1 id="recovery-sheet-title">Layermap recovery sheet</h1>
        </div>
        <dl className="sheet-facts recovery-sheet__facts">
          <div><dt>Made on</dt><dd>{madeOn}</dd></div>
        </dl>
      </header>
      <p className="recovery-sheet__label">Recovery code</p>
      <p className="recovery-sheet__code" aria-label={`Recovery code ${groups.join(' ')}`}>
        {groups.map((g, i) => (
          <span key={i} className="recovery-sheet__group">{g}</span>
        ))}
      </p>
      <section className="recovery-sheet__section">
        <h2>What it is for</h2>
        <p>
          This code opens the clinic’s Layermap database, and its backups, on a computer that has lost its key store:
          a replaced or repaired computer, a new user account, or a backup restored onto a new computer. Layermap then
          asks for it on its start page (“Use the recovery code”). It works with the recovery file Layermap keeps beside
          the database and in each backup; the code alone opens nothing, and the file alone opens nothing.
        </p>
      </section>
      <section className="recovery-sheet__section">
        <h2>Where to keep it</h2>
        <p>
          In the clinic’s safe, <strong>never with the computer</strong>: not taped to it, not in its drawer, not
          photographed, emailed or typed into a document. Anyone holding this code and a copy of the database can read
          every patient record in it.
        </p>
      </section>
      <section className="recovery-sheet__section">
        <h2>A new code replaces this one for the database</h2>
        <p>
          When an administrator prints a new recovery code (Settings › Recovery code), this code no longer opens the
          database itself. Backups made before then still open with this code: keep this sheet as long as you keep
          those backups.
        </p>
      </section>
      <p className="sheet-note">Letters and digits only; there is no I, L, O or U. Printed from Layermap.</p>
    </article>
  );
}
