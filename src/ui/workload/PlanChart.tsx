import { useRef } from 'react';
import type { Manifest } from '../../bundle/manifest';
import type { PlanFilter, PlanTotals, Router } from '../../workload/plan';
import { formatCount } from '../format';
import { ChartExport } from './ChartExport';
import { PlanPick } from './PlanPick';

interface Props {
  manifest: Manifest;
  r2: PlanTotals;
  reactive: PlanTotals;
  colors: Map<string, string>;
  /** The part of the plan the query list shows, if any. */
  picked: PlanFilter | null;
  onPick: (filter: PlanFilter | null) => void;
}

const W = 760;
const LEFT = 190;
const BAR = 22;

/**
 * The routing plan: one stacked bar per router (queries per LLM), then R2's grid of queries
 * per LLM and budget, with the reactive router's count per LLM in the last column. Every
 * non-empty segment and cell filters the query list to the queries routed there.
 */
export function PlanChart({ manifest, r2, reactive, colors, picked, onPick }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const perModel = (t: PlanTotals) => {
    const m = new Map<string, number>();
    for (const c of t.cells) m.set(c.model, (m.get(c.model) ?? 0) + c.queries);
    return m;
  };
  const r2Models = perModel(r2);
  const reactiveModels = perModel(reactive);
  const models = manifest.pool.map((p) => p.name).filter((n) => r2Models.has(n) || reactiveModels.has(n));
  const budgets = manifest.budgets;
  const count = (model: string, budget: (typeof budgets)[number]) =>
    r2.cells.find((c) => c.model === model && c.budget === budget)?.queries ?? 0;
  const max = Math.max(1, ...r2.cells.map((c) => c.queries), ...reactiveModels.values());
  const colW = (W - LEFT - 10) / (budgets.length + 1);
  const gridTop = 100;
  const rowH = 20;
  const H = gridTop + 24 + models.length * rowH + 10;

  const bar = (y: number, label: string, router: Router, parts: Map<string, number>, total: number) => {
    let x = LEFT;
    const width = W - LEFT - 10;
    return (
      <g>
        <text x={LEFT - 8} y={y + 15} textAnchor="end" fontSize="12" fill="#1c2230">
          {label} ({formatCount(total)})
        </text>
        {models.map((m) => {
          const n = parts.get(m) ?? 0;
          if (n === 0) return null;
          const w = (n / Math.max(1, total)) * width;
          const rect = (
            <PlanPick
              key={m}
              filter={{ router, model: m, budget: null }}
              queries={n}
              picked={picked}
              onPick={onPick}
              testId="plan-segment"
            >
              <rect x={x} y={y} width={Math.max(0.5, w)} height={BAR} fill={colors.get(m) ?? '#888'} />
              {w > 34 && (
                <text x={x + w / 2} y={y + 15} textAnchor="middle" fontSize="11" fill="#fff">
                  {formatCount(n)}
                </text>
              )}
            </PlanPick>
          );
          x += w;
          return rect;
        })}
      </g>
    );
  };

  return (
    <div>
      <div className="panel-head">
        <h3>Queries per LLM and budget</h3>
        <ChartExport chart={svg} fileName="workload-plan" testId="workload-plan-export" />
      </div>
      <div className="chart-scroll">
        <svg
          ref={svg}
          viewBox={`0 0 ${W} ${H}`}
          width="100%"
          role="group"
          aria-label="routing plan: each segment and cell lists its queries below"
          fontFamily="sans-serif"
        >
          <rect width={W} height={H} fill="#fff" />
          {bar(14, 'R2', 'r2', r2Models, r2.routed)}
          {bar(46, 'reactive', 'reactive', reactiveModels, reactive.routed)}
          <text x={LEFT} y={gridTop - 8} fontSize="11" fill="#5f6b7d">
            R2 by budget (output tokens); last column: the reactive router, which only sends unlimited calls
          </text>
          {budgets.map((b, j) => (
            <text
              key={String(b)}
              x={LEFT + (j + 0.5) * colW}
              y={gridTop + 14}
              textAnchor="middle"
              fontSize="10"
              fill="#5f6b7d"
            >
              {b === 'unlimited' ? '∞' : b}
            </text>
          ))}
          <text
            x={LEFT + (budgets.length + 0.5) * colW}
            y={gridTop + 14}
            textAnchor="middle"
            fontSize="10"
            fill="#5f6b7d"
          >
            react.
          </text>
          {models.map((m, i) => {
            const y = gridTop + 22 + i * rowH;
            const cells = [...budgets.map((b) => count(m, b)), reactiveModels.get(m) ?? 0];
            return (
              <g key={m}>
                <rect x={LEFT - 186} y={y + 5} width={9} height={9} fill={colors.get(m) ?? '#888'} />
                <text x={LEFT - 172} y={y + 14} fontSize="11" fill="#1c2230">
                  {m.length > 26 ? `${m.slice(0, 25)}…` : m}
                </text>
                {cells.map((n, j) => {
                  const cell = (
                    <>
                      <rect
                        x={LEFT + j * colW + 1}
                        y={y + 1}
                        width={colW - 2}
                        height={rowH - 2}
                        fill={n === 0 ? '#f5f6f8' : j === budgets.length ? '#d97706' : '#1d4ed8'}
                        fillOpacity={n === 0 ? 1 : 0.15 + 0.85 * (n / max)}
                      />
                      {n > 0 && (
                        <text
                          x={LEFT + (j + 0.5) * colW}
                          y={y + 14}
                          textAnchor="middle"
                          fontSize="10"
                          fill={n / max > 0.5 ? '#fff' : '#1c2230'}
                        >
                          {n}
                        </text>
                      )}
                    </>
                  );
                  if (n === 0) return <g key={j}>{cell}</g>;
                  const reactiveColumn = j === budgets.length;
                  return (
                    <PlanPick
                      key={j}
                      filter={
                        reactiveColumn
                          ? { router: 'reactive', model: m, budget: null }
                          : { router: 'r2', model: m, budget: budgets[j]! }
                      }
                      queries={n}
                      picked={picked}
                      onPick={onPick}
                      testId={reactiveColumn ? 'plan-reactive-cell' : 'plan-cell'}
                    >
                      {cell}
                    </PlanPick>
                  );
                })}
              </g>
            );
          })}
        </svg>
      </div>
      <p className="hint">Pick a bar's segment or a cell to list its queries below.</p>
    </div>
  );
}
