import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { accessionedBlockName } from '../../../../shared/labels/blockName';
import type { ScannedBlock, WorklistRow } from '../../../../shared/records';
import { call } from '../../api/client';
import { href, navigate } from '../../app/route';
import { describeFailure } from '../../lib/failure';
import type { ScanOutcome } from './ScanField';

/** What was read, for a message: a scanner's text can be anything, so it is shortened. */
const shown = (text: string): string => {
  const t = text.trim();
  return t.length > 60 ? `${t.slice(0, 60)}…` : t;
};

function foundOutcome(found: ScannedBlock, otherDay: boolean): ScanOutcome {
  const r = found.row;
  const name = accessionedBlockName({ accession: r.accessionNumber, lesion: r.lesionLabel, block: r.blockLabel });
  const where = `${r.patientName}, stage ${r.stageNumber}, ${r.siteLabel}${otherDay ? `, operated on ${r.dateOfSurgery} (that day is shown now)` : ''}`;
  if (found.differences.length > 0) {
    return {
      tone: 'warn',
      text: `Found ${name} (${where}), but this label no longer matches the record: print this block's labels again.`,
      details: found.differences.map((d) => d.charAt(0).toUpperCase() + d.slice(1) + '.'),
    };
  }
  const older = found.format === 'LM1' ? ' This is an older label without a block id: print new labels for it when you can.' : '';
  return { tone: 'ok', text: `Found ${name} (${where}). It is selected below: ↓ goes to it, then Enter moves it on one step.${older}` };
}

/**
 * Finding a block by scanning its label: the block is selected (on its own day's list) and
 * asked to be scrolled into view; `scrollRequest` changes with every find.
 */
export function useScan(day: string, rows: readonly WorklistRow[] | null, refresh: () => Promise<unknown>) {
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [scrollRequest, setScrollRequest] = useState(0);
  // A quick second scan supersedes the first: only the latest answer is shown.
  const latest = useRef(0);
  const context = useRef({ day, rows, refresh });
  // Kept current after each render, for the answer of a scan started before it.
  useLayoutEffect(() => {
    context.current = { day, rows, refresh };
  });

  const scan = useCallback(async (text: string) => {
    const seq = ++latest.current;
    const result = await call('worklist.scan', { text });
    if (seq !== latest.current) return;
    if (!result.ok) {
      setOutcome({ tone: 'error', text: `${describeFailure(result.error)} (Read: “${shown(text)}”.)` });
      return;
    }
    const row = result.value.row;
    const { day: shownDay, rows: shownRows, refresh: reread } = context.current;
    const otherDay = row.dateOfSurgery !== shownDay;
    setSelected(row.blockId);
    setScrollRequest((n) => n + 1);
    setOutcome(foundOutcome(result.value, otherDay));
    if (otherDay) navigate(href.worklist(row.dateOfSurgery));
    // A block cut since the list was last read: read it again so the row is there to select.
    else if (!shownRows?.some((r) => r.blockId === row.blockId)) void reread();
  }, []);

  return { outcome, selected, scrollRequest, scan };
}
