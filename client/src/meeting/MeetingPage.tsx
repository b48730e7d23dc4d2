import { useCallback, useEffect, useMemo } from 'react';
import type { MeetingResponse } from '../../../shared/src/api/responses.ts';
import { isMeetingId, minutesDocName, reviewDocName } from '../../../shared/src/protocol/docName.ts';
import { assignColors } from '../collab/colorAssignment.ts';
import { useCollabSession, type CollabUser } from '../collab/useCollabSession.ts';
import { useReloadOnAccessChange } from '../collab/useReloadOnAccessChange.ts';
import { colorFor } from '../collab/userColor.ts';
import { blockingError } from '../data/blockingError.ts';
import { queryKeys, useInvalidate, useMeetingQuery } from '../data/queries.ts';
import type { Me } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { OfflineMeetingNote } from '../offline/OfflineBanner.tsx';
import { ErrorText } from '../ui/Field.tsx';
import { MeetingProvider } from './meetingContext.tsx';
import { MeetingWorkspace } from './MeetingWorkspace.tsx';

function readOnlyReasonFor(info: MeetingResponse): string | null {
  if (info.status === 'finalised') return 'meeting-finalised';
  if (info.role === 'observer' || info.role === 'reviewer') return `role-${info.role}`;
  if (info.status === 'final_draft' && info.role === 'delegate') return 'final-draft';
  return null;
}

function docNamesOf(meetingId: string): { minutes: string; review: string } | null {
  return isMeetingId(meetingId) ? { minutes: minutesDocName(meetingId), review: reviewDocName(meetingId) } : null;
}

/** `/m/<id>`: loads the meeting's access info and, at the same time, opens its minutes and review docs. */
export function MeetingPage({ meetingId, me }: { meetingId: string; me: Me }) {
  const { t, errorMessage } = useT();
  const query = useMeetingQuery(meetingId);
  const info = query.data ?? null;
  const invalidate = useInvalidate();
  // The meeting's role and status changed (this page did it, or the server said so): read it
  // again, with what depends on the status (blockers, archive records, versions).
  const reload = useCallback(
    () => void invalidate(queryKeys.meeting(meetingId), queryKeys.blockers(meetingId), queryKeys.versions(meetingId), ['archive']),
    [invalidate, meetingId],
  );
  const user = useMemo<CollabUser>(() => ({ id: me.id, name: me.name, color: colorFor(me.id) }), [me.id, me.name]);
  // The documents' names follow from the meeting id, so they open while the access info is still
  // on its way (one round trip less before the first slot shows); a refusal closes them.
  // Only an error that stands (no meeting yet, or a refusal) closes them: a refetch that found no
  // network must not close the documents someone is typing in (see blockingError).
  const error = blockingError(query);
  const docNames = useMemo(() => (error ? null : docNamesOf(meetingId)), [meetingId, error]);
  const session = useCollabSession(docNames?.minutes ?? null, user, info !== null);
  // The review doc (comment threads) is a second document: reviewers write it, not the minutes.
  const review = useCollabSession(docNames?.review ?? null, user, info !== null);

  const provider = session.status === 'ready' ? session.provider : null;
  // Caret colours per meeting: farthest from the people present, kept while here.
  useEffect(() => (provider ? assignColors(provider.awareness, user.id) : undefined), [provider, user.id]);
  useReloadOnAccessChange(provider, reload);

  if (error) return <ErrorText>{errorMessage(error)}</ErrorText>;
  if (!info || session.status === 'loading') return <p className="page">{t('common.loading')}</p>;
  if (session.status === 'error') return <ErrorText>{t('common.error', { message: session.error })}</ErrorText>;
  return (
    <>
      <OfflineMeetingNote />
      <MeetingProvider meetingId={meetingId} doc={session.doc} provider={session.provider} user={user} review={review.status === 'ready' ? review.doc : null}>
        <MeetingWorkspace saveTracker={session.saveTracker} role={info.role} status={info.status} readOnlyReason={readOnlyReasonFor(info)} onStatusChanged={reload} />
      </MeetingProvider>
    </>
  );
}
