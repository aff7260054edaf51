import type { Prediction } from '../router/curves';
import { cellIndex, type Dataset } from './dataset';
import type { BundleView } from './bundleView';

/**
 * Held-out error of every head next to the constant-mean baseline (each head's mean over
 * the training split), so an encoder that learned nothing cannot hide behind the curves.
 * Natural length is compared as log1p(tokens), the scale the head is trained on.
 */

export interface HeadError {
  mse: number;
  baselineMse: number;
}

export interface HeadsReport {
  quality: HeadError;
  naturalTokensLog1p: HeadError;
  perModel: Record<string, { quality: Record<string, HeadError>; naturalTokensLog1p: HeadError }>;
}

class Accumulator {
  private se = 0;
  private base = 0;
  private n = 0;
  add(predicted: number, baseline: number, truth: number): void {
    this.se += (predicted - truth) ** 2;
    this.base += (baseline - truth) ** 2;
    this.n++;
  }
  merge(other: Accumulator): void {
    this.se += other.se;
    this.base += other.base;
    this.n += other.n;
  }
  result(): HeadError {
    const n = Math.max(1, this.n);
    return { mse: this.se / n, baselineMse: this.base / n };
  }
}

export function headErrors(
  view: BundleView,
  data: Dataset,
  testRows: readonly number[],
  trainRows: readonly number[],
  predictions: readonly Prediction[],
): HeadsReport {
  const { manifest } = view;
  const unlimitedData = data.pool.budgets.indexOf('unlimited');
  const mean = (f: (q: number) => number) => trainRows.reduce((s, q) => s + f(q), 0) / Math.max(1, trainRows.length);
  const quality = new Accumulator();
  const natural = new Accumulator();
  const perModel: HeadsReport['perModel'] = {};
  manifest.pool.forEach((entry, v) => {
    const dm = view.dataModel[v]!;
    const budgets: Record<string, HeadError> = {};
    manifest.budgets.forEach((budget, b) => {
      const db = view.dataBudget[b]!;
      const score = (q: number) => data.scores[cellIndex(data, q, dm, db)]!;
      const baseline = mean(score);
      const acc = new Accumulator();
      testRows.forEach((q, i) => acc.add(predictions[i]!.quality[v]![b]!, baseline, score(q)));
      quality.merge(acc);
      budgets[String(budget)] = acc.result();
    });
    const logTokens = (q: number) => Math.log1p(data.tokens[cellIndex(data, q, dm, unlimitedData)]!);
    const baseline = mean(logTokens);
    const acc = new Accumulator();
    testRows.forEach((q, i) => acc.add(Math.log1p(predictions[i]!.naturalTokens[v]!), baseline, logTokens(q)));
    natural.merge(acc);
    perModel[entry.name] = { quality: budgets, naturalTokensLog1p: acc.result() };
  });
  return { quality: quality.result(), naturalTokensLog1p: natural.result(), perModel };
}
