import { CHAT } from './chat';
import { CHOICE } from './choice';
import { CODE } from './code';
import { MATH } from './math';
import { RAG } from './rag';
import { SUMMARIES } from './summaries';

/**
 * The built-in sample workload: a few hundred queries of the kinds a router meets (written for
 * this project, not taken from a dataset), so a demo of the workload view needs no file.
 * Loaded only when asked for. JSON Lines, as a person's own file would be, with each query's kind.
 */

export const SAMPLE_KINDS = {
  math: MATH,
  code: CODE,
  'multiple choice': CHOICE,
  chat: CHAT,
  summarisation: SUMMARIES,
  'long RAG prompt': RAG,
} as const;

export type SampleKind = keyof typeof SAMPLE_KINDS;

export const SAMPLE_FILE_NAME = 'sample-workload.jsonl';

/** Kinds in turn, so any first stretch of the file is already varied. */
export function sampleQueries(): { kind: SampleKind; prompt: string }[] {
  const kinds = Object.entries(SAMPLE_KINDS) as [SampleKind, readonly string[]][];
  const longest = Math.max(...kinds.map(([, prompts]) => prompts.length));
  return Array.from({ length: longest }, (_, i) =>
    kinds.flatMap(([kind, prompts]) => (i < prompts.length ? [{ kind, prompt: prompts[i]! }] : [])),
  ).flat();
}

export function sampleWorkloadFile(): File {
  const lines = sampleQueries().map((q) => JSON.stringify({ prompt: q.prompt, kind: q.kind }));
  return new File([`${lines.join('\n')}\n`], SAMPLE_FILE_NAME, { type: 'application/jsonl' });
}
