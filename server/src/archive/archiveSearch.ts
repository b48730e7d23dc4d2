import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { SqlDialectName } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { ExportModel } from '../export/exportModel.ts';
import { nodeText } from '../export/pmWalk.ts';

/**
 * Full-text search over archived records, one passage per slot and language so that a hit can
 * link to the slot it came from.
 *
 * Chinese has no spaces between words, so word tokenizers find nothing useful in it. Both engines
 * index character trigrams instead, which match any substring of three or more characters in
 * any script: SQLite through an FTS5 table with the `trigram` tokenizer, PostgreSQL through a
 * `pg_trgm` GIN index serving `ILIKE`. Shorter queries (one or two Chinese characters are common
 * words) fall back to a scan of the same table, which is still correct, only slower.
 */
/** Which engine is behind a Kysely instance (the SQL differs only in how text is matched). */
export const dialectOf = (db: Kysely<Database>): SqlDialectName => (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');

export interface SearchPassage {
  /** '' for the meeting's own title and series. */
  slotId: string;
  lang: string;
  text: string;
}

export interface SearchMatch {
  archiveId: string;
  slotId: string;
  lang: string;
  /** The slot's title in the passage's language (its first line); '' for the meeting's title. */
  slotTitle: string;
  snippet: string;
}

export interface SearchFilters {
  q: string;
  lang?: string;
  series?: string;
  /** Meeting dates, `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
  meetingIds: string[] | 'all';
}

/** The passages of a record: the meeting's title per language, then each slot's title and minutes. */
export function passagesOf(model: ExportModel): SearchPassage[] {
  const passages: SearchPassage[] = model.meta.languages.map((lang) => ({ slotId: '', lang, text: [model.meta.title[lang] ?? '', model.meta.series].join('\n') }));
  for (const slot of model.slots) {
    for (const lang of model.meta.languages) {
      const minutes = slot.minutes[lang];
      const text = [slot.title[lang] ?? '', ...(minutes?.content ?? []).map(nodeText)].join('\n').trim();
      if (text) passages.push({ slotId: slot.id, lang, text });
    }
  }
  return passages;
}

export async function indexPassages(db: Kysely<Database>, archive: { id: string; meetingId: string }, passages: SearchPassage[]): Promise<void> {
  if (passages.length === 0) return;
  await db
    .insertInto('archive_passages')
    .values(passages.map((p) => ({ archive_id: archive.id, meeting_id: archive.meetingId, slot_id: p.slotId, lang: p.lang, text: p.text })))
    .execute();
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A window of text around the first occurrence of `q`, with ellipses where it was cut. */
export function snippetAround(text: string, q: string, radius = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const at = flat.toLocaleLowerCase().indexOf(q.toLocaleLowerCase());
  if (at < 0) return flat.slice(0, radius * 2);
  const start = Math.max(0, at - radius);
  const end = Math.min(flat.length, at + q.length + radius);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}

/** Matching passages, best first, at most `limit`. */
export async function searchPassages(db: Kysely<Database>, dialect: SqlDialectName, filters: SearchFilters, limit = 200): Promise<SearchMatch[]> {
  if (filters.meetingIds !== 'all' && filters.meetingIds.length === 0) return [];
  let query = db
    .selectFrom('archive_passages as p')
    .innerJoin('archives as a', 'a.id', 'p.archive_id')
    .select(['p.archive_id', 'p.slot_id', 'p.lang', 'p.text']);
  const usesFts = dialect === 'sqlite' && [...filters.q].length >= 3;
  if (usesFts) {
    // An FTS5 phrase: the whole query as one string of trigrams (double quotes doubled inside).
    query = query.where(sql<boolean>`p.archive_passages match ${`"${filters.q.replace(/"/g, '""')}"`}`);
  } else if (dialect === 'postgres') {
    query = query.where(sql<boolean>`p.text ilike ${likePattern(filters.q)}`);
  } else {
    query = query.where(sql<boolean>`p.text like ${likePattern(filters.q)} escape '\\'`);
  }
  if (filters.meetingIds !== 'all') query = query.where('p.meeting_id', 'in', filters.meetingIds);
  if (filters.lang) query = query.where('p.lang', '=', filters.lang);
  if (filters.series) query = query.where('a.series', '=', filters.series);
  if (filters.from) query = query.where('a.meeting_date', '>=', filters.from);
  if (filters.to) query = query.where('a.meeting_date', '<=', filters.to);
  const ordered = usesFts ? query.orderBy(sql`p.rank`) : query.orderBy('a.created_at', 'desc');
  const rows = await ordered.limit(limit).execute();
  return rows.map((r) => ({ archiveId: r.archive_id, slotId: r.slot_id, lang: r.lang, slotTitle: r.slot_id ? r.text.split('\n', 1)[0]!.trim() : '', snippet: snippetAround(r.text, filters.q) }));
}
