/**
 * Interface strings for images inside the minutes: the toolbar's button, upload progress, and
 * the server's refusals by code (describeError looks up `error.<code>`). Merged with the other
 * catalogues in `i18n.tsx`; a key lives in exactly one file.
 */
export const enImages = {
  'image.insert': 'Insert image (PNG or JPEG, up to 10 MB)',
  'image.insertShort': 'Image',
  'image.uploading': 'Uploading {name}… {percent}%',
  'image.failed': 'Could not add {name}: {reason}',
  'image.dismiss': 'Dismiss',
  'image.describe': 'Describe image',
  'image.describePrompt': 'Description of the image (read aloud by screen readers, and its caption in exports and reports)',
  'error.unsupported_image_type': 'Only PNG and JPEG images can be added. Save the picture as PNG or JPEG and try again.',
  'error.image_too_large': 'The image is larger than 10 MB. Make it smaller and try again.',
  'error.image_dimensions_too_large': 'The image has too many pixels (at most 8000 pixels a side and 40 megapixels). Make it smaller and try again.',
  'error.image_malformed': 'The image file is damaged or incomplete ({detail}).',
  'error.image_quota_exceeded': 'No more images fit in this meeting or report ({detail}).',
} as const;

export type ImageMessageKey = keyof typeof enImages;

export const zhHantImages: Record<ImageMessageKey, string> = {
  'image.insert': '插入圖片（PNG 或 JPEG，最大 10 MB）',
  'image.insertShort': '圖片',
  'image.uploading': '正在上傳 {name}…{percent}%',
  'image.failed': '無法加入 {name}：{reason}',
  'image.dismiss': '關閉',
  'image.describe': '圖片說明',
  'image.describePrompt': '圖片說明（螢幕報讀器會朗讀，也是匯出檔與報告中的圖說）',
  'error.unsupported_image_type': '只能加入 PNG 或 JPEG 圖片。請將圖片另存為 PNG 或 JPEG 後再試。',
  'error.image_too_large': '圖片超過 10 MB，請縮小後再試。',
  'error.image_dimensions_too_large': '圖片像素過多（每邊最多 8000 像素、總計 4000 萬像素），請縮小後再試。',
  'error.image_malformed': '圖片檔案已損毀或不完整（{detail}）。',
  'error.image_quota_exceeded': '此會議或報告的圖片已達上限（{detail}）。',
};
