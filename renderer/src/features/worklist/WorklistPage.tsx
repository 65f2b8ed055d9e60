/** The histotech's worklist (being built). */
export function WorklistPage({ date }: { readonly date: string | null }) {
  return (
    <section className="panel">
      <h1>Lab worklist</h1>
      <p className="muted">{date ?? 'today'}</p>
    </section>
  );
}
