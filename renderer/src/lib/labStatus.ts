import { LAB_STATUS_LABELS, LAB_STATUSES, type LabStatus } from '../../../shared/records';

// A block's steps through the Mohs lab, as the worklist and the surgeon's map show them.

/** Short names for narrow places (the step buttons, the map's block table); the full name is in LAB_STATUS_LABELS. */
export const LAB_STATUS_SHORT: Readonly<Record<LabStatus, string>> = {
  excised: 'Excised',
  grossed: 'Grossed',
  embedded: 'Embedded',
  cut: 'Cut',
  stained: 'Stained',
  ready: 'Ready',
  read: 'Read',
};

export const labStatusLabel = (s: LabStatus): string => LAB_STATUS_LABELS[s];

/** The step after this one, or null when the block has been read. */
export function nextStatus(s: LabStatus): LabStatus | null {
  return LAB_STATUSES[LAB_STATUSES.indexOf(s) + 1] ?? null;
}

/** The step before this one, or null at the first. */
export function previousStatus(s: LabStatus): LabStatus | null {
  const i = LAB_STATUSES.indexOf(s);
  return i > 0 ? (LAB_STATUSES[i - 1] ?? null) : null;
}

export const statusIndex = (s: LabStatus): number => LAB_STATUSES.indexOf(s);
