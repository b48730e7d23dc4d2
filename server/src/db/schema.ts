import type { Generated } from 'kysely';

/** Table types for Kysely. One schema for SQLite and PostgreSQL (see migrations.ts). */
export interface DocUpdatesTable {
  id: Generated<number>;
  doc_name: string;
  data: Uint8Array;
  created_at: number;
}

export interface DocSnapshotsTable {
  doc_name: string;
  data: Uint8Array;
  /** Highest doc_updates.id folded into this snapshot. */
  upto_id: number;
  updated_at: number;
}

export interface Database {
  doc_updates: DocUpdatesTable;
  doc_snapshots: DocSnapshotsTable;
}
