import type { LambdaSegment } from '../router/lambdaMap';
import type { Candidate } from '../router/types';
import { csvTable } from './csv';

/** The ranked candidates as the table shows them, best first, with full precision. */
export function candidatesCsv(ranked: readonly Candidate[], lambda: number): string {
  return csvTable(
    ['rank', 'llm', 'budget', 'output_tokens', 'predicted_quality', 'cost_usd', 'score', 'lambda'],
    ranked.map((c, i) => [i + 1, c.model, String(c.budget), c.outputTokens, c.quality, c.costUsd, c.score, lambda]),
  );
}

/** Both routers' λ maps: one row per segment, raw λ bounds and whether each bound belongs to it. */
export function lambdaMapCsv(maps: { r2: readonly LambdaSegment[]; reactive: readonly LambdaSegment[] }): string {
  const rows = (router: string, map: readonly LambdaSegment[]) =>
    map.map((s) => [router, s.winner.model, String(s.winner.budget), s.from, s.to, s.withFrom, s.withTo]);
  return csvTable(
    ['router', 'llm', 'budget', 'lambda_from', 'lambda_to', 'includes_from', 'includes_to'],
    [...rows('r2', maps.r2), ...rows('reactive', maps.reactive)],
  );
}
