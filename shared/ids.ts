/** Branded ids: a LesionId can't be passed where a CaseId is expected. */
declare const brand: unique symbol;
export type Id<K extends string> = string & { readonly [brand]: K };

export type UserId = Id<'user'>;
export type PatientId = Id<'patient'>;
export type CaseId = Id<'case'>;
export type LesionId = Id<'lesion'>;
export type StageId = Id<'stage'>;
export type BlockId = Id<'block'>;
