/**
 * What one workstation tells the others when it has committed a change on the clinic's server
 * (clinic mode; a single computer has no one to tell). Ids and kinds only, never patient data:
 * a screen that shows the record reads it again through the store, with its own user's rights.
 * 'unreachable': that connection was lost (the server stopped, the network dropped): a banner
 * says so until 'resync': it is back, so some changes may have been missed; every screen reads
 * again and waiting saves are sent.
 */
export type StoreChange =
  | {
      readonly kind: 'change';
      /** The audit row that recorded it: changes arrive in this order. */
      readonly seq: number;
      readonly entity: string;
      readonly entityId: string;
      readonly action: string;
      readonly userId: string;
    }
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'resync' };

/** The entities whose changes a screen showing clinical records reads again for. */
export const CLINICAL_ENTITIES: ReadonlySet<string> = new Set(['patient', 'case', 'lesion', 'stage', 'block', 'finding', 'histology', 'operative-note']);

export function isStoreChange(x: unknown): x is StoreChange {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  if (c.kind === 'resync' || c.kind === 'unreachable') return true;
  return c.kind === 'change' && typeof c.seq === 'number' && typeof c.entity === 'string' && typeof c.entityId === 'string' && typeof c.action === 'string' && typeof c.userId === 'string';
}
