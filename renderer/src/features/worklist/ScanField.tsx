import { useState, type KeyboardEvent, type RefObject } from 'react';

export interface ScanOutcome {
  readonly tone: 'ok' | 'warn' | 'error';
  readonly text: string;
  /** Where the label no longer says what the record does, one line each. */
  readonly details?: readonly string[];
}

/**
 * Where a barcode scanner types. A scanner is a keyboard: it types the label's text into the
 * focused field and presses Enter. The field is emptied at once, so the next scan starts
 * clean, and keeps the focus for the next cassette; what was found is said beside it.
 */
export function ScanField({ inputRef, outcome, onScan, onArrowDown }: {
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly outcome: ScanOutcome | null;
  readonly onScan: (text: string) => void;
  /** ↓ from the field: go to the block found (or the first). */
  readonly onArrowDown: () => void;
}) {
  const [text, setText] = useState('');
  const submit = () => {
    const scanned = text;
    setText('');
    if (scanned.trim() !== '') onScan(scanned);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      onArrowDown();
    }
  };
  return (
    <form
      className="worklist-scan"
      role="search"
      aria-label="Find a block by its label"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="worklist-scan__field" htmlFor="worklist-scan">
        <span className="field__label">Scan a cassette or slide label</span>
      </label>
      <div className="worklist-scan__row">
        <input
          ref={inputRef}
          id="worklist-scan"
          className="input worklist-scan__input"
          data-testid="scan-field"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          placeholder="Scan the barcode, or type its text and press Enter"
          aria-describedby="worklist-scan-result"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
        />
        <button type="submit" className="button button--secondary">
          Find block
        </button>
      </div>
      <div
        id="worklist-scan-result"
        className={`worklist-scan__result worklist-scan__result--${outcome?.tone ?? 'ok'}`}
        role="status"
        aria-live="polite"
        data-testid="scan-result"
        data-tone={outcome?.tone}
      >
        {outcome && (
          <>
            <p>{outcome.text}</p>
            {outcome.details && outcome.details.length > 0 && (
              <ul>
                {outcome.details.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </form>
  );
}
