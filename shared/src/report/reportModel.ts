import { z } from 'zod';
import { pmNodeSchema } from './pmJson.ts';

/**
 * A delegation's report (公務出國報告) as plain JSON: everything a renderer (DOCX, PDF, HTML) needs,
 * already numbered, ordered, converted to the report's time zone and labelled in both languages,
 * so that renderers only lay it out and can never disagree about content. Built by
 * server/src/reports/model/ from the report's Yjs document and its meetings' documents; the export
 * workers receive it as JSON and parse it with `reportModelSchema`.
 *
 * Order of a rendered report: cover, 摘要 (`summary`), 目次 (`contents`), then `chapters` in order
 * (壹、貳、參、 one per meeting, any free sections, 肆、心得與建議, 伍、相關照片), then `annexes`.
 *
 * Text is `Localized` (language tag -> text, e.g. {"zh-Hant": "目的", "en": "Purpose"}); which
 * languages to show, and how, follows `language` (see `languages`):
 *   zh-Hant     Chinese only; English names stay as written in the Chinese text (in parentheses)
 *   en          English only
 *   bilingual   both, side by side (zh-Hant first)
 * A renderer shows `text[lang]` and falls back to the other language when one is missing
 * (`localizedText` below).
 */

export const REPORT_LANGUAGES = ['zh-Hant', 'en', 'bilingual'] as const;
export const reportLanguageSchema = z.enum(REPORT_LANGUAGES);
export type ReportLanguage = z.infer<typeof reportLanguageSchema>;

