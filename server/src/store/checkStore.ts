import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import * as Y from 'yjs';
import { parseDocName, schemaKindOf } from '../../../shared/src/protocol/docName.ts';
import type { SqlDatabase } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { storedUpdates } from './docStore.ts';
import { documentSchemaProblem, loadEditorSchema } from '../rooms/updateValidation.ts';
import { SqlDocStore } from './sqlDocStore.ts';

export interface DocumentCheck {
  docName: string;
  updates: number;
  bytes: number;
  problem?: string;
  /**
   * The first value outside the document schema (stored before the server checked values): the
   * document loads and readers skip it, so this is reported without failing the check.
   */
  outsideSchema?: string;
}

export interface StoreReport {
  ok: boolean;
  /** Engine-level findings (SQLite `pragma integrity_check`); empty when it says "ok". */
  engineProblems: string[];
  documents: DocumentCheck[];
}

/**
 * Integrity check of a store: the engine's own check, then every document's snapshot and log read
 * through the same DocStore the server uses, decoded and applied to a fresh Y.Doc. A document whose
 * updates do not decode, or leave structs waiting for missing history, is reported by name; one
 * holding values outside the document schema (shared/src/model/schema) is reported with the first
 * such value.
 */
export async function checkStore(database: SqlDatabase, engineCheck: () => Promise<string[]>): Promise<StoreReport> {
  const engineProblems = await engineCheck();
  await loadEditorSchema();
  const names = await database.db
    .selectFrom('doc_updates')
    .select('doc_name')
    .union(database.db.selectFrom('doc_snapshots').select('doc_name'))
    .execute();
  const store = new SqlDocStore(database);
  const documents: DocumentCheck[] = [];
  for (const { doc_name: docName } of names.sort((a, b) => a.doc_name.localeCompare(b.doc_name))) {
    const check: DocumentCheck = { docName, updates: 0, bytes: 0 };
    documents.push(check);
    try {
      const name = parseDocName(docName);
      if (!name) throw new Error('not a valid document name');
      const updates = storedUpdates(await store.load(docName));
      check.updates = updates.length;
      check.bytes = updates.reduce((n, u) => n + u.byteLength, 0);
      const doc = new Y.Doc({ gc: true });
      try {
        for (const update of updates) Y.applyUpdate(doc, update);
        if (doc.store.pendingStructs || doc.store.pendingDs) throw new Error('updates depend on history that is not stored');
        check.outsideSchema = documentSchemaProblem(doc, schemaKindOf(name)) ?? undefined;
      } finally {
        doc.destroy();
      }
    } catch (error) {
      check.problem = error instanceof Error ? error.message : String(error);
    }
  }
  return { ok: engineProblems.length === 0 && documents.every((d) => !d.problem), engineProblems, documents };
}

/** Opens `<dataDir>/quorum.sqlite` read-only (safe next to a running server) and checks it. */
export async function checkSqliteStore(file: string): Promise<StoreReport> {
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const database: SqlDatabase = { db, dialect: 'sqlite', ping: async () => {}, close: () => db.destroy() };
  try {
    return await checkStore(database, async () => {
      const rows = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows;
      return rows.map((r) => r.integrity_check).filter((line) => line !== 'ok');
    });
  } finally {
    await db.destroy();
  }
}

export const sqliteFileIn = (dataDir: string) => path.join(dataDir, 'quorum.sqlite');

/** The report as an operator reads it: one line per problem, a summary line last. */
export function formatReport(report: StoreReport, where: string): string {
  const lines = [`Checking ${where}`];
  for (const problem of report.engineProblems) lines.push(`  ENGINE  ${problem}`);
  for (const doc of report.documents) {
    lines.push(`  ${doc.problem ? 'BAD ' : 'ok  '}  ${doc.docName}  (${doc.updates} updates, ${doc.bytes} bytes)${doc.problem ? `: ${doc.problem}` : ''}`);
    if (doc.outsideSchema) lines.push(`  SCHEMA  ${doc.docName}: holds a value outside the document schema (readers skip it): ${doc.outsideSchema}`);
  }
  const bad = report.documents.filter((d) => d.problem).length;
  const outside = report.documents.filter((d) => d.outsideSchema).length;
  const schemaNote = outside > 0 ? `; ${outside} documents hold values outside the document schema` : '';
  lines.push(report.ok ? `OK: ${report.documents.length} documents, engine check passed${schemaNote}` : `FAILED: ${bad} bad documents, ${report.engineProblems.length} engine problems${schemaNote}`);
  return lines.join('\n');
}
