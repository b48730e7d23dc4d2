import type * as Y from 'yjs';
import { readAgenda } from '../../../../shared/src/model/agendaDoc.ts';
import { readMeta } from '../../../../shared/src/model/meetingDoc.ts';
import { clip, LIMITS } from '../../../../shared/src/model/schema/limits.ts';
import type { PMNode } from '../../../../shared/src/report/pmJson.ts';
import { imageIdFromSrc, readReportPhotos } from '../../../../shared/src/report/reportPhotos.ts';
import { localizedText, REPORT_TEXT_LANGUAGES, type Localized, type ReportPhoto } from '../../../../shared/src/report/reportModel.ts';
import { minutesField } from '../../../../shared/src/schema/fields.ts';
import { REPORT_IMAGE_LIMITS } from '../../export/report/reportImages.ts';
import type { MeetingSourceDoc } from './meetingSources.ts';
import { fragmentJson } from './sourceDigest.ts';
import { dateText, WORDS } from './reportWording.ts';

/**
 * 伍、相關照片: the report's own photos (`photos` in its document, in their order), then, meeting by
 * meeting in report order, the images of each photo slot (the agenda's "group photo", slot kind
 * `photo`) in agenda order. A slot's images are the stored images (`/api/images/<id>`) inside its
 * minutes, in every language of the meeting, each once, in the order they first appear. Their
 * caption per language is the image's `alt` in that language's minutes, else the slot's title and
 * the meeting day ("大合照（2022 年 2 月 14 日）" / "Group photo (14 February 2022)"). Slot photos
 * come from the same state of the meeting as its chapter (final version or live draft).
 *
 * The chapter holds at most what one export embeds (REPORT_IMAGE_LIMITS.maxImages): the report's
 * own photos are capped below that by the document schema, slot photos fill the rest.
 */
export function reportPhotos(reportDoc: Y.Doc, meetings: MeetingSourceDoc[]): ReportPhoto[] {
  const photos: Array<Omit<ReportPhoto, 'position'>> = readReportPhotos(reportDoc).map((p) => ({ imageId: p.imageId, caption: p.caption }));
  for (const meeting of meetings) {
    for (const photo of slotPhotos(meeting)) {
      if (photos.length >= REPORT_IMAGE_LIMITS.maxImages) break;
      photos.push(photo);
    }
  }
  return photos.slice(0, REPORT_IMAGE_LIMITS.maxImages).map((photo, index) => ({ ...photo, position: index + 1 }));
}

function slotPhotos({ meeting, doc }: MeetingSourceDoc): Array<Omit<ReportPhoto, 'position'>> {
  const meta = readMeta(doc);
  // The report's languages first, so an image in both minutes is placed where the Chinese has it.
  const languages = [...REPORT_TEXT_LANGUAGES.filter((lang) => meta.languages.includes(lang)), ...meta.languages.filter((lang) => !(REPORT_TEXT_LANGUAGES as readonly string[]).includes(lang))];
  const photos: Array<Omit<ReportPhoto, 'position'>> = [];
  for (const slot of readAgenda(doc)) {
    if (slot.kind !== 'photo') continue;
    const date = meta.days[slot.day];
    const found = new Map<string, Localized>();
    for (const lang of languages) {
      for (const { imageId, alt } of imagesIn(fragmentJson(doc, minutesField(slot.id, lang)))) {
        const alts = found.get(imageId) ?? {};
        if (alt && !alts[lang]) alts[lang] = alt;
        found.set(imageId, alts);
      }
    }
    for (const [imageId, alts] of found) {
      const caption: Localized = {};
      for (const lang of REPORT_TEXT_LANGUAGES) {
        const title = localizedText(slot.title, lang) || WORDS.groupPhoto[lang];
        const day = date ? dateText(date)[lang] : null;
        caption[lang] = alts[lang] ?? (day ? (lang === 'zh-Hant' ? `${title}（${day}）` : `${title} (${day})`) : title);
      }
      photos.push({ imageId, caption, source: { meetingId: meeting.id, slotId: slot.id } });
    }
  }
  return photos;
}

/** Stored images in a minutes text, in document order (the editor's `image` nodes). */
function imagesIn(root: PMNode): Array<{ imageId: string; alt: string | null }> {
  const images: Array<{ imageId: string; alt: string | null }> = [];
  const stack: PMNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'image') {
      const imageId = imageIdFromSrc(node.attrs?.src);
      const alt = typeof node.attrs?.alt === 'string' ? clip(node.attrs.alt.trim(), LIMITS.caption) : '';
      if (imageId) images.push({ imageId, alt: alt || null });
    }
    const children = node.content ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return images;
}
