import { meetingImageScope } from '../../../shared/src/api/images.ts';
import type { ImageService } from '../images/imageService.ts';
import { embeddableImage, fitInto, type EmbeddableImage } from './report/reportImages.ts';
import type { ExportModel } from './exportModel.ts';
import { imageIdsIn } from './pmWalk.ts';

/** Every stored image the model's minutes show (each once). */
export function modelImageIds(model: ExportModel): string[] {
  const ids = new Set<string>();
  for (const slot of model.slots) for (const doc of Object.values(slot.minutes)) for (const id of imageIdsIn(doc)) ids.add(id);
  return [...ids];
}

/**
 * Loads the bytes of the images a meeting's export shows, only from that meeting's own images: a
 * hostile minutes document naming another meeting's image gets a placeholder, not the picture.
 */
export async function withImages(images: ImageService, model: ExportModel): Promise<ExportModel> {
  const ids = modelImageIds(model);
  if (ids.length === 0) return model;
  return { ...model, images: await images.loadImageBytes(meetingImageScope(model.meetingId), ids) };
}

/** An image of the model ready to embed (PNG or JPEG the writers take as is), or null for a placeholder. */
export function exportImage(model: ExportModel, imageId: string): EmbeddableImage | null {
  return embeddableImage(model.images?.[imageId]);
}

/** The file name of a stored image in the archive package and in Markdown links (`images/<id>.png`). */
export function imageFileName(imageId: string, data: Uint8Array): string {
  // Stored images are PNG or JPEG (checked on upload): the first byte tells which.
  return `images/${imageId}.${data[0] === 0x89 ? 'png' : 'jpg'}`;
}

/** The archive's image files: every stored image the minutes show, as stored (metadata already stripped). */
export function imageFiles(model: ExportModel): Array<{ name: string; data: Uint8Array }> {
  return Object.entries(model.images ?? {}).map(([id, data]) => ({ name: imageFileName(id, data), data }));
}

export { fitInto };
