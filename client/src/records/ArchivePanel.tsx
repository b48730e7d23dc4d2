import './records.css';
import { useState } from 'react';
import type { ArchiveRecordView, ArchiveVerification } from '../../../shared/src/api/responses.ts';
import { useArchiveQuery } from '../data/queries.ts';
import { api } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { ErrorText } from '../ui/Field.tsx';

export type ArchiveRecord = ArchiveRecordView;
/** A verification's answer (an error becomes a failed one); the key fingerprint when the server knows it. */
type Verification = Pick<ArchiveVerification, 'ok' | 'problems'> & { keyFingerprint?: string | null };

/**
 * The meeting's archive records, newest revision first, each with the SHA-256 of its signed
 * manifest (the figure to quote when citing the record), a verify button and the package.
 * (Finalising and reopening invalidate the cached list: see MeetingPage.)
 */
export function ArchivePanel({ meetingId }: { meetingId: string }) {
  const { t, formatDateTime, errorMessage } = useT();
  const archive = useArchiveQuery(`meetingId=${encodeURIComponent(meetingId)}`);
  const records = archive.data?.records ?? null;
  const error = archive.error ? errorMessage(archive.error) : '';
  const [checks, setChecks] = useState<Record<string, Verification | 'running'>>({});
  const verify = (id: string) => {
    setChecks((c) => ({ ...c, [id]: 'running' }));
    api<ArchiveVerification>('GET', `/archive/${id}/verify`).then(
      (result) => setChecks((c) => ({ ...c, [id]: result })),
      (e: unknown) => setChecks((c) => ({ ...c, [id]: { ok: false, problems: [errorMessage(e)] } })),
    );
  };
  return (
    <section className="panel archive" aria-labelledby="archive-title" data-testid="archive-panel">
      <h2 id="archive-title">{t('records.archiveTitle')}</h2>
      <ErrorText>{error && t('common.error', { message: error })}</ErrorText>
      {records?.length === 0 && <p className="muted">{t('records.noArchive')}</p>}
      <ul className="archive-records">
        {records?.map((record) => {
          const check = checks[record.id];
          return (
            <li key={record.id} data-testid="archive-record">
              <strong>{t('records.revision', { n: record.revision })}</strong> · {t('records.archivedBy', { at: formatDateTime(record.createdAt) })}
              <div className="small">
                {t('records.manifest')}: <code data-testid="manifest-sha256">{record.manifestSha256}</code>
              </div>
              <div className="row">
                <button type="button" onClick={() => verify(record.id)} disabled={check === 'running'} data-testid="verify-archive">
                  {check === 'running' ? t('records.verifying') : t('records.verify')}
                </button>
                <a className="button" href={`/api/archive/${record.id}/package`} download>
                  {t('records.package')}
                </a>
                <a href="/.well-known/quorum-archive-key" target="_blank" rel="noreferrer">
                  {t('records.publicKey')}
                </a>
              </div>
              {check && check !== 'running' && (
                <div role="status" data-testid="verify-result">
                  <p className={check.ok ? 'ok-text' : 'error-text'}>{check.ok ? t('records.verified') : t('records.verifyFailed', { problems: check.problems.join('; ') })}</p>
                  {check.keyFingerprint && (
                    <p className="small">
                      {t('records.keyFingerprint')}: <code data-testid="key-fingerprint">{check.keyFingerprint}</code>
                    </p>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
