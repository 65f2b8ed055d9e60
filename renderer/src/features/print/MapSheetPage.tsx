/** The printable map sheet of a lesion or a case (being built). */
export function MapSheetPage({ kind, id, paper }: { readonly kind: 'case' | 'lesion'; readonly id: string; readonly paper: 'letter' | 'a4' }) {
  return (
    <section className="panel">
      <h1>Map sheet</h1>
      <p className="muted">
        {kind} {id} {paper}
      </p>
    </section>
  );
}
