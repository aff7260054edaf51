import type { RefObject } from 'react';
import { chartPng } from '../../export/chartImage';
import { downloadBlob, downloadText } from '../../export/download';
import { chartSvgText } from './chartSvg';

interface Props {
  chart: RefObject<SVGSVGElement | null>;
  fileName: string;
  testId: string;
}

/** SVG and PNG buttons for one chart. */
export function ChartExport({ chart, fileName, testId }: Props) {
  return (
    <span className="chart-export">
      <button
        type="button"
        data-testid={`${testId}-svg`}
        onClick={() => chart.current && downloadText(`${fileName}.svg`, chartSvgText(chart.current), 'image/svg+xml')}
      >
        SVG
      </button>
      <button
        type="button"
        data-testid={`${testId}-png`}
        onClick={() => {
          const svg = chart.current;
          if (!svg) return;
          const { width, height } = svg.viewBox.baseVal;
          void chartPng(chartSvgText(svg), width, height).then((png) => downloadBlob(`${fileName}.png`, png));
        }}
      >
        PNG
      </button>
    </span>
  );
}
