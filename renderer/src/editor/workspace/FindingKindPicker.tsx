import type { FindingKind } from '../session/editorSession';

const KINDS: readonly { readonly kind: FindingKind; readonly label: string }[] = [
  { kind: 'scar', label: 'Scar' },
  { kind: 'unrelated-tumor', label: 'Unrelated tumor' },
  { kind: 'note', label: 'Note' },
];

/** What the "Other finding" tool places: scar, unrelated tumor or a note. */
export function FindingKindPicker(props: { readonly value: FindingKind; readonly onChange: (kind: FindingKind) => void }) {
  return (
    <div className="tool-options" role="group" aria-label="Kind of finding">
      {KINDS.map(({ kind, label }) => (
        <label key={kind}>
          <input type="radio" name="finding-kind" checked={props.value === kind} onChange={() => props.onChange(kind)} />
          {label}
        </label>
      ))}
    </div>
  );
}
