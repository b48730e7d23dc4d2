import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storedUpdates } from '../../server/src/store/docStore.ts';
import { readConfirmations, setConfirmation } from '../../shared/src/model/confirmations.ts';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { readRoster } from '../../shared/src/model/rosterDoc.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { connectClient, destroyAllClients, waitSynced, type ProviderClient } from '../helpers/clients.ts';
import { linkDelegation } from '../helpers/delegations.ts';
import { eventually } from '../helpers/eventually.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

/**
 * Issue 14: any delegate could confirm for any delegation. Accounts are linked to delegations in
 * the roster; only a member of a delegation, or the chair recorded as the chair, confirms for it,
 * and the server enforces it on the review doc (confirmationRules.ts).
 */
let server: TestServer;
let setup: Awaited<ReturnType<typeof meetingWithMembers>>;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  setup = await meetingWithMembers(server.url, ['delegate', 'reviewer']);
  // The delegate speaks for Chile, the reviewer for Peru.
  await linkDelegation(server, setup.meeting.docName, 'chile', [setup.members.delegate!.userId], { en: 'Chile', 'zh-Hant': '智利' });
  await linkDelegation(server, setup.meeting.docName, 'peru', [setup.members.reviewer!.userId], { en: 'Peru', 'zh-Hant': '秘魯' });
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

/** A review-doc client that records how the server closed it (the barrier: a refusal is a close with its reason). */
function reviewClient(token: string): ProviderClient & { closes: Array<{ code: number; reason: string }> } {
  const client = connectClient(server.wsUrl, setup.meeting.reviewDocName, { params: { token } });
  const closes: Array<{ code: number; reason: string }> = [];
  client.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push({ code: event.code, reason: event.reason }));
  return Object.assign(client, { closes });
}

/** The confirmations the server holds (loading the review doc if every client has left). */
const storedConfirmations = () => server.server.rooms.withRoom(setup.meeting.reviewDocName, (room) => readConfirmations(room.doc));

describe('confirming for a delegation (issue 14)', () => {
  it('the roster links accounts to delegations', async () => {
    const roster = await server.server.rooms.withRoom(setup.meeting.docName, (room) => readRoster(room.doc));
    expect(roster.find((r) => r.id === 'chile')?.accounts).toEqual([setup.members.delegate!.userId]);
  });

  it('a member confirms for their own delegation', async () => {
    const delegate = reviewClient(setup.members.delegate!.token);
    await waitSynced(delegate);
    setConfirmation(delegate.doc, 'chile', 'confirmed', 'Chile agrees', { id: setup.members.delegate!.userId, name: 'Delegate' });
    await eventually(async () => expect((await storedConfirmations()).get('chile')).toMatchObject({ state: 'confirmed', by: setup.members.delegate!.userId, asChair: false }));
    delegate.destroy();
  });

  it('a confirmation for another delegation is refused: the socket is closed with the reason, nothing is stored', async () => {
    const delegate = reviewClient(setup.members.delegate!.token);
    await waitSynced(delegate);
    setConfirmation(delegate.doc, 'peru', 'confirmed', 'not mine to give', { id: setup.members.delegate!.userId, name: 'Delegate' });
    // Barrier: the server handled the update (refused it and closed this socket, saying why).
    await eventually(() => expect(delegate.closes.some((c) => c.code === CloseCode.PolicyViolation && c.reason.includes('only a member of this delegation'))).toBe(true));
    delegate.destroy();
    expect((await storedConfirmations()).has('peru')).toBe(false);
    const stored = new Y.Doc();
    for (const update of storedUpdates(await server.server.store.load(setup.meeting.reviewDocName))) Y.applyUpdate(stored, update);
    expect(readConfirmations(stored).has('peru')).toBe(false);
    // Nor may anyone claim to confirm as the chair.
    const reviewer = reviewClient(setup.members.reviewer!.token);
    await waitSynced(reviewer);
    setConfirmation(reviewer.doc, 'chile', 'amendments', 'posing as chair', { id: setup.members.reviewer!.userId, name: 'Reviewer' }, { asChair: true });
    await eventually(() => expect(reviewer.closes.some((c) => c.reason.includes('only the chair confirms as the chair'))).toBe(true));
    reviewer.destroy();
    expect((await storedConfirmations()).get('chile')?.note).toBe('Chile agrees');
  });

  it('withdrawing another delegation’s confirmation is refused too', async () => {
    const reviewer = reviewClient(setup.members.reviewer!.token);
    await waitSynced(reviewer);
    reviewer.doc.getMap('confirmations').delete('chile');
    await eventually(() => expect(reviewer.closes.some((c) => c.reason.includes('withdraw'))).toBe(true));
    reviewer.destroy();
    expect((await storedConfirmations()).get('chile')?.state).toBe('confirmed');
  });

  it('the chair confirms for a delegation only as the chair, and the record says so', async () => {
    const chair = reviewClient(setup.members.chair!.token);
    await waitSynced(chair);
    setConfirmation(chair.doc, 'peru', 'confirmed', 'unmarked', { id: setup.members.chair!.userId, name: 'Chair' });
    await eventually(() => expect(chair.closes.some((c) => c.reason.includes('as the chair (asChair: true)'))).toBe(true));
    chair.destroy();
    expect((await storedConfirmations()).has('peru')).toBe(false);

    const again = reviewClient(setup.members.chair!.token);
    await waitSynced(again);
    setConfirmation(again.doc, 'peru', 'confirmed', 'confirmed in the room', { id: setup.members.chair!.userId, name: 'Chair' }, { asChair: true });
    await eventually(async () => expect((await storedConfirmations()).get('peru')).toMatchObject({ by: setup.members.chair!.userId, asChair: true, note: 'confirmed in the room' }));
    expect(again.closes).toEqual([]);
    // A member of Peru may still replace it with the delegation's own.
    const reviewer = reviewClient(setup.members.reviewer!.token);
    await waitSynced(reviewer);
    setConfirmation(reviewer.doc, 'peru', 'amendments', 'Peru asks for a change', { id: setup.members.reviewer!.userId, name: 'Reviewer' });
    await eventually(async () => expect((await storedConfirmations()).get('peru')).toMatchObject({ by: setup.members.reviewer!.userId, asChair: false, state: 'amendments' }));
  });

  it('linking an account later takes effect at once, without reconnecting', async () => {
    const delegate = reviewClient(setup.members.delegate!.token);
    await waitSynced(delegate);
    await linkDelegation(server, setup.meeting.docName, 'peru', [setup.members.reviewer!.userId, setup.members.delegate!.userId], { en: 'Peru' });
    setConfirmation(delegate.doc, 'peru', 'confirmed', 'now a member of Peru too', { id: setup.members.delegate!.userId, name: 'Delegate' });
    await eventually(async () => expect((await storedConfirmations()).get('peru')?.note).toBe('now a member of Peru too'));
    expect(delegate.closes).toEqual([]);
  });
});
