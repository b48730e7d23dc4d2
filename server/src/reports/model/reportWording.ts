import type { Localized, ReportLabels } from '../../../../shared/src/report/reportModel.ts';
import { zoneLabel, zoneOffsetMinutes } from '../../../../shared/src/model/timezone.ts';
import { dateTimeFormat } from '../../../../shared/src/intl/formatters.ts';

/**
 * The fixed wording of a report in both languages (cover lines, headings, notes, labels), so that
 * renderers print what the model says and never translate on their own.
 */
export const WORDS = {
  reportType: { 'zh-Hant': '出國報告', en: 'Report on Official Travel Abroad' },
  category: { 'zh-Hant': '出國類別：開會', en: 'Category: Meeting' },
  videoconference: { 'zh-Hant': '視訊會議', en: 'Videoconference' },
  summary: { 'zh-Hant': '摘要', en: 'Summary' },
  purpose: { 'zh-Hant': '目的', en: 'Purpose' },
  keyPoints: { 'zh-Hant': '會議重點', en: 'Key points' },
  reflections: { 'zh-Hant': '心得與建議', en: 'Reflections and recommendations' },
  photos: { 'zh-Hant': '相關照片', en: 'Photos' },
  /** A photo slot's images are captioned with its title; this when it has none. */
  groupPhoto: { 'zh-Hant': '大合照', en: 'Group photo' },
  generalNotes: { 'zh-Hant': '一般紀要', en: 'General notes' },
  draftMark: {
    'zh-Hant': '本章依會議紀要草稿產生，會議紀要尚未定稿。',
    en: 'This chapter is generated from the draft minutes; the meeting’s record is not final yet.',
  },
} satisfies Record<string, Localized>;

