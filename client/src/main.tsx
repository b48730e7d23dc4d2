import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { detectLanguage, I18nProvider } from './i18n/i18n.tsx';
import { ApiError } from './lib/api.ts';
import './i18n/fonts.css';
import './styles.css';
import './a11y/a11y.css';

// Server data is cached and refetched through TanStack Query; a refusal (4xx) is an answer, not worth a retry.
const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2 } },
});

document.documentElement.lang = detectLanguage();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
