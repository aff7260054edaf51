import { normaliseCosts, paretoFrontier, type CurvePoint } from '../router/metrics';
import type { Report } from './report';

/**
 * The deferral curves as a standalone SVG: left, quality against normalised cost (the
 * axis AUDC and QNC are measured on); right, the same against USD per query on a log
 * axis, where the cheap end is readable. Lines are each method's Pareto frontier; dots
 * are the single LLMs; the dotted line is the best single LLM's quality (QNC's target).
 */

const W = 1160;
const H = 550;
const PANEL = { top: 60, bottom: 105, left: 70, width: 430, gap: 110 };
const COLORS = { r2: '#1f5fd1', reactive: '#e07b00', oracle: '#6b6b6b', single: '#2f8f4e' };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (x: number) => (Math.round(x * 1000) / 1000).toString();

interface Axis {
  x0: number;
  toX: (v: number) => number;
  toY: (v: number) => number;
}

function ticksLinear(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

function panel(
  svg: string[],
  axis: Axis,
  title: string,
  xLabel: string,
  xTicks: [number, string][],
  yTicks: number[],
): void {
  const { x0 } = axis;
  const y0 = H - PANEL.bottom;
  svg.push(
    `<rect x="${x0}" y="${PANEL.top}" width="${PANEL.width}" height="${y0 - PANEL.top}" fill="#fafafa" stroke="#bbb"/>`,
  );
  for (const [v, label] of xTicks) {
    const x = axis.toX(v);
    svg.push(`<line x1="${x}" y1="${PANEL.top}" x2="${x}" y2="${y0}" stroke="#e4e4e4"/>`);
    svg.push(`<text x="${x}" y="${y0 + 18}" text-anchor="middle" font-size="11">${esc(label)}</text>`);
  }
  for (const v of yTicks) {
    const y = axis.toY(v);
    svg.push(`<line x1="${x0}" y1="${y}" x2="${x0 + PANEL.width}" y2="${y}" stroke="#e4e4e4"/>`);
    svg.push(`<text x="${x0 - 8}" y="${y + 4}" text-anchor="end" font-size="11">${fmt(v)}</text>`);
  }
  svg.push(
    `<text x="${x0 + PANEL.width / 2}" y="${y0 + 42}" text-anchor="middle" font-size="13">${esc(xLabel)}</text>`,
  );
  svg.push(
    `<text x="${x0 + PANEL.width / 2}" y="${PANEL.top - 12}" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
  );
  svg.push(
    `<text transform="translate(${x0 - 48} ${(PANEL.top + y0) / 2}) rotate(-90)" text-anchor="middle" font-size="13">average quality (held-out)</text>`,
  );
}

function polyline(points: CurvePoint[], axis: Axis, color: string, dash = ''): string {
  const d = points.map((p) => `${axis.toX(p.cost).toFixed(1)},${axis.toY(p.quality).toFixed(1)}`).join(' ');
  return `<polyline points="${d}" fill="none" stroke="${color}" stroke-width="2.2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
}

export function deferralSvg(r: Report, title: string): string {
  const methods = (['oracle', 'reactive', 'r2'] as const).map((m) => ({
    m,
    points: r.curves[m].map((p) => ({ cost: p.cost, quality: p.quality })),
  }));
  const singles = Object.entries(r.singleModels).map(([name, s]) => ({ name, cost: s.costUsd, quality: s.quality }));
  const all = [...methods.flatMap((x) => x.points), ...singles];
  const qLo = Math.max(0, Math.floor(Math.min(...all.map((p) => p.quality)) * 10) / 10);
  const qHi = Math.min(1, Math.ceil(Math.max(...all.map((p) => p.quality)) * 10) / 10);
  const y0 = H - PANEL.bottom;
  const toY = (q: number) => y0 - ((q - qLo) / Math.max(1e-9, qHi - qLo)) * (y0 - PANEL.top);
  const yTicks = ticksLinear(qLo, qHi, 0.1);

  const left: Axis = { x0: PANEL.left, toX: (c) => PANEL.left + c * PANEL.width, toY };
  const cLo = Math.log10(Math.max(1e-12, r.costRangeUsd.min));
  const cHi = Math.log10(Math.max(r.costRangeUsd.max, r.costRangeUsd.min * 1.0001, 1e-12));
  const lo = Math.floor(cLo);
  const hi = Math.max(lo + 1, Math.ceil(cHi));
  const rx0 = PANEL.left + PANEL.width + PANEL.gap;
  const right: Axis = {
    x0: rx0,
    toX: (c) => rx0 + ((Math.log10(Math.max(c, 1e-12)) - lo) / Math.max(1e-9, hi - lo)) * PANEL.width,
    toY,
  };

  const svg: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">${esc(title)}</text>`,
  ];
  panel(
    svg,
    left,
    'Normalised cost (AUDC, QNC axis)',
    'normalised average cost per query',
    ticksLinear(0, 1, 0.2).map((v) => [v, fmt(v)]),
    yTicks,
  );
  const logTicks = ticksLinear(lo, hi, 1).map((e): [number, string] => [10 ** e, `1e${e}`]);
  panel(svg, right, 'USD per query (log scale)', 'average cost per query (USD)', logTicks, yTicks);

  const target = r.bestSingleModel.quality;
  for (const [axis, normalised] of [
    [left, true],
    [right, false],
  ] as const) {
    const toCost = (points: CurvePoint[]) => (normalised ? normaliseCosts(points, r.costRangeUsd) : points);
    svg.push(
      `<line x1="${axis.x0}" y1="${toY(target)}" x2="${axis.x0 + PANEL.width}" y2="${toY(target)}" stroke="${COLORS.single}" stroke-dasharray="2 4"/>`,
    );
    for (const { m, points } of methods)
      svg.push(polyline(paretoFrontier(toCost(points)), axis, COLORS[m], m === 'oracle' ? '6 4' : ''));
    toCost(singles).forEach((p, i) => {
      const x = axis.toX(p.cost);
      const y = toY(p.quality);
      svg.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.5" fill="${COLORS.single}"/>`);
      if (!normalised)
        svg.push(
          `<text x="${(x + 5).toFixed(1)}" y="${(y + (i % 2 ? 11 : -4)).toFixed(1)}" font-size="9" fill="#333">${esc(singles[i]!.name)}</text>`,
        );
    });
  }

  const legend: [string, string, string][] = [
    [
      COLORS.r2,
      '',
      `R2 router (curves): AUDC ${fmt(r.heldOut.r2.audc)}, QNC ${fmt(r.heldOut.r2.qnc)}, peak ${fmt(r.heldOut.r2.peak)}`,
    ],
    [
      COLORS.reactive,
      '',
      `reactive (points): AUDC ${fmt(r.heldOut.reactive.audc)}, QNC ${fmt(r.heldOut.reactive.qnc)}, peak ${fmt(r.heldOut.reactive.peak)}`,
    ],
    [
      COLORS.oracle,
      '6 4',
      `oracle: AUDC ${fmt(r.heldOut.oracle.audc)}, QNC ${fmt(r.heldOut.oracle.qnc)}, peak ${fmt(r.heldOut.oracle.peak)}`,
    ],
    [COLORS.single, '2 4', `single LLMs (dots); dotted: best single (${r.bestSingleModel.name}, ${fmt(target)})`],
  ];
  legend.forEach(([color, dash, label], i) => {
    const x = PANEL.left + (i % 2) * 520;
    const y = H - (i < 2 ? 30 : 10);
    svg.push(
      `<line x1="${x}" y1="${y - 4}" x2="${x + 28}" y2="${y - 4}" stroke="${color}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
    );
    svg.push(`<text x="${x + 34}" y="${y}" font-size="12">${esc(label)}</text>`);
  });
  svg.push('</svg>');
  return `${svg.join('\n')}\n`;
}
