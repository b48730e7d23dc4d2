import { z } from 'zod';
import { reportLanguageSchema } from '../report/reportModel.ts';
import { reportRoleSchema } from '../report/reportRoles.ts';
import { timezoneSchema } from './meetings.ts';

/**
 * Request bodies of the report routes (docs/api.md, "Reports"). Every text is bounded, every list
 * capped, unknown keys refused: a report's settings are small, and a body that is not is hostile.
 */
const languageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'not a BCP 47 language tag');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'not a YYYY-MM-DD date').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a calendar date');
const localized = (max: number) => z.record(languageTag, z.string().trim().max(max)).refine((t) => Object.keys(t).length <= 6, 'at most 6 languages');
const meetingId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'not a meeting id');

export const MAX_REPORT_MEETINGS = 20;

export const reportMeetingIds = z
  .array(meetingId)
  .min(1)
  .max(MAX_REPORT_MEETINGS)
  .refine((ids) => new Set(ids).size === ids.length, 'a meeting appears once');

export const reportTitle = localized(300).refine((t) => Object.values(t).some((v) => v.length > 0), 'title needs at least one language');

/** The cover (封面) fields an author fills in; the rest of the cover is derived from the meetings. */
export const reportCoverBody = z
  .object({
    agency: localized(300).default({}),
    authors: z.array(z.object({ name: localized(200), title: localized(200).default({}) }).strict()).max(20).default([]),
    destination: localized(300).default({}),
    videoconference: z.boolean().default(false),
    /** The trip's period; absent: the first to the last meeting day. */
    periodStart: isoDate.nullable().default(null),
    periodEnd: isoDate.nullable().default(null),
    reportDate: isoDate.nullable().default(null),
  })
  .strict()
  .refine((c) => !c.periodStart || !c.periodEnd || c.periodStart <= c.periodEnd, 'the period ends before it starts');
export type ReportCoverFields = z.infer<typeof reportCoverBody>;

export const reportCreateBody = z
  .object({
    title: reportTitle,
    meetingIds: reportMeetingIds,
    language: reportLanguageSchema,
    timezone: timezoneSchema.default('Asia/Taipei'),
    cover: reportCoverBody.optional(),
  })
  .strict();

/** `PUT /api/reports/:id`: any subset of the settings; `meetingIds` replaces the ordered list. */
export const reportUpdateBody = z
  .object({
    title: reportTitle.optional(),
    meetingIds: reportMeetingIds.optional(),
    language: reportLanguageSchema.optional(),
    timezone: timezoneSchema.optional(),
    cover: reportCoverBody.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const reportMemberAddBody = z.object({ email: z.string().trim().min(3).max(254), role: reportRoleSchema }).strict();

/**
 * `POST /api/reports/:id/finalise`. A report built from a meeting that is not finalised (its live
 * minutes, a chapter marked as a draft) is refused (409 `draft_sources`) unless the owner accepts
 * that with `allowDrafts: true`; the archive lists every such meeting as `state: "draft"`.
 */
export const reportFinaliseBody = z.object({ allowDrafts: z.boolean().default(false) }).strict();

/** `POST /api/reports/:id/reopen`: why (audited), as for a meeting. */
export const reportReopenBody = z.object({ reason: z.string().trim().min(3).max(2_000) }).strict();
