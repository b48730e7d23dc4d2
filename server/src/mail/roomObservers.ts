import * as Y from 'yjs';
import { readAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { approvalsMap, parseApprovalEntry } from '../../../shared/src/model/approvals.ts';
import { threadsMap } from '../../../shared/src/model/reviewDoc.ts';
import { isMeetingDocName, parseDocName } from '../../../shared/src/protocol/docName.ts';
import type { Logger } from '../log.ts';
import { isChangeOrigin } from '../rooms/origins.ts';
import type { Room } from '../rooms/room.ts';
import type { RoomManager } from '../rooms/roomManager.ts';
import type { Notifications } from './notifications.ts';

/** Comments or approvals looked at per accepted update; a bigger update is not worth more mail. */
const MAX_EVENTS_PER_UPDATE = 50;
const MAX_MENTIONS = 20;

/**
 * Notifications that come from the documents themselves, detected on the server from accepted
 * updates (so no client can fake or suppress them): new comments in the review doc (mentions,
 * replies) and minutes marked ready for review (approval requests).
 *
 * Only updates this process accepted from a socket count (origin `connection`): the same update
 * reaches other processes over Redis with origin `redis`, and is loaded from the store with
 * origin `store`, and neither notifies again; so exactly one process notifies. Server-made changes
 * (a version restored) carry no author binding and notify nobody. The observers only collect
 * plain facts, synchronously and bounded; the database work runs after.
 */
export function observeRoomsForNotifications(rooms: RoomManager, notifier: Notifications, log: Logger): void {
  rooms.onRoomLoaded((room) => {
    const name = parseDocName(room.docName);
    if (!name || !isMeetingDocName(name)) return;
    if (name.kind === 'review') observeComments(room, name.meetingId, notifier, log);
    else observeApprovals(room, name.meetingId, notifier, log);
  });
}

const acceptedFromSocket = (transaction: Y.Transaction) => isChangeOrigin(transaction.origin) && transaction.origin.source === 'connection';

/** The user a Yjs type was written by (the author binding of the client id that created it). */
const writerOf = (room: Room, type: { _item: Y.Item | null }): string | undefined => (type._item ? room.authorOf(type._item.id.client) : undefined);

function commentMaps(comments: unknown): Y.Map<unknown>[] {
  return comments instanceof Y.Array ? comments.toArray().filter((c): c is Y.Map<unknown> => c instanceof Y.Map) : [];
}

function observeComments(room: Room, meetingId: string, notifier: Notifications, log: Logger): void {
  const threads = threadsMap(room.doc);
  threads.observeDeep((events, transaction) => {
    if (!acceptedFromSocket(transaction)) return;
    const fresh: Array<{ comment: Y.Map<unknown>; thread: Y.Map<unknown> }> = [];
    for (const event of events) {
      if (fresh.length >= MAX_EVENTS_PER_UPDATE) break;
      if (event.target === threads) {
        // A new thread: its comments are all new (nested types made in the same update raise no events of their own).
        for (const [key, change] of event.changes.keys) {
          const thread = change.action === 'delete' ? undefined : threads.get(key);
          if (thread instanceof Y.Map) for (const comment of commentMaps(thread.get('comments'))) fresh.push({ comment, thread });
        }
      } else if (event.target instanceof Y.Array && event.target.parent instanceof Y.Map && event.target.parent.parent === threads) {
        const thread = event.target.parent as Y.Map<unknown>;
        for (const item of event.changes.added) {
          const content = item.content;
          if (content instanceof Y.ContentType && content.type instanceof Y.Map) fresh.push({ comment: content.type as Y.Map<unknown>, thread });
        }
      }
    }
    const newComments = new Set(fresh.map((f) => f.comment));
    for (const { comment, thread } of fresh.slice(0, MAX_EVENTS_PER_UPDATE)) {
      const authorId = writerOf(room, comment);
      const text = comment.get('text');
      if (!authorId || typeof text !== 'string' || comment.get('deleted') === true) continue;
      const mentionsValue = comment.get('mentions');
      const mentions = Array.isArray(mentionsValue) ? mentionsValue.filter((m): m is string => typeof m === 'string').slice(0, MAX_MENTIONS) : [];
      // Who took part before this comment: whoever wrote the thread and its earlier comments.
      const participants = new Set<string>();
      const starter = writerOf(room, thread);
      if (starter) participants.add(starter);
      for (const earlier of commentMaps(thread.get('comments'))) {
        const writer = newComments.has(earlier) ? undefined : writerOf(room, earlier);
        if (writer) participants.add(writer);
      }
      const slotId = thread.get('slotId');
      void notifier
        .commentAdded({ meetingId, authorId, text, slotId: typeof slotId === 'string' ? slotId : '', mentions, participants: [...participants] })
        .catch((error: unknown) => log.error({ err: error }, 'comment notification failed'));
    }
  });
}

function observeApprovals(room: Room, meetingId: string, notifier: Notifications, log: Logger): void {
  const approvals = approvalsMap(room.doc);
  approvals.observe((event, transaction) => {
    if (!acceptedFromSocket(transaction)) return;
    const requests: Array<{ actorId: string; slotId: string; lang: string }> = [];
    for (const [key, change] of event.changes.keys) {
      if (requests.length >= MAX_EVENTS_PER_UPDATE) break;
      if (change.action === 'delete') continue;
      const entry = parseApprovalEntry(approvals.get(key));
      // The writer of an entry is checked by the server (rooms/approvalRules.ts): `by` is who marked it.
      if (entry?.state !== 'ready' || parseApprovalEntry(change.oldValue)?.state === 'ready') continue;
      const slash = key.lastIndexOf('/');
      if (slash <= 0) continue;
      requests.push({ actorId: entry.by, slotId: key.slice(0, slash), lang: key.slice(slash + 1) });
    }
    if (requests.length === 0) return;
    const titles = new Map(readAgenda(room.doc).map((slot) => [slot.id, slot.title]));
    for (const request of requests) {
      void notifier
        .approvalRequested({ meetingId, ...request, slotTitle: titles.get(request.slotId) ?? {} })
        .catch((error: unknown) => log.error({ err: error }, 'approval notification failed'));
    }
  });
}
