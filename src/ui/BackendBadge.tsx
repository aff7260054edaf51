import type { LoadInfo } from '../predictor/client';
import { formatMs } from './format';

interface Props {
  load: LoadInfo | null;
  latencyMs: number | null;
}

export function BackendBadge({ load, latencyMs }: Props) {
  return (
    <div className="backend" title={load?.webgpuNote ?? 'the predictor runs on WebGPU'}>
      <span className="label">predictor</span>
      <span className="badge" data-testid="backend">
        {load ? load.backend : '…'}
      </span>
      <span data-testid="load-ms">{load ? `loaded in ${formatMs(load.loadMs)}` : 'loading'}</span>
      <span data-testid="latency-ms">{latencyMs === null ? '' : `· ${formatMs(latencyMs)} per query`}</span>
    </div>
  );
}
