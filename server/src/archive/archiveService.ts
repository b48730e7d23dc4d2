import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import { readThreads } from '../../../shared/src/model/reviewDoc.ts';
import { newId } from '../auth/secrets.ts';
import type { Database } from '../db/schema.ts';
import type { ExportRenderer } from '../export/exportRenderer.ts';
import type { ExportModel } from '../export/exportModel.ts';
import type { MeetingRecord } from '../meetings/meetingRepo.ts';
import { docFromState } from '../versions/docState.ts';
import type { VersionService } from '../versions/versionService.ts';
import type { VersionRepo } from '../versions/versionRepo.ts';
import { imageFiles, withImages } from '../export/exportImages.ts';
import type { ImageService } from '../images/imageService.ts';
import { buildPackage } from './archivePackage.ts';
import { dialectOf, indexPassages, passagesOf, searchPassages, type SearchFilters, type SearchMatch } from './archiveSearch.ts';
import type { SigningKey } from './signingKey.ts';

export interface ArchiveRecord {
  id: string;
  meetingId: string;
  revision: number;
  versionId: string;
  title: Record<string, string>;
  series: string;
  meetingDate: string | null;
  languages: string[];
  manifestSha256: string;
  keyId: string;
  createdBy: string;
  createdAt: number;
}

type Row = Database['archives'];
const toRecord = (r: Omit<Row, 'package' | 'search_text'>): ArchiveRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  revision: Number(r.revision),
  versionId: r.version_id,
  title: JSON.parse(r.title_json) as Record<string, string>,
  series: r.series,
  meetingDate: r.meeting_date,
  languages: JSON.parse(r.languages_json) as string[],
  manifestSha256: r.manifest_sha256,
  keyId: r.key_id,
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
});

/** All the words of the record, every language, for archive search. */
function searchText(model: ExportModel): string {
  const words: string[] = [...Object.values(model.meta.title), model.meta.series];
  const walk = (node: { text?: string; content?: unknown[] }): void => {
    if (node.text) words.push(node.text);
    for (const child of (node.content ?? []) as Array<{ text?: string; content?: unknown[] }>) walk(child);
  };
  for (const slot of model.slots) {
    words.push(...Object.values(slot.title));
    for (const doc of Object.values(slot.minutes)) walk(doc);
  }
  return words.join('\n');
}

/**
 * Finalisation's record: a final version, the exports in every format and language layout, the
 * structured JSON and Yjs states, a signed manifest; stored once and never changed (a reopen and
 * a new finalisation make a new revision).
 */
