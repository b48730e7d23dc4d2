import { useCallback, useEffect, useMemo, useState } from 'react';
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts';
import type { EffectiveRole, MeetingStatus } from '../../../shared/src/model/roles.ts';
import { useCollabSession, type CollabUser } from '../collab/useCollabSession.ts';
import { colorFor } from '../collab/userColor.ts';
import { api, type Me } from '../lib/api.ts';
import { useT } from '../i18n/i18n.tsx';
import { ErrorText } from '../ui/Field.tsx';
import { MeetingWorkspace } from './MeetingWorkspace.tsx';

interface MeetingInfo {
  id: string;
  docName: string;
  reviewDocName: string;
  role: EffectiveRole;
  status: MeetingStatus;
}

function readOnlyReasonFor(info: MeetingInfo): string | null {
  if (info.status === 'finalised') return 'meeting-finalised';
  if (info.role === 'observer' || info.role === 'reviewer') return `role-${info.role}`;
  if (info.status === 'final_draft' && info.role === 'delegate') return 'final-draft';
  return null;
}

/** `/m/<id>`: loads the meeting's access info, then opens its minutes doc. */
export function MeetingPage({ meetingId, me }: { meetingId: string; me: Me }) {
  const { t, errorMessage } = useT();
  const [info, setInfo] = useState<MeetingInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loadInfo = useCallback(() => {
    api<MeetingInfo>('GET', `/meetings/${encodeURIComponent(meetingId)}`).then(setInfo, setError);
  }, [meetingId]);
  useEffect(loadInfo, [loadInfo]);
  const user = useMemo<CollabUser>(() => ({ id: me.id, name: me.name, color: colorFor(me.id) }), [me.id, me.name]);
  const session = useCollabSession(info?.docName ?? null, info ? user : null);
  // The review doc (comment threads) is a second document: reviewers write it, not the minutes.
  const review = useCollabSession(info?.reviewDocName ?? null, info ? user : null);

  // The server closes sockets with 4100 when this user's access changes (role, final draft,
  // finalised): read the meeting again so the page shows the new mode, not only the server.
  const provider = session.status === 'ready' ? session.provider : null;
  useEffect(() => {
    if (!provider) return;
    const onClose = (event: CloseEvent | null) => {
      if (event?.code === CloseCode.AccessChanged) loadInfo();
    };
    provider.on('connection-close', onClose);
    return () => provider.off('connection-close', onClose);
  }, [provider, loadInfo]);

  if (error) return <ErrorText>{errorMessage(error)}</ErrorText>;
  if (!info || session.status === 'loading') return <p className="page">{t('common.loading')}</p>;
  if (session.status === 'error') return <ErrorText>{t('common.error', { message: session.error })}</ErrorText>;
  return <MeetingWorkspace meetingId={meetingId} doc={session.doc} provider={session.provider} saveTracker={session.saveTracker} user={user} role={info.role} status={info.status} readOnlyReason={readOnlyReasonFor(info)} review={review.status === 'ready' ? review.doc : null} onStatusChanged={loadInfo} />;
}
