import * as Y from 'yjs';
import { createThread } from '../../shared/src/model/reviewDoc.ts';
import { meetingWithMembers } from './api.ts';
import { connectClient, waitSynced, type ProviderClient } from './clients.ts';
import type { SmtpSink } from './smtpSink.ts';
import type { TestServer } from './testServer.ts';

export type MailMeeting = Awaited<ReturnType<typeof meetingWithMembers>>;

/**
 * A meeting whose members have set interface languages, with the invitations their set-up caused
 * already received and forgotten, so a test sees only the mail it causes itself.
 */
export async function meetingWithMailboxes(server: TestServer, sink: SmtpSink, locales: Partial<Record<'chair' | 'delegate' | 'reviewer' | 'observer', 'en' | 'zh-Hant'>>, roles: Array<'delegate' | 'reviewer' | 'observer'> = ['delegate', 'reviewer', 'observer']): Promise<MailMeeting> {
  const meeting = await meetingWithMembers(server.url, roles);
  for (const [role, locale] of Object.entries(locales)) await meeting.members[role]!.api.patch('/api/me', { locale });
  for (const role of roles) await sink.waitFor(`${role}@example.org`);
  sink.clear();
  return meeting;
}

/** A member's real y-websocket client on the meeting's review doc. */
export async function openReview(server: TestServer, meeting: MailMeeting, role: string): Promise<ProviderClient> {
  const client = connectClient(server.wsUrl, meeting.meeting.reviewDocName, { params: { token: meeting.members[role]!.token } });
  await waitSynced(client);
  return client;
}

/** Starts a thread on the general slot, as the review panel does (anchored in a scratch minutes doc). */
export function startThread(review: Y.Doc, author: { id: string; name: string }, text: string, mentions: string[] = [], slotId = 'general'): string {
  const minutes = new Y.Doc();
  const node = new Y.XmlText('quoted words');
  minutes.getXmlFragment(`minutes/${slotId}/en`).insert(0, [node]);
  const anchor = { start: Y.createRelativePositionFromTypeIndex(node, 0), end: Y.createRelativePositionFromTypeIndex(node, 6) };
  return createThread(review, { slotId, lang: 'en', anchor, quote: 'quoted', author, text, mentions });
}
