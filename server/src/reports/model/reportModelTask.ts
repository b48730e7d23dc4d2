import { reportModelSchema, type MeetingSource, type ReportModel } from '../../../../shared/src/report/reportModel.ts';
import type { MeetingRecord } from '../../meetings/meetingRepo.ts';
import { docFromState } from '../../versions/docState.ts';
import type { EditedSummaryRecord, ReportRecord } from '../reportRepo.ts';
import { buildReportModel } from './buildReportModel.ts';

/**
 * Building a report's model as a worker task: the main thread only copies the documents' states
 * (cheap); decoding them, walking every meeting's agenda and minutes, and checking the result
 * against the shared schema happen on a worker thread, off the event loop that serves the sockets.
 */
export interface ReportModelInput {
  report: ReportRecord;
  /** The report document's state (`report.<id>`). */
  reportState: Uint8Array;
  /** The report's meetings in report order: each minutes state the chapter is built from. */
  meetings: Array<{ meeting: MeetingRecord; state: Uint8Array; source: MeetingSource }>;
  editedSummaries: EditedSummaryRecord[];
  now: number;
}

export interface ReportModelTask {
  kind: 'reportModel';
  input: ReportModelInput;
}

export function buildReportModelFromStates(input: ReportModelInput): ReportModel {
  const reportDoc = docFromState(input.reportState);
  const meetings = input.meetings.map((m) => ({ meeting: m.meeting, source: m.source, doc: docFromState(m.state) }));
  try {
    return reportModelSchema.parse(buildReportModel({ report: input.report, reportDoc, meetings, editedSummaries: input.editedSummaries, now: input.now }));
  } finally {
    reportDoc.destroy();
    for (const m of meetings) m.doc.destroy();
  }
}
