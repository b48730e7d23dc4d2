import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import type { ExportModel, PMNode } from './exportModel.ts';
import { renderMarkdown } from './markdown.ts';

/** Markup a participant might put into any value; none of it may reach the rendered HTML as markup. */
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>&lt;b&gt;[x](javascript:alert(3))`';
const hostileDoc = (): PMNode => ({
  type: 'doc',
  content: [
    { type: 'paragraph', attrs: { item: 'action', owner: HOSTILE, due: HOSTILE, speaker: HOSTILE }, content: [{ type: 'text', text: HOSTILE }] },
    { type: 'paragraph', attrs: { item: 'decision', outcome: HOSTILE }, content: [{ type: 'text', text: HOSTILE, marks: [{ type: 'code' }] }] },
    { type: 'codeBlock', content: [{ type: 'text', text: '```\n' + HOSTILE + '\n```' }] },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: HOSTILE, marks: [{ type: 'link', attrs: { href: 'javascript:alert(4)' } }] }] },
  ],
});

function hostileModel(): ExportModel {
  const localized = { en: HOSTILE };
  return {
    meetingId: 'm1',
    meta: { title: localized, languages: ['en'], timezone: HOSTILE, series: HOSTILE, number: 1, venue: localized, virtual: false, days: [HOSTILE] },
    status: 'finalised',
    slots: [
      {
        id: 's1', order: 'a', day: 0, start: HOSTILE, end: HOSTILE, kind: 'session', title: localized,
        speakers: [{ name: localized, affiliation: localized }], scribes: [],
        progress: { status: 'not_started', actualStart: null, actualEnd: null, doneLanguages: [] },
        minutes: { en: hostileDoc() },
      },
    ],
    roster: [{ id: 'r1', kind: 'person', name: localized, role: 'delegate', attendance: 'present', delegationId: null }],
    items: [
      { kind: 'action', slotId: 's1', lang: 'en', anchor: null, text: HOSTILE, outcome: null, owner: HOSTILE, due: HOSTILE, speaker: null },
      { kind: 'decision', slotId: 's1', lang: 'en', anchor: null, text: HOSTILE, outcome: HOSTILE as never, owner: null, due: null, speaker: null },
    ],
    version: { label: HOSTILE, createdAt: 0, finalisedAt: 0, finalisedBy: HOSTILE },
  };
}

describe('Markdown export escaping (issue 13 finding 16)', () => {
  it('turns no interpolated value into HTML, a link or an entity, whatever the field', () => {
    const markdown = renderMarkdown(hostileModel(), { lang: 'all', layout: 'single', numbering: 'decimal' });
    // Rendered as a Markdown viewer would: no tag from any value, no javascript: link.
    const html = marked.parse(markdown, { async: false });
    expect(html).not.toMatch(/<(script|img)\b/i);
    expect(html).not.toMatch(/href="javascript:/i);
    // The action item's due date (the reported case) is there, as text.
    expect(html).toContain('Due: &lt;script&gt;alert(1)&lt;/script&gt;');
    // An entity a participant typed stays the characters they typed.
    expect(html).toContain('&amp;lt;b&amp;gt;');
  });
});
