/**
 * The page's entry point, kept small on purpose: it opens the documents of the meeting in the
 * address bar (preopenMeetingDocs), so that the minutes, the largest download of the page, travel
 * while the browser is still evaluating the app (boot.tsx, its own chunk, preloaded by
 * index.html: see scripts/preloadChunksPlugin.ts) and asking for the session. Issue 12: open to
 * first editable slot.
 */
import { preopenMeetingDocs } from './collab/docSession.ts';
// The page's styles from index.html, not after the app's chunk arrives.
import './i18n/fonts.css';
import './styles.css';
import './a11y/a11y.css';

preopenMeetingDocs(location.pathname);
void import('./boot.tsx');
