import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { Admission, clientAddress, ConnectionCounts } from './limits.ts';

const request = (remoteAddress: string, forwarded?: string) =>
  ({ socket: { remoteAddress }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

describe('WebSocket limits', () => {
  it('client address: the socket peer, or behind a trusted proxy the entry that proxy appended', () => {
    expect(clientAddress(request('10.0.0.5', '1.2.3.4'), false)).toBe('10.0.0.5'); // forged header ignored
    expect(clientAddress(request('127.0.0.1', 'spoofed, 203.0.113.7'), true)).toBe('203.0.113.7');
    expect(clientAddress(request('127.0.0.1'), true)).toBe('127.0.0.1');
  });

  it('admission: a line in arrival order behind the concurrency limit; full line refused', async () => {
    const admission = new Admission(1, 2);
    const order: string[] = [];
    const first = (await admission.enter())!;
    const second = admission.enter().then((release) => (order.push('second'), release));
    const third = admission.enter().then((release) => (order.push('third'), release));
    expect(await admission.enter()).toBeNull(); // 1 in, 2 waiting: the fourth is refused
    first();
    (await second)!();
    (await third)!();
    expect(order).toEqual(['second', 'third']);
    expect(admission.inFlight).toBe(0);
  });

  it('connection counts per address and per user, released once', () => {
    const counts = new ConnectionCounts({ maxConnectionsPerIp: 2, maxConnectionsPerUser: 1, maxOpenDocuments: 1, maxRoomMemoryBytes: 1, maxConcurrentUpgrades: 1, maxWaitingUpgrades: 1 });
    const a = counts.add('1.1.1.1', 'u1');
    expect(counts.check('1.1.1.1', 'u1')?.reason).toBe('connections-per-user');
    expect(counts.check('1.1.1.1', null)).toBeNull();
    counts.add('1.1.1.1', null);
    expect(counts.check('1.1.1.1', null)?.status).toBe(429);
    a();
    a(); // a second release changes nothing
    expect(counts.check('1.1.1.1', 'u1')).toBeNull();
    expect(counts.check('2.2.2.2', 'u1')).toBeNull();
  });
});
