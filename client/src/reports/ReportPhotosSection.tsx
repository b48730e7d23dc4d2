import { useId, useState, type ChangeEvent } from 'react';
import { addReportPhoto, moveReportPhoto, removeReportPhoto, setReportPhotoCaption } from '../../../shared/src/report/reportPhotos.ts';
import { localizedText, type NumberLabel, type PhotosChapter } from '../../../shared/src/report/reportModel.ts';
import { reportPath } from '../data/queries.ts';
import { useT } from '../i18n/i18n.tsx';
import { apiPostRaw } from '../lib/api.ts';
import { ErrorText, Field } from '../ui/Field.tsx';
import { useReport } from './reportContext.tsx';
import { ReportHeading } from './ReportHeading.tsx';
import { useReportPhotos } from './useReportPhotos.ts';

const ACCEPTED = 'image/png,image/jpeg';

/**
 * 相關照片: the report's own photos from its live document (upload, caption per language, order,
 * removal, seen by co-authors at once), then the photos of the meetings' photo slots as the model
 * gathers them (read-only here: they belong to the meetings' minutes).
 */
export function ReportPhotosSection({ chapter, number }: { chapter: PhotosChapter; number: NumberLabel }) {
  const { t, errorMessage, languageName } = useT();
  const { reportId, doc, writable, languages } = useReport();
  const photos = useReportPhotos(doc);
  const fromMeetings = chapter.photos.filter((p) => p.source);
  const inputId = useId();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState('');

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    setError('');
    setUploading(true);
    try {
      // One at a time: the server's image workers and per-report quota see a steady stream.
      for (const file of files) {
        const stored = await apiPostRaw<{ id: string }>(reportPath(reportId, '/images'), file, file.type || 'application/octet-stream');
        addReportPhoto(doc, { imageId: stored.id, caption: {} });
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setUploading(false);
    }
  };

  // A caption missing in one language falls back to the other: shown once, not twice.
  const captionText = (caption: Record<string, string>) => [...new Set(languages.map((lang) => localizedText(caption, lang)).filter(Boolean))].join(' / ');
  return (
    <section className="report-part" aria-labelledby="photos" data-testid="report-photos">
      <ReportHeading level={2} id="photos" number={number} title={chapter.title} />
      {photos.length === 0 && fromMeetings.length === 0 && <p className="muted">{t('report.photos.none')}</p>}
      <ol className="report-photo-list">
        {photos.map((photo, index) => (
          <li key={`${index}-${photo.imageId}`} data-testid="report-photo">
            <figure>
              <img src={`/api/images/${encodeURIComponent(photo.imageId)}`} alt={captionText(photo.caption) || t('report.photos.untitled', { position: index + 1 })} loading="lazy" />
              <figcaption>
                {writable ? (
                  <div className="row">
                    {languages.map((lang) => (
                      <Field
                        key={lang}
                        lang={lang}
                        label={t('report.photos.captionIn', { position: index + 1, lang: languageName(lang) })}
                        value={photo.caption[lang] ?? ''}
                        maxLength={500}
                        onChange={(e) => setReportPhotoCaption(doc, index, lang, e.target.value)}
                        data-testid={`photo-caption-${lang}`}
                      />
                    ))}
                  </div>
                ) : (
                  captionText(photo.caption)
                )}
              </figcaption>
            </figure>
            {writable && (
              <span className="row-actions">
                <button type="button" disabled={index === 0} onClick={() => moveReportPhoto(doc, index, index - 1)} aria-label={t('report.photos.moveUp', { position: index + 1 })}>
                  ↑
                </button>
                <button type="button" disabled={index === photos.length - 1} onClick={() => moveReportPhoto(doc, index, index + 1)} aria-label={t('report.photos.moveDown', { position: index + 1 })}>
                  ↓
                </button>
                <button type="button" className="danger" onClick={() => removeReportPhoto(doc, index)} data-testid="photo-remove">
                  {t('report.photos.remove', { position: index + 1 })}
                </button>
              </span>
            )}
          </li>
        ))}
        {fromMeetings.map((photo) => (
          <li key={`${photo.source!.meetingId}-${photo.source!.slotId}-${photo.imageId}`} data-testid="report-meeting-photo">
            <figure>
              <img src={`/api/images/${encodeURIComponent(photo.imageId)}`} alt={captionText(photo.caption)} loading="lazy" />
              <figcaption>
                {captionText(photo.caption)} <span className="muted">({t('report.photos.fromMeeting')})</span>
              </figcaption>
            </figure>
          </li>
        ))}
      </ol>
      {writable && (
        <p className="photo-upload">
          <input id={inputId} type="file" accept={ACCEPTED} multiple className="visually-hidden" onChange={(e) => void upload(e)} disabled={uploading} data-testid="photo-upload" />
          <label htmlFor={inputId} className="button">
            {uploading ? t('report.photos.uploading') : t('report.photos.add')}
          </label>
          <span className="hint"> {t('report.photos.hint')}</span>
        </p>
      )}
      <ErrorText>{error}</ErrorText>
    </section>
  );
}
