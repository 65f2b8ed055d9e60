import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  COMMON_STAINS,
  EMPTY_LAB,
  fieldErrors,
  histologyLabSchema,
  QUALITY_PROBLEM_LABELS,
  QUALITY_PROBLEMS,
  STAIN_KIND_LABELS,
  STAIN_KINDS,
  type HistologyLab,
  type QualityProblem,
  type SectionQuality,
  type Stain,
  type StainKind,
} from '../../../../shared/records';

/**
 * The histotech's half of a block's histology, opened under its worklist row (Space on the
 * row, or its Histology button). Keyboard first: the slides field has the focus, Enter saves,
 * Escape closes without saving; either way the focus goes back to the row, so ↓ and Enter go on.
 */
export function HistologyLabForm(props: {
  readonly blockName: string;
  readonly lab: HistologyLab | null;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onSave: (lab: HistologyLab) => void;
  readonly onClose: () => void;
}) {
  const start = props.lab ?? EMPTY_LAB;
  const [slides, setSlides] = useState(start.slides === null ? '' : String(start.slides));
  const [levels, setLevels] = useState(start.levels === null ? '' : String(start.levels));
  const [stains, setStains] = useState<Stain[]>([...start.stains]);
  const [quality, setQuality] = useState<SectionQuality>(start.quality);
  const [problems, setProblems] = useState<QualityProblem[]>([...start.problems]);
  const [recut, setRecut] = useState(start.recut);
  const [otherName, setOtherName] = useState('');
  const [otherKind, setOtherKind] = useState<StainKind>('immuno');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const count = (s: string): number | null => (s.trim() === '' ? null : Number(s));
  const has = (name: string) => stains.some((s) => s.name.toLowerCase() === name.toLowerCase());
  const toggleStain = (stain: Stain) => setStains((all) => (has(stain.name) ? all.filter((s) => s.name.toLowerCase() !== stain.name.toLowerCase()) : [...all, stain]));
  const addOther = () => {
    const name = otherName.trim();
    if (name === '' || has(name)) return;
    setStains((all) => [...all, { name, kind: otherKind }]);
    setOtherName('');
  };

  const save = () => {
    const candidate = {
      slides: count(slides),
      levels: count(levels),
      stains,
      quality,
      problems: quality === 'problems' ? problems : [],
      recut: quality === 'problems' && recut,
    };
    const parsed = histologyLabSchema.safeParse(candidate);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    props.onSave(parsed.data);
  };

  const onKey = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onClose();
    }
    // Arrow keys move within the form's own fields, not between worklist rows.
    e.stopPropagation();
  };

  const others = stains.filter((s) => !COMMON_STAINS.some((c) => c.name === s.name));
  const errorList = Object.values(errors);
  return (
    <form
      className="histology-form"
      aria-label={`Histology of block ${props.blockName}`}
      data-testid="histology-form"
      onKeyDown={onKey}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="histology-form__counts">
        <label className="field">
          <span className="field__label">Slides cut</span>
          <input ref={first} className="input histology-form__number" inputMode="numeric" value={slides} onChange={(e) => setSlides(e.target.value)} aria-invalid={Boolean(errors.slides)} />
        </label>
        <label className="field">
          <span className="field__label">Levels</span>
          <input className="input histology-form__number" inputMode="numeric" value={levels} onChange={(e) => setLevels(e.target.value)} aria-invalid={Boolean(errors.levels)} />
        </label>
      </div>
      <fieldset className="field choices histology-form__stains">
        <legend className="field__label">Stains</legend>
        <div className="choices__row">
          {COMMON_STAINS.map((s) => (
            <label key={s.name} className="choice" title={STAIN_KIND_LABELS[s.kind]}>
              <input type="checkbox" checked={has(s.name)} onChange={() => toggleStain(s)} />
              <span>{s.name}</span>
            </label>
          ))}
          {others.map((s) => (
            <label key={s.name} className="choice" title={STAIN_KIND_LABELS[s.kind]}>
              <input type="checkbox" checked onChange={() => toggleStain(s)} />
              <span>
                {s.name} <span className="muted">({STAIN_KIND_LABELS[s.kind].toLowerCase()})</span>
              </span>
            </label>
          ))}
        </div>
        <div className="histology-form__other">
          <input
            className="input"
            aria-label="Other stain name"
            placeholder="Other stain"
            value={otherName}
            onChange={(e) => setOtherName(e.target.value)}
            onKeyDown={(e) => {
              // Enter here adds the stain; it does not save the form.
              if (e.key === 'Enter') {
                e.preventDefault();
                addOther();
              }
            }}
          />
          <select className="input select" aria-label="Other stain kind" value={otherKind} onChange={(e) => setOtherKind(e.target.value as StainKind)}>
            {STAIN_KINDS.map((k) => (
              <option key={k} value={k}>
                {STAIN_KIND_LABELS[k]}
              </option>
            ))}
          </select>
          <button type="button" className="button button--secondary button--small" onClick={addOther}>
            Add stain
          </button>
        </div>
      </fieldset>
      <fieldset className="field choices">
        <legend className="field__label">Frozen section quality</legend>
        <div className="choices__row">
          {(
            [
              ['not-assessed', 'Not assessed'],
              ['adequate', 'Adequate'],
              ['problems', 'Problems'],
            ] as const
          ).map(([q, text]) => (
            <label key={q} className="choice">
              <input type="radio" name="section-quality" checked={quality === q} onChange={() => setQuality(q)} />
              <span>{text}</span>
            </label>
          ))}
        </div>
        {quality === 'problems' && (
          <div className="choices__row histology-form__problems">
            {QUALITY_PROBLEMS.map((p) => (
              <label key={p} className="choice">
                <input type="checkbox" checked={problems.includes(p)} onChange={() => setProblems((all) => (all.includes(p) ? all.filter((x) => x !== p) : [...all, p]))} />
                <span>{QUALITY_PROBLEM_LABELS[p]}</span>
              </label>
            ))}
            <label className="choice histology-form__recut">
              <input type="checkbox" checked={recut} onChange={(e) => setRecut(e.target.checked)} />
              <span>Re-cut</span>
            </label>
          </div>
        )}
      </fieldset>
      {(errorList.length > 0 || props.error) && (
        <div className="field__error" role="alert">
          {[...new Set(errorList)].join(' ')} {props.error}
        </div>
      )}
      <div className="histology-form__actions">
        <button type="submit" className="button button--primary" disabled={props.busy}>
          Save histology
        </button>
        <button type="button" className="button button--secondary" onClick={props.onClose}>
          Cancel
        </button>
        <span className="muted">
          <kbd>Enter</kbd> saves · <kbd>Esc</kbd> closes
        </span>
      </div>
    </form>
  );
}
