import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/closeCodes.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { hasChromium, launchChromium } from '../helpers/browser.ts';
import { pageAs, slotEditor } from '../helpers/browserSession.ts';
import { appendParagraph, connectClient, destroyAllClients, fragmentText, waitSynced, type ProviderClient } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { metricValue } from '../helpers/metrics.ts';
import { awarenessMessage, RawClient } from '../helpers/rawClient.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import type { Browser } from 'playwright-core';

// Issue 12: while a signed-in Chromium page typed with its caret, the server closed stock
// y-websocket clients with 1008 "awareness claims another user" over and over. Cause: a stock
// client opened with `?token=ADMIN_TOKEN` from a browser that also holds a session cookie (the
// bench's anchor page) was authenticated by the cookie, not by the token it named, so its caret
// ("Administrator (token)") claimed another user; y-websocket reconnects 100 ms after a socket
// that opened, so it was closed ~10 times a second. Stock clients that only echo others' states
// must never be closed.
const ADMIN_TOKEN = 'awareness-echo-admin-token-0123456789';
const ADMIN_TOKEN_NAME = 'Administrator (token)';
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  server = await startTestServer({ access: 'enforced', env: { ADMIN_TOKEN, LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  browser = await launchChromium();
});
afterAll(async () => {
  destroyAllClients();
  await browser?.close();
  await stopAllTestServers();
});

/** A ws WebSocket that sends a session cookie with its upgrade, as a browser tab does. */
function webSocketWithCookie(cookie: string): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  } as unknown as typeof globalThis.WebSocket;
}

interface StockClient {
  label: string;
  client: ProviderClient;
  /** Every close the server sent this client (code and reason). */
  closes: Array<{ code: number; reason: string }>;
}

function stockClient(label: string, client: ProviderClient): StockClient {
  const entry: StockClient = { label, client, closes: [] };
  client.provider.on('connection-close', (event: { code: number; reason: string } | null) => {
    if (event) entry.closes.push({ code: event.code, reason: event.reason });
  });
  return entry;
}

/** Types into its own paragraph five characters a second until `typing()` says stop. */
async function typeAlong(client: ProviderClient, field: string, label: string, typing: () => boolean): Promise<void> {
  appendParagraph(client.doc, field, `${label}: `);
  const fragment = client.doc.getXmlFragment(field);
  const line = fragment.get(fragment.length - 1) as Y.XmlElement;
  while (typing()) {
    const text = line.get(0) as Y.XmlText;
    text.insert(text.length, 'x');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // The barrier: a last edit that the server must have applied, after every message before it.
  const text = line.get(0) as Y.XmlText;
  text.insert(text.length, ` done-${label.replace(/\W/g, '')}`);
}

describe.skipIf(!hasChromium)('stock y-websocket clients next to a signed-in browser with a caret', () => {
  it('are never closed for awareness over a typing phase; a real impersonation still is', async () => {
    const { meeting, members } = await meetingWithMembers(server.url, ['delegate']);
    const field = minutesField('general', 'zh-Hant');
    const url = server.wsUrl;
    const stock = [
      stockClient('admin token', connectClient(url, meeting.docName, { params: { token: ADMIN_TOKEN } })),
      stockClient('admin token 2', connectClient(url, meeting.docName, { params: { token: ADMIN_TOKEN } })),
      stockClient('personal access token', connectClient(url, meeting.docName, { params: { token: members.delegate!.token } })),
      stockClient('session cookie', connectClient(url, meeting.docName, { webSocket: webSocketWithCookie(members.delegate!.api.cookie!) })),
      // A stock client in a signed-in browser that names the token it means (the bench's anchor page).
      stockClient('admin token with a session cookie', connectClient(url, meeting.docName, { params: { token: ADMIN_TOKEN }, webSocket: webSocketWithCookie(members.chair!.api.cookie!) })),
    ];
    await waitSynced(...stock.map((s) => s.client));
    // The anchor's caret, named as the server names the ADMIN_TOKEN identity.
    stock[4]!.client.provider.awareness.setLocalStateField('user', { name: ADMIN_TOKEN_NAME, color: '#f80' });

    const { page, context } = await pageAs(browser, server.url, members.chair!.api);
    await page.goto(`${server.url}/m/${meeting.id}`);
    const editor = slotEditor(page, 0, 'en');
    await editor.click();
    const room = server.server.rooms.get(meeting.docName)!;
    const pageClientId = await eventually(() => {
      const id = [...room.awareness.getStates()].find(([, state]) => (state as { user?: { id?: string } }).user?.id === members.chair!.userId)?.[0];
      expect(id).toBeDefined();
      return id!;
    }, 15_000);
    const policyClosesBefore = await metricValue(server.url, 'quorum_rejections_total', { reason: 'policy-violation' });

    let typing = true;
    const writers = stock.map((s) => typeAlong(s.client, field, s.label, () => typing));
    // The page types, moving its caret between lines, while the stock clients type and echo.
    for (let k = 0; k < 120; k++) {
      if (k % 30 === 0) await page.keyboard.press('Enter');
      await page.keyboard.type(k % 10 === 9 ? ' ' : 'a');
      if (k % 15 === 14) await page.keyboard.press('ArrowUp');
      if (k % 15 === 0) await page.keyboard.press('End');
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    typing = false;
    await Promise.all(writers);
    // Every stock client's last edit reached the room: all it sent before was handled. (A client
    // the server closed fails at once, with its closes.)
    await eventually(() => {
      for (const s of stock) {
        if (s.closes.length > 0) return;
        expect(fragmentText(room.doc, field)).toContain(`done-${s.label.replace(/\W/g, '')}`);
      }
    }, 15_000);
    for (const s of stock) expect(s.closes, s.label).toEqual([]);
    for (const s of stock) expect(s.client.provider.wsconnected, s.label).toBe(true);
    expect(await metricValue(server.url, 'quorum_rejections_total', { reason: 'policy-violation' })).toBe(policyClosesBefore);
    // The anchor is the ADMIN_TOKEN identity, as its URL says: its caret is in the room.
    expect(room.awareness.getStates().get(stock[4]!.client.doc.clientID)).toMatchObject({ user: { name: ADMIN_TOKEN_NAME } });

    // A real impersonation is still refused: another account's newer, different state for the page's id.
    const pageState = room.awareness.getStates().get(pageClientId);
    const clock = room.awareness.meta.get(pageClientId)!.clock;
    const thief = await RawClient.connect(`${server.wsUrl}/${meeting.docName}?token=${members.delegate!.token}`);
    await thief.waitReady();
    thief.sendBytes(awarenessMessage([{ clientId: pageClientId, clock: clock + 100, json: JSON.stringify({ user: { id: members.delegate!.userId, name: 'Delegate' } }) }]));
    const closed = await thief.waitForClose();
    expect(closed.code).toBe(CloseCode.PolicyViolation);
    expect(closed.reason).toMatch(/owned by another connection/);
    expect(room.awareness.getStates().get(pageClientId)).toEqual(pageState);
    await context.close();
  });
});
