import type { Kysely } from 'kysely';
import type { EditedSummaryResponse, ReportMemberView, ReportView } from '../../../shared/src/api/reportResponses.ts';
import { reportCoverBody, type ReportCoverFields } from '../../../shared/src/api/reports.ts';
import { reportDocName, reportReviewDocName } from '../../../shared/src/protocol/docName.ts';
import { reportLanguageSchema, type ReportLanguage } from '../../../shared/src/report/reportModel.ts';
import { REPORT_STATUSES, reportRoleSchema, type ReportRole, type ReportStatus } from '../../../shared/src/report/reportRoles.ts';
import { newId } from '../auth/secrets.ts';
import type { Database } from '../db/schema.ts';

/** A report as stored and as the API shows it (without the caller's role): the shared API type. */
export type ReportRecord = ReportView;

/** A member of a report as the members route lists it. */
export type ReportMember = ReportMemberView;

/** A summary of an agenda item edited by hand, linked to its source slot. */
export type EditedSummaryRecord = EditedSummaryResponse;

type ReportRow = Omit<Database['reports'], 'status' | 'finalising_at'> & { status: string };

const EMPTY_COVER = reportCoverBody.parse({});

function toRecord(row: ReportRow, meetingIds: string[]): ReportRecord {
  const language = reportLanguageSchema.safeParse(row.language);
  const cover = reportCoverBody.safeParse(JSON.parse(row.cover_json));
  return {
    id: row.id,
    title: JSON.parse(row.title_json) as Record<string, string>,
    language: language.success ? language.data : 'bilingual',
    timezone: row.timezone,
    cover: cover.success ? cover.data : EMPTY_COVER,
    // An unknown stored status is treated as the most restrictive one.
    status: (REPORT_STATUSES as readonly string[]).includes(row.status) ? (row.status as ReportStatus) : 'finalised',
    meetingIds,
    docName: reportDocName(row.id),
    reviewDocName: reportReviewDocName(row.id),
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** Reports, their meetings, members and edited summaries in the SQL layer. No access checks: callers check first. */
export class ReportRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: { title: Record<string, string>; language: ReportLanguage; timezone: string; cover: ReportCoverFields; meetingIds: string[]; owner: string | null }): Promise<ReportRecord> {
    const now = Date.now();
    const row: ReportRow = {
      id: newId(),
      title_json: JSON.stringify(input.title),
      language: input.language,
      timezone: input.timezone,
      cover_json: JSON.stringify(input.cover),
      status: 'draft',
      created_by: input.owner,
      created_at: now,
      updated_at: now,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('reports').values(row).execute();
      await this.writeMeetings(trx, row.id, input.meetingIds);
      if (input.owner) await trx.insertInto('report_members').values({ report_id: row.id, user_id: input.owner, role: 'owner', created_at: now }).execute();
    });
    return toRecord(row, input.meetingIds);
  }

  private async writeMeetings(db: Kysely<Database>, reportId: string, meetingIds: string[]): Promise<void> {
    await db.deleteFrom('report_meetings').where('report_id', '=', reportId).execute();
    if (meetingIds.length > 0) {
      await db.insertInto('report_meetings').values(meetingIds.map((meetingId, position) => ({ report_id: reportId, meeting_id: meetingId, position }))).execute();
    }
  }

  async get(id: string): Promise<ReportRecord | null> {
    const row = await this.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return toRecord(row, await this.meetingIdsOf(id));
  }

  private async meetingIdsOf(reportId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('report_meetings').select('meeting_id').where('report_id', '=', reportId).orderBy('position').execute();
    return rows.map((r) => r.meeting_id);
  }

  /**
   * Changes the settings unless the report is finalised (then false and nothing changed): the
   * condition is in the UPDATE so that a finalisation claimed after the caller read the report
   * still wins (its record is built from the report as it is at the claim).
   */
  async update(id: string, patch: { title?: Record<string, string>; language?: ReportLanguage; timezone?: string; cover?: ReportCoverFields; meetingIds?: string[] }): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const set: Partial<ReportRow> = { updated_at: Date.now() };
      if (patch.title) set.title_json = JSON.stringify(patch.title);
      if (patch.language) set.language = patch.language;
      if (patch.timezone) set.timezone = patch.timezone;
      if (patch.cover) set.cover_json = JSON.stringify(patch.cover);
      const result = await trx.updateTable('reports').set(set).where('id', '=', id).where('status', '<>', 'finalised').executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      if (patch.meetingIds) await this.writeMeetings(trx, id, patch.meetingIds);
      return true;
    });
  }

  async listAll(): Promise<ReportRecord[]> {
    const rows = await this.db.selectFrom('reports').selectAll().orderBy('created_at', 'desc').execute();
    return Promise.all(rows.map(async (row) => toRecord(row, await this.meetingIdsOf(row.id))));
  }

  async listForUser(userId: string): Promise<Array<ReportRecord & { role: ReportRole }>> {
    const rows = await this.db
      .selectFrom('reports')
      .innerJoin('report_members', 'report_members.report_id', 'reports.id')
      .selectAll('reports')
      .select('report_members.role')
      .where('report_members.user_id', '=', userId)
      .orderBy('reports.created_at', 'desc')
      .execute();
    const listed = await Promise.all(
      rows.map(async (row) => {
        const role = reportRoleSchema.safeParse(row.role);
        return role.success ? [{ ...toRecord(row, await this.meetingIdsOf(row.id)), role: role.data }] : [];
      }),
    );
    return listed.flat();
  }

  /** The member's role, or null. Stored values outside the role enum count as no role. */
  async roleOf(reportId: string, userId: string): Promise<ReportRole | null> {
    const row = await this.db.selectFrom('report_members').select('role').where('report_id', '=', reportId).where('user_id', '=', userId).executeTakeFirst();
    const role = reportRoleSchema.safeParse(row?.role);
    return role.success ? role.data : null;
  }

  async setMember(reportId: string, userId: string, role: ReportRole): Promise<void> {
    await this.db
      .insertInto('report_members')
      .values({ report_id: reportId, user_id: userId, role, created_at: Date.now() })
      .onConflict((oc) => oc.columns(['report_id', 'user_id']).doUpdateSet({ role }))
      .execute();
  }

  async removeMember(reportId: string, userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('report_members').where('report_id', '=', reportId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async members(reportId: string): Promise<ReportMember[]> {
    const rows = await this.db
      .selectFrom('report_members')
      .innerJoin('users', 'users.id', 'report_members.user_id')
      .select(['users.id', 'users.name', 'users.email', 'report_members.role'])
      .where('report_members.report_id', '=', reportId)
      .orderBy('users.name')
      .execute();
    return rows.flatMap((row) => {
      const role = reportRoleSchema.safeParse(row.role);
      return role.success ? [{ userId: row.id, name: row.name, email: row.email, role: role.data }] : [];
    });
  }

  async editedSummaries(reportId: string): Promise<EditedSummaryRecord[]> {
    const rows = await this.db.selectFrom('report_edited_summaries').selectAll().where('report_id', '=', reportId).execute();
    return rows.map((r) => ({ meetingId: r.meeting_id, slotId: r.slot_id, sourceDigest: r.source_digest, editedAt: Number(r.edited_at), editedBy: r.edited_by }));
  }

  /** Links (or re-links) an edited summary to its source as it is now. */
  async setEditedSummary(reportId: string, summary: EditedSummaryRecord): Promise<void> {
    await this.db
      .insertInto('report_edited_summaries')
      .values({ report_id: reportId, meeting_id: summary.meetingId, slot_id: summary.slotId, source_digest: summary.sourceDigest, edited_at: summary.editedAt, edited_by: summary.editedBy })
      .onConflict((oc) => oc.columns(['report_id', 'meeting_id', 'slot_id']).doUpdateSet({ source_digest: summary.sourceDigest, edited_at: summary.editedAt, edited_by: summary.editedBy }))
      .execute();
  }

  async removeEditedSummary(reportId: string, meetingId: string, slotId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('report_edited_summaries').where('report_id', '=', reportId).where('meeting_id', '=', meetingId).where('slot_id', '=', slotId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
