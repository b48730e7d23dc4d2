import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { MeetingSource } from '../../../../shared/src/report/reportModel.ts';
import type { MeetingRecord } from '../../meetings/meetingRepo.ts';
import type { Services } from '../../services.ts';

/** One meeting as a report chapter reads it: the minutes state it is built from and where that came from. */
export interface MeetingSourceState {
  meeting: MeetingRecord;
  state: Uint8Array;
  source: MeetingSource;
}

/** The same with the state decoded (on a worker thread when building a model). */
export interface MeetingSourceDoc {
  meeting: MeetingRecord;
  doc: Y.Doc;
  source: MeetingSource;
}

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/**
 * The state of a meeting a report is built from: the final version when the meeting is finalised
 * (with the archive revision made from it), otherwise the live draft. Copies, so building a report
 * never holds a meeting's room.
 */
export async function loadMeetingSource(services: Services, meeting: MeetingRecord): Promise<MeetingSourceState> {
  if (meeting.status === 'finalised') {
    const final = (await services.versions.list(meeting.id)).filter((v) => v.kind === 'final').sort((a, b) => b.createdAt - a.createdAt)[0];
    const version = final ? await services.versions.get(meeting.id, final.id) : null;
    if (version) {
      const archive = await services.sql.selectFrom('archives').select(['id', 'revision']).where('version_id', '=', version.id).orderBy('revision', 'desc').executeTakeFirst();
      return {
        meeting,
        state: version.minutesState,
        source: {
          meetingId: meeting.id,
          state: 'final',
          versionId: version.id,
          archiveRevision: archive ? Number(archive.revision) : null,
          archiveId: archive?.id ?? null,
          digest: sha256(version.minutesState),
          finalisedAt: version.createdAt,
        },
      };
    }
  }
  const state = await services.rooms.withRoom(meeting.docName, (room) => Y.encodeStateAsUpdate(room.doc));
  return {
    meeting,
    state,
    source: { meetingId: meeting.id, state: 'draft', versionId: null, archiveRevision: null, archiveId: null, digest: sha256(state), finalisedAt: null },
  };
}
