/**
 * How a block is named once it leaves its stage's map. Block labels are only unique within
 * a lesion ("1-2" of lesion A and of lesion B), so the lesion letter always goes with them,
 * and on labels the lab's accession number goes in front: "MS26-0412 A 1-2".
 */
export interface BlockNameParts {
  readonly lesion: string;
  readonly block: string;
}

/** "A 1-2": lesion letter, then the block label (which carries the stage). */
export const blockName = (p: BlockNameParts): string => `${p.lesion} ${p.block}`;

/** "MS26-0412 A 1-2"; without an accession number (not given yet) just "A 1-2". */
export const accessionedBlockName = (p: BlockNameParts & { readonly accession: string }): string =>
  p.accession.trim() === '' ? blockName(p) : `${p.accession.trim()} ${blockName(p)}`;
