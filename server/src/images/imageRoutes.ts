import express, { Router, type Request, type Response } from 'express';
import { IMAGE_TYPES, isImageId, type ImageScope } from '../../../shared/src/api/images.ts';
import { badRequest, HttpError, notFound } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import type { Services } from '../services.ts';
import { ImageAccess } from './imageAccess.ts';

const MiB = 1024 * 1024;

/**
 * Uploading images to a meeting (images inside its minutes, the group photo) or a report (its
 * photos), and reading them back. Thin: access in imageAccess.ts, checks and storage in
 * imageService.ts.
 */
export function imageRoutes(services: Services): Router {
  const router = Router();
  const access = new ImageAccess(services);
  const { maxBytes } = services.config.images;
  const tooLarge = () => new HttpError(413, 'image_too_large', `the image is larger than ${(maxBytes / MiB).toFixed(1)} MiB, the most that may be uploaded`, { max: maxBytes });
  // Run by hand after the access check, so nobody without the right to upload makes us buffer anything.
  const rawBody = express.raw({ type: () => true, limit: maxBytes });

  async function readImageBody(req: Request, res: Response): Promise<Buffer> {
    const declared = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!(IMAGE_TYPES as readonly string[]).includes(declared)) {
      throw new HttpError(415, 'unsupported_image_type', `send the file as image/png or image/jpeg (only PNG and JPEG images are accepted), not ${declared || 'without a Content-Type'}`, { accepted: IMAGE_TYPES });
    }
    // Refused on the declared length, before a byte is buffered; the parser also stops at the limit.
    if (Number(req.get('content-length') ?? 0) > maxBytes) throw tooLarge();
    await new Promise<void>((resolve, reject) =>
      rawBody(req, res, (error?: unknown) => (error ? reject((error as { type?: string }).type === 'entity.too.large' ? tooLarge() : error) : resolve())),
    );
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw badRequest('empty body: send the image file as the request body');
    return req.body;
  }

  async function upload(req: Request, res: Response, scope: ImageScope, meetingId: string | null): Promise<void> {
    const bytes = await readImageBody(req, res);
    const principal = requirePrincipal(req);
    const image = await services.images.store(scope, bytes, { userId: principal.userId, meetingId });
    res.status(201).location(image.url).json(image);
  }

  router.post('/meetings/:meetingId/images', route(async (req, res) => {
    const { scope, meetingId } = await access.meetingWriter(req);
    await upload(req, res, scope, meetingId);
  }));

  router.post('/reports/:reportId/images', route(async (req, res) => {
    const { scope } = await access.reportWriter(req);
    await upload(req, res, scope, null);
  }));

  /**
   * The stored (stripped) bytes. An unknown id and an image the caller may not read are the same
   * 404, so ids of other documents' images reveal nothing. Immutable: an id never changes bytes.
   */
  router.get('/images/:imageId', route(async (req, res) => {
    const principal = requirePrincipal(req);
    const id = String(req.params.imageId);
    const image = isImageId(id) ? await services.images.repo.get(id) : null;
    if (!image || !(await access.mayRead(principal, image.scope))) throw notFound('no such image');
    const etag = `"${image.sha256}"`;
    res.set({
      'Content-Type': image.type,
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: etag,
      // The bytes are a picture, never a page: nothing in them may run or load anything.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    if (req.get('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
    const data = await services.images.repo.data(id);
    if (!data) throw notFound('no such image');
    res.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }));

  return router;
}
