import type { ChartNote } from '../../../../shared/api';

/**
 * The chart export's second part: the operative note as the surgeon signed it, on a page of its
 * own after the map sheet (the page frame repeats the patient, MRN and date of service). The
 * text is printed as written: it is the surgeon's document, not the app's.
 */
export function OperativeNotePage({ note }: { readonly note: ChartNote | null }) {
  return (
    <section className="sheet-operative-note" aria-label="Operative note" data-testid="chart-operative-note">
      <h2>Operative note</h2>
      {note === null ? (
        <p className="sheet-operative-note-missing">No operative note written for this case.</p>
      ) : (
        <>
          <pre>{note.text}</pre>
          <p className="sheet-operative-note-sign">
            {note.signed && note.signedBy && note.signedAt
              ? `Electronically signed by ${note.signedBy} on ${note.signedAt.slice(0, 10)}.`
              : 'Not signed: a draft, not the signed note.'}
          </p>
        </>
      )}
    </section>
  );
}
