import { useEffect, useMemo, useState } from 'react';
import { minAreaRectangle } from '../../../../shared/geometry/hull';
import { area } from '../../../../shared/geometry/polygon';
import type { Ring } from '../../../../shared/geometry/types';
import { INK_PALETTE, inkById } from '../../../../shared/catalog/inkPalette';
import type { DerivedBlock, DerivedStage } from '../../../../shared/map/derive';
import type { Finding } from '../../../../shared/map/document';
import { LAB_STATUS_LABELS, type LabStatus } from '../../../../shared/records';
import { LAB_STATUS_SHORT } from '../../lib/labStatus';
import { relabelBlock, setFindingNote } from '../../../../shared/map/edits';
import { readingText } from '../../../../shared/map/readings';
import type { Edit } from '../state/editorStore';

/** Where the panels' edits go: the editor session, which refuses them on a signed map. */
type Edits = { readonly apply: (edit: Edit) => string | null };
import type { Selection } from '../tools/types';
import { IncompleteSwatch, InkSwatch, TumorBandSwatch } from '../../map/patterns';

export const FINDING_LABEL: Readonly<Record<Finding['kind'], string>> = {
  'tumor-peripheral': 'Tumor at peripheral margin',
  'tumor-deep': 'Tumor at deep margin',
  incomplete: 'Edge not evaluable',
  scar: 'Scar',
  'unrelated-tumor': 'Unrelated tumor',
  note: 'Note',
};


