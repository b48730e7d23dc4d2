import type { Kysely } from 'kysely';
import type { ImageType } from '../../../shared/src/api/images.ts';
import type { Database } from '../db/schema.ts';

export interface ImageRecord {
  id: string;
  scope: string;
  type: ImageType;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  createdBy: string | null;
  createdAt: number;
}

const META = ['id', 'scope', 'type', 'width', 'height', 'bytes', 'sha256', 'created_by', 'created_at'] as const;

type MetaRow = Pick<Database['images'], (typeof META)[number]>;

const toRecord = (r: MetaRow): ImageRecord => ({
  id: r.id,
  scope: r.scope,
  type: r.type as ImageType,
  width: r.width,
  height: r.height,
  bytes: Number(r.bytes),
  sha256: r.sha256,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Drivers return Buffer; hand out plain Uint8Array views so callers never depend on Buffer. */
const toBytes = (data: Uint8Array): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** The `images` table: metadata queries never read the bytes. */
export class ImageRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(record: ImageRecord, data: Uint8Array): Promise<void> {
    await this.db
      .insertInto('images')
      .values({
        id: record.id,
        scope: record.scope,
        type: record.type,
        width: record.width,
        height: record.height,
        bytes: record.bytes,
        data,
        sha256: record.sha256,
        created_by: record.createdBy,
        created_at: record.createdAt,
      })
      .execute();
  }

  async get(id: string): Promise<ImageRecord | null> {
    const row = await this.db.selectFrom('images').select(META).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async bySha(scope: string, sha256: string): Promise<ImageRecord | null> {
    const row = await this.db.selectFrom('images').select(META).where('scope', '=', scope).where('sha256', '=', sha256).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async data(id: string): Promise<Uint8Array | null> {
    const row = await this.db.selectFrom('images').select('data').where('id', '=', id).executeTakeFirst();
    return row ? toBytes(row.data) : null;
  }

  async list(scopes: readonly string[]): Promise<ImageRecord[]> {
    if (scopes.length === 0) return [];
    const rows = await this.db.selectFrom('images').select(META).where('scope', 'in', scopes).orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  async usage(scope: string): Promise<{ count: number; bytes: number }> {
    const row = await this.db
      .selectFrom('images')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.coalesce(eb.fn.sum<number>('bytes'), eb.lit(0)).as('bytes')])
      .where('scope', '=', scope)
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), bytes: Number(row.bytes) };
  }

  /** Bytes of the given images that belong to one of `scopes` (others are silently left out). */
  async dataOf(scopes: readonly string[], ids: readonly string[]): Promise<Array<{ id: string; data: Uint8Array }>> {
    if (scopes.length === 0 || ids.length === 0) return [];
    const rows = await this.db.selectFrom('images').select(['id', 'data']).where('scope', 'in', scopes).where('id', 'in', ids).execute();
    return rows.map((r) => ({ id: r.id, data: toBytes(r.data) }));
  }
}
