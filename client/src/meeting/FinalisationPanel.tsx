import { useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { BLOCKER_KINDS, computeBlockers, type Blocker } from '../../../shared/src/model/blockers.ts';
import type { MeetingStatus } from '../../../shared/src/model/roles.ts';
import { useDocsValue } from '../collab/useDocsValue.ts';
import { useT } from '../i18n/i18n.tsx';
import { queryKeys, useBlockersQuery, useInvalidate } from '../data/queries.ts';
import { api, ApiError } from '../lib/api.ts';

/**
 * The chair's view of what blocks finalisation, grouped by kind. The list is computed here from
 * the live docs (it changes as people approve, resolve and confirm), with the same shared function
 * the server uses to refuse `finalise`; waivers come from the server, which records them.
 */
export function FinalisationPanel({ meetingId, doc, review, status, onJump, onStatusChanged }: { meetingId: string; doc: Y.Doc; review: Y.Doc; status: MeetingStatus; onJump: (slotId: string) => void; onStatusChanged: () => void }) {
  const { t, lang, errorMessage, languageName } = useT();
  const blockers = useDocsValue([doc, review], () => computeBlockers(doc, review), []);
  const blockersQuery = useBlockersQuery(meetingId);
  const waivers = blockersQuery.data?.waivers;
  const invalidate = useInvalidate();
  const [waiving, setWaiving] = useState<{ id: string; reason: string } | null>(null);
  // Blockers ticked for one waiver with one reason (issue 14: thirteen blockers, thirteen dialogs).
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [bulkReason, setBulkReason] = useState('');
  const [reopenReason, setReopenReason] = useState('');
  const [actionError, setError] = useState('');
  const error = actionError || (blockersQuery.error ? errorMessage(blockersQuery.error) : '');
  const [busy, setBusy] = useState(false);

  const waiverOf = useMemo(() => new Map((waivers ?? []).map((w) => [w.blockerId, w])), [waivers]);
  const open = blockers.filter((b) => !waiverOf.has(b.id));
  // Only what is still open counts as selected: a blocker resolved or waived meanwhile drops out.
  const selected = open.filter((b) => selection.has(b.id)).map((b) => b.id);
  const toggle = (ids: string[], on: boolean) =>
    setSelection((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  // The shared descriptions name languages by code ("(zh-Hant)"); say their names instead, outside
  // the quoted slot title or text (“…”, 「…」), which may contain anything.
  const describe = (b: Blocker) => {
    const text = b.description[lang === 'zh-Hant' ? 'zh-Hant' : 'en'];
    if (!b.lang) return text;
    const code = new RegExp(`(?<![\\w-])${b.lang.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g');
    return text
      .split(/(“[^”]*”|「[^」]*」)/)
      .map((part, i) => (i % 2 === 1 ? part : part.replace(code, languageName(b.lang!))))
      .join('');
  };
  const finalised = status === 'finalised';

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'blocked' ? t('final.blocked', { n: open.length || 1 }) : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const waive = (blockerId: string, reason: string) =>
    act(async () => {
      await api('POST', `/meetings/${meetingId}/waivers`, { blockerId, reason });
      setWaiving(null);
      await invalidate(queryKeys.blockers(meetingId));
    });
  const waiveSelected = () =>
    act(async () => {
      await api('POST', `/meetings/${meetingId}/waivers`, { blockerIds: selected, reason: bulkReason.trim() });
      setSelection(new Set());
      setBulkReason('');
      await invalidate(queryKeys.blockers(meetingId));
    });
  const jump = (b: Blocker) => {
    if (b.slotId) onJump(b.slotId);
    if (b.threadId) document.querySelector(`[data-testid="thread-${b.threadId}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <section className="panel finalisation" aria-labelledby="final-title" data-testid="finalisation-panel">
      <h2 id="final-title">{t('final.title')}</h2>
      {finalised ? (
        <>
          <p role="status" data-testid="final-done">{t('final.finalised')}</p>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(async () => {
                await api('POST', `/meetings/${meetingId}/reopen`, { reason: reopenReason.trim() });
                setReopenReason('');
                onStatusChanged();
              });
            }}
          >
            <input aria-label={t('final.reopenReason')} placeholder={t('final.reopenReason')} value={reopenReason} onChange={(e) => setReopenReason(e.target.value)} required minLength={3} />
            <button type="submit" disabled={busy || reopenReason.trim().length < 3}>
              {t('final.reopen')}
            </button>
          </form>
        </>
      ) : (
        <>
          {blockers.length === 0 && <p data-testid="final-none">{t('final.none')}</p>}
          {selected.length > 0 && (
            <form
              className="inline-form bulk-waive"
              data-testid="bulk-waive-form"
              onSubmit={(e) => {
                e.preventDefault();
                void waiveSelected();
              }}
            >
              <input
                aria-label={t('final.bulkReason')}
                placeholder={t('final.reasonPlaceholder')}
                value={bulkReason}
                onChange={(e) => setBulkReason(e.target.value)}
                required
                minLength={3}
                data-testid="bulk-waive-reason"
              />
              <button type="submit" disabled={busy || bulkReason.trim().length < 3} data-testid="bulk-waive">
                {t('final.bulkWaive', { n: selected.length })}
              </button>
              <button type="button" onClick={() => setSelection(new Set())}>
                {t('common.cancel')}
              </button>
            </form>
          )}
          {BLOCKER_KINDS.map((kind) => {
            const group = blockers.filter((b) => b.kind === kind);
            if (group.length === 0) return null;
            const openIds = group.filter((b) => !waiverOf.has(b.id)).map((b) => b.id);
            const allSelected = openIds.length > 0 && openIds.every((id) => selection.has(id));
            return (
              <section key={kind} className="blocker-group" aria-labelledby={`blockers-${kind}`} data-testid={`blockers-${kind}`}>
                <h3 id={`blockers-${kind}`}>
                  {openIds.length > 1 && (
                    <input
                      type="checkbox"
                      aria-label={t('final.selectKind', { kind: t(`final.kind.${kind}`) })}
                      checked={allSelected}
                      ref={(el) => {
                        if (el) el.indeterminate = !allSelected && openIds.some((id) => selection.has(id));
                      }}
                      onChange={(e) => toggle(openIds, e.target.checked)}
                      data-testid={`select-kind-${kind}`}
                    />
                  )}{' '}
                  {t(`final.kind.${kind}`)} ({openIds.length}/{group.length})
                </h3>
                <ul>
                  {group.map((b) => {
                    const waiver = waiverOf.get(b.id);
                    return (
                      <li key={b.id} className={waiver ? 'waived' : ''} data-testid={`blocker-${b.id}`} data-waived={waiver ? 'true' : 'false'}>
                        {!waiver && (
                          <input
                            type="checkbox"
                            aria-label={t('final.select', { blocker: describe(b) })}
                            checked={selection.has(b.id)}
                            onChange={(e) => toggle([b.id], e.target.checked)}
                            data-testid={`select-${b.id}`}
                          />
                        )}
                        <span>{describe(b)}</span>
                        {b.slotId && (
                          <a
                            href={`#slot-${b.slotId}`}
                            onClick={(e) => {
                              e.preventDefault();
                              jump(b);
                            }}
                          >
                            {t('final.show')}
                          </a>
                        )}
                        {waiver ? (
                          <span className="small">{t('final.waived', { name: waiver.byName, reason: waiver.reason })}</span>
                        ) : waiving?.id === b.id ? (
                          <form
                            className="inline-form"
                            onSubmit={(e) => {
                              e.preventDefault();
                              void waive(b.id, waiving.reason.trim());
                            }}
                          >
                            <input
                              aria-label={t('final.waiveReason', { blocker: describe(b) })}
                              placeholder={t('final.reasonPlaceholder')}
                              value={waiving.reason}
                              onChange={(e) => setWaiving({ id: b.id, reason: e.target.value })}
                              required
                              minLength={3}
                              autoFocus
                              data-testid={`waive-reason-${b.id}`}
                            />
                            <button type="submit" disabled={busy || waiving.reason.trim().length < 3} data-testid={`waive-confirm-${b.id}`}>
                              {t('final.waiveConfirm')}
                            </button>
                            <button type="button" onClick={() => setWaiving(null)}>
                              {t('common.cancel')}
                            </button>
                          </form>
                        ) : (
                          <button type="button" className="small" onClick={() => setWaiving({ id: b.id, reason: '' })} data-testid={`waive-${b.id}`}>
                            {t('final.waive')}
                          </button>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </section>
            );
          })}
          <div className="finalise-row">
            <button
              type="button"
              className="primary"
              disabled={busy || open.length > 0}
              aria-describedby="finalise-why"
              onClick={() =>
                void act(async () => {
                  await api('POST', `/meetings/${meetingId}/finalise`);
                  onStatusChanged();
                })
              }
              data-testid="finalise"
            >
              {t('final.finalise')}
            </button>
            <span id="finalise-why" className={open.length > 0 ? 'small warning' : 'small'} data-testid="finalise-why">
              {open.length > 0 ? t('final.blocked', { n: open.length }) : t('final.ready')}
            </span>
          </div>
        </>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