export const LABELS: ReportLabels = {
  contents: { 'zh-Hant': '目次', en: 'Contents' },
  time: { 'zh-Hant': '時間', en: 'Time' },
  agenda: { 'zh-Hant': '議程', en: 'Agenda' },
  page: { 'zh-Hant': '頁', en: 'Page' },
  draftReport: { 'zh-Hant': '草稿', en: 'Draft' },
  sourceChanged: { 'zh-Hant': '來源紀錄已於編修後變更', en: 'Source changed since this summary was edited' },
  editedSummary: { 'zh-Hant': '經編修之摘要', en: 'Edited summary' },
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/** 2022 年 2 月 14 日 / 14 February 2022 */
export function dateText(date: string): Localized {
  const [y, m, d] = parts(date);
  return { 'zh-Hant': `${y} 年 ${m} 月 ${d} 日`, en: `${d} ${MONTHS[m - 1]} ${y}` };
}

/** 2022 年 2 月 14 日至 2 月 15 日 / 14-15 February 2022 (one day: that day). */
export function dateRangeText(first: string, last: string): Localized {
  if (first === last) return dateText(first);
  const [y1, m1, d1] = parts(first);
  const [y2, m2, d2] = parts(last);
  const zhEnd = y1 === y2 ? `${m2} 月 ${d2} 日` : `${y2} 年 ${m2} 月 ${d2} 日`;
  const en =
    y1 !== y2 ? `${d1} ${MONTHS[m1 - 1]} ${y1} - ${d2} ${MONTHS[m2 - 1]} ${y2}` : m1 !== m2 ? `${d1} ${MONTHS[m1 - 1]} - ${d2} ${MONTHS[m2 - 1]} ${y2}` : `${d1}-${d2} ${MONTHS[m2 - 1]} ${y2}`;
  return { 'zh-Hant': `${y1} 年 ${m1} 月 ${d1} 日至 ${zhEnd}`, en };
}

/** Names people use for the zones delegations meet in; others get the runtime's generic name. */
const ZONE_NAMES: Record<string, Localized> = {
  'Asia/Taipei': { 'zh-Hant': '台灣時間', en: 'Taiwan Time' },
  'Asia/Bangkok': { 'zh-Hant': '泰國時間', en: 'Thailand Time' },
  'Asia/Tokyo': { 'zh-Hant': '日本時間', en: 'Japan Time' },
  'Asia/Seoul': { 'zh-Hant': '韓國時間', en: 'Korea Time' },
  'Asia/Singapore': { 'zh-Hant': '新加坡時間', en: 'Singapore Time' },
  'Asia/Jakarta': { 'zh-Hant': '印尼西部時間', en: 'Western Indonesia Time' },
  'Asia/Manila': { 'zh-Hant': '菲律賓時間', en: 'Philippine Time' },
  'Asia/Kuala_Lumpur': { 'zh-Hant': '馬來西亞時間', en: 'Malaysia Time' },
  'Asia/Ho_Chi_Minh': { 'zh-Hant': '越南時間', en: 'Vietnam Time' },
  'Asia/Hong_Kong': { 'zh-Hant': '香港時間', en: 'Hong Kong Time' },
  'Australia/Sydney': { 'zh-Hant': '澳洲東部時間', en: 'Australian Eastern Time' },
  'Pacific/Auckland': { 'zh-Hant': '紐西蘭時間', en: 'New Zealand Time' },
  'America/New_York': { 'zh-Hant': '美東時間', en: 'US Eastern Time' },
  'America/Los_Angeles': { 'zh-Hant': '美西時間', en: 'US Pacific Time' },
  'Europe/Paris': { 'zh-Hant': '歐洲中部時間', en: 'Central European Time' },
  'Europe/London': { 'zh-Hant': '英國時間', en: 'UK Time' },
  UTC: { 'zh-Hant': '世界協調時間', en: 'Coordinated Universal Time' },
};

export function zoneName(timeZone: string): Localized {
  const known = ZONE_NAMES[timeZone];
  if (known) return known;
  const generic = (locale: string) =>
    dateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date(0)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return { 'zh-Hant': generic('zh-Hant'), en: generic('en') };
}

function hoursText(minutes: number): string {
  const hours = Math.abs(minutes) / 60;
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(2).replace(/0+$/, '');
}

/**
 * "All times are Taiwan Time (GMT+8); Thailand Time (GMT+7), where the meeting was held, is 1 hour
 * behind." — when the meeting's zone had another offset than the report's on the meeting's first
 * day; null when the offsets are the same.
 */
export function timezoneNote(reportZone: string, meetingZone: string, atUtc: number): Localized | null {
  const offset = zoneOffsetMinutes(meetingZone, atUtc) - zoneOffsetMinutes(reportZone, atUtc);
  if (offset === 0) return null;
  const report = zoneName(reportZone);
  const meeting = zoneName(meetingZone);
  const reportLabel = zoneLabel(reportZone, atUtc, 'en');
  const meetingLabel = zoneLabel(meetingZone, atUtc, 'en');
  const hours = hoursText(offset);
  return {
    'zh-Hant': `本章時間均為${report['zh-Hant']}（${reportLabel}）；會議地點${meeting['zh-Hant']}（${meetingLabel}）較${report['zh-Hant']}${offset < 0 ? '慢' : '快'} ${hours} 小時。`,
    en: `All times are ${report.en} (${reportLabel}); ${meeting.en} (${meetingLabel}), where the meeting was held, is ${hours} hour${hours === '1' ? '' : 's'} ${offset < 0 ? 'behind' : 'ahead'}.`,
  };
}

/** Minutes chapter title: 2022 年 2 月 14 日至 2 月 15 日「…」會議紀要 / Minutes of the "…", 14-15 February 2022. */
export function meetingChapterTitle(title: Localized, first: string | null, last: string | null): Localized {
  const zhTitle = title['zh-Hant'] || title.en || Object.values(title)[0] || '';
  const enTitle = title.en || title['zh-Hant'] || Object.values(title)[0] || '';
  if (!first || !last) return { 'zh-Hant': `「${zhTitle}」會議紀要`, en: `Minutes of the "${enTitle}"` };
  const range = dateRangeText(first, last);
  return { 'zh-Hant': `${range['zh-Hant']}「${zhTitle}」會議紀要`, en: `Minutes of the "${enTitle}", ${range.en}` };
}
