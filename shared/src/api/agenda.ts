import { z } from 'zod';
import { SLOT_KINDS } from '../model/agendaDoc.ts';
import { HHMM_PATTERN } from '../model/time.ts';

const localized = z.record(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/), z.string().max(2_000));

/** A slot as templates, imports and the API carry it (no id: the server assigns one). */
export const slotInputSchema = z.object({
  day: z.number().int().min(0).max(30),
  start: z.string().regex(HHMM_PATTERN),
  end: z.string().regex(HHMM_PATTERN),
  kind: z.enum(SLOT_KINDS),
  title: localized,
  speakers: z.array(z.object({ name: localized, affiliation: localized.optional() })).max(100).default([]),
  scribes: z.array(z.string().max(100)).max(50).default([]),
});

export const templateCreateBody = z
  .object({
    name: localized.refine((n) => Object.values(n).some((v) => v.trim().length > 0), 'a name is required'),
    description: localized.default({}),
    /** Save the current agenda of this meeting as the template... */
    fromMeetingId: z.string().max(64).optional(),
    /** ...or give the slots directly. */
    slots: z.array(slotInputSchema).max(200).optional(),
  })
  .refine((b) => (b.fromMeetingId === undefined) !== (b.slots === undefined), 'give either fromMeetingId or slots');
