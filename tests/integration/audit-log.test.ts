import { describe, expect, it } from 'vitest';
import { useMeetingServer } from '../helpers/meetingServer.ts';

// The audit log records who changed roles, opened the review window and exported; chairs read
// their meeting's log, administrators everyone's, nobody else either.
const ctx = useMeetingServer(['delegate', 'reviewer']);

describe('audit log', () => {
  it('records role changes, the review window and exports with who did them', async () => {
    const { meeting, members } = ctx;
    const chair = members.chair!.api;
    expect((await chair.patch(`/api/meetings/${meeting.id}/members/${members.reviewer!.userId}`, { role: 'observer' })).status).toBe(200);
    expect((await chair.post(`/api/meetings/${meeting.id}/review-window`, { open: true })).status).toBe(200);
    expect((await members.delegate!.api.get(`/api/meetings/${meeting.id}/export?format=md&lang=en`)).status).toBe(200);

    const log = await chair.get(`/api/meetings/${meeting.id}/audit`);
    expect(log.status).toBe(200);
    const entries = log.body.entries as Array<{ action: string; actorName: string; details: Record<string, unknown>; at: number }>;
    expect(entries.map((e) => e.action).slice(0, 3)).toEqual(['meeting.export', 'meeting.reviewWindow', 'member.role']);
    expect(entries[0]).toMatchObject({ actorName: 'Delegate', details: expect.objectContaining({ format: 'md' }) });
    expect(entries[2]).toMatchObject({ actorName: 'Chair', details: expect.objectContaining({ role: 'observer' }) });
    expect(entries.every((e) => e.at > 0)).toBe(true);
  });

  it('is closed to delegates; the whole log is for administrators only', async () => {
    const { meeting, members } = ctx;
    expect((await members.delegate!.api.get(`/api/meetings/${meeting.id}/audit`)).status).toBe(403);
    expect((await members.delegate!.api.get('/api/audit')).status).toBe(403);
    // The chair signed up first, so the chair is this server's administrator.
    const all = await members.chair!.api.get(`/api/audit?action=meeting.export`);
    expect(all.status).toBe(200);
    expect(all.body.entries.map((e: { meetingId: string }) => e.meetingId)).toEqual([meeting.id]);
    const paged = await members.chair!.api.get(`/api/audit?limit=1`);
    expect(paged.body.entries).toHaveLength(1);
    const next = await members.chair!.api.get(`/api/audit?limit=1&before=${paged.body.entries[0].id}`);
    expect(next.body.entries[0].id).toBeLessThan(paged.body.entries[0].id);
    expect((await members.chair!.api.get('/api/audit?meetingId=../etc')).status).toBe(400);
  });
});
