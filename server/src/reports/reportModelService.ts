import * as Y from 'yjs';
import { readAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { keyPointField } from '../../../shared/src/report/reportFields.ts';
import { REPORT_TEXT_LANGUAGES, type ReportModel } from '../../../shared/src/report/reportModel.ts';
import { GENERAL_SLOT_ID, minutesField } from '../../../shared/src/schema/fields.ts';
import { HttpError, notFound } from '../http/errors.ts';
import type { Services } from '../services.ts';
import { docFromState } from '../versions/docState.ts';
import { WorkerLimitError } from '../workers/workerPool.ts';
import { loadMeetingSource, type MeetingSourceState } from './model/meetingSources.ts';
import type { ReportModelInput } from './model/reportModelTask.ts';
import type { EditedSummaryRecord, ReportRecord, ReportRepo } from './reportRepo.ts';

/**
 * Workflows on a report's content: building its model (for the API, the client and exports alike)
 * and linking edited summaries of agenda items to their source.
 */
export class ReportModelService {
  constructor(private readonly services: Services, private readonly reports: ReportRepo) {}

  /**
   * The report's model, checked against the shared schema before anyone sees it. The main thread
   * only copies the documents' states; decoding them and building the model run on a worker
   * thread (reportModelTask.ts) under the workers' heap cap and timeout: beyond them, a 503.
   */
  async model(report: ReportRecord): Promise<ReportModel> {
    const meetings = await this.loadMeetings(report);
    const reportState = await this.services.rooms.withRoom(report.docName, (room) => Y.encodeStateAsUpdate(room.doc));
    const input: ReportModelInput = { report, reportState, meetings, editedSummaries: await this.reports.editedSummaries(report.id), now: Date.now() };
    try {
      return await this.services.workers.run({ kind: 'reportModel', input });
    } catch (error) {
      if (error instanceof WorkerLimitError) throw new HttpError(503, 'report_too_large', `building the report was stopped: ${error.message}`);
      throw error;
    }
  }

  private async loadMeetings(report: ReportRecord): Promise<MeetingSourceState[]> {
    const loaded: MeetingSourceState[] = [];
    for (const meetingId of report.meetingIds) {
      const meeting = await this.services.meetings.get(meetingId);
      if (meeting) loaded.push(await loadMeetingSource(this.services, meeting));
    }
    return loaded;
  }

  /**
   * Replaces an agenda item's generated text by an edited summary, or re-links an edited one to
   * its source as it is now (clearing "source changed since"). The first time, the summary starts
   * as a copy of the item's minutes, written into the report's document as a server change.
   */
  async editSummary(report: ReportRecord, meetingId: string, slotId: string, by: string): Promise<EditedSummaryRecord> {
    if (report.status === 'finalised') throw new HttpError(409, 'finalised', 'the report is finalised');
    if (!report.meetingIds.includes(meetingId)) throw notFound('the report has no such meeting');
    const meeting = await this.services.meetings.get(meetingId);
    if (!meeting) throw notFound('the report has no such meeting');
    const loaded = await loadMeetingSource(this.services, meeting);
    const { slotSourceDigest } = await import('./model/sourceDigest.ts');
    const source = { ...loaded, doc: docFromState(loaded.state) };
    try {
      if (slotId !== GENERAL_SLOT_ID && !readAgenda(source.doc).some((slot) => slot.id === slotId)) throw notFound('the meeting has no such agenda item');
      const link: EditedSummaryRecord = { meetingId, slotId, sourceDigest: slotSourceDigest(source.doc, slotId), editedAt: Date.now(), editedBy: by };
      await this.services.rooms.withRoom(report.docName, (room) =>
        room.applyServerChange((doc) => {
          for (const lang of REPORT_TEXT_LANGUAGES) {
            const target = doc.getXmlFragment(keyPointField(meetingId, slotId, lang));
            if (target.length > 0) continue; // already edited: keep the authors' text
            const from = source.doc.getXmlFragment(minutesField(slotId, lang));
            const copies = from.toArray().map((node) => (node as Y.XmlElement | Y.XmlText).clone());
            if (copies.length > 0) target.insert(0, copies);
          }
        }),
      );
      await this.reports.setEditedSummary(report.id, link);
      return link;
    } finally {
      source.doc.destroy();
    }
  }

  /** Back to the text generated from the minutes: the link goes and the edited text is cleared. */
  async revertSummary(report: ReportRecord, meetingId: string, slotId: string): Promise<void> {
    if (report.status === 'finalised') throw new HttpError(409, 'finalised', 'the report is finalised');
    if (!(await this.reports.removeEditedSummary(report.id, meetingId, slotId))) throw notFound('no edited summary for this agenda item');
    await this.services.rooms.withRoom(report.docName, (room) =>
      room.applyServerChange((doc) => {
        for (const lang of REPORT_TEXT_LANGUAGES) {
          const fragment = doc.getXmlFragment(keyPointField(meetingId, slotId, lang));
          if (fragment.length > 0) fragment.delete(0, fragment.length);
        }
      }),
    );
  }
}
