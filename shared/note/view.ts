import type { CaseId } from '../ids';
import type { MissingElement } from './elements';
import type { NoteChecklist, NoteFreeText } from './record';

/** A case's operative note as the case page shows it (operativeNote.get). */
export interface OperativeNoteView {
  readonly caseId: CaseId;
  /** The stored row's version; 0 while nothing is stored (the first write makes 1). */
  readonly version: number;
  /** Generated from the record as it is now. */
  readonly generated: string;
  /** The surgeon's own text; null: the generated text stands. */
  readonly surgeonText: string | null;
  /** The surgeon's text was edited from a generated text that the record has since changed. */
  readonly recordChanged: boolean;
  readonly checklist: NoteChecklist;
  readonly freeText: NoteFreeText;
  /** The free-text parts are the case surgeon's template defaults (nothing stored for this case yet). */
  readonly fromTemplate: boolean;
  /** Required elements (elements.ts) missing from the note as it would be signed. */
  readonly missing: readonly MissingElement[];
  /** The note as signed with the case; null while the case is unsigned. */
  readonly signed: { readonly text: string; readonly signedAt: string; readonly signedByName: string } | null;
}

/** A surgeon's defaults for the free-text parts (noteTemplates.get); version 0 while none are saved. */
export interface NoteTemplate {
  readonly freeText: NoteFreeText;
  readonly version: number;
}
