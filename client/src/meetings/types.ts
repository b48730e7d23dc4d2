import type { MeetingSummary } from '../../../shared/src/api/responses.ts';

export type { MeetingSummary };

/** The title in the reader's language if the meeting has it, else its first language. */
export function meetingTitle(meeting: Pick<MeetingSummary, 'title' | 'languages'>, uiLang: string): string {
  return meeting.title[uiLang] ?? meeting.languages.map((l) => meeting.title[l]).find(Boolean) ?? Object.values(meeting.title)[0] ?? '';
}
