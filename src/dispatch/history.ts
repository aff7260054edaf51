import { z } from 'zod';
import { UNLIMITED, type Budget } from '../bundle/manifest';
import type { Candidate } from '../router/types';
import type { Actual } from './compare';
import { scrubSecret } from './scrub';
import { csvTable } from '../export/csv';

/** Who chose the call: a router, or a measure run sending the query at every budget. */
export type RouterName = 'r2' | 'reactive' | 'measure';

/** complete; cut-off by the max_tokens guard; stopped by the person; partial when the stream broke. */
export type Outcome = 'complete' | 'cut-off' | 'stopped' | 'partial';

/** The judge's verdict on an answer: a valid score, or the problem with its reply. */
export interface Judgement {
  /** 0..1, or null when the verdict was invalid. */
  score: number | null;
  /** The judge's one-line reason, or why its verdict is invalid. */
  reason: string;
  judgeModel: string;
  /** From the judge's prices; null when they are unknown. */
  judgeCostUsd: number | null;
}

export interface HistoryEntry {
  /** ISO 8601. */
  timestamp: string;
  /** For a measure run's points: when the run began (ISO 8601), shared by its points. */
  measureRun: string | null;
  router: RouterName;
  query: string;
  model: string;
  providerModelId: string;
  budget: Budget;
  predictedQuality: number;
  predictedTokens: number;
  predictedCostUsd: number;
  actualCompletionTokens: number;
  tokensEstimated: boolean;
  actualPromptTokens: number | null;
  actualCostUsd: number;
  budgetRespected: boolean | null;
  finishReason: string | null;
  outcome: Outcome;
  response: string;
  judgedQuality: number | null;
  judgeReason: string | null;
  judgeModel: string | null;
  judgeCostUsd: number | null;
}

export interface Dispatched {
  router: RouterName;
  query: string;
  /** What was predicted for the call. */
  choice: Pick<Candidate, 'model' | 'budget' | 'quality' | 'outputTokens' | 'costUsd'>;
  providerModelId: string;
  actual: Actual;
  finishReason: string | null;
  outcome: Outcome;
  response: string;
  apiKey: string;
  at: Date;
  measureRun?: string;
}

/** One history row. Free text is scrubbed of the key now, while the key that was used is known. */
export function historyEntry(d: Dispatched): HistoryEntry {
  return {
    timestamp: d.at.toISOString(),
    measureRun: d.measureRun ?? null,
    router: d.router,
    query: scrubSecret(d.query, d.apiKey),
    model: d.choice.model,
    providerModelId: d.providerModelId,
    budget: d.choice.budget,
    predictedQuality: d.choice.quality,
    predictedTokens: d.choice.outputTokens,
    predictedCostUsd: d.choice.costUsd,
    actualCompletionTokens: d.actual.completionTokens,
    tokensEstimated: d.actual.estimated,
    actualPromptTokens: d.actual.promptTokens,
    actualCostUsd: d.actual.costUsd,
    budgetRespected: d.actual.budgetRespected,
    finishReason: d.finishReason,
    outcome: d.outcome,
    response: scrubSecret(d.response, d.apiKey),
    judgedQuality: null,
    judgeReason: null,
    judgeModel: null,
    judgeCostUsd: null,
  };
}

/** The entry with a verdict attached; the reason is scrubbed like every free text. */
export function withJudgement(entry: HistoryEntry, j: Judgement, apiKey: string): HistoryEntry {
  return {
    ...entry,
    judgedQuality: j.score,
    judgeReason: scrubSecret(j.reason, apiKey),
    judgeModel: j.judgeModel,
    judgeCostUsd: j.judgeCostUsd,
  };
}

export function scrubbed(entries: readonly HistoryEntry[], apiKey: string): HistoryEntry[] {
  return entries.map((e) => ({
    ...e,
    query: scrubSecret(e.query, apiKey),
    response: scrubSecret(e.response, apiKey),
    judgeReason: e.judgeReason === null ? null : scrubSecret(e.judgeReason, apiKey),
  }));
}

export function historyToJson(entries: readonly HistoryEntry[], apiKey: string): string {
  return `${JSON.stringify(scrubbed(entries, apiKey), null, 2)}\n`;
}

export const HISTORY_COLUMNS: readonly (keyof HistoryEntry)[] = [
  'timestamp',
  'measureRun',
  'router',
  'query',
  'model',
  'providerModelId',
  'budget',
  'predictedQuality',
  'predictedTokens',
  'predictedCostUsd',
  'actualCompletionTokens',
  'tokensEstimated',
  'actualPromptTokens',
  'actualCostUsd',
  'budgetRespected',
  'finishReason',
  'outcome',
  'response',
  'judgedQuality',
  'judgeReason',
  'judgeModel',
  'judgeCostUsd',
];

export function historyToCsv(entries: readonly HistoryEntry[], apiKey: string): string {
  return csvTable(
    HISTORY_COLUMNS,
    scrubbed(entries, apiKey).map((e) => HISTORY_COLUMNS.map((c) => e[c])),
  );
}

/** A history row read back from an export: every field checked, since a file can hold anything. */
export const historyEntrySchema = z.object({
  timestamp: z.string(),
  measureRun: z.string().nullable(),
  router: z.enum(['r2', 'reactive', 'measure']),
  query: z.string(),
  model: z.string().min(1),
  providerModelId: z.string(),
  budget: z.union([z.number().int().positive(), z.literal(UNLIMITED)]),
  predictedQuality: z.number().min(0).max(1),
  predictedTokens: z.number().nonnegative(),
  predictedCostUsd: z.number().nonnegative(),
  actualCompletionTokens: z.number().int().nonnegative(),
  tokensEstimated: z.boolean(),
  actualPromptTokens: z.number().int().nonnegative().nullable(),
  actualCostUsd: z.number().nonnegative(),
  budgetRespected: z.boolean().nullable(),
  finishReason: z.string().nullable(),
  outcome: z.enum(['complete', 'cut-off', 'stopped', 'partial']),
  response: z.string(),
  judgedQuality: z.number().min(0).max(1).nullable(),
  judgeReason: z.string().nullable(),
  judgeModel: z.string().nullable(),
  judgeCostUsd: z.number().nonnegative().nullable(),
}) satisfies z.ZodType<HistoryEntry>;
