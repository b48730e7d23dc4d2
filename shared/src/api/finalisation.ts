import { z } from 'zod';

/** `POST /api/meetings/:id/waivers`: the chair waives one current blocker, with a reason. */
export const waiverBody = z.object({
  blockerId: z.string().min(1).max(300),
  reason: z.string().trim().min(3, 'give a reason (at least 3 characters)').max(2_000),
});