/** The two languages of a report's text, in display order. */
export const REPORT_TEXT_LANGUAGES = ['zh-Hant', 'en'] as const;
export type ReportTextLanguage = (typeof REPORT_TEXT_LANGUAGES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = z.string().regex(/^\d{2}:\d{2}$/);

export const localizedSchema = z.record(z.string(), z.string());
export type Localized = z.infer<typeof localizedSchema>;

/** A heading number in both numbering styles, e.g. {"zh-Hant": "壹、", "en": "I."}. */
export const numberLabelSchema = z.object({ 'zh-Hant': z.string(), en: z.string() });
export type NumberLabel = z.infer<typeof numberLabelSchema>;

/** Rich text per language (ProseMirror JSON docs); a missing language is an empty text. */
export const richTextSchema = z.record(z.string(), pmNodeSchema);
export type RichText = z.infer<typeof richTextSchema>;

export const reportCoverSchema = z.object({
  /** 出國報告 / Report on Official Travel Abroad. */
  reportType: localizedSchema,
  /** 出國類別：開會 / Category: meeting (the whole line, as printed). */
  category: localizedSchema,
  title: localizedSchema,
  /** The sending agency (服務機關). */
  agency: localizedSchema,
  /** 姓名職稱: each author's name and job title. */
  authors: z.array(z.object({ name: localizedSchema, title: localizedSchema })),
  /** 派赴國家/地點, or 視訊會議 / Videoconference when `videoconference`. */
  destination: localizedSchema,
  videoconference: z.boolean(),
  /** 出國期間 (or the meeting period for a videoconference), in the report's zone. */
  period: z.object({ start: isoDate.nullable(), end: isoDate.nullable(), text: localizedSchema }),
  /** 報告日期. */
  reportDate: z.object({ date: isoDate.nullable(), text: localizedSchema }),
});
export type ReportCover = z.infer<typeof reportCoverSchema>;

/** Fields every heading of the report has: an id (anchor for the contents), number and title. */
const headingFields = {
  /** Unique in the model, usable as an HTML id / DOCX bookmark (`[a-z0-9-]+`). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  number: numberLabelSchema.nullable(),
  title: localizedSchema,
};

/**
 * Co-edited text (summary, reflections, free sections, annexes, a meeting's purpose). Headings in
 * `body` carry `attrs.number` (a NumberLabel: 一、 at level 1-2, (一) at level 3) set by the builder.
 */
export const textSectionSchema = z.object({ ...headingFields, body: richTextSchema });
export type TextSection = z.infer<typeof textSectionSchema>;

export const contentsEntrySchema = z.object({
  /** The heading's id. */
  id: z.string(),
  /** 1: chapters (壹、), 2: their sections (一、). */
  level: z.number().int().min(1).max(3),
  number: numberLabelSchema.nullable(),
  title: localizedSchema,
});
export type ContentsEntry = z.infer<typeof contentsEntrySchema>;

export const agendaRowSchema = z.object({
  slotId: z.string(),
  kind: z.enum(['opening', 'session', 'break', 'photo', 'closing', 'other']),
  /** In the report's zone. `dayShift` is non-zero when the converted time falls on another date. */
  start: hhmm,
  end: hhmm,
  dayShift: z.number().int(),
  /** "09:00-09:10" as printed in the 時間 column. */
  time: z.string(),
  title: localizedSchema,
  speakers: z.array(z.object({ name: localizedSchema, role: localizedSchema.optional(), affiliation: localizedSchema.optional(), part: localizedSchema.optional() })),
});
export type AgendaRow = z.infer<typeof agendaRowSchema>;

/** One meeting day's agenda table (時間 | 議程). */
export const agendaDaySchema = z.object({
  /** The day as the meeting has it (its own zone); rows are in the report's zone. */
  date: isoDate,
  label: localizedSchema,
  rows: z.array(agendaRowSchema),
});
export type AgendaDay = z.infer<typeof agendaDaySchema>;

export const keyPointSchema = z.object({
  ...headingFields,
  slotId: z.string(),
  /** The item's time in the report's zone, e.g. "09:20-10:30" (the day's label is on its table). */
  time: z.string(),
  /** `minutes`: generated from the slot's minutes; `edited`: an edited summary linked to the slot. */
  origin: z.enum(['minutes', 'edited']),
  body: richTextSchema,
  /** Edited only: the slot's minutes changed since the summary was edited ("source changed since"). */
  sourceChanged: z.boolean(),
  /** Edited only: when the summary was last edited against the source (epoch ms). */
  editedAt: z.number().nullable(),
});
export type KeyPoint = z.infer<typeof keyPointSchema>;

/** Which state of a meeting a chapter was built from (listed in the finalised report's archive). */
export const meetingSourceSchema = z.object({
  meetingId: z.string(),
  /** `final`: the finalised record; `draft`: the live minutes, marked as a draft in the chapter. */
  state: z.enum(['final', 'draft']),
  /** The finalised version's id (state final), else null. */
  versionId: z.string().nullable(),
  /** The meeting's archive revision (state final), else null. */
  archiveRevision: z.number().int().nullable(),
  /**
   * That archive record's id (`GET /api/archive/:id`), state final, else null. Defaults to null
   * so that models stored before it existed still parse.
   */
  archiveId: z.string().nullable().default(null),
  /** sha256 (hex) of the meeting's minutes document state the chapter was built from. */
  digest: z.string(),
  finalisedAt: z.number().nullable(),
});
export type MeetingSource = z.infer<typeof meetingSourceSchema>;

export const meetingChapterSchema = z.object({
  kind: z.literal('meeting'),
  ...headingFields,
  meetingId: z.string(),
  meetingTitle: localizedSchema,
  /** First and last meeting day, in the meeting's own calendar. */
  firstDay: isoDate.nullable(),
  lastDay: isoDate.nullable(),
  source: meetingSourceSchema,
  /** Shown under the heading when the chapter comes from a live draft (source.state draft). */
  draftMark: localizedSchema.nullable(),
  /** "times are Taipei time; Bangkok is one hour behind", when the meeting ran in another offset. */
  timezoneNote: localizedSchema.nullable(),
  agendaDays: z.array(agendaDaySchema),
  /** 一、目的 */
  purpose: textSectionSchema,
  /** 二、會議重點 with (一)、(二)… */
  keyPoints: z.object({ ...headingFields, items: z.array(keyPointSchema) }),
});
export type MeetingChapter = z.infer<typeof meetingChapterSchema>;

/** 心得與建議 (reflections) or a free section: co-edited text as a numbered chapter. */
export const textChapterSchema = textSectionSchema.extend({ kind: z.enum(['reflections', 'free']) });
export type TextChapter = z.infer<typeof textChapterSchema>;

export const reportPhotoSchema = z.object({
  /** The stored image (GET /api/images/:imageId). */
  imageId: z.string(),
  caption: localizedSchema,
  /** 1-based position in the photos chapter. */
  position: z.number().int().min(1),
  /**
   * Where a photo of a meeting's photo slot (group photo) comes from: the export loads its bytes
   * from that meeting's images. Absent for the report's own photos (`photos` in its document).
   */
  source: z.object({ meetingId: z.string(), slotId: z.string() }).optional(),
});
export type ReportPhoto = z.infer<typeof reportPhotoSchema>;

/** 相關照片 */
export const photosChapterSchema = z.object({ kind: z.literal('photos'), ...headingFields, photos: z.array(reportPhotoSchema) });
export type PhotosChapter = z.infer<typeof photosChapterSchema>;

export const reportChapterSchema = z.discriminatedUnion('kind', [meetingChapterSchema, textChapterSchema, photosChapterSchema]);
export type ReportChapter = z.infer<typeof reportChapterSchema>;

/** Fixed words renderers print, in both languages (so that no renderer translates on its own). */
export const reportLabelsSchema = z.object({
  contents: localizedSchema,
  time: localizedSchema,
  agenda: localizedSchema,
  page: localizedSchema,
  draftReport: localizedSchema,
  sourceChanged: localizedSchema,
  editedSummary: localizedSchema,
});
export type ReportLabels = z.infer<typeof reportLabelsSchema>;

export const REPORT_MODEL_VERSION = 1;

export const reportModelSchema = z.object({
  modelVersion: z.literal(REPORT_MODEL_VERSION),
  reportId: z.string(),
  status: z.enum(['draft', 'finalised']),
  language: reportLanguageSchema,
  /** The languages to show, in order: ["zh-Hant"], ["en"] or ["zh-Hant", "en"]. */
  languages: z.array(z.enum(REPORT_TEXT_LANGUAGES)).min(1),
  /** IANA zone every time in the report is shown in. */
  timezone: z.string(),
  /** The zone's name in both languages, e.g. {"zh-Hant": "台灣時間", "en": "Taiwan Time"}. */
  timezoneName: localizedSchema,
  generatedAt: z.number(),
  cover: reportCoverSchema,
  /** 摘要 */
  summary: textSectionSchema,
  /** 目次: chapters (level 1) and their sections (level 2), in order. */
  contents: z.array(contentsEntrySchema),
  chapters: z.array(reportChapterSchema),
  /** 附錄: 附錄一 / Annex 1, … */
  annexes: z.array(textSectionSchema),
  /** Every meeting the report was built from (also in chapters[].source). */
  sources: z.array(meetingSourceSchema),
  labels: reportLabelsSchema,
});
export type ReportModel = z.infer<typeof reportModelSchema>;

/**
 * The text to show for `lang`: its own, else the report's other language, else any. Renderers use
 * this so that a missing translation shows the original instead of a gap.
 */
export function localizedText(text: Localized, lang: string): string {
  if (text[lang]) return text[lang]!;
  for (const other of REPORT_TEXT_LANGUAGES) if (text[other]) return text[other]!;
  return Object.values(text).find((value) => value.length > 0) ?? '';
}

/** The languages a report setting shows, in order. */
export function languagesOf(language: ReportLanguage): ReportTextLanguage[] {
  return language === 'bilingual' ? ['zh-Hant', 'en'] : [language];
}
