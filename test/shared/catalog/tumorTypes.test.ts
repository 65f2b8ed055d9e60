import { describe, it, expect } from 'vitest';
import { TUMOR_TYPES, TUMOR_TYPES_SOURCE, tumorTypeById } from '../../../shared/catalog/tumorTypes';

describe('tumor types', () => {
  it('has unique kebab-case ids and non-empty labels', () => {
    const ids = TUMOR_TYPES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of TUMOR_TYPES) {
      expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(t.label.trim()).not.toBe('');
      expect(tumorTypeById(t.id)).toBe(t);
    }
    expect(new Set(TUMOR_TYPES.map((t) => t.label)).size).toBe(TUMOR_TYPES.length);
    expect(tumorTypeById('nope')).toBeUndefined();
    expect(TUMOR_TYPES_SOURCE).toMatch(/Connolly/);
  });

  it('covers the subtypes the AUC and the clinic distinguish', () => {
    const group = (id: string) => tumorTypeById(id)?.group;
    for (const id of ['bcc-nodular', 'bcc-superficial', 'bcc-infiltrative', 'bcc-morpheaform', 'bcc-micronodular', 'bcc-basosquamous', 'bcc-nos']) {
      expect(group(id), id).toBe('bcc');
    }
    for (const id of ['scc-well-differentiated', 'scc-moderately-differentiated', 'scc-poorly-differentiated', 'scc-nos', 'scc-keratoacanthoma-type']) {
      expect(group(id), id).toBe('scc');
    }
    expect(group('scc-in-situ')).toBe('scc-in-situ');
    expect(group('lentigo-maligna')).toBe('melanoma-in-situ');
    expect(group('melanoma-in-situ')).toBe('melanoma-in-situ');
    expect(group('melanoma-invasive')).toBe('melanoma');
    expect(group('merkel-cell-carcinoma')).toBe('merkel');
    expect(group('dfsp')).toBe('dfsp');
    expect(group('sebaceous-carcinoma')).toBe('sebaceous');
    for (const id of ['atypical-fibroxanthoma', 'microcystic-adnexal-carcinoma', 'extramammary-paget-disease', 'other']) {
      expect(group(id), id).toBe('other');
    }
  });
});
