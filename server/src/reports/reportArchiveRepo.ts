import type { Kysely } from 'kysely';
import type { ReportSourceEntry } from '../archive/archivePackage.ts';
import type { Database } from '../db/schema.ts';

/** A finalised report's archive record as the API shows it (the package bytes apart). */
export interface ReportArchiveRecord {
  id: string;
  kind: 'report';
  reportId: string;
  revision: number;
  title: Record<string, string>;
  /** The meetings the report was built from, in report order (also sources.json in the package). */
  sources: ReportSourceEntry[];
  manifestSha256: string;
  keyId: string;
  createdBy: string;
  createdAt: number;
}

type Row = Database['report_archives'];

const toRecord = (r: Omit<Row, 'package'>): ReportArchiveRecord => ({
  id: r.id,
  kind: 'report',
  reportId: r.report_id,
  revision: Number(r.revision),
  title: JSON.parse(r.title_json) as Record<string, string>,
  sources: JSON.parse(r.sources_json) as ReportSourceEntry[],
  manifestSha256: r.manifest_sha256,
  keyId: r.key_id,
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
});

const LISTED = ['id', 'report_id', 'revision', 'title_json', 'sources_json', 'manifest_sha256', 'key_id', 'created_by', 'created_at'] as const;

/** Report archive records: written once per finalisation, never updated or deleted. */
export class ReportArchiveRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** The revision the next finalisation of the report makes (the unique key refuses a duplicate). */
  async nextRevision(reportId: string): Promise<number> {
    const last = await this.db.selectFrom('report_archives').select((eb) => eb.fn.max('revision').as('max')).where('report_id', '=', reportId).executeTakeFirst();
    return Number(last?.max ?? 0) + 1;
  }

  async insert(row: Row): Promise<ReportArchiveRecord> {
    await this.db.insertInto('report_archives').values(row).execute();
    return toRecord(row);
  }

  async get(id: string): Promise<(ReportArchiveRecord & { package: Uint8Array }) | null> {
    const row = await this.db.selectFrom('report_archives').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { ...toRecord(row), package: row.package } : null;
  }

  /** The report's records, newest revision first. */
  async list(reportId: string): Promise<ReportArchiveRecord[]> {
    const rows = await this.db.selectFrom('report_archives').select([...LISTED]).where('report_id', '=', reportId).orderBy('revision', 'desc').execute();
    return rows.map(toRecord);
  }
}
