import { parseDocName } from '../../../shared/src/protocol/docName.ts';
import type { Logger } from '../log.ts';
import type { MeetingRepo } from '../meetings/meetingRepo.ts';
import { isChangeOrigin } from '../rooms/origins.ts';
import type { Room } from '../rooms/room.ts';
import type { RoomManager } from '../rooms/roomManager.ts';
import type { VersionService } from './versionService.ts';

/**
 * Cuts an automatic version when a burst of editing goes idle (e.g. the end of a session), so
 * there is always a recent point to compare with or go back to, without anyone remembering to.
 */
export function autoVersions(rooms: RoomManager, meetings: MeetingRepo, versions: VersionService, options: { idleMs: number; minUpdates: number; log: Logger }): void {
  rooms.onRoomLoaded((room: Room) => {
    const docName = room.docName;
    const name = parseDocName(docName);
    if (!name || name.kind !== 'minutes') return;
    let updates = 0;
    let lastUpdateAt = 0;
    let timer: NodeJS.Timeout | null = null;
    const cut = async () => {
      timer = null;
      if (updates < options.minUpdates) return;
      updates = 0;
      const meeting = await meetings.get(name.meetingId);
      if (!meeting || meeting.status === 'finalised') return;
      const at = new Date().toISOString().slice(0, 16).replace('T', ' ');
      await versions.cut(meeting, `Automatic · ${at} UTC`, 'auto', null);
    };
    // One timer per burst, not one per keystroke: each update only notes its time, and the timer,
    // when it fires early, waits for the rest of the idle period after the latest update.
    // (Re-arming a timer on every update was 4% of the server's CPU per update under light load.)
    const arm = (delayMs: number) => {
      // The pending timer must not hold the room: it outlives an unloaded room by up to idleMs, and
      // a thousand edited-then-closed documents would otherwise stay in memory that long.
      timer = setTimeout(() => {
        const idleFor = performance.now() - lastUpdateAt;
        if (idleFor < options.idleMs) return arm(options.idleMs - idleFor);
        void cut().catch((error: unknown) => options.log.error({ err: error, doc: docName }, 'automatic version failed'));
      }, delayMs);
      timer.unref();
    };
    room.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (!isChangeOrigin(origin) || origin.source !== 'connection') return;
      updates++;
      lastUpdateAt = performance.now();
      if (!timer) arm(options.idleMs);
    });
  });
}
