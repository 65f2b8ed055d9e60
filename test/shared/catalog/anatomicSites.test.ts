import { describe, it, expect } from 'vitest';
import { MOHS_CODES } from '../../../shared/coding/cptCodes';
import {
  ANATOMIC_SITES,
  ANATOMIC_SITES_SOURCE,
  REGION_CPT_FAMILY,
  siteById,
  type AnatomicSite,
  type AucArea,
  type CptFamily,
} from '../../../shared/catalog/anatomicSites';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function site(id: string): AnatomicSite {
  const s = siteById(id);
  if (!s) throw new Error(`no site ${id}`);
  return s;
}

/** Same folding the search applies, so "Ear-lobe" and "ear lobe" count as one name. */
function fold(name: string): string {
  return name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join(' ');
}

describe('anatomic site catalog', () => {
  it('has a clinic-sized catalog with a reviewable source line', () => {
    expect(ANATOMIC_SITES.length).toBeGreaterThanOrEqual(70);
    expect(ANATOMIC_SITES.length).toBeLessThanOrEqual(95);
    expect(ANATOMIC_SITES_SOURCE).toMatch(/Connolly/);
    expect(ANATOMIC_SITES_SOURCE).toMatch(/17311/);
  });

  it('has unique kebab-case ids that siteById finds', () => {
    const ids = ANATOMIC_SITES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of ANATOMIC_SITES) {
      expect(s.id).toMatch(KEBAB);
      expect(siteById(s.id)).toBe(s);
    }
    expect(siteById('no-such-site')).toBeUndefined();
  });

  it('gives every site a label and synonyms', () => {
    for (const s of ANATOMIC_SITES) {
      expect(s.label.trim(), s.id).not.toBe('');
      expect(s.synonyms.length, s.id).toBeGreaterThan(0);
      for (const syn of s.synonyms) expect(syn.trim(), s.id).not.toBe('');
    }
  });

  it('has unique labels', () => {
    const labels = ANATOMIC_SITES.map((s) => fold(s.label));
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('never gives one name to sites of different CPT family or AUC area', () => {
    const byName = new Map<string, AnatomicSite[]>();
    for (const s of ANATOMIC_SITES) {
      for (const name of new Set([s.label, ...s.synonyms].map(fold))) {
        byName.set(name, [...(byName.get(name) ?? []), s]);
      }
    }
    for (const [name, sites] of byName) {
      const families = new Set(sites.map((s) => s.cptFamily));
      const areas = new Set(sites.map((s) => s.aucArea));
      expect(families.size, `"${name}" -> ${sites.map((s) => s.id).join(', ')}`).toBe(1);
      expect(areas.size, `"${name}" -> ${sites.map((s) => s.id).join(', ')}`).toBe(1);
    }
  });

  it('puts no side words in names (laterality is recorded separately)', () => {
    for (const s of ANATOMIC_SITES) {
      for (const name of [s.label, ...s.synonyms]) {
        expect(fold(name).split(' '), `${s.id}: ${name}`).not.toEqual(
          expect.arrayContaining(['left', 'right', 'l', 'r', 'bilateral']),
        );
      }
    }
  });

  it('derives the CPT family from the region per the AMA descriptors', () => {
    // Checked against the codes' own descriptors (shared/coding/cptCodes.ts, pinned to DOMAIN.md
    // in tables.test.ts), not a copy of REGION_CPT_FAMILY: a region belongs to the family whose
    // descriptor names it, and never to the other one.
    const locations = (family: CptFamily) => MOHS_CODES[family].descriptor.split(';')[0] ?? '';
    const NAMED_AS: Readonly<Record<keyof typeof REGION_CPT_FAMILY, string>> = {
      head: 'head', neck: 'neck', hand: 'hands', foot: 'feet', genitalia: 'genitalia', trunk: 'trunk', 'upper-limb': 'arms', 'lower-limb': 'legs',
    };
    const named = (family: CptFamily, word: string) => new RegExp(`\\b${word}\\b`).test(locations(family));
    for (const [region, family] of Object.entries(REGION_CPT_FAMILY) as [keyof typeof REGION_CPT_FAMILY, CptFamily][]) {
      expect(named(family, NAMED_AS[region]), `${region} is in the ${family} descriptor`).toBe(true);
      expect(named(family === '17311' ? '17313' : '17311', NAMED_AS[region]), `${region} is not in the other descriptor`).toBe(false);
    }
    for (const s of ANATOMIC_SITES) expect(s.cptFamily, s.id).toBe(REGION_CPT_FAMILY[s.region]);
  });
});

describe('CPT family and AUC area where the two taxonomies disagree (DOMAIN.md)', () => {
  const expectations: [string[], CptFamily, AucArea][] = [
    [['scalp', 'anterior-neck', 'lateral-neck', 'posterior-neck', 'medial-cheek', 'lateral-cheek', 'malar-cheek', 'forehead', 'jawline'], '17311', 'M'],
    [['pretibial'], '17313', 'M'],
    [['nipple-areola'], '17313', 'H'],
    [['ankle'], '17313', 'H'],
    [['dorsal-hand', 'palm', 'finger', 'thumb', 'fingernail-unit'], '17311', 'H'],
    [['dorsal-foot', 'plantar-foot', 'heel', 'toe', 'toenail-unit'], '17311', 'H'],
    [['penis', 'scrotum', 'vulva'], '17311', 'H'],
    [['back', 'upper-back', 'lower-back', 'chest', 'abdomen', 'thigh', 'upper-arm', 'shoulder', 'forearm', 'calf'], '17313', 'L'],
    [['nasal-ala', 'nasal-tip', 'upper-eyelid', 'lower-eyelid', 'eyebrow', 'temple', 'upper-lip', 'chin', 'helix', 'ear-lobe', 'preauricular', 'postauricular'], '17311', 'H'],
  ];
  for (const [ids, family, area] of expectations) {
    for (const id of ids) {
      it(`${id} is CPT ${family}, AUC ${area}`, () => {
        expect(site(id).cptFamily).toBe(family);
        expect(site(id).aucArea).toBe(area);
      });
    }
  }

  it('files the scalp under the head, never the trunk', () => {
    expect(site('scalp').region).toBe('head');
  });

  it('marks midline structures as having no side and paired ones as sided', () => {
    expect(site('columella').lateralityApplies).toBe(false);
    expect(site('philtrum').lateralityApplies).toBe(false);
    expect(site('nasal-ala').lateralityApplies).toBe(true);
    expect(site('lower-eyelid').lateralityApplies).toBe(true);
    expect(site('dorsal-hand').lateralityApplies).toBe(true);
  });
});
