import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { offline } from './offline/pageOffline';
import { syncViewToUrl } from './state/viewStore';

/** The app itself: loaded by the entry once the predictor is on its way. */
export function mount(root: HTMLElement): void {
  syncViewToUrl();
  void offline.start();
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={new QueryClient()}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
