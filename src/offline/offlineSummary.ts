import type { WorkerStatus } from './protocol';

/** What this page would open with the network off, in words, from what its browser keeps. Pure. */

/**
 * - `off`: Vite's dev server (no service worker is registered there);
 * - `unsupported`: no service worker can run here (`reason` says why);
 * - `refused`: the browser did not register it;
 * - `failed`: it registered but could not keep the app's files;
 * - `starting`: it registers once the first curves are up;
 * - `installing`, `active`: the worker's own states.
 */
export type WorkerState = 'off' | 'unsupported' | 'refused' | 'failed' | 'starting' | 'installing' | 'active';

export type ShownBundle =
  { kind: 'default' } | { kind: 'release' } | { kind: 'served'; id: string } | { kind: 'local' };

export interface OfflineFacts {
  worker: WorkerState;
  reason: string | null;
  /** This page's build; null on the dev server. */
  pageBuild: string | null;
  /** What the active worker keeps; null until it has answered. */
  kept: WorkerStatus | null;
  bundle: ShownBundle;
  release: {
    /** Its heads are in the page's own Cache Storage. */
    heads: boolean;
    /** Precisions of the Qwen3 encoder whose every file is kept. */
    encoder: string[];
    /** The encoder's onnxruntime build, kept by the worker. */
    runtime: boolean;
  };
}

export type OfflineState = 'ready' | 'partial' | 'no';

export interface OfflineSummary {
  state: OfflineState;
  /** A word or two for the badge, after "offline:". */
  label: string;
  /** What is kept and what is not, one sentence each. */
  lines: string[];
}

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function releaseLines({ heads, encoder, runtime }: OfflineFacts['release']): string[] {
  if (!heads && encoder.length === 0) return [];
  const parts = [
    heads ? 'its heads are kept' : 'its heads are not kept',
    encoder.length ? `its Qwen3 encoder is kept (${encoder.join(', ')})` : 'its Qwen3 encoder is not kept',
  ];
  if (encoder.length) parts.push(runtime ? 'with its runtime' : 'but not yet the runtime it runs on');
  return [`The authors’ R2-Router: ${parts.join(', ')}.`];
}

function releaseReady({ heads, encoder, runtime }: OfflineFacts['release']): boolean {
  return heads && encoder.length > 0 && runtime;
}

export function offlineSummary(facts: OfflineFacts): OfflineSummary {
  const { worker, kept, pageBuild, bundle, release } = facts;
  if (worker === 'off' || worker === 'unsupported' || worker === 'refused' || worker === 'failed') {
    return {
      state: 'no',
      label: 'no',
      lines: [`Nothing is kept for offline use: ${facts.reason ?? 'no service worker runs here'}.`],
    };
  }
  if (!kept || kept.required.kept === 0) {
    return {
      state: 'no',
      label: worker === 'starting' ? 'not yet' : 'saving…',
      lines: [
        worker === 'starting'
          ? 'The app and the default predictor are kept for offline use once the page has loaded.'
          : 'Saving the app and the default predictor for offline use…',
      ],
    };
  }
  const app = `The app and the default predictor (${MB(kept.required.bytes)})`;
  if (kept.build !== pageBuild) {
    return {
      state: 'partial',
      label: 'older version',
      lines: [`${app}: an earlier version is kept; this one is being saved.`, ...releaseLines(release)],
    };
  }
  if (kept.required.kept < kept.required.files) {
    return {
      state: 'partial',
      label: 'partly',
      lines: [`${app}: ${kept.required.kept} of ${kept.required.files} files are kept.`, ...releaseLines(release)],
    };
  }
  const lines = [`${app} are kept: with the network off, a reload opens the app.`, ...releaseLines(release)];
  const fallback = 'offline, a reload opens the default bundle instead';
  if (bundle.kind === 'served') lines.push(`The bundle “${bundle.id}” is not kept: ${fallback}.`);
  if (bundle.kind === 'local') lines.push(`A bundle opened from disk is never kept: ${fallback}.`);
  if (bundle.kind === 'release' && !releaseReady(release))
    lines.push(`Not everything the released router needs is kept: ${fallback}.`);
  const ready = bundle.kind === 'default' || (bundle.kind === 'release' && releaseReady(release));
  return { state: ready ? 'ready' : 'partial', label: ready ? 'ready' : 'partly', lines };
}
