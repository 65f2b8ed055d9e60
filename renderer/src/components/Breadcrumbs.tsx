/** Where this page sits: each step back is a link; the last is the page itself. */
export function Breadcrumbs({
  trail,
  current,
}: {
  readonly trail: readonly { readonly label: string; readonly to: string }[];
  readonly current: string;
}) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        {trail.map((step) => (
          <li key={step.to}>
            <a href={step.to}>{step.label}</a>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
