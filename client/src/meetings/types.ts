import type { EffectiveRole, MeetingStatus } from '../../../shared/src/model/roles.ts';

/** A meeting as `GET /api/meetings` lists it. */
export interface MeetingSummary {
  id: string;
  title: Record<string, string>;
  languages: string[];
  timezone: string;
  date: string | null;
  status: MeetingStatus;
  series: string;
  docName: string;
  reviewDocName: string;
  role: EffectiveRole;
}

/** The title in the reader's language if the meeting has it, else its first language. */
export function meetingTitle(meeting: Pick<MeetingSummary, 'title' | 'languages'>, uiLang: string): string {
  return meeting.title[uiLang] ?? meeting.languages.map((l) => meeting.title[l]).find(Boolean) ?? Object.values(meeting.title)[0] ?? '';
}
