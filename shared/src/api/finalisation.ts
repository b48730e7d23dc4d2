import { z } from 'zod';

/** How many blockers one request may waive (a long meeting has a few hundred at most). */
export const MAX_WAIVERS_PER_REQUEST = 1_000;

const blockerId = z.string().min(1).max(300);

/**
 * `POST /api/meetings/:id/waivers`: the chair waives current blockers with one reason, either one
 * (`blockerId`) or several at once (`blockerIds`, all or none); each is recorded on its own.
 */
export const waiverBody = z
  .object({
    blockerId: blockerId.optional(),
    blockerIds: z
      .array(blockerId)
      .min(1)
      .max(MAX_WAIVERS_PER_REQUEST)
      .refine((ids) => new Set(ids).size === ids.length, 'a blocker is listed twice')
      .optional(),
    reason: z.string().trim().min(3, 'give a reason (at least 3 characters)').max(2_000),
  })
  .refine((body) => (body.blockerId === undefined) !== (body.blockerIds === undefined), 'give either blockerId or blockerIds');
