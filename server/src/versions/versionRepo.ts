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
  /** The display name of who saved it (null: the server, e.g. an automatic version). */
  createdByName: string | null;
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

  async create(input: Omit<VersionRecord, 'id' | 'createdAt' | 'createdByName'>): Promise<VersionSummary> {
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
    const author = input.createdBy ? await this.db.selectFrom('users').select('name').where('id', '=', input.createdBy).executeTakeFirst() : undefined;
    return { id: row.id, meetingId: row.meeting_id, label: row.label, kind: input.kind, createdBy: row.created_by, createdByName: author?.name ?? null, createdAt: row.created_at };
  }

  async list(meetingId: string): Promise<VersionSummary[]> {
    const rows = await this.db
      .selectFrom('versions')
      .leftJoin('users', 'users.id', 'versions.created_by')
      .select(['versions.id', 'versions.meeting_id', 'versions.label', 'versions.kind', 'versions.created_by', 'versions.created_at', 'users.name as created_by_name'])
      .where('versions.meeting_id', '=', meetingId)
      .orderBy('versions.created_at', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, meetingId: r.meeting_id, label: r.label, kind: r.kind as VersionKind, createdBy: r.created_by, createdByName: r.created_by_name ?? null, createdAt: Number(r.created_at) }));
  }

  async get(meetingId: string, id: string): Promise<VersionRecord | null> {
    const r = await this.db
      .selectFrom('versions')
      .leftJoin('users', 'users.id', 'versions.created_by')
      .selectAll('versions')
      .select('users.name as created_by_name')
      .where('versions.id', '=', id)
      .where('versions.meeting_id', '=', meetingId)
      .executeTakeFirst();
    if (!r) return null;
    return {
      id: r.id,
      meetingId: r.meeting_id,
      label: r.label,
      kind: r.kind as VersionKind,
      createdBy: r.created_by,
      createdByName: r.created_by_name ?? null,
      createdAt: Number(r.created_at),
      minutesState: toBytes(r.minutes_state),
      reviewState: toBytes(r.review_state),
    };
  }

  async latest(meetingId: string): Promise<VersionSummary | null> {
    return (await this.list(meetingId))[0] ?? null;
  }
}
