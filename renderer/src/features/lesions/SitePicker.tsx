import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { searchSites, type AnatomicSite } from '../../../../shared/catalog';
import { REGION_LABELS } from './lesionText';

const MAX_SUGGESTIONS = 8;

/**
 * The anatomic site, found by typing what the surgeon would write ("R ala", "helical rim").
 * A combobox: the typed text filters the catalog; a site counts only once picked from the
 * list, so free text never stands in for a coded site.
 */
export function SitePicker({
  text,
  siteId,
  error,
  onType,
  onPick,
}: {
  readonly text: string;
  readonly siteId: string;
  readonly error?: string | undefined;
  readonly onType: (text: string) => void;
  readonly onPick: (site: AnatomicSite) => void;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const results = useMemo(() => searchSites(text, MAX_SUGGESTIONS), [text]);
  const expanded = open && results.length > 0;
  const activeSite = expanded ? results[Math.min(active, results.length - 1)] : undefined;

  const activeId = activeSite ? `${id}-opt-${activeSite.id}` : undefined;
  // Keep the highlighted site in view when the arrow keys move past the list's edge.
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const pick = (site: AnatomicSite) => {
    onPick(site);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && activeSite) {
      // Enter picks the highlighted site instead of submitting the form.
      e.preventDefault();
      pick(activeSite);
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault();
      setOpen(false);
    }
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const noMatch = open && text.trim() !== '' && results.length === 0 && !siteId;
  return (
    <div className={`field site-picker${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        Anatomic site
      </label>
      <input
        id={id}
        className="input"
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-invalid={Boolean(error)}
        aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
        placeholder="Type a site, e.g. left nasal ala"
        value={text}
        onChange={(e) => {
          onType(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" aria-label="Matching sites" className="site-picker__list" hidden={!expanded}>
        {expanded &&
          results.map((site) => (
            <li
              key={site.id}
              id={`${id}-opt-${site.id}`}
              role="option"
              aria-selected={site === activeSite}
              className={`site-picker__option${site === activeSite ? ' is-active' : ''}`}
              // mousedown, not click: the input must not lose focus (and close the list) first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(site);
              }}
              onMouseEnter={() => setActive(results.indexOf(site))}
            >
              <span className="site-picker__label">{site.label}</span>
              <span className="site-picker__region">{REGION_LABELS[site.region]}</span>
            </li>
          ))}
      </ul>
      <p className="field__hint" id={hintId}>
        {noMatch ? `No site matches “${text.trim()}”. Try another word, e.g. “cheek” or “helix”.` : 'Type to search, then choose with ↑ ↓ and Enter. A side you type (left, R) fills in laterality.'}
      </p>
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
