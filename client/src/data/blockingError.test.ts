import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api.ts';
import { blockingError } from './blockingError.ts';

const offline = new ApiError(503, 'offline', 'offline, and this device has no copy of this page');
const forbidden = new ApiError(403, 'forbidden', 'not a member');
const network = new TypeError('Failed to fetch');
const meeting = { id: 'm1', role: 'delegate' };

describe('blockingError', () => {
  it('is nothing without an error', () => {
    expect(blockingError({ data: meeting, error: null })).toBeNull();
    expect(blockingError({ data: undefined, error: null })).toBeNull();
  });

  it('is the error when there is nothing else to show', () => {
    for (const error of [offline, forbidden, network]) expect(blockingError({ data: undefined, error })).toBe(error);
  });

  it('keeps data already held when a refetch gets no answer (offline copy missing, network down, server error)', () => {
    for (const error of [offline, network, new ApiError(500, 'error', 'boom')]) expect(blockingError({ data: meeting, error })).toBeNull();
    // A signed-out session (null) is data too.
    expect(blockingError({ data: null, error: offline })).toBeNull();
  });

  it('acts on a refusal even with data held: access is gone', () => {
    expect(blockingError({ data: meeting, error: forbidden })).toBe(forbidden);
    const gone = new ApiError(404, 'not_found', 'no such meeting');
    expect(blockingError({ data: meeting, error: gone })).toBe(gone);
  });
});
