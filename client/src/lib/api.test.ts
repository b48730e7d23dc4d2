import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, fetchWithTimeout } from './api.ts';

/** A server that takes the request and never answers: what a hanging network looks like to fetch(). */
function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer(() => undefined);
  server.on('connection', (socket) => sockets.add(socket));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/me`,
        close: () => {
          for (const socket of sockets) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      }),
    ),
  );
}

describe('fetchWithTimeout', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it('turns a request the server never answers into ApiError "timeout" instead of waiting forever', async () => {
    const server = await silentServer();
    close = server.close;
    const error = await fetchWithTimeout(server.url, {}, 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('timeout');
    expect((error as ApiError).status).toBe(0);
  });

  it('passes other failures through unchanged (a refused connection stays a TypeError: "cannot reach")', async () => {
    const server = await silentServer();
    await server.close();
    const error = await fetchWithTimeout(server.url, {}, 5_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
  });
});
