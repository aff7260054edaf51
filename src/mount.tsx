import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startOffline } from './offline/startOffline';
import { syncViewToUrl } from './state/viewStore';

/** The app itself: loaded by the entry once the predictor is on its way. */
export function mount(root: HTMLElement): void {
  syncViewToUrl();
  startOffline();
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={new QueryClient()}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
