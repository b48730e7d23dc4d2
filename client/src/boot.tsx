/** The app itself, evaluated after main.tsx started opening the meeting's documents. */
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { meetingIdOfPath } from './app/router.ts';
import { prefetchSession } from './auth/session.ts';
import { prefetchMeeting } from './data/queries.ts';
import { createQueryClient } from './data/queryClient.ts';
import { detectLanguage, I18nProvider } from './i18n/i18n.tsx';
import { registerServiceWorker } from './offline/serviceWorkerClient.ts';

document.documentElement.lang = detectLanguage();
const queryClient = createQueryClient();
// What the first screen needs is asked for now, in parallel, not one request after another as the
// components that need it render (the meeting page opens its documents without waiting either).
prefetchSession(queryClient);
const firstMeeting = meetingIdOfPath(location.pathname);
if (firstMeeting) prefetchMeeting(queryClient, firstMeeting);
// Offline support; on the first visit, what the page already read is read again through the worker to be kept.
// Every query, not only the active ones: the worker may take control before any component observes
// the session and meeting asked for above, and the session is never fetched again by itself.
registerServiceWorker(() => void queryClient.refetchQueries());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
