import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import { preloadPredictor } from './predictor/usePredictor';
import { syncViewToUrl, useView } from './state/store';
import './ui/styles.css';

// The page's Content-Security-Policy forbids eval; zod would otherwise probe for it and log a violation.
z.config({ jitless: true });
syncViewToUrl();
preloadPredictor(useView.getState().bundleId);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={new QueryClient()}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
