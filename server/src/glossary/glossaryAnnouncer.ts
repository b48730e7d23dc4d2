import type { Kysely } from 'kysely';
import { bumpGlossaryRevision } from '../../../shared/src/model/glossaryRevision.ts';
import { minutesDocName } from '../../../shared/src/protocol/docName.ts';
import type { Database } from '../db/schema.ts';
import { RoomFrozenError } from '../rooms/room.ts';
import type { RoomManager } from '../rooms/roomManager.ts';

/**
 * Tells the open meetings that share a glossary that it changed, by bumping the glossary revision
 * in their documents (see shared/src/model/glossaryRevision.ts): the meeting where the change was
 * made, loading its room if nobody has it open, and the other meetings of the same series whose
 * rooms this process has open (a meeting opened later reads the glossary anyway). A finalised
 * (frozen) meeting is left alone: its record does not change.
 */
export class GlossaryAnnouncer {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly rooms: RoomManager,
  ) {}

  async changed(meeting: { id: string; seriesId: string | null }): Promise<void> {
    await this.bump(minutesDocName(meeting.id), true);
    if (!meeting.seriesId) return;
    const others = await this.db.selectFrom('meetings').select('id').where('series_id', '=', meeting.seriesId).where('id', '!=', meeting.id).execute();
    for (const other of others) await this.bump(minutesDocName(other.id), false);
  }

  private async bump(docName: string, loadIfClosed: boolean): Promise<void> {
    if (!loadIfClosed && !this.rooms.get(docName)) return;
    try {
      await this.rooms.withRoom(docName, (room) => room.applyServerChange(bumpGlossaryRevision));
    } catch (error) {
      if (!(error instanceof RoomFrozenError)) throw error;
    }
  }
}
