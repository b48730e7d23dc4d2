import * as Y from 'yjs';
import { readAgenda, replaceAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { readMeta, writeMeta } from '../../../shared/src/model/meetingDoc.ts';
import type { AuditLog } from '../audit/auditLog.ts';
import { HttpError, notFound } from '../http/errors.ts';
import type { MeetingRecord } from '../meetings/meetingRepo.ts';
import { RoomFrozenError } from '../rooms/room.ts';
import type { RoomManager } from '../rooms/roomManager.ts';
import { docFromState } from './docState.ts';
import type { VersionKind, VersionRepo, VersionSummary } from './versionRepo.ts';

const finalisedError = () => new HttpError(409, 'finalised', 'the meeting is finalised: its minutes are the archived record; reopen it before restoring a version');

/** Cuts versions of a meeting (both docs, read through their rooms) and restores them. */
export class VersionService {
  constructor(private readonly rooms: RoomManager, private readonly versions: VersionRepo, private readonly audit: AuditLog) {}

  async cut(meeting: MeetingRecord, label: string, kind: VersionKind, createdBy: string | null): Promise<VersionSummary> {
    const minutesState = await this.rooms.withRoom(meeting.docName, async (room) => {
      await room.idle();
      return Y.encodeStateAsUpdate(room.doc);
    });
    const reviewState = await this.rooms.withRoom(meeting.reviewDocName, async (room) => {
      await room.idle();
      return Y.encodeStateAsUpdate(room.doc);
    });
    return this.versions.create({ meetingId: meeting.id, label, kind, createdBy, minutesState, reviewState });
  }

  /**
   * Restores a version as the chair's action: refused while the meeting is finalised (the live
   * minutes must stay the archived ones), the state it replaces kept as a version first, and
   * audited with who restored which version. Returns the version cut after the restore.
   */
  async restoreVersion(meeting: MeetingRecord, versionId: string, by: string): Promise<VersionSummary> {
    if (meeting.status === 'finalised') throw finalisedError();
    const version = await this.versions.get(meeting.id, versionId);
    if (!version) throw notFound('no such version');
    const before = await this.cut(meeting, `Before restoring "${version.label}"`, 'auto', by);
    try {
      await this.restore(meeting, version.minutesState);
    } catch (error) {
      // Finalised since the status above was read: the room was frozen before the record was cut.
      if (error instanceof RoomFrozenError) throw finalisedError();
      throw error;
    }
    const restored = await this.cut(meeting, `Restored "${version.label}"`, 'restore', by);
    await this.audit.record({ actorId: by, meetingId: meeting.id, action: 'version.restore', details: { versionId: version.id, label: version.label, beforeVersionId: before.id, restoredVersionId: restored.id } });
    return restored;
  }

  /**
   * Makes the live minutes equal to a version's, as a new change on top of history (nobody's work
   * is erased from the log; the restore itself can be undone by restoring a later version).
   * Fragments are updated by diffing, so unchanged paragraphs keep their identity and comments.
   */
  async restore(meeting: MeetingRecord, state: Uint8Array): Promise<void> {
    // The editor schema (Tiptap, ProseMirror) loads on the first restore: an idle server does not
    // hold it, and nothing else on the server's event loop needs it.
    const [{ updateYFragment, yXmlFragmentToProseMirrorRootNode }, { getMinutesSchema }] = await Promise.all([
      import('@tiptap/y-tiptap'),
      import('../../../shared/src/schema/extensions.ts'),
    ]);
    const version = docFromState(state);
    try {
      await this.rooms.withRoom(meeting.docName, (room) =>
        room.applyServerChange((doc) => {
          const schema = getMinutesSchema();
          const fields = new Set([...doc.share.keys(), ...version.share.keys()].filter((name) => name.startsWith('minutes/')));
          for (const field of fields) {
            const target = yXmlFragmentToProseMirrorRootNode(version.getXmlFragment(field), schema);
            updateYFragment(doc, doc.getXmlFragment(field), target, { mapping: new Map(), isOMark: new Map() });
          }
          replaceAgenda(doc, readAgenda(version).map(({ order: _order, ...slot }) => slot));
          writeMeta(doc, readMeta(version));
        }),
      );
    } finally {
      version.destroy();
    }
  }
}
