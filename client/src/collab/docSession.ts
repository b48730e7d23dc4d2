import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { isMeetingDocName, minutesDocName, parseDocName, reviewDocName, isMeetingId } from '../../../shared/src/protocol/docName.ts';
import { holdRemoteUpdatesWhileComposing } from './compositionGate.ts';
import { QuorumProvider } from './quorumProvider.ts';
import { SaveTracker } from './saveTracker.ts';

/** `ws(s)://<this host>/collab`, so the page and the socket always share an origin (and its cookie). */
export function collabServerUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/** One open document: its Y.Doc, offline cache, provider and save tracker, until `destroy`. */
export interface DocSession {
  doc: Y.Doc;
  provider: QuorumProvider;
  offlineCache: IndexeddbPersistence;
  saveTracker: SaveTracker;
  /** Resolves once the doc has content to show: synced with the server, or (offline) loaded from this device. */
  ready: Promise<void>;
  /**
   * The page knows this user may open the document (the meeting's access info arrived). Until
   * then a socket refused before it ever opened is not retried: the documents are opened before
   * the access is known (preopenMeetingDocs, and the page's own open alongside its access query),
   * and a person without access must see one refused socket per document, not a retry loop
   * until the page has read why. A refused socket is retried from here on.
   */
  confirmAccess(): void;
  destroy(): void;
}

/** Longest wait for `ready` (a server that never answers must not leave the page on "Loading"). */
const READY_FALLBACK_MS = 5_000;

/**
 * Opens a document: a Y.Doc cached in IndexedDB (offline edits survive a closed tab and merge on
 * reconnect) and synced through QuorumProvider (asking the server for durable acks). Throws when
 * IndexedDB is unavailable. Who opens it sets the awareness `user` (it may not be known yet).
 */
export function openDocSession(docName: string): DocSession {
  const doc = new Y.Doc();
  const offlineCache = new IndexeddbPersistence(`quorum:${docName}`, doc);
  const provider = new QuorumProvider(collabServerUrl(), docName, doc);
  // Registered before the first message arrives: the server's greeting carries a StoredAck.
  const saveTracker = new SaveTracker(doc, provider, offlineCache);
  const stopHolding = holdRemoteUpdatesWhileComposing(provider);
  // The browser knows at once when the network goes; the socket would notice only after its
  // 30 s watchdog. Going offline closes it now (edits stay in IndexedDB), coming back reconnects.
  const goOffline = () => provider.disconnect();
  const goOnline = () => provider.connect();
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);
  let everOpened = false;
  let accessConfirmed = false;
  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') everOpened = true;
  };
  provider.on('status', onStatus);
  const serverRule = provider.shouldReconnect;
  provider.shouldReconnect = (event, self) => (everOpened || accessConfirmed) && serverRule(event, self);
  let fallback: ReturnType<typeof setTimeout> | undefined;
  // Rendering before this would flash an empty meeting.
  const ready = new Promise<void>((resolve) => {
    provider.once('sync', () => resolve());
    void offlineCache.whenSynced.then(() => {
      if (!navigator.onLine || provider.synced) resolve();
    });
    fallback = setTimeout(resolve, READY_FALLBACK_MS);
  });
  return {
    doc,
    provider,
    offlineCache,
    saveTracker,
    ready,
    confirmAccess() {
      if (accessConfirmed) return;
      accessConfirmed = true;
      // Held after a refusal (see above): try again now.
      if (!provider.shouldConnect && navigator.onLine) provider.connect();
    },
    destroy() {
      clearTimeout(fallback);
      provider.off('status', onStatus);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      saveTracker.destroy();
      stopHolding();
      provider.destroy();
      void offlineCache.destroy();
      doc.destroy();
    },
  };
}

/** Documents opened at start-up, before React rendered anything, waiting for the page that shows them. */
const preopened = new Map<string, DocSession>();

/**
 * Opens the documents of the meeting in the address bar (`/m/<id>`, or a legacy `/d/<docName>`)
 * as the first thing the page does: their names follow from the URL and the socket is
 * authenticated by the session cookie, so the minutes (the largest download of the page) travel
 * while the app's code is still being evaluated and the session asked for, instead of after the
 * meeting page rendered (issue 12: open to first editable slot). The meeting page takes them with
 * `takePreopened`; `discardPreopened` closes whatever nobody took (signed out, another page).
 */
export function preopenMeetingDocs(pathname: string): void {
  const meetingId = /^\/m\/([a-z0-9-]+)$/.exec(pathname)?.[1] ?? legacyMeetingId(pathname);
  if (!meetingId || !isMeetingId(meetingId) || typeof indexedDB === 'undefined') return;
  for (const name of [minutesDocName(meetingId), reviewDocName(meetingId)]) {
    try {
      preopened.set(name, openDocSession(name));
    } catch {
      // IndexedDB refused: the page opens the document itself and shows why.
    }
  }
}

function legacyMeetingId(pathname: string): string | null {
  const name = /^\/d\/(.+)$/.exec(pathname)?.[1];
  const parsed = name ? parseDocName(name) : null;
  return parsed && isMeetingDocName(parsed) ? parsed.meetingId : null;
}

/** The document opened at start-up under this name, now owned by the caller (null: none). */
export function takePreopened(docName: string): DocSession | null {
  const session = preopened.get(docName) ?? null;
  preopened.delete(docName);
  return session;
}

/** Closes the documents opened at start-up that no page took. */
export function discardPreopened(): void {
  for (const session of preopened.values()) session.destroy();
  preopened.clear();
}
