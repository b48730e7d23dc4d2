import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { nextDigestAt } from './digestSchedule.ts';
import { renderMail, subjectLine } from './mailLayout.ts';
import { MAIL_CATALOGUES, mailTranslator, type MailKey } from './mailMessages.ts';
import { invitationContent, notificationsContent, type MailLinks } from './mailTemplates.ts';

const links: MailLinks = {
  meeting: (id, slot) => `https://q.example/m/${id}${slot ? `#slot-${slot}` : ''}`,
  archivePackage: (id) => `https://q.example/api/archive/${id}/package`,
  settings: () => 'https://q.example/account',
};

/** The argument names of an ICU message (parsing it throws if it is not valid ICU). */
function argumentsOf(message: string): string[] {
  const LITERAL = 0;
  return new IntlMessageFormat(message, 'en')
    .getAst()
    .flatMap((e) => (e.type !== LITERAL && 'value' in e && typeof e.value === 'string' ? [e.value] : []))
    .sort();
}

describe('mail catalogue', () => {
  it('has the same keys and the same arguments in English and Traditional Chinese, every message valid ICU', () => {
    const keys = Object.keys(MAIL_CATALOGUES.en).sort();
    expect(Object.keys(MAIL_CATALOGUES['zh-Hant']).sort()).toEqual(keys);
    for (const key of keys as MailKey[]) {
      expect(argumentsOf(MAIL_CATALOGUES['zh-Hant'][key]), key).toEqual(argumentsOf(MAIL_CATALOGUES.en[key]));
      expect(MAIL_CATALOGUES['zh-Hant'][key], key).not.toBe(MAIL_CATALOGUES.en[key]);
    }
  });

  it('writes counts with plural rules', () => {
    expect(mailTranslator('en')('batch.subject', { n: 1 })).toBe('1 notification from your meetings');
    expect(mailTranslator('en')('batch.subject', { n: 3 })).toBe('3 notifications from your meetings');
    expect(mailTranslator('zh-Hant')('digest.subject', { n: 1 })).toBe('每日摘要：1 則通知');
  });
});

describe('mail layout', () => {
  it('escapes everything others wrote in the HTML part and keeps it verbatim in the text part', () => {
    const content = notificationsContent('en', {
      recipientName: '<img src=x onerror=alert(1)>',
      digest: false,
      meetings: [{ meetingId: 'm1', title: { en: 'A & B "meeting"' }, items: [{ kind: 'mention', actorName: '<b>Mallory</b>', text: 'line one\n<script>x()</script>', slotId: 's1' }] }],
      links,
    });
    const mail = renderMail([{ locale: 'en', content }]);
    expect(mail.subject).toBe('<b>Mallory</b> mentioned you in “A & B "meeting"”');
    expect(mail.html).not.toMatch(/<script>|<img|<b>Mallory/);
    expect(mail.html).toContain('&lt;script&gt;x()&lt;/script&gt;');
    expect(mail.html).toContain('line one<br>');
    expect(mail.html).toContain('href="https://q.example/m/m1#slot-s1"');
    expect(mail.text).toContain('  > <script>x()</script>');
  });

  it('keeps a subject on one line whatever a title holds', () => {
    expect(subjectLine('Minutes\r\nBcc: victim@example.org')).toBe('Minutes Bcc: victim@example.org');
    expect(subjectLine('x'.repeat(500))).toHaveLength(200);
  });

  it('puts both languages in one message, Chinese first, when the recipient’s is unknown', () => {
    const facts = { inviterName: 'Lin', email: 'a@example.org', meetingTitle: { en: 'Plenary', 'zh-Hant': '全體會議' }, role: 'observer' as const, link: 'https://q.example/m/m1' };
    const mail = renderMail([
      { locale: 'zh-Hant', content: invitationContent('zh-Hant', facts) },
      { locale: 'en', content: invitationContent('en', facts) },
    ]);
    expect(mail.locale).toBe('zh-Hant, en');
    expect(mail.subject).toBe('Lin 邀請您參加「全體會議」 / Lin added you to “Plenary”');
    expect(mail.text.indexOf('角色為觀察員')).toBeLessThan(mail.text.indexOf('as observer'));
  });
});

describe('digest time', () => {
  it('is the next time the wall clock in the zone shows the hour', () => {
    const at = Date.parse('2025-03-10T01:30:00Z'); // 09:30 in Taipei
    expect(new Date(nextDigestAt(at, 8, 'Asia/Taipei')).toISOString()).toBe('2025-03-11T00:00:00.000Z');
    expect(new Date(nextDigestAt(at, 10, 'Asia/Taipei')).toISOString()).toBe('2025-03-10T02:00:00.000Z');
    // Across a daylight-saving change (New York, 9 March 2025): still 08:00 local.
    expect(new Date(nextDigestAt(Date.parse('2025-03-08T14:00:00Z'), 8, 'America/New_York')).toISOString()).toBe('2025-03-09T12:00:00.000Z');
  });
});
