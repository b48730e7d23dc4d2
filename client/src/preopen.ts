/**
 * Imported first by main.tsx, so that this runs before the rest of the app's modules are
 * evaluated and before React renders: the meeting in the address bar starts syncing now (see
 * preopenMeetingDocs). Kept apart because ES imports run before the importing module's body.
 */
import { preopenMeetingDocs } from './collab/docSession.ts';

preopenMeetingDocs(location.pathname);