export class ArchiveService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly versions: VersionService,
    private readonly versionRepo: VersionRepo,
    private readonly key: () => Promise<SigningKey>,
    /** Renders PDF, DOCX and HTML in the worker pool. */
    private readonly exports: ExportRenderer,
    /** The meeting's stored images the minutes show: embedded in the exports and packaged as files. */
    private readonly images: ImageService,
  ) {}

  async archive(meeting: MeetingRecord, by: { id: string; name: string }): Promise<ArchiveRecord> {
    const version = await this.versions.cut(meeting, 'Final', 'final', by.id);
    const stored = (await this.versionRepo.get(meeting.id, version.id))!;
    const minutes = docFromState(stored.minutesState);
    const review = docFromState(stored.reviewState);
    const finalisedAt = new Date(version.createdAt).toISOString();
    const { buildExportModel } = await import('../export/exportModel.ts');
    const model = await withImages(this.images, buildExportModel({ ...meeting, status: 'finalised' }, minutes, { label: 'Final', createdAt: version.createdAt, finalisedAt: version.createdAt, finalisedBy: by.name }));
    const last = await this.db.selectFrom('archives').select((eb) => eb.fn.max('revision').as('max')).where('meeting_id', '=', meeting.id).executeTakeFirst();
    const revision = Number(last?.max ?? 0) + 1;
    const all = { lang: 'all', layout: 'side-by-side' as const, numbering: 'decimal' as const };
    const structured = {
      meeting: { id: meeting.id, ...model.meta, status: 'finalised' },
      agenda: model.slots.map(({ minutes: _m, ...slot }) => slot),
      minutes: Object.fromEntries(model.slots.map((s) => [s.id, s.minutes])),
      decisionsAndActions: model.items,
      participants: model.roster,
      commentThreads: readThreads(review),
      finalised: { by: by.name, byId: by.id, at: finalisedAt, revision },
    };
    const files = [
      { name: 'minutes.pdf', data: await this.exports.render(model, 'pdf', all) },
      { name: 'minutes.docx', data: await this.exports.render(model, 'docx', all) },
      { name: 'minutes.html', data: await this.exports.render(model, 'html', all) },
      { name: 'minutes.md', data: await this.exports.render(model, 'md', all) },
      { name: 'meeting.json', data: JSON.stringify(structured, null, 2) },
      { name: 'minutes.ystate', data: Y.encodeStateAsUpdate(minutes) },
      { name: 'review.ystate', data: Y.encodeStateAsUpdate(review) },
      // minutes.md links these by the same names (images/<id>.png|jpg).
      ...imageFiles(model),
    ];
    minutes.destroy();
    review.destroy();
    const key = await this.key();
    const { zip, manifestBytes } = await buildPackage(
      files,
      { meetingId: meeting.id, revision, title: model.meta.title, finalisedBy: by.name, finalisedAt, keyId: key.keyId },
      key.sign,
      key.publicKeyPem,
    );
    const row: Row = {
      id: newId(),
      meeting_id: meeting.id,
      revision,
      version_id: version.id,
      title_json: JSON.stringify(model.meta.title),
      series: model.meta.series,
      meeting_date: model.meta.days[0] ?? null,
      languages_json: JSON.stringify(model.meta.languages),
      manifest_sha256: createHash('sha256').update(manifestBytes).digest('hex'),
      key_id: key.keyId,
      package: zip,
      search_text: searchText(model),
      created_by: by.id,
      created_at: version.createdAt,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('archives').values(row).execute();
      await indexPassages(trx, { id: row.id, meetingId: meeting.id }, passagesOf(model));
    });
    return toRecord(row);
  }

  async get(id: string): Promise<(ArchiveRecord & { package: Uint8Array }) | null> {
    const row = await this.db.selectFrom('archives').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { ...toRecord(row), package: row.package } : null;
  }

  /**
   * Archive records matching the filters; with `q`, only records whose text contains it (any
   * language, any script), each with the slots where it was found.
   */
  async search(query: Omit<SearchFilters, 'q'> & { q?: string }): Promise<Array<ArchiveRecord & { matches: Array<Omit<SearchMatch, 'archiveId'>> }>> {
    if (query.meetingIds !== 'all' && query.meetingIds.length === 0) return [];
    const matches = query.q ? await searchPassages(this.db, dialectOf(this.db), { ...query, q: query.q }) : null;
    if (matches && matches.length === 0) return [];
    let select = this.db.selectFrom('archives').select(['id', 'meeting_id', 'revision', 'version_id', 'title_json', 'series', 'meeting_date', 'languages_json', 'manifest_sha256', 'key_id', 'created_by', 'created_at']);
    if (matches) select = select.where('id', 'in', [...new Set(matches.map((m) => m.archiveId))]);
    if (query.meetingIds !== 'all') select = select.where('meeting_id', 'in', query.meetingIds);
    if (query.series) select = select.where('series', '=', query.series);
    if (query.from) select = select.where('meeting_date', '>=', query.from);
    if (query.to) select = select.where('meeting_date', '<=', query.to);
    const rows = await select.orderBy('created_at', 'desc').limit(100).execute();
    return rows
      .map(toRecord)
      .filter((r) => !query.lang || r.languages.includes(query.lang))
      .map((r) => ({ ...r, matches: (matches ?? []).filter((m) => m.archiveId === r.id).map(({ archiveId: _id, ...m }) => m) }));
  }
}
