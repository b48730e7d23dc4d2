import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { awarenessMessage, RawClient } from '../helpers/rawClient.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';

// A client whose old socket is not yet reaped (network blip, laptop waking) reconnects and sends
// its presence under the same awareness client id: that is the same person, not an impersonator,
// so the id follows the client to its new socket. Another account claiming it is still refused.
const ctx = useMeetingServer(['delegate', 'observer']);

const socketAs = async (role: 'delegate' | 'observer') => {
  const raw = await RawClient.connect(`${ctx.server.wsUrl}/${ctx.meeting.docName}?token=${ctx.members[role]!.token}`);
  await raw.waitReady();
  return raw;
};
const presence = (clock: number, name: string) => awarenessMessage([{ clientId: 4242, clock, json: JSON.stringify({ user: { name } }) }]);

describe('awareness across a reconnect', () => {
  it("moves the client id to the same user's new socket, and still refuses it to anyone else", async () => {
    const before = await socketAs('delegate');
    before.sendBytes(presence(1, 'Delegate'));
    await before.roundTrip();
    // The old socket is still open when the new one speaks for the same client id.
    const after = await socketAs('delegate');
    after.sendBytes(presence(2, 'Delegate'));
    await after.roundTrip();
    expect(after.isOpen).toBe(true);
    const room = ctx.server.server.rooms.get(ctx.meeting.docName)!;
    expect(room.awareness.meta.get(4242)?.clock).toBe(2);

    // The id now belongs to the new socket: when the old one goes, the presence stays.
    before.close();
    await after.roundTrip();
    expect(room.awareness.getStates().get(4242)).toEqual({ user: { name: 'Delegate' } });

    const other = await socketAs('observer');
    other.sendBytes(presence(9, 'Observer'));
    const closed = await other.waitForClose();
    expect(closed.code).toBe(CloseCode.PolicyViolation);
    expect(closed.reason).toMatch(/owned by another connection/);
    expect(room.awareness.getStates().get(4242)).toEqual({ user: { name: 'Delegate' } });
    after.close();
  });
});
