import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { imageUrl, type ImageScope, type ImageUploadResponse } from '../../../shared/src/api/images.ts';
import type { AuditLog } from '../audit/auditLog.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { REPORT_IMAGE_LIMITS } from '../export/report/reportImages.ts';
import { HttpError } from '../http/errors.ts';
import { WorkerLimitError, type WorkerPool } from '../workers/workerPool.ts';
import { ImageRepo, type ImageRecord } from './imageRepo.ts';

const MiB = 1024 * 1024;

/**
 * Images stored by the server: the one path by which bytes go in (checked and stripped of their
 * metadata on a worker thread) and come out (for GET, exports and archives). Who may do what is
 * decided by the caller (images/imageAccess.ts); this service trusts the scope it is given.
 */
export class ImageService {
  readonly repo: ImageRepo;

  constructor(
    db: Kysely<Database>,
    private readonly workers: WorkerPool,
    private readonly audit: AuditLog,
    readonly limits: Config['images'],
  ) {
    this.repo = new ImageRepo(db);
  }

  /**
   * Checks, strips and stores one uploaded file. The same picture uploaded again to the same
   * document returns the image it already has (pasting twice costs no quota).
   */
  async store(scope: ImageScope, bytes: Uint8Array, actor: { userId: string | null; meetingId: string | null }): Promise<ImageUploadResponse> {
    await this.checkQuota(scope, bytes.length);
    const result = await this.sanitize(bytes);
    // The last quota check and the insert run one at a time per scope in this process, so
    // simultaneous uploads cannot all pass a quota that has room for one (other processes of a
    // cluster may still each add one: the overshoot is bounded by their number).
    const previous = this.storing.get(scope) ?? Promise.resolve();
    const mine = previous.catch(() => {}).then(() => this.insert(scope, result, actor));
    const tail = mine.catch(() => {});
    this.storing.set(scope, tail);
    void tail.then(() => {
      if (this.storing.get(scope) === tail) this.storing.delete(scope);
    });
    return mine;
  }

  private readonly storing = new Map<string, Promise<unknown>>();

  /** Checked and stripped on a worker thread; a refusal becomes the HTTP answer. */
  private async sanitize(bytes: Uint8Array): Promise<{ type: ImageUploadResponse['type']; width: number; height: number; data: Uint8Array }> {
    let result;
    try {
      result = await this.workers.run({ kind: 'image', bytes, limits: { maxBytes: this.limits.maxBytes, maxSide: this.limits.maxSide, maxPixels: this.limits.maxPixels } });
    } catch (error) {
      if (error instanceof WorkerLimitError) throw new HttpError(503, 'image_busy', `the image could not be checked: ${error.message}; try again`, undefined, { 'Retry-After': '5' });
      throw error;
    }
    if (!result.ok) {
      const status = result.code === 'unsupported_image_type' ? 415 : result.code === 'image_dimensions_too_large' ? 413 : 400;
      throw new HttpError(status, result.code, result.message, result.code === 'unsupported_image_type' ? { accepted: ['image/png', 'image/jpeg'] } : undefined);
    }
    return result;
  }

  private async insert(scope: ImageScope, result: { type: ImageUploadResponse['type']; width: number; height: number; data: Uint8Array }, actor: { userId: string | null; meetingId: string | null }): Promise<ImageUploadResponse> {
    const sha256 = createHash('sha256').update(result.data).digest('hex');
    const existing = await this.repo.bySha(scope, sha256);
    if (existing) return this.describe(existing);
    await this.checkQuota(scope, result.data.length);
    const record: ImageRecord = {
      id: randomBytes(16).toString('base64url'),
      scope,
      type: result.type,
      width: result.width,
      height: result.height,
      bytes: result.data.length,
      sha256,
      createdBy: actor.userId,
      createdAt: Date.now(),
    };
    await this.repo.insert(record, result.data);
    await this.audit.record({ actorId: actor.userId, meetingId: actor.meetingId, action: 'image.upload', details: { scope, imageId: record.id, type: record.type, bytes: record.bytes } });
    return this.describe(record);
  }

  /** The images of one or several documents (a report gathers its meetings' photos), oldest first, without bytes. */
  listImages(scope: ImageScope | readonly ImageScope[]): Promise<ImageRecord[]> {
    return this.repo.list(typeof scope === 'string' ? [scope] : scope);
  }

  /**
   * Bytes by id for an export or an archive, only of images in `scope` (ids of other documents are
   * left out, so a hostile document cannot pull in another meeting's picture). Bounded like the
   * export workers' input: beyond it, 413 `images_too_large`.
   */
  async loadImageBytes(scope: ImageScope | readonly ImageScope[], ids: Iterable<string>): Promise<Record<string, Uint8Array>> {
    const wanted = [...new Set(ids)];
    if (wanted.length > REPORT_IMAGE_LIMITS.maxImages) throw new HttpError(413, 'images_too_large', `at most ${REPORT_IMAGE_LIMITS.maxImages} images may go into one file`);
    const result: Record<string, Uint8Array> = {};
    let total = 0;
    // In slices: one query per 50 ids keeps the statement small on both engines.
    for (let i = 0; i < wanted.length; i += 50) {
      for (const { id, data } of await this.repo.dataOf(typeof scope === 'string' ? [scope] : scope, wanted.slice(i, i + 50))) {
        total += data.length;
        if (total > REPORT_IMAGE_LIMITS.maxTotalBytes) throw new HttpError(413, 'images_too_large', `the images of this file exceed ${REPORT_IMAGE_LIMITS.maxTotalBytes / MiB} MiB`);
        result[id] = data;
      }
    }
    return result;
  }

  describe(record: ImageRecord): ImageUploadResponse {
    return { id: record.id, url: imageUrl(record.id), type: record.type, width: record.width, height: record.height, bytes: record.bytes };
  }

  private async checkQuota(scope: ImageScope, adding: number): Promise<void> {
    const usage = await this.repo.usage(scope);
    if (usage.count >= this.limits.scopeMaxCount) {
      throw new HttpError(413, 'image_quota_exceeded', `this document already holds ${usage.count} images, the most it may hold (${this.limits.scopeMaxCount})`, { count: usage.count, maxCount: this.limits.scopeMaxCount });
    }
    if (usage.bytes + adding > this.limits.scopeMaxBytes) {
      throw new HttpError(413, 'image_quota_exceeded', `this document's images would exceed ${(this.limits.scopeMaxBytes / MiB).toFixed(0)} MiB in all`, { bytes: usage.bytes, maxBytes: this.limits.scopeMaxBytes });
    }
  }
}
