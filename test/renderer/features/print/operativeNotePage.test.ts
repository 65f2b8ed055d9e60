import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OperativeNotePage } from '../../../../renderer/src/features/print/OperativeNotePage';

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

/** The chart PDF's note page: the surgeon's text as written, whether signed, or that none is written. */
describe('the operative note page', () => {
  it('prints the note as written, with its signature', () => {
    const html = renderToStaticMarkup(
      createElement(OperativeNotePage, { note: { text: 'Indication: BCC, left nasal ala.\nStage 1: 4 blocks, margin positive at 3 o’clock.', signed: true, signedBy: 'Dr Ana Mendez', signedAt: '2026-11-20T16:40:00.000Z' } }),
    );
    expect(html).toContain('Indication: BCC, left nasal ala.\nStage 1: 4 blocks');
    expect(text(html)).toContain('Electronically signed by Dr Ana Mendez on 2026-11-20.');
  });

  it('says a draft is not the signed note, and says when there is no note', () => {
    expect(text(renderToStaticMarkup(createElement(OperativeNotePage, { note: { text: 'Draft.', signed: false, signedBy: null, signedAt: null } })))).toContain('Not signed: a draft, not the signed note.');
    expect(text(renderToStaticMarkup(createElement(OperativeNotePage, { note: null })))).toBe('Operative note No operative note written for this case.');
  });
});
