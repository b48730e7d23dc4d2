import { upsertRosterEntry } from '../../shared/src/model/rosterDoc.ts';
import type { TestServer } from './testServer.ts';

/**
 * Puts a delegation in a meeting's roster with these accounts linked to it (a server change, as
 * the chair's roster panel would make it): only they, or the chair as the chair, may then confirm
 * for it (server/src/rooms/confirmationRules.ts).
 */
export async function linkDelegation(server: TestServer, docName: string, rosterId: string, accounts: string[], name: Record<string, string> = { en: rosterId }): Promise<void> {
  await server.server.rooms.withRoom(docName, (room) =>
    room.applyServerChange((doc) => upsertRosterEntry(doc, { id: rosterId, kind: 'delegation', name, role: 'delegate', attendance: 'present', delegationId: null, accounts })),
  );
}
