import { useState, type FormEvent } from 'react';
import type { MinutesNode, SlotDiffView, VersionContentResponse, VersionDiffResponse } from '../../../shared/src/api/responses.ts';
import { queryKeys, useInvalidate, useVersionsQuery } from '../data/queries.ts';
import { api } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { DiffView } from '../ui/DiffView.tsx';
import { ErrorText } from '../ui/Field.tsx';

/** Plain text of a version's minutes, one line per block. */
function pmText(node: MinutesNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.text ?? '';
  const inner = (node.content ?? []).map(pmText);
  return node.type === 'doc' || node.type.endsWith('List') || node.type === 'listItem' ? inner.filter(Boolean).join('\n') : inner.join('');
}

/** Named and automatic versions: save one, compare any with the live minutes, restore (chair). */
export function VersionsPanel({ meetingId, canSave, canRestore }: { meetingId: string; canSave: boolean; canRestore: boolean }) {
  const { t, lang, errorMessage, formatDateTime, formatDay, languageName } = useT();
  const versionsQuery = useVersionsQuery(meetingId);
  const versions = versionsQuery.data?.versions ?? [];
  const invalidate = useInvalidate();
  const [label, setLabel] = useState('');
  const [diff, setDiff] = useState<{ id: string; against: string; diffs: SlotDiffView[] } | null>(null);
  const [against, setAgainst] = useState('live');
  const [viewing, setViewing] = useState<VersionContentResponse | null>(null);
  const [actionError, setError] = useState('');
  const [notice, setNotice] = useState('');
  const error = actionError || (versionsQuery.error ? errorMessage(versionsQuery.error) : '');
  const run = (work: Promise<unknown>) => work.then(() => invalidate(queryKeys.versions(meetingId)), (e: unknown) => setError(errorMessage(e)));

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(api('POST', `/meetings/${meetingId}/versions`, { label }).then(() => setLabel('')));
  };
  // A diff or a view shown before the restore describes minutes that are no longer there.
  const restore = (id: string, versionLabel: string) => {
    if (!window.confirm(t('versions.restoreConfirm', { label: versionLabel }))) return;
    setError('');
    setNotice('');
    void run(
      api('POST', `/meetings/${meetingId}/versions/${id}/restore`).then(() => {
        setDiff(null);
        setViewing(null);
        setNotice(t('versions.restored', { label: versionLabel }));
      }),
    );
  };
  const compare = (id: string) =>
    void api<VersionDiffResponse>('GET', `/meetings/${meetingId}/versions/${id}/diff?against=${encodeURIComponent(against)}`).then(
      (r) => {
        setViewing(null);
        setDiff({ id, against, diffs: r.diffs });
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  const view = (id: string) =>
    void api<VersionContentResponse>('GET', `/meetings/${meetingId}/versions/${id}`).then(
      (v) => {
        setDiff(null);
        setViewing(v);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  const labelOf = (id: string) => (id === 'live' ? t('versions.now') : (versions.find((v) => v.id === id)?.label ?? ''));

  return (
    <section className="panel versions" aria-labelledby="versions-title" data-testid="versions-panel">
      <h2 id="versions-title">{t('versions.title')}</h2>
      {canSave && (
        <form className="row" onSubmit={save}>
          <input aria-label={t('versions.label')} placeholder={t('versions.labelHint')} value={label} onChange={(e) => setLabel(e.target.value)} data-testid="version-label" />
          <button type="submit" disabled={!label.trim()} data-testid="version-save">
            {t('versions.save')}
          </button>
        </form>
      )}
      <label className="small">
        {t('versions.compareTarget')}{' '}
        <select value={against} onChange={(e) => setAgainst(e.target.value)} data-testid="version-against">
          <option value="live">{t('versions.now')}</option>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}
            </option>
          ))}
        </select>
      </label>
      <ul className="member-list">
        {versions.map((v) => (
          <li key={v.id}>
            <span className="member-name">{v.label}</span>
            <span className="muted" data-testid={`version-meta-${v.id}`}>
              {[t(`versions.kind.${v.kind}`), formatDateTime(v.createdAt), v.createdByName ? t('versions.savedBy', { name: v.createdByName }) : ''].filter(Boolean).join(' · ')}
            </span>
            <button type="button" onClick={() => view(v.id)} data-testid={`version-view-${v.id}`}>
              {t('versions.view')}
            </button>
            <button type="button" onClick={() => compare(v.id)} data-testid={`version-compare-${v.id}`}>
              {t('versions.compareWith', { other: labelOf(against) })}
            </button>
            {canRestore && (
              <button type="button" data-testid={`version-restore-${v.id}`} onClick={() => restore(v.id, v.label)}>
                {t('versions.restore')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {diff && (
        <div className="version-diff" data-testid="version-diff">
          <h3>{t('versions.changesBetween', { from: labelOf(diff.id), to: labelOf(diff.against) })}</h3>
          {diff.diffs.length === 0 && <p className="muted">{t('versions.noChanges')}</p>}
          {diff.diffs.map((d) => (
            <div key={`${d.slotId}-${d.lang}`}>
              <p className="small">
                <strong>{d.title[lang] || Object.values(d.title).find(Boolean) || t('meeting.general')}</strong> · {languageName(d.lang)}
                {d.authors.length > 0 && <span className="muted"> · {d.authors.map((a) => a.name).join(', ')}</span>}
              </p>
              <DiffView lang={d.lang} ops={d.ops} />
            </div>
          ))}
        </div>
      )}
      {viewing && (
        <div className="version-view" data-testid="version-view">
          <h3>
            {viewing.label} <span className="muted small">({t('versions.readOnly')})</span>
          </h3>
          <div className="editors version-langs" style={{ ['--cols' as string]: viewing.meta.languages.length }}>
            {viewing.meta.languages.map((l) => (
              <h4 key={l} lang={l} className="lang-head">
                {languageName(l)}
              </h4>
            ))}
          </div>
          {viewing.slots.map((slot, i) => {
            const date = slot.start ? viewing.meta.days[slot.day] : undefined;
            const newDay = date !== undefined && viewing.slots.slice(0, i).every((s) => !s.start || s.day !== slot.day);
            const titles = viewing.meta.languages.filter((l) => slot.title[l]);
            return (
              <div key={slot.id}>
                {newDay && <h4 className="version-day">{t('versions.dayHeading', { day: slot.day + 1, date: formatDay(date) })}</h4>}
                <p className="small">
                  {titles.length === 0 ? (
                    <strong>{t('meeting.general')}</strong>
                  ) : (
                    titles.map((l, n) => (
                      <span key={l}>
                        {n > 0 && ' / '}
                        <strong lang={l}>{slot.title[l]}</strong>
                      </span>
                    ))
                  )}{' '}
                  {slot.start && `${slot.start}–${slot.end}`}
                </p>
                <div className="editors" style={{ ['--cols' as string]: viewing.meta.languages.length }}>
                  {viewing.meta.languages.map((l) => (
                    <p key={l} lang={l} className="version-text" aria-label={languageName(l)}>
                      {pmText(slot.minutes[l]) || '—'}
                    </p>
                  ))}
                </div>
              </div>
            );
          })}
        </div>
      )}
      {notice && (
        <p className="notice" role="status" data-testid="version-restored">
          {notice}
        </p>
      )}
      <ErrorText>{error}</ErrorText>
    </section>
  );
}
