import type * as Y from 'yjs';
import { readAgenda, type AgendaSlot } from '../../../../shared/src/model/agendaDoc.ts';
import { readMeta } from '../../../../shared/src/model/meetingDoc.ts';
import { slotText } from '../../../../shared/src/model/minutesText.ts';
import { zonedTimeToUtc, toReaderTime } from '../../../../shared/src/model/timezone.ts';
import { annexNumber, chapterNumber, itemNumber, sectionNumber } from '../../../../shared/src/report/numbering.ts';
import { keyPointField, purposeField, reflectionsField, sectionField, summaryField } from '../../../../shared/src/report/reportFields.ts';
import {
  languagesOf,
  REPORT_MODEL_VERSION,
  type AgendaDay,
  type AgendaRow,
  type ContentsEntry,
  type KeyPoint,
  type Localized,
  type MeetingChapter,
  type ReportChapter,
  type ReportModel,
  type RichText,
  type TextSection,
} from '../../../../shared/src/report/reportModel.ts';
import { GENERAL_SLOT_ID, minutesField } from '../../../../shared/src/schema/fields.ts';
import type { EditedSummaryRecord, ReportRecord } from '../reportRepo.ts';
import type { MeetingSourceDoc } from './meetingSources.ts';
import { fragmentJson, slotSourceDigest } from './sourceDigest.ts';
import { numberHeadings } from './numberHeadings.ts';
import { reportPhotos } from './reportPhotos.ts';
import { readReportSections } from '../../../../shared/src/report/reportSections.ts';
import { dateRangeText, dateText, LABELS, meetingChapterTitle, timezoneNote, WORDS, zoneName } from './reportWording.ts';

export interface ReportModelInput {
  report: ReportRecord;
  /** A copy of the report's co-edited document (`report.<id>`). */
  reportDoc: Y.Doc;
  /** The report's meetings, in report order. */
  meetings: MeetingSourceDoc[];
  editedSummaries: EditedSummaryRecord[];
  now: number;
}

/** Agenda items without minutes of their own: listed in the agenda table, not among the key points. */
const NO_KEY_POINT = new Set(['break', 'photo']);

/**
 * The report as plain JSON (shared/src/report/reportModel.ts): chapters in order, numbered, every
 * time in the report's zone, text in the report's languages. Pure: everything it reads is given.
 */
export function buildReportModel(input: ReportModelInput): ReportModel {
  const { report, reportDoc } = input;
  const languages = languagesOf(report.language);
  const richText = (field: (lang: string) => string, numbered = true): RichText =>
    Object.fromEntries(languages.map((lang) => [lang, numbered ? numberHeadings(fragmentJson(reportDoc, field(lang))) : fragmentJson(reportDoc, field(lang))]));
  const edited = new Map(input.editedSummaries.map((e) => [`${e.meetingId}/${e.slotId}`, e]));

  const chapters: ReportChapter[] = [];
  const next = () => chapterNumber(chapters.length + 1);
  for (const source of input.meetings) chapters.push(meetingChapter(source, next(), report.timezone, languages, richText, edited));
  const sections = readReportSections(reportDoc);
  for (const section of sections.filter((s) => s.kind === 'free')) {
    chapters.push({ kind: 'free', id: `section-${section.id}`, number: next(), title: section.title, body: richText((lang) => sectionField(section.id, lang)) });
  }
  chapters.push({ kind: 'reflections', id: 'reflections', number: next(), title: WORDS.reflections, body: richText(reflectionsField) });
  chapters.push({ kind: 'photos', id: 'photos', number: next(), title: WORDS.photos, photos: reportPhotos(reportDoc, input.meetings) });

  const contents: ContentsEntry[] = chapters.flatMap((chapter) => {
    const entry: ContentsEntry = { id: chapter.id, level: 1, number: chapter.number, title: chapter.title };
    if (chapter.kind !== 'meeting') return [entry];
    return [entry, ...[chapter.purpose, chapter.keyPoints].map((s): ContentsEntry => ({ id: s.id, level: 2, number: s.number, title: s.title }))];
  });

  const annexes: TextSection[] = sections
    .filter((s) => s.kind === 'annex')
    .map((section, index) => ({ id: `annex-${index + 1}`, number: annexNumber(index + 1), title: section.title, body: richText((lang) => sectionField(section.id, lang)) }));

  const days = input.meetings.flatMap((m) => readMeta(m.doc).days).sort();
  const periodStart = report.cover.periodStart ?? days[0] ?? null;
  const periodEnd = report.cover.periodEnd ?? days[days.length - 1] ?? null;
  return {
    modelVersion: REPORT_MODEL_VERSION,
    reportId: report.id,
    status: report.status,
    language: report.language,
    languages,
    timezone: report.timezone,
    timezoneName: zoneName(report.timezone),
    generatedAt: input.now,
    cover: {
      reportType: WORDS.reportType,
      category: WORDS.category,
      title: report.title,
      agency: report.cover.agency,
      authors: report.cover.authors.map((a) => ({ name: a.name, title: a.title })),
      destination: report.cover.videoconference ? WORDS.videoconference : report.cover.destination,
      videoconference: report.cover.videoconference,
      period: { start: periodStart, end: periodEnd, text: periodStart && periodEnd ? dateRangeText(periodStart, periodEnd) : {} },
      reportDate: { date: report.cover.reportDate, text: report.cover.reportDate ? dateText(report.cover.reportDate) : {} },
    },
    summary: { id: 'summary', number: null, title: WORDS.summary, body: richText(summaryField) },
    contents,
    chapters,
    annexes,
    sources: input.meetings.map((m) => m.source),
    labels: LABELS,
  };
}

