import { memo, useMemo, useState, type ChangeEvent } from 'react';
import { useStore } from 'zustand';
import type { PoolEntry } from '../../bundle/manifest';
import { calibrate, FIGURE8_BUDGETS, type ComplianceCell, type PaperFigure } from '../../dispatch/calibration';
import {
  calibrationToCsv,
  calibrationToJson,
  importedHistoryStore,
  mergeEntries,
  parseCalibrationFile,
} from '../../dispatch/calibrationFile';
import { dispatchHistoryStore } from '../../dispatch/historyStore';
import { dispatchSettingsStore } from '../../dispatch/settingsStore';
import { colorFor } from '../colors';
import { formatCount, formatQuality } from '../format';
import { downloadText } from '../../export/download';
import { Scatter } from './Scatter';
import './calibration.css';

const signed = (v: number, digits = 3) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)}`;
const share = (c: ComplianceCell) => `${c.share.toFixed(2)} (${c.within}/${c.n})`;
const paperText = (f: PaperFigure | undefined) =>
  f === undefined
    ? ''
    : 'value' in f
      ? `paper ${f.value.toFixed(2)}`
      : `paper ${f.low.toFixed(2)}–${f.high.toFixed(2)}`;

/** How well the predictions held on the answers sent and judged here, and on imported ones. */
function CalibrationPanelView({ pool }: { pool: readonly PoolEntry[] }) {
  const session = useStore(dispatchHistoryStore, (s) => s.entries);
  const imported = useStore(importedHistoryStore, (s) => s.entries);
  const [problems, setProblems] = useState<string[]>([]);
  const entries = useMemo(() => mergeEntries(session, imported), [session, imported]);
  const c = useMemo(() => calibrate(entries), [entries]);
  const color = (model: string) => {
    const i = pool.findIndex((p) => p.name === model);
    return i < 0 ? 'var(--fg)' : colorFor(i);
  };

  const save = (format: 'json' | 'csv') => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const apiKey = dispatchSettingsStore.getState().apiKey;
    const text = format === 'json' ? calibrationToJson(entries, apiKey) : calibrationToCsv(c);
    downloadText(`r2-calibration-${stamp}.${format}`, text, format === 'json' ? 'application/json' : 'text/csv');
  };
  const load = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    const result = parseCalibrationFile(await file.text(), file.name);
    input.value = '';
    if (result.ok) importedHistoryStore.getState().add(result.entries);
    setProblems(result.ok ? [] : result.problems);
  };
  const maxTokens = Math.max(10, ...c.tokenPoints.flatMap((p) => [p.predicted, p.actual]));

  return (
    <section className="panel calibration" data-testid="calibration" data-answers={entries.length}>
      <div className="panel-head">
        <h2>Calibration: did the predictions hold?</h2>
        <div className="history-tools">
          <button
            type="button"
            data-testid="calibration-export-json"
            disabled={entries.length === 0}
            onClick={() => save('json')}
          >
            Export JSON
          </button>
          <button
            type="button"
            data-testid="calibration-export-csv"
            disabled={entries.length === 0}
            onClick={() => save('csv')}
          >
            Export CSV
          </button>
          <label className="file-button">
            Import JSON…
            <input
              type="file"
              accept=".json,application/json"
              data-testid="calibration-import"
              onChange={(e) => void load(e)}
            />
          </label>
        </div>
      </div>
      <p className="hint">
        Over this session’s answers{imported.length > 0 ? ` and ${imported.length} imported` : ''}: {entries.length} in
        all, {c.qualityPoints.length} with a valid verdict. Judged quality is one LLM judge’s score, as in R2-Bench, not
        ground truth. Import a JSON export (this panel’s or the history’s) to continue an earlier calibration.
      </p>
      {problems.length > 0 && (
        <ul className="field-problem" role="alert" data-testid="calibration-import-problem">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}

      <div className="calibration-grid">
        <div>
          <h3>Quality: predicted vs judged</h3>
          <Scatter
            testId="calibration-quality-scatter"
            points={c.qualityPoints.map((p) => ({
              x: p.predicted,
              y: p.judged,
              color: color(p.model),
              label: `${p.model}: predicted ${formatQuality(p.predicted)}, judged ${formatQuality(p.judged)}`,
            }))}
            domain={[0, 1]}
            xLabel="predicted quality"
            yLabel="judged quality"
          />
          <table data-testid="calibration-quality">
            <thead>
              <tr>
                <th>LLM</th>
                <th>judged</th>
                <th>mean error</th>
                <th>mean |error|</th>
              </tr>
            </thead>
            <tbody>
              {c.quality.map((r) => (
                <tr key={r.model} data-model={r.model} data-mean-error={r.meanError}>
                  <td>{r.model}</td>
                  <td>{r.n}</td>
                  <td>{signed(r.meanError)}</td>
                  <td>{r.meanAbsError.toFixed(3)}</td>
                </tr>
              ))}
              {c.qualityOverall && (
                <tr className="overall" data-mean-error={c.qualityOverall.meanError}>
                  <td>all</td>
                  <td>{c.qualityOverall.n}</td>
                  <td>{signed(c.qualityOverall.meanError)}</td>
                  <td>{c.qualityOverall.meanAbsError.toFixed(3)}</td>
                </tr>
              )}
            </tbody>
          </table>
          <p className="hint">Error = judged − predicted: below zero, the predictor was optimistic.</p>
        </div>

        <div>
          <h3>Output tokens: predicted vs actual</h3>
          <Scatter
            testId="calibration-token-scatter"
            log
            points={c.tokenPoints.map((p) => ({
              x: Math.max(1, p.predicted),
              y: Math.max(1, p.actual),
              color: color(p.model),
              label: `${p.model}: predicted ${formatCount(p.predicted)}, actual ${formatCount(p.actual)} tokens`,
            }))}
            domain={[1, 10 ** Math.ceil(Math.log10(maxTokens))]}
            xLabel="predicted tokens (log)"
            yLabel="actual tokens (log)"
          />
          <table data-testid="calibration-tokens">
            <thead>
              <tr>
                <th>LLM</th>
                <th>answers</th>
                <th>mean pred.</th>
                <th>mean actual</th>
              </tr>
            </thead>
            <tbody>
              {c.tokens.map((r) => (
                <tr key={r.model} data-model={r.model}>
                  <td>{r.model}</td>
                  <td>{r.n}</td>
                  <td>{formatCount(r.meanPredicted)}</td>
                  <td>{formatCount(r.meanActual)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <h3>Budget compliance: share of answers within 1.1 × the budget</h3>
      <div className="table-scroll">
        <table data-testid="calibration-compliance">
          <thead>
            <tr>
              <th>LLM</th>
              <th>all budgets</th>
              {FIGURE8_BUDGETS.map((k) => (
                <th key={k}>k = {k}</th>
              ))}
              <th>paper’s Figure 8 for</th>
            </tr>
          </thead>
          <tbody>
            {c.compliance.map((r) => (
              <tr key={r.model} data-model={r.model} data-share={r.share}>
                <td>{r.model}</td>
                <td>{share(r)}</td>
                {FIGURE8_BUDGETS.map((k) => {
                  const here = r.at[k];
                  const paper = paperText(r.paper?.at[k]);
                  return (
                    <td key={k}>
                      {here ? share(here) : '—'}
                      {paper && <div className="muted">{paper}</div>}
                    </td>
                  );
                })}
                <td className="muted">{r.paper?.source ?? 'no figure (size not in its name)'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Answers with a length budget that came back whole (stopped or broken ones say nothing about length). The last
        column is the R2-Router paper’s Figure 8: Qwen3-235B’s own shares, and the ranges it reports for mid-size
        (7–70B) and under-4B models, matched by the size in each LLM’s name (approximate: the paper’s ranges are read
        off a figure).
      </p>
    </section>
  );
}

/** Memoised: the dispatch panel re-renders with every new choice; this part need not. */
export const CalibrationPanel = memo(CalibrationPanelView);
