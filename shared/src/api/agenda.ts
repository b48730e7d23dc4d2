import { z } from 'zod';
import { SLOT_KINDS } from '../model/agendaDoc.ts';
import { HHMM_PATTERN } from '../model/time.ts';

const languageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);
/** Text per language: at most a dozen languages (meetings have up to six), each value bounded. */
const localizedText = (max: number) =>
  z.record(languageTag, z.string().max(max)).refine((value) => Object.keys(value).length <= 12, 'at most 12 languages');
const localized = localizedText(2_000);

/** A slot as templates, imports and the API carry it (no id: the server assigns one). */
export const slotInputSchema = z.object({
  day: z.number().int().min(0).max(30),
  start: z.string().regex(HHMM_PATTERN),
  end: z.string().regex(HHMM_PATTERN),
  kind: z.enum(SLOT_KINDS),
  title: localized,
  speakers: z.array(z.object({ name: localized, role: localized.optional(), affiliation: localized.optional(), part: localized.optional() })).max(100).default([]),
  scribes: z.array(z.string().max(100)).max(50).default([]),
});

/** A template's name (shown in pickers: short) and description. */
export const templateNameSchema = localizedText(200).refine((n) => Object.values(n).some((v) => v.trim().length > 0), 'a name is required');
export const templateDescriptionSchema = localizedText(2_000);
/** The slots of a template: what a meeting created from it starts with. */
export const templateSlotsSchema = z.array(slotInputSchema).min(1, 'a template needs at least one slot').max(200);

/**
 * A template as stored and as read back: one schema for both directions, so a row that was
 * accepted can always be read, and a row that does not fit is skipped instead of failing a list.
 */
export const storedTemplateSchema = z.object({ name: templateNameSchema, description: templateDescriptionSchema, slots: templateSlotsSchema });

export const templateCreateBody = z
  .object({
    name: templateNameSchema,
    description: templateDescriptionSchema.default({}),
    /** Save the current agenda of this meeting as the template (its slots are checked like given ones)... */
    fromMeetingId: z.string().max(64).optional(),
    /** ...or give the slots directly. */
    slots: templateSlotsSchema.optional(),
  })
  .refine((b) => (b.fromMeetingId === undefined) !== (b.slots === undefined), 'give either fromMeetingId or slots');