/** The blocks of the stage, what is selected, and the legend naming every ink and pattern. */
export function Inspector(props: {
  readonly store: Edits;
  readonly derived: DerivedStage;
  readonly selection: Selection | null;
  readonly select: (s: Selection | null) => void;
  /** Each block's lab status by block id (the stage record's `labStatus`); a block not yet saved has none. */
  readonly labStatus?: Readonly<Record<string, LabStatus>>;
  /** Marks one block read clear (the row's button); absent when the map cannot be changed. */
  readonly onMarkClear?: (block: DerivedBlock) => void;
}) {
  const { derived, selection } = props;
  const usedInks = new Set(derived.blocks.flatMap((b) => b.inks.map((k) => k.ink)));
  return (
    <aside className="map-inspector" aria-label="Blocks and findings">
      <section>
        <h3>Blocks</h3>
        {derived.pieces.map((p) => (
          <SpecimenSize key={p.piece.id} ring={p.outline} name={derived.pieces.length > 1 ? `Piece ${p.number}` : 'Specimen'} />
        ))}
        {derived.blocks.length === 0 ? (
          <p className="muted">{derived.pieces.length > 0 ? 'The whole specimen is one block until it is divided.' : 'Draw the specimen outline first.'}</p>
        ) : (
          <table className="table table--compact" aria-label="Blocks of this stage">
            <thead>
              <tr>
                <th>Block</th>
                <th>Inks</th>
                <th title="Where the block is in the lab">Lab</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {derived.blocks.map((b) => (
                <tr
                  key={b.ref.id}
                  aria-selected={selection?.kind === 'block' && selection.id === b.ref.id}
                  className={`block-row block-row--${b.result.status}`}
                  onClick={() => props.select({ kind: 'block', id: b.ref.id })}
                >
                  <td>{b.label}</td>
                  <td>{b.inks.map((k) => inkById(k.ink)?.name ?? k.ink).join(', ') || '—'}</td>
                  <td><LabTag status={props.labStatus?.[b.ref.id]} /></td>
                  <td>
                    {readingText(b)}
                    {props.onMarkClear && b.result.status === 'pending' && (
                      <button
                        type="button"
                        className="button button--secondary block-clear"
                        aria-label={`Mark block ${b.label} clear`}
                        onClick={(e) => {
                          e.stopPropagation();
                          props.onMarkClear?.(b);
                        }}
                      >
                        Clear
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <SelectedItem {...props} />
      <section className="legend" aria-label="Legend">
        <h3>Legend</h3>
        <ul>
          {INK_PALETTE.filter((i) => usedInks.has(i.id)).map((i) => (
            <li key={i.id}>
              <InkSwatch ink={i} />
              {i.name} ink ({i.symbol}, {i.pattern.replace('-', ' ')})
            </li>
          ))}
          <li><TumorBandSwatch />Tumor at peripheral margin (red band with ticks)</li>
          <li><span className="legend-box legend-hatch" aria-hidden="true" />Tumor at deep margin (red hatching)</li>
          <li><IncompleteSwatch />Edge not evaluable (brown rings)</li>
          <li>S scar · U unrelated tumor · N note</li>
        </ul>
      </section>
    </aside>
  );
}

/** The lab's status of one block, short, with the full name on hover and for screen readers. */
function LabTag({ status }: { readonly status: LabStatus | undefined }) {
  if (!status) return <span className="muted" title="Not in the lab yet">—</span>;
  return (
    <span className={`lab-tag lab-tag--${status}`} title={LAB_STATUS_LABELS[status]} data-testid="lab-status">
      {LAB_STATUS_SHORT[status]}
    </span>
  );
}

/** The specimen's size in millimetres as drawn (its smallest enclosing rectangle, and its area): a drawing, not a measurement. */
function SpecimenSize({ ring, name }: { readonly ring: Ring; readonly name: string }) {
  const size = useMemo(() => minAreaRectangle(ring), [ring]);
  return (
    <p className="muted" data-testid="specimen-size">
      {name} as drawn: {size.lengthMm.toFixed(1)} × {size.widthMm.toFixed(1)} mm, {area(ring).toFixed(0)} mm²
    </p>
  );
}

function SelectedItem({ store, derived, selection, select }: Parameters<typeof Inspector>[0]) {
  if (!selection || selection.kind === 'cut' || selection.kind === 'mark') return null;
  if (selection.kind === 'piece') {
    const p = derived.pieces.find((x) => x.piece.id === selection.id);
    if (!p) return null;
    return (
      <section>
        <h3>{derived.pieces.length > 1 ? `Piece ${p.number}` : 'Specimen'}</h3>
        <p className="muted">
          Blocks {p.blocks.map((b) => b.label).join(', ') || '—'}. Drag its corners to reshape it; press Delete to remove the piece with its blocks.
        </p>
      </section>
    );
  }
  if (selection.kind === 'block') {
    const b = derived.blocks.find((x) => x.ref.id === selection.id);
    const piece = derived.pieces.length > 1 ? derived.pieces.find((p) => p.piece.id === b?.ref.pieceId) : undefined;
    return b ? <BlockDetails key={b.ref.id} store={store} block={b} pieceNumber={piece?.number} /> : null;
  }
  for (const b of derived.blocks) {
    const finding = b.findings.find((f) => f.id === selection.id);
    if (finding) return <FindingDetails key={finding.id} store={store} block={b} finding={finding} onDone={() => select(null)} />;
    const ink = b.inks.find((k) => k.id === selection.id);
    if (ink) {
      return (
        <section>
          <h3>Selected ink</h3>
          <p>{inkById(ink.ink)?.name} ink on block {b.label}. Press Delete to remove it.</p>
        </section>
      );
    }
  }
  return null;
}

function BlockDetails({ store, block, pieceNumber }: { readonly store: Edits; readonly block: DerivedBlock; readonly pieceNumber?: number | undefined }) {
  const [label, setLabel] = useState(block.ref.label ?? '');
  useEffect(() => setLabel(block.ref.label ?? ''), [block.ref.label]);
  return (
    <section>
      <h3>Block {block.label}</h3>
      <p className="muted">
        {pieceNumber !== undefined && `Piece ${pieceNumber} · `}
        {block.areaMm2.toFixed(0)} mm² · {readingText(block)}
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          store.apply((doc) => relabelBlock(doc, block.ref.id, label));
        }}
      >
        <label>
          Label by hand
          <input value={label} maxLength={12} placeholder={block.label} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <button type="submit" className="button button--secondary">Set label</button>
      </form>
      {block.findings.length > 0 && (
        <ul className="finding-list">
          {block.findings.map((f) => (
            <li key={f.id}>{FINDING_LABEL[f.kind]}{f.note ? `: ${f.note}` : ''}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FindingDetails({ store, block, finding, onDone }: { readonly store: Edits; readonly block: DerivedBlock; readonly finding: Finding; readonly onDone: () => void }) {
  const [note, setNote] = useState(finding.note);
  return (
    <section>
      <h3>{FINDING_LABEL[finding.kind]}</h3>
      <p className="muted">Block {block.label}. Press Delete to remove it.</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (store.apply((doc) => setFindingNote(doc, finding.id, note)) === null) onDone();
        }}
      >
        <label>
          Note
          <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" className="button button--secondary">Save note</button>
      </form>
    </section>
  );
}
