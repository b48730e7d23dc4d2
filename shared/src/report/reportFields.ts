/**
 * Field names inside a report's Y.Doc (`report.<reportId>`), in one place: the co-edited text of
 * the report, each a Y.XmlFragment bound to one editor of the same schema as the minutes.
 *
 *   summary/<lang>                         摘要
 *   reflections/<lang>                     心得與建議
 *   purpose/<meetingId>/<lang>             a meeting chapter's 一、目的
 *   section/<sectionId>/<lang>             a free section or an annex (its frame in `sections`)
 *   keyPoint/<meetingId>/<slotId>/<lang>   an edited summary replacing an agenda item's generated
 *                                          text; edited only once the server has linked it to its
 *                                          source (POST /api/reports/:id/key-points, see docs/api.md)
 *   sections                               Y.Map sectionId -> Y.Map {kind, order, title}
 *   photos                                 Y.Array of Y.Map {imageId, caption: Y.Map lang -> text}:
 *                                          the report's own photos of 伍、相關照片, in array order
 *                                          (reportPhotos.ts reads and writes them)
 *
 * Every value is checked by the document schema (shared/src/model/schema/documents.ts, kind
 * `report`) exactly as meeting documents are.
 */
const ID = '[a-z0-9][a-z0-9-]{0,63}';
const LANG = '[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*';

export const REPORT_SECTIONS_FIELD = 'sections';
export const REPORT_SECTION_ID_PATTERN = new RegExp(`^${ID}$`);
export const REPORT_SECTION_KINDS = ['free', 'annex'] as const;
export const REPORT_PHOTOS_FIELD = 'photos';

export const summaryField = (lang: string) => `summary/${lang}`;
export const reflectionsField = (lang: string) => `reflections/${lang}`;
export const purposeField = (meetingId: string, lang: string) => `purpose/${meetingId}/${lang}`;
export const sectionField = (sectionId: string, lang: string) => `section/${sectionId}/${lang}`;
export const keyPointField = (meetingId: string, slotId: string, lang: string) => `keyPoint/${meetingId}/${slotId}/${lang}`;

/** The root fields holding a report's rich text. */
export const REPORT_TEXT_FIELD_PATTERN = new RegExp(
  `^(?:(?:summary|reflections)/${LANG}|(?:purpose|section)/${ID}/${LANG}|keyPoint/${ID}/${ID}/${LANG})$`,
);
