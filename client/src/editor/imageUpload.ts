import { IMAGE_LIMITS, IMAGE_TYPES, type ImageUploadResponse } from '../../../shared/src/api/images.ts';
import { ApiError, csrfHeaders, UPLOAD_TIMEOUT_MS } from '../lib/api.ts';

/**
 * Uploads one image file to a meeting (POST /api/meetings/:id/images). XMLHttpRequest rather than
 * fetch: only it reports upload progress, which a 10 MiB photo on conference Wi-Fi needs. Files the
 * server would refuse for their type or size are refused here first, with the server's codes, so
 * the message is the same either way (client/src/i18n/imageMessages.ts).
 */
export function uploadImageFile(meetingId: string, file: File, onProgress: (fraction: number) => void): Promise<ImageUploadResponse> {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return Promise.reject(new ApiError(415, 'unsupported_image_type', `only PNG and JPEG images are accepted, not ${file.type || 'this file'}`));
  }
  if (file.size > IMAGE_LIMITS.maxBytes) return Promise.reject(new ApiError(413, 'image_too_large', `the image is larger than ${IMAGE_LIMITS.maxBytes / 1024 / 1024} MiB`));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/meetings/${encodeURIComponent(meetingId)}/images`);
    xhr.setRequestHeader('content-type', file.type);
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.timeout = UPLOAD_TIMEOUT_MS;
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body = (xhr.response ?? {}) as Partial<ImageUploadResponse> & { error?: string; code?: string };
      if (xhr.status === 201 && typeof body.url === 'string') resolve(body as ImageUploadResponse);
      else reject(new ApiError(xhr.status, body.code ?? 'error', body.error ?? `upload failed (${xhr.status})`));
    };
    // describeError says "cannot reach the server" for a TypeError, as it does for fetch.
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.ontimeout = () => reject(new ApiError(0, 'timeout', `no answer from the server within ${UPLOAD_TIMEOUT_MS / 1000} s`));
    xhr.send(file);
  });
}
