import { z } from 'zod';
import { roleSchema } from '../model/roles.ts';

const languageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'not a BCP 47 language tag');

/** IANA time zone names that this runtime knows (Intl rejects anything else). */
export const timezoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown IANA time zone');

export const meetingCreateBody = z
  .object({
    title: z.record(languageTag, z.string().trim().min(1).max(300)),
    languages: z.array(languageTag).min(1).max(6).default(['zh-Hant', 'en']),
    timezone: timezoneSchema.default('Asia/Taipei'),
    /** First day, `YYYY-MM-DD`; `days` consecutive days follow from it. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    days: z.number().int().min(1).max(30).optional(),
    series: z.string().trim().max(100).default(''),
    number: z.number().int().min(1).max(10_000).optional(),
    venue: z.record(languageTag, z.string().trim().max(300)).default({}),
    virtual: z.boolean().default(false),
    templateId: z.string().max(100).optional(),
  })
  .refine((m) => new Set(m.languages).size === m.languages.length, 'languages must be distinct')
  .refine((m) => Object.keys(m.title).length > 0, 'title needs at least one language');

export const memberAddBody = z.object({ email: z.string().trim().min(3).max(254), role: roleSchema });
export const memberRoleBody = z.object({ role: roleSchema });
export const inviteCreateBody = z.object({
  role: roleSchema,
  expiresInHours: z.number().int().min(1).max(24 * 90).default(24 * 7),
  maxUses: z.number().int().min(1).max(500).default(1),
});
export const inviteAcceptBody = z.object({
  name: z.string().transform((v) => v.normalize('NFC').trim()).pipe(z.string().min(1).max(80)),
});
export const reopenBody = z.object({ reason: z.string().trim().min(3).max(2_000) });
export const reviewWindowBody = z.object({ open: z.boolean() });

export const glossaryTermBody = z.object({
  terms: z.record(languageTag, z.string().trim().max(300)).refine((t) => Object.values(t).filter((v) => v.length > 0).length >= 1, 'at least one term'),
  note: z.string().trim().max(1_000).default(''),
});

/** `PUT /api/meetings/:id/series`: the series (by name) whose glossary the meeting shares; `''` for none. */
export const seriesAttachBody = z.object({ series: z.string().transform((v) => v.normalize('NFC').trim()).pipe(z.string().max(100)) }).strict();
