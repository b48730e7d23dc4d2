import type { SaveTracker } from '../collab/saveTracker.ts';
import { useConnectionStatus } from '../collab/useConnectionStatus.ts';
import { useSaveStatus } from '../collab/useSaveStatus.ts';
import { useT, type MessageKey } from '../i18n/i18n.tsx';
import { useMeeting } from './meetingContext.tsx';
import './session.css';

export type WriterState = 'saved' | 'saving' | 'not-saved';

/**
 * What the writer needs to know, in one word: are my edits on the server? Without a connection they
 * are not, whatever the tracker last said (typing while the server restarts makes new edits that
 * only this device holds), so "reconnecting" and "offline" read as "not saved".
 */
export function writerState(connection: string, save: string): { state: WriterState; message: MessageKey } {
  if (connection === 'offline') return { state: 'not-saved', message: 'writer.offline' };
  if (connection === 'connecting') return { state: 'not-saved', message: 'writer.reconnecting' };
  if (connection === 'closed') return { state: 'not-saved', message: 'writer.closed' };
  if (save === 'saved') return { state: 'saved', message: 'writer.saved' };
  if (save === 'saving') return { state: 'saving', message: 'writer.saving' };
  if (save === 'refused') return { state: 'not-saved', message: 'writer.refused' };
  return { state: 'not-saved', message: 'writer.notSaved' };
}

/**
 * The save and connection state at the writing surface (in the sticky editor toolbar, so it stays in
 * view in slot 9 of a long meeting as in slot 1). Compact while all is well; a red block saying
 * "Not saved" when edits are not reaching the server. Not a live region: the header's indicators
 * announce losing and regaining the connection once.
 */
export function WriterStatus({ tracker }: { tracker: SaveTracker }) {
  const { t } = useT();
  const { provider } = useMeeting();
  const { status } = useConnectionStatus(provider);
  const save = useSaveStatus(tracker);
  const { state, message } = writerState(status, save);
  return (
    <span className={`writer-status writer-${state}`} data-testid="writer-status" data-state={state} title={t(message)}>
      <span className="writer-icon" aria-hidden="true">
        {state === 'saved' ? '✓' : state === 'saving' ? '…' : '⚠'}
      </span>{' '}
      {t(message)}
    </span>
  );
}
