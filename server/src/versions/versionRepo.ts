import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { newId } from '../auth/secrets.ts';

export type VersionKind = 'named' | 'auto' | 'final' | 'restore';

export interface VersionSummary {
  id: string;
  meetingId: string;
  label: string;
  kind: VersionKind;
  createdBy: string | null;
  createdAt: number;
}

export interface VersionRecord extends VersionSummary {
  minutesState: Uint8Array;
  reviewState: Uint8Array;
}

const toBytes = (d: Uint8Array) => new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

/** Versions are full Yjs states of both docs of a meeting at one moment: immutable once written. */
export class VersionRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: Omit<VersionRecord, 'id' | 'createdAt'>): Promise<VersionSummary> {
    const row = {
      id: newId(),
      meeting_id: input.meetingId,
      label: input.label,
      kind: input.kind,
      created_by: input.createdBy,
      created_at: Date.now(),
      minutes_state: input.minutesState,
      review_state: input.reviewState,
    };
    await this.db.insertInto('versions').values(row).execute();
    return { id: row.id, meetingId: row.meeting_id, label: row.label, kind: input.kind, createdBy: row.created_by, createdAt: row.created_at };
  }

  async list(meetingId: string): Promise<VersionSummary[]> {
    const rows = await this.db
      .selectFrom('versions')
      .select(['id', 'meeting_id', 'label', 'kind', 'created_by', 'created_at'])
      .where('meeting_id', '=', meetingId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, meetingId: r.meeting_id, label: r.label, kind: r.kind as VersionKind, createdBy: r.created_by, createdAt: Number(r.created_at) }));
  }

  async get(meetingId: string, id: string): Promise<VersionRecord | null> {
    const r = await this.db.selectFrom('versions').selectAll().where('id', '=', id).where('meeting_id', '=', meetingId).executeTakeFirst();
    if (!r) return null;
    return {
      id: r.id,
      meetingId: r.meeting_id,
      label: r.label,
      kind: r.kind as VersionKind,
      createdBy: r.created_by,
      createdAt: Number(r.created_at),
      minutesState: toBytes(r.minutes_state),
      reviewState: toBytes(r.review_state),
    };
  }

  async latest(meetingId: string): Promise<VersionSummary | null> {
    return (await this.list(meetingId))[0] ?? null;
  }
}
