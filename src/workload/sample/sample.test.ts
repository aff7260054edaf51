import { describe, expect, it } from 'vitest';
import { textChunks } from '../fileText';
import { readQueryFile } from '../queryFile';
import { SAMPLE_FILE_NAME, SAMPLE_KINDS, sampleQueries, sampleWorkloadFile } from './index';

describe('the sample workload', () => {
  it('holds a few hundred distinct queries of every kind', () => {
    const queries = sampleQueries();
    expect(queries.length).toBeGreaterThanOrEqual(250);
    expect(queries.length).toBeLessThanOrEqual(400);
    expect(new Set(queries.map((q) => q.prompt)).size).toBe(queries.length);
    for (const [kind, prompts] of Object.entries(SAMPLE_KINDS)) expect(prompts.length, kind).toBeGreaterThanOrEqual(20);
    // The first stretch already mixes every kind.
    expect(new Set(queries.slice(0, 6).map((q) => q.kind)).size).toBe(6);
  });

  it('runs from a greeting to long retrieval prompts', () => {
    const lengths = sampleQueries().map((q) => q.prompt.length);
    expect(Math.min(...lengths)).toBeLessThan(10);
    const rag = SAMPLE_KINDS['long RAG prompt'].map((p) => p.length);
    expect(Math.min(...rag)).toBeGreaterThan(3000);
    expect(Math.max(...rag)).toBeGreaterThan(5000);
  });

  it('reads back through the workload view’s own file reader, whole, with nothing skipped', async () => {
    const file = sampleWorkloadFile();
    expect(file.name).toBe(SAMPLE_FILE_NAME);
    const parsed = await readQueryFile({ name: file.name, chunks: textChunks(file) });
    expect(parsed.format).toBe('jsonl');
    expect(parsed.problems).toEqual([]);
    expect(parsed.empty).toBe(0);
    expect(parsed.queries).toEqual(sampleQueries().map((q) => q.prompt));
  });
});
