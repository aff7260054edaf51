import { memo } from 'react';
import type { LoadInfo } from '../predictor/client';
import { WEBGPU_FAILED } from '../worker/webgpuAdapter';
import { formatMs } from './format';

interface Props {
  load: LoadInfo | null;
  latencyMs: number | null;
}

/** The data-*-ms attributes carry the raw numbers for the benchmark (bench/), which the text rounds. */
function BackendBadgeView({ load, latencyMs }: Props) {
  return (
    <div
      className="backend"
      title={
        load
          ? [
              load.webgpuNote ?? 'the predictor runs on WebGPU',
              `runtime ready ${formatMs(load.runtimeMs)} after its worker started; this bundle's session took ${formatMs(load.loadMs)}`,
            ].join('\n')
          : undefined
      }
    >
      <span className="label">predictor</span>
      <span className="badge" data-testid="backend" data-webgpu-note={load?.webgpuNote ?? undefined}>
        {load ? load.backend : '…'}
      </span>
      {load?.webgpuNote?.startsWith(WEBGPU_FAILED) && (
        <span className="backend-fallback" data-testid="backend-fallback" title={load.webgpuNote}>
          WebGPU failed: {load.webgpuNote.slice(WEBGPU_FAILED.length)}
        </span>
      )}
      <span
        data-testid="load-ms"
        data-load-ms={load ? load.loadMs : undefined}
        data-runtime-ms={load ? load.runtimeMs : undefined}
      >
        {load ? `loaded in ${formatMs(load.loadMs)}` : 'loading'}
      </span>
      <span data-testid="latency-ms" data-latency-ms={latencyMs ?? undefined}>
        {latencyMs === null ? '' : `· ${formatMs(latencyMs)} per query`}
      </span>
    </div>
  );
}

/** Memoised: a slider move re-renders only what depends on λ and the cap. */
export const BackendBadge = memo(BackendBadgeView);
