import { memo, useState, type RefObject } from 'react';
import type { Manifest } from '../bundle/manifest';
import { chartPng, chartSvg, type ChartImageInfo } from '../export/chartImage';
import { downloadBlob, downloadText, fileStamp } from '../export/download';
import { candidatesCsv, lambdaMapCsv } from '../export/teachingCsv';
import { usePredictor } from '../predictor/usePredictor';
import type { LambdaSegment } from '../router/lambdaMap';
import { formatLambda } from '../router/lambdaScale';
import type { Candidate, ModelCurve } from '../router/types';
import { useView, viewStore } from '../state/viewStore';
import { formatBudget, formatCount, formatUsd } from './format';

interface ChartProps {
  /** The element holding the chart's SVG. */
  chartRef: RefObject<HTMLElement | null>;
  curves: readonly ModelCurve[];
  colors: ReadonlyMap<string, string>;
  r2: Candidate | null;
  reactive: Candidate | null;
}

const pair = (c: Candidate | null) => (c ? `${c.model} (${formatBudget(c.budget)})` : 'nothing fits');

/** What the picture says around the chart: the query, the settings, both choices and where the numbers come from. */
function imageInfo(
  { curves, colors, r2, reactive }: Omit<ChartProps, 'chartRef'>,
  manifest: Manifest | null,
): ChartImageInfo {
  const { query, lambda, cap } = viewStore.getState();
  const title = manifest?.card.title ?? 'the predictor';
  const simulated = manifest?.card.simulated === true;
  const capText = cap
    ? `cap ${cap.kind === 'tokens' ? `${formatCount(cap.max)} tokens` : formatUsd(cap.max)}`
    : 'no cap';
  return {
    title: query.replace(/\s+/g, ' ').trim(),
    subtitle: `λ = ${formatLambda(lambda)} · ${capText} · R2: ${pair(r2)} · reactive: ${pair(reactive)}`,
    legend: curves.map((c) => ({ label: c.model, color: colors.get(c.model) ?? '#1c2230' })),
    note: `Predicted quality by ${title}${simulated && !/simulated/i.test(title) ? ' (trained on simulated data)' : ''} · ◇ natural length · ○ R2 · ◌ reactive`,
  };
}

/** Downloads the chart as SVG or PNG, with its legend and the query: what a person pastes into slides. */
function ChartExportView(props: ChartProps) {
  const [error, setError] = useState<string | null>(null);
  const manifest = usePredictor((s) => s.manifest);
  const picture = () => {
    const svg = props.chartRef.current?.querySelector('svg.recharts-surface');
    if (!(svg instanceof SVGSVGElement)) throw new Error('There is no chart to export yet.');
    return chartSvg(svg, imageInfo(props, manifest));
  };
  const run = (save: () => Promise<void> | void) => () => {
    setError(null);
    Promise.resolve()
      .then(save)
      .catch((e: unknown) => setError((e as Error).message));
  };
  const disabled = props.curves.length === 0;
  return (
    <div className="export-buttons">
      <button
        type="button"
        data-testid="export-chart-svg"
        disabled={disabled}
        onClick={run(() => downloadText(`r2-chart-${fileStamp()}.svg`, picture().svg, 'image/svg+xml'))}
      >
        SVG
      </button>
      <button
        type="button"
        data-testid="export-chart-png"
        disabled={disabled}
        onClick={run(async () => {
          const { svg, width, height } = picture();
          downloadBlob(`r2-chart-${fileStamp()}.png`, await chartPng(svg, width, height));
        })}
      >
        PNG
      </button>
      {error && (
        <span className="export-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export const ChartExport = memo(ChartExportView);

interface TableProps {
  ranked: readonly Candidate[];
  maps: { r2: readonly LambdaSegment[]; reactive: readonly LambdaSegment[] };
}

/** The ranked candidates and both λ maps as CSV. */
function TableExportView({ ranked, maps }: TableProps) {
  const lambda = useView((s) => s.lambda);
  return (
    <div className="export-buttons">
      <button
        type="button"
        data-testid="export-candidates-csv"
        disabled={ranked.length === 0}
        onClick={() => downloadText(`r2-candidates-${fileStamp()}.csv`, candidatesCsv(ranked, lambda), 'text/csv')}
      >
        Candidates CSV
      </button>
      <button
        type="button"
        data-testid="export-lambda-map-csv"
        disabled={maps.r2.length === 0}
        onClick={() => downloadText(`r2-lambda-map-${fileStamp()}.csv`, lambdaMapCsv(maps), 'text/csv')}
      >
        λ map CSV
      </button>
    </div>
  );
}

export const TableExport = memo(TableExportView);
