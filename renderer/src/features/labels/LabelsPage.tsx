/** Cassette and slide labels for a stage's blocks (being built). */
export function LabelsPage({ stageId }: { readonly stageId: string }) {
  return (
    <section className="panel">
      <h1>Labels</h1>
      <p className="muted">{stageId}</p>
    </section>
  );
}
