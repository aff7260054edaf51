/** A small square scatter with the diagonal y = x: where a point lies off it, the prediction missed. */

export interface ScatterPoint {
  x: number;
  y: number;
  color: string;
  label: string;
}

interface Props {
  points: readonly ScatterPoint[];
  /** [min, max] on both axes; a log scale needs min > 0. */
  domain: [number, number];
  log?: boolean;
  xLabel: string;
  yLabel: string;
  testId: string;
}

const SIZE = 240;
const PAD = 34;

export function Scatter({ points, domain, log = false, xLabel, yLabel, testId }: Props) {
  const t = (v: number) => (log ? Math.log10(Math.max(v, domain[0])) : v);
  const [lo, hi] = [t(domain[0]), t(domain[1])];
  const span = hi - lo || 1;
  const px = (v: number) => PAD + ((t(v) - lo) / span) * (SIZE - 2 * PAD);
  const py = (v: number) => SIZE - PAD - ((t(v) - lo) / span) * (SIZE - 2 * PAD);
  return (
    <svg
      className="scatter"
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role="img"
      aria-label={`${yLabel} against ${xLabel}`}
      data-testid={testId}
      data-points={points.length}
    >
      <rect x={PAD} y={PAD} width={SIZE - 2 * PAD} height={SIZE - 2 * PAD} fill="none" stroke="var(--grid)" />
      <line
        x1={px(domain[0])}
        y1={py(domain[0])}
        x2={px(domain[1])}
        y2={py(domain[1])}
        stroke="var(--muted)"
        strokeDasharray="4 3"
      />
      {points.map((p, i) => (
        <circle key={i} cx={px(p.x)} cy={py(p.y)} r={4} fill={p.color} fillOpacity={0.75}>
          <title>{p.label}</title>
        </circle>
      ))}
      <text x={SIZE / 2} y={SIZE - 8} textAnchor="middle" fontSize={11} fill="var(--muted)">
        {xLabel}
      </text>
      <text
        x={10}
        y={SIZE / 2}
        textAnchor="middle"
        fontSize={11}
        fill="var(--muted)"
        transform={`rotate(-90 10 ${SIZE / 2})`}
      >
        {yLabel}
      </text>
      <text x={PAD} y={SIZE - PAD + 12} fontSize={10} fill="var(--muted)">
        {domain[0]}
      </text>
      <text x={SIZE - PAD} y={SIZE - PAD + 12} fontSize={10} textAnchor="end" fill="var(--muted)">
        {domain[1]}
      </text>
    </svg>
  );
}
