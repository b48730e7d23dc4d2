import type { ApiClient } from './api.ts';

/**
 * Finalises a meeting as its chair would when the minutes are what they are: any finalisation
 * blocker (unapproved text, open threads) is waived with a reason first. For tests whose subject
 * is what happens after finalising (archives, storage), not the blockers themselves.
 */
export async function finaliseWaivingBlockers(chair: Pick<ApiClient, 'post'>, meetingId: string) {
  let answer = await chair.post(`/api/meetings/${meetingId}/finalise`);
  for (let round = 0; answer.status === 409 && Array.isArray(answer.body?.blockers) && round < 3; round++) {
    for (const blocker of answer.body.blockers as Array<{ id: string }>) {
      await chair.post(`/api/meetings/${meetingId}/waivers`, { blockerId: blocker.id, reason: 'accepted as is for this test' });
    }
    answer = await chair.post(`/api/meetings/${meetingId}/finalise`);
  }
  if (answer.status !== 200) throw new Error(`finalise failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as { archive: { id: string; revision: number; manifestSha256: string } };
}
