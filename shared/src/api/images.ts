import { z } from 'zod';

/**
 * Images stored by the server (issue 15): photos of a report and images inside minutes. One id
 * grammar, one URL form and one set of limits for the server (enforcement), the document schema
 * (an image node may only point at `/api/images/<id>`) and the client (what to say before upload).
 */
export const IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** 16 random bytes in base64url: unguessable, and safe in a URL path without escaping. */
export const IMAGE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const imageIdSchema = z.string().regex(IMAGE_ID_PATTERN);

export function isImageId(value: string): boolean {
  return IMAGE_ID_PATTERN.test(value);
}

/** The only `src` an image in a document may have. */
export function imageUrl(id: string): string {
  return `/api/images/${id}`;
}

const IMAGE_URL = /^\/api\/images\/([A-Za-z0-9_-]{22})$/;

/** The image id of a document image's `src`, or null for anything else (data:, javascript:, another host). */
export function imageIdFromUrl(src: string): string | null {
  return IMAGE_URL.exec(src)?.[1] ?? null;
}

/** Which document an image belongs to: who may read it is who may read that document. */
export type ImageScope = `meeting:${string}` | `report:${string}`;

export function meetingImageScope(meetingId: string): ImageScope {
  return `meeting:${meetingId}`;
}

export function reportImageScope(reportId: string): ImageScope {
  return `report:${reportId}`;
}

export function parseImageScope(scope: string): { kind: 'meeting'; meetingId: string } | { kind: 'report'; reportId: string } | null {
  const match = /^(meeting|report):(.+)$/.exec(scope);
  if (!match) return null;
  return match[1] === 'meeting' ? { kind: 'meeting', meetingId: match[2]! } : { kind: 'report', reportId: match[2]! };
}

/** Defaults of the server's limits (IMAGE_* settings); the client checks the size before sending. */
export const IMAGE_LIMITS = {
  /** Bytes of one uploaded file. */
  maxBytes: 10 * 1024 * 1024,
  /** Pixels of the longer side. */
  maxSide: 8_000,
  /** Width x height: a decoder holds about 4 bytes per pixel, so this bounds every viewer's memory. */
  maxPixels: 40_000_000,
  /** Images per meeting or report. */
  scopeMaxCount: 200,
  /** Bytes of all images of one meeting or report. */
  scopeMaxBytes: 200 * 1024 * 1024,
} as const;

/** `POST /api/meetings/:id/images` and `POST /api/reports/:id/images` answer this. */
export interface ImageUploadResponse {
  id: string;
  url: string;
  type: ImageType;
  width: number;
  height: number;
  bytes: number;
}
