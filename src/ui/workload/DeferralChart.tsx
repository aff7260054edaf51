import { useRef } from 'react';
import { paretoFrontier, type CurvePoint } from '../../router/metrics';
import { formatUsd } from '../format';
import { ChartExport } from './ChartExport';

export interface ChartSeries {
  name: string;
  color: string;
  dash?: string;
  points: readonly CurvePoint[];
}

export interface ChartMarker {
  label: string;
  color: string;
  point: CurvePoint;
}

interface Props {
  title: string;
  series: readonly ChartSeries[];
  markers?: readonly ChartMarker[];
  /** A dotted level line, e.g. the best single LLM's quality. */
  level?: { label: string; quality: number };
  fileName: string;
  testId: string;
}

const W = 760;
const H = 360;
const PAD = { left: 56, right: 16, top: 16, bottom: 84 };

/** Deferral curves: mean quality against cost per query (log axis), each series as its Pareto frontier. */
export function DeferralChart({ title, series, markers = [], level, fileName, testId }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const all = [...series.flatMap((s) => s.points), ...markers.map((m) => m.point)].filter((p) => p.cost > 0);
  if (all.length === 0) return null;
  const lo = Math.floor(Math.log10(Math.min(...all.map((p) => p.cost))));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...all.map((p) => p.cost)))));
  const qs = [...all.map((p) => p.quality), ...(level ? [level.quality] : [])];
  const qLo = Math.max(0, Math.floor(Math.min(...qs) * 10) / 10);
  const qHi = Math.min(1, Math.max(qLo + 0.1, Math.ceil(Math.max(...qs) * 10) / 10));
  const x = (c: number) =>
    PAD.left + ((Math.log10(Math.max(c, 10 ** lo)) - lo) / (hi - lo)) * (W - PAD.left - PAD.right);
  const y = (q: number) => H - PAD.bottom - ((q - qLo) / (qHi - qLo)) * (H - PAD.top - PAD.bottom);
  const yTicks = Array.from({ length: Math.round((qHi - qLo) * 10) + 1 }, (_, i) => qLo + i * 0.1);
  const xTicks = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

  return (
    <div>
      <div className="panel-head">
        <h3>{title}</h3>
        <ChartExport chart={svg} fileName={fileName} testId={`${testId}-export`} />
      </div>
      <div className="chart-scroll">
        <svg
          ref={svg}
          data-testid={testId}
          viewBox={`0 0 ${W} ${H}`}
          width="100%"
          role="img"
          aria-label={title}
          fontFamily="sans-serif"
        >
          <rect width={W} height={H} fill="#fff" />
          {yTicks.map((q) => (
            <g key={q}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(q)} y2={y(q)} stroke="#eceff4" />
              <text x={PAD.left - 6} y={y(q) + 4} textAnchor="end" fontSize="11" fill="#5f6b7d">
                {q.toFixed(1)}
              </text>
            </g>
          ))}
          {xTicks.map((e) => (
            <g key={e}>
              <line x1={x(10 ** e)} x2={x(10 ** e)} y1={PAD.top} y2={H - PAD.bottom} stroke="#eceff4" />
              <text x={x(10 ** e)} y={H - PAD.bottom + 16} textAnchor="middle" fontSize="11" fill="#5f6b7d">
                {formatUsd(10 ** e)}
              </text>
            </g>
          ))}
          <text x={(PAD.left + W - PAD.right) / 2} y={H - PAD.bottom + 32} textAnchor="middle" fontSize="12">
            cost per query (USD, log scale)
          </text>
          <text
            transform={`translate(14 ${(PAD.top + H - PAD.bottom) / 2}) rotate(-90)`}
            textAnchor="middle"
            fontSize="12"
          >
            mean quality
          </text>
          {level && (
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(level.quality)}
              y2={y(level.quality)}
              stroke="#7f7f7f"
              strokeDasharray="2 4"
            >
              <title>{level.label}</title>
            </line>
          )}
          {series.map((s) => (
            <polyline
              key={s.name}
              fill="none"
              stroke={s.color}
              strokeWidth={2.2}
              strokeDasharray={s.dash}
              points={paretoFrontier(s.points.filter((p) => p.cost > 0))
                .map((p) => `${x(p.cost).toFixed(1)},${y(p.quality).toFixed(1)}`)
                .join(' ')}
            />
          ))}
          {markers.map((m) => (
            <circle key={m.label} cx={x(m.point.cost)} cy={y(m.point.quality)} r={5} fill={m.color} stroke="#fff">
              <title>{m.label}</title>
            </circle>
          ))}
          {[
            ...series.map((s) => ({ label: s.name, color: s.color, dash: s.dash })),
            ...(level ? [{ label: level.label, color: '#7f7f7f', dash: '2 4' }] : []),
          ].map((item, i) => (
            <g key={item.label} transform={`translate(${PAD.left + (i % 3) * 235} ${H - 28 + Math.floor(i / 3) * 18})`}>
              <line x1={0} x2={24} y1={-4} y2={-4} stroke={item.color} strokeWidth={2.5} strokeDasharray={item.dash} />
              <text x={30} y={0} fontSize="11">
                {item.label}
              </text>
            </g>
          ))}
        </svg>
      </div>
    </div>
  );
}
