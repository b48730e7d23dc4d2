import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { createQueryClient } from './data/queryClient.ts';
import { detectLanguage, I18nProvider } from './i18n/i18n.tsx';
import './i18n/fonts.css';
import './styles.css';
import './a11y/a11y.css';

document.documentElement.lang = detectLanguage();
const queryClient = createQueryClient();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
