import { describe, it, expect } from 'vitest';
import { ANATOMIC_SITES, type CptFamily } from '../../../shared/catalog/anatomicSites';
import { detectLaterality, searchSites } from '../../../shared/catalog/siteSearch';

function firstId(text: string): string | undefined {
  return searchSites(text)[0]?.id;
}

describe('searchSites', () => {
  const typed: [string, string, CptFamily][] = [
    ['nose', 'nose', '17311'],
    ['nasal ala', 'nasal-ala', '17311'],
    ['dorsal hand', 'dorsal-hand', '17311'],
    ['finger', 'finger', '17311'],
    ['plantar foot', 'plantar-foot', '17311'],
    ['pretibial lower leg', 'pretibial', '17313'],
    ['scrotum', 'scrotum', '17311'],
    ['upper lip', 'upper-lip', '17311'],
    ['lower eyelid', 'lower-eyelid', '17311'],
    ['temple', 'temple', '17311'],
    ['scalp', 'scalp', '17311'],
    ['shoulder', 'shoulder', '17313'],
    ['upper arm', 'upper-arm', '17313'],
    ['thigh', 'thigh', '17313'],
    ['chest', 'chest', '17313'],
    ['abdomen', 'abdomen', '17313'],
  ];
  for (const [text, id, family] of typed) {
    it(`"${text}" finds ${id} (${family}) first`, () => {
      const first = searchSites(text)[0];
      expect(first?.id).toBe(id);
      expect(first?.cptFamily).toBe(family);
    });
  }

  it('"back" finds a trunk site (17313), not the back of the hand', () => {
    const first = searchSites('back')[0];
    expect(first?.region).toBe('trunk');
    expect(first?.cptFamily).toBe('17313');
  });

  it('finds sites by the names clinicians type', () => {
    expect(firstId('ala')).toBe('nasal-ala');
    expect(firstId('alar')).toBe('nasal-ala');
    expect(firstId('ala nasi')).toBe('nasal-ala');
    expect(firstId('back of hand')).toBe('dorsal-hand');
    expect(firstId('digit')).toBe('finger');
    expect(firstId('sole')).toBe('plantar-foot');
    expect(firstId('plantar')).toBe('plantar-foot');
    expect(firstId('shin')).toBe('pretibial');
    expect(firstId('lower leg')).toBe('pretibial');
    expect(firstId('earlobe')).toBe('ear-lobe');
    expect(firstId('belly')).toBe('abdomen');
    expect(firstId('radix')).toBe('nasal-root');
    expect(searchSites('lid').slice(0, 2).map((s) => s.id).sort()).toEqual(['lower-eyelid', 'upper-eyelid']);
  });

  it('finds every site first by its own label, and by each synonym among same-coded sites', () => {
    for (const site of ANATOMIC_SITES) {
      expect(firstId(site.label), site.label).toBe(site.id);
      for (const syn of site.synonyms) {
        const results = searchSites(syn, 20);
        expect(results.map((s) => s.id), `${site.id}: "${syn}"`).toContain(site.id);
        expect(results[0]?.cptFamily, `${site.id}: "${syn}"`).toBe(site.cptFamily);
        expect(results[0]?.aucArea, `${site.id}: "${syn}"`).toBe(site.aucArea);
      }
    }
  });

  it('ignores laterality words, case and punctuation', () => {
    expect(firstId('left nasal ala')).toBe('nasal-ala');
    expect(firstId('R dorsal hand')).toBe('dorsal-hand');
    expect(firstId('Rt. forearm')).toBe('forearm');
    expect(firstId('(L) lower eyelid')).toBe('lower-eyelid');
    expect(firstId('bilateral thigh')).toBe('thigh');
    expect(firstId('NASAL-ALA,')).toBe('nasal-ala');
    expect(searchSites('right helix')).toEqual(searchSites('helix'));
  });

  it('tolerates word order and extra words', () => {
    expect(firstId('ala nasal')).toBe('nasal-ala');
    expect(firstId('eyelid lower')).toBe('lower-eyelid');
    expect(firstId('BCC on the left nasal ala')).toBe('nasal-ala');
    expect(firstId('skin of the nose')).toBe('nose');
    expect(firstId('cheeks')).toMatch(/cheek/);
  });

  it('matches word prefixes', () => {
    expect(firstId('nas al')).toBe('nasal-ala');
    expect(firstId('dors han')).toBe('dorsal-hand');
    expect(firstId('pretib')).toBe('pretibial');
    expect(firstId('colum')).toBe('columella');
  });

  it('ranks exact label or synonym matches above partial ones', () => {
    const upperLip = searchSites('upper lip').map((s) => s.id);
    expect(upperLip[0]).toBe('upper-lip');
    expect(upperLip).toContain('upper-vermilion');
    const ear = searchSites('ear').map((s) => s.id);
    expect(ear[0]).toBe('ear');
    expect(ear).toContain('ear-lobe');
    const nose = searchSites('nose').map((s) => s.id);
    expect(nose[0]).toBe('nose');
    expect(nose).toEqual(expect.arrayContaining(['nasal-tip', 'nasal-dorsum', 'nasal-sidewall']));
  });

  it('returns [] for empty, blank, side-only or unmatched text', () => {
    expect(searchSites('')).toEqual([]);
    expect(searchSites('   ')).toEqual([]);
    expect(searchSites('left')).toEqual([]);
    expect(searchSites('R.')).toEqual([]);
    expect(searchSites('bilateral')).toEqual([]);
    expect(searchSites('xyzzy')).toEqual([]);
  });

  it('respects the limit', () => {
    expect(searchSites('e').length).toBe(10);
    expect(searchSites('e', 3).length).toBe(3);
    expect(searchSites('nose', 0)).toEqual([]);
  });
});

describe('detectLaterality', () => {
  it('reads one named side', () => {
    expect(detectLaterality('left nasal ala')).toBe('left');
    expect(detectLaterality('R dorsal hand')).toBe('right');
    expect(detectLaterality('Rt. forearm')).toBe('right');
    expect(detectLaterality('lt cheek')).toBe('left');
    expect(detectLaterality('Helix, RIGHT')).toBe('right');
    expect(detectLaterality('L')).toBe('left');
  });

  it('gives undefined when no side, both sides or bilateral is named', () => {
    expect(detectLaterality('nasal ala')).toBeUndefined();
    expect(detectLaterality('lower lip')).toBeUndefined();
    expect(detectLaterality('radix')).toBeUndefined();
    expect(detectLaterality('bilateral cheeks')).toBeUndefined();
    expect(detectLaterality('left and right temple')).toBeUndefined();
    expect(detectLaterality('')).toBeUndefined();
  });
});
