import type { RefObject } from 'react';
import { saveBlob, saveText, svgPng, svgText } from './saveFile';

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
        onClick={() => chart.current && saveText(`${fileName}.svg`, svgText(chart.current), 'image/svg+xml')}
      >
        SVG
      </button>
      <button
        type="button"
        data-testid={`${testId}-png`}
        onClick={() => {
          if (chart.current) void svgPng(chart.current).then((png) => saveBlob(`${fileName}.png`, png));
        }}
      >
        PNG
      </button>
    </span>
  );
}
