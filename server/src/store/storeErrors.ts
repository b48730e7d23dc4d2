/** Why the store refused a write, in words an operator and a user understand. */
export type StoreFailureKind = 'disk-full' | 'read-only' | 'unavailable';

/**
 * Classifies a store error. SQLite reports a full disk (or a reached `max_page_count`) as
 * SQLITE_FULL and a read-only file or connection as SQLITE_READONLY*; PostgreSQL as SQLSTATE
 * 53100 (disk_full) and 25006 (read_only_sql_transaction, e.g. a hot standby).
 */
export function storeFailureKind(error: unknown): StoreFailureKind {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === 'SQLITE_FULL' || code === '53100') return 'disk-full';
  if (code.startsWith('SQLITE_READONLY') || code === '25006') return 'read-only';
  return 'unavailable';
}

/**
 * The StoreStatus detail: the failure kind in brackets (for clients to say it in their own
 * language), then the same in English words for logs and other clients.
 */
export function storeFailureDetail(error: unknown): string {
  const kind = storeFailureKind(error);
  const words = {
    'disk-full': 'the server disk is full: edits are kept here but not saved',
    'read-only': 'the server storage is read-only: edits are kept here but not saved',
    unavailable: 'the server cannot save right now',
  }[kind];
  return `[${kind}] ${words}`;
}
