import type { Kysely } from 'kysely';
import { parseDocName } from '../../../shared/src/protocol/docName.ts';
import { readMeta } from '../../../shared/src/model/meetingDoc.ts';
import { DocField } from '../../../shared/src/schema/fields.ts';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../log.ts';
import type { Room } from '../rooms/room.ts';
import type { RoomManager } from '../rooms/roomManager.ts';

const MIRROR_DELAY_MS = 500;

/**
 * The chair edits the meeting's title, series, languages and days live in the doc's `meta`; the
 * database row mirrors them (debounced) so that listings, search and access rules that read the
 * row stay current. The doc is the source; the row is a projection.
 */
export function mirrorMeetingMeta(rooms: RoomManager, db: Kysely<Database>, log: Logger): void {
  rooms.onRoomLoaded((room: Room) => {
    const name = parseDocName(room.docName);
    if (!name || name.kind !== 'minutes') return;
    let timer: NodeJS.Timeout | null = null;
    const write = () => {
      timer = null;
      const meta = readMeta(room.doc);
      if (meta.languages.length === 0) return; // not initialised yet
      db.updateTable('meetings')
        .set({
          title_json: JSON.stringify(meta.title),
          languages_json: JSON.stringify(meta.languages),
          timezone: meta.timezone,
          series: meta.series,
          date: meta.days[0] ?? null,
          updated_at: Date.now(),
        })
        .where('id', '=', name.meetingId)
        .execute()
        .catch((error: unknown) => log.error({ err: error, doc: room.docName }, 'meta mirror failed'));
    };
    room.doc.getMap(DocField.meta).observeDeep(() => {
      timer ??= setTimeout(write, MIRROR_DELAY_MS);
    });
  });
}