function meetingChapter(
  { meeting, doc, source }: MeetingSourceDoc,
  number: MeetingChapter['number'],
  reportZone: string,
  languages: string[],
  richText: (field: (lang: string) => string, numbered?: boolean) => RichText,
  edited: Map<string, EditedSummaryRecord>,
): MeetingChapter {
  const meta = readMeta(doc);
  const title = Object.keys(meta.title).length > 0 ? meta.title : meeting.title;
  const firstDay = meta.days[0] ?? null;
  const lastDay = meta.days[meta.days.length - 1] ?? null;
  const id = `chapter-${meeting.id}`;
  const agenda = readAgenda(doc);
  const dayOf = (slot: AgendaSlot) => meta.days[slot.day] ?? null;
  const reportTime = (slot: AgendaSlot) => {
    const date = dayOf(slot);
    if (!date) return { start: slot.start, end: slot.end, dayShift: 0 };
    const start = toReaderTime(date, slot.start, meta.timezone, reportZone);
    const end = toReaderTime(date, slot.end, meta.timezone, reportZone);
    return { start: start.time, end: end.time, dayShift: start.dayShift };
  };

  const agendaDays: AgendaDay[] = [];
  for (const slot of agenda) {
    const date = dayOf(slot);
    if (!date) continue;
    let day = agendaDays.find((d) => d.date === date);
    if (!day) agendaDays.push((day = { date, label: dateText(date), rows: [] }));
    const time = reportTime(slot);
    const row: AgendaRow = {
      slotId: slot.id,
      kind: slot.kind,
      ...time,
      time: `${time.start}-${time.end}`,
      title: slot.title,
      speakers: slot.speakers.map((s) => (s.affiliation ? { name: s.name, affiliation: s.affiliation } : { name: s.name })),
    };
    day.rows.push(row);
  }
  agendaDays.sort((a, b) => a.date.localeCompare(b.date));

  // Minutes written before the meeting had an agenda count as one more item, first.
  const general = meta.languages.some((lang) => slotText(doc, GENERAL_SLOT_ID, lang).trim())
    ? [{ id: GENERAL_SLOT_ID, title: WORDS.generalNotes as Localized, time: '' }]
    : [];
  const items = [
    ...general,
    ...agenda.filter((slot) => !NO_KEY_POINT.has(slot.kind)).map((slot) => {
      const time = reportTime(slot);
      return { id: slot.id, title: slot.title, time: `${time.start}-${time.end}` };
    }),
  ];
  const keyPoints: KeyPoint[] = items.map((item, index) => {
    const link = edited.get(`${meeting.id}/${item.id}`);
    const common = { id: `${id}-${item.id}`, number: itemNumber(index + 1), title: item.title, slotId: item.id, time: item.time };
    if (link) {
      return {
        ...common,
        origin: 'edited',
        body: richText((lang) => keyPointField(meeting.id, item.id, lang), false),
        sourceChanged: slotSourceDigest(doc, item.id) !== link.sourceDigest,
        editedAt: link.editedAt,
      };
    }
    const body: RichText = Object.fromEntries(languages.map((lang) => [lang, fragmentJson(doc, minutesField(item.id, lang))]));
    return { ...common, origin: 'minutes', body, sourceChanged: false, editedAt: null };
  });

  const noteAt = firstDay && agenda[0] ? zonedTimeToUtc(firstDay, agenda[0].start, meta.timezone) : firstDay ? zonedTimeToUtc(firstDay, '12:00', meta.timezone) : Date.now();
  return {
    kind: 'meeting',
    id,
    number,
    title: meetingChapterTitle(title, firstDay, lastDay),
    meetingId: meeting.id,
    meetingTitle: title,
    firstDay,
    lastDay,
    source,
    draftMark: source.state === 'draft' ? WORDS.draftMark : null,
    timezoneNote: timezoneNote(reportZone, meta.timezone, noteAt),
    agendaDays,
    purpose: { id: `${id}-purpose`, number: sectionNumber(1), title: WORDS.purpose, body: richText((lang) => purposeField(meeting.id, lang)) },
    keyPoints: { id: `${id}-key-points`, number: sectionNumber(2), title: WORDS.keyPoints, items: keyPoints },
  };
}
