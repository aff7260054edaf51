import { benchQueries } from '../queries';
import { round } from '../stats';
import type { AppWorker } from './appWorker';
import { byteTokenIds } from './encoderQueries';

/**
 * A batch of the workload bench's varied queries (queries.ts, its seed: short, long, code,
 * math in turn) through the app's worker with the Qwen3 encoder and the bench bundle loaded:
 * queries per second where the released router's bundle is active (#13). The export's
 * tokenizer makes one token per byte, Qwen's about one per 4 characters of English, so each
 * query is cut to a quarter of its length: its token count here is about what Qwen's
 * tokenizer would make of the whole query, and the model's cost depends on that count only.
 */

const SEED = 2024;
const CHARS_PER_QWEN_TOKEN = 4;
/** The workload store's chunk: a batch of this size or less goes to the worker in one request. */
const CHUNK = 256;

export interface EncoderWorkload {
  queries: number;
  /** Tokens per query, as the encoder saw them. */
  meanTokens: number;
  maxTokens: number;
  totalMs: number;
  queriesPerSecond: number;
}

/**
 * A system text the queries of a templated workload all begin with (as prompts built from one
 * template do): about 200 tokens here, one per byte.
 */
const TEMPLATE =
  `You are answering questions for a support desk. Answer in plain English, keep to the facts you are given, say when you do not know, and never invent a citation. Question follows. `.padEnd(
    200,
    '.',
  );

/** The workload's queries, each alone or (`templated`) after the same system text. */
export function workloadTexts(count: number, templated = false): string[] {
  return benchQueries(count, SEED).map(
    (q) =>
      (templated ? TEMPLATE : '') +
      q.replace(/[^\x20-\x7e]/g, ' ').slice(0, Math.max(1, Math.round(q.length / CHARS_PER_QWEN_TOKEN))),
  );
}

export async function timeWorkload(worker: AppWorker, count: number, log: (line: string) => void, templated = false) {
  const texts = workloadTexts(count, templated);
  const tokens = texts.map((t) => byteTokenIds(t).length);
  const meanTokens = tokens.reduce((a, b) => a + b, 0) / count;
  log(
    `workload${templated ? ' (templated)' : ''}: ${count} queries, ${round(meanTokens, 0)} tokens each on average, in one batch`,
  );
  const batch = await worker.predictBatch(texts, CHUNK);
  if (batch.cancelled || batch.predicted !== count)
    throw new Error(
      `the batch predicted ${batch.predicted} of ${count} queries${batch.cancelled ? ' (cancelled)' : ''}`,
    );
  const run: EncoderWorkload = {
    queries: count,
    meanTokens: round(meanTokens, 1),
    maxTokens: Math.max(...tokens),
    totalMs: round(batch.ms, 0),
    queriesPerSecond: round(count / (batch.ms / 1000), 3),
  };
  log(`workload: ${run.queriesPerSecond} queries/s (${run.totalMs} ms)`);
  return run;
}
