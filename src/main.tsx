import { z } from 'zod';
import { preloadPredictor } from './predictor/preload';
import { bundleIdOf, searchToView } from './state/url';
import './ui/styles.css';

// The page's Content-Security-Policy forbids eval; zod would otherwise probe for it and log a violation.
z.config({ jitless: true });

// This chunk is small on purpose: the predictor starts before React and the charts have loaded.
preloadPredictor(bundleIdOf(searchToView(location.search)));

const root = document.getElementById('root')!;
import('./mount').then(
  (app) => app.mount(root),
  (e: unknown) => {
    root.textContent = `The playground could not load its code (${(e as Error).message}). Reload the page to try again.`;
  },
);
