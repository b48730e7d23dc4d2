import { describe, expect, it } from 'vitest';
import { isFontFile, isShellFile, keptMeetingId, requestKind } from './offlineRoutes.ts';

const ORIGIN = 'https://quorum.example';
const kind = (path: string, { method = 'GET', mode = 'cors', origin = ORIGIN } = {}) => requestKind(method, new URL(path, origin), ORIGIN, mode);

describe('what the service worker does with a request', () => {
  it('keeps the API GETs a meeting page opens with, and nothing else of the API', () => {
    for (const path of ['/api/me', '/api/meetings', '/api/meetings/ab12-cd', '/api/meetings/ab12/members', '/api/meetings/ab12/glossary', '/api/meetings/ab12/visit']) {
      expect(kind(path), path).toBe('api');
    }
    for (const path of ['/api/me/notifications', '/api/meetings/ab12/audit', '/api/meetings/ab12/invites', '/api/meetings/ab12/export?format=pdf', '/api/archive?q=x', '/api/invites/abc', '/api/meetings?x=1', '/api/meetings/AB/members']) {
      expect(kind(path), path).toBe('network');
    }
  });

  it('never touches writes, other origins, sockets or source maps', () => {
    expect(kind('/api/meetings', { method: 'POST' })).toBe('network');
    expect(kind('/api/me', { method: 'PATCH' })).toBe('network');
    expect(kind('https://cdn.example/api/me', { origin: 'https://cdn.example' })).toBe('network');
    expect(kind('/collab/meeting.x', { mode: 'navigate' })).toBe('network');
    expect(kind('/assets/index-abc.js.map')).toBe('network');
  });

  it('serves built and public files from the cache, and app pages from the shell', () => {
    expect(kind('/assets/index-abc.js')).toBe('asset');
    expect(kind('/assets/NotoSansTC_400Regular-x.ttf')).toBe('asset');
    expect(kind('/manifest.webmanifest')).toBe('asset');
    expect(kind('/icons/icon-192.png')).toBe('asset');
    expect(kind('/m/ab12', { mode: 'navigate' })).toBe('page');
    expect(kind('/', { mode: 'navigate' })).toBe('page');
    expect(kind('/m/ab12')).toBe('network'); // a fetch of a page URL is not a navigation
  });

  it('precaches the shell without the worker itself, and keeps fonts apart', () => {
    expect(['index.html', 'assets/index-a.js', 'assets/index-a.css', 'icons/icon.svg', 'manifest.webmanifest'].every(isShellFile)).toBe(true);
    expect(['sw.js', 'assets/index-a.js.map', 'assets/NotoSansTC-a.ttf'].some(isShellFile)).toBe(false);
    expect(isFontFile('assets/NotoSansTC-a.ttf')).toBe(true);
    expect(isFontFile('assets/index-a.js')).toBe(false);
  });

  it('reads which meetings open offline from the kept answers', () => {
    expect(keptMeetingId('/api/meetings/ab12-cd')).toBe('ab12-cd');
    expect(keptMeetingId('/api/meetings/ab12/members')).toBeNull();
    expect(keptMeetingId('/api/meetings')).toBeNull();
    expect(keptMeetingId('/__quorum/api-cache-owner')).toBeNull();
  });
});
