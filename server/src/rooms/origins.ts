/**
 * Every Yjs transaction on a room's doc carries one of these origins, so that broadcasting,
 * persistence and (later) Redis fan-out can tell their own echoes from new changes.
 */
export type ChangeOrigin =
  | { source: 'connection'; peerId: string }
  | { source: 'store' }
  | { source: 'redis' }
  | { source: 'server' };

export const storeOrigin: ChangeOrigin = { source: 'store' };
export const serverOrigin: ChangeOrigin = { source: 'server' };
/** Changes another process stored and published (cluster/redisBus.ts): broadcast, never stored or re-published. */
export const redisOrigin: ChangeOrigin = { source: 'redis' };

export function isChangeOrigin(value: unknown): value is ChangeOrigin {
  return typeof value === 'object' && value !== null && 'source' in value;
}
