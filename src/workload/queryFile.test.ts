import { describe, expect, it } from 'vitest';
import { readQueryFile } from './queryFile';
import { textChunks } from './fileText';

/** A file as the page gets it, streamed in small pieces so lines and rows cross piece boundaries. */
function file(name: string, text: string) {
  const pieces = Array.from({ length: Math.ceil(text.length / 7) }, (_, i) => text.slice(i * 7, i * 7 + 7));
  return {
    name,
    chunks: (async function* () {
      for (const piece of pieces) yield await Promise.resolve(piece);
    })(),
  };
}

describe('query files', () => {
  it('reads plain text, one query per line, skipping and counting empty lines', async () => {
    const r = await readQueryFile(file('q.txt', '\uFEFFfirst query\r\n\n  \nsecond, with a comma\nlast'));
    expect(r.format).toBe('text');
    expect(r.queries).toEqual(['first query', 'second, with a comma', 'last']);
    expect(r.empty).toBe(2);
    expect(r.problems).toEqual([]);
  });

  it('streams a Blob through the same reader', async () => {
    const blob = new Blob(['é'.repeat(70_000) + '\nb\n']);
    const r = await readQueryFile({ name: 'big.txt', chunks: textChunks(blob) });
    expect(r.queries.map((q) => q.length)).toEqual([70_000, 1]);
  });

  it('reads a CSV column, guessing it from its name, with quoted multi-line cells', async () => {
    const text = 'id,prompt,label\n1,"two\nlines",a\n2,,b\n3,"say ""hi""",c\n';
    const r = await readQueryFile(file('q.csv', text));
    expect(r.columns).toEqual(['id', 'prompt', 'label']);
    expect(r.column).toBe('prompt');
    expect(r.queries).toEqual(['two\nlines', 'say "hi"']);
    expect(r.empty).toBe(1);
    const other = await readQueryFile(file('q.csv', text), 'label');
    expect(other.queries).toEqual(['a', 'b', 'c']);
  });

  it('names the file and line of a malformed CSV row and keeps the others', async () => {
    const r = await readQueryFile(file('bad.csv', 'prompt,x\nok,1\n"multi\nline",2\nshort\nfine,3\n'));
    expect(r.queries).toEqual(['ok', 'multi\nline', 'fine']);
    expect(r.problemCount).toBe(1);
    expect(r.problems[0]).toMatch(/^bad\.csv:5: unparsable row: /);
  });

  it('reads JSON Lines by prompt, query or text field, naming bad lines', async () => {
    const text = [
      '{"prompt": "a"}',
      '{"query": "b", "id": 2}',
      '',
      '{"text": "c"}',
      '{"prompt": 3}',
      'not json',
      '[1]',
    ].join('\n');
    const r = await readQueryFile(file('q.jsonl', text));
    expect(r.format).toBe('jsonl');
    expect(r.queries).toEqual(['a', 'b', 'c']);
    expect(r.empty).toBe(1);
    expect(r.problemCount).toBe(3);
    expect(r.problems[0]).toBe('q.jsonl:5: no string field prompt, query, text, question, original_prompt');
    expect(r.problems[1]).toMatch(/^q\.jsonl:6: not valid JSON/);
    expect(r.problems[2]).toMatch(/^q\.jsonl:7: no string field/);
  });

  it('lists the first 20 problems and counts them all', async () => {
    const r = await readQueryFile(file('many.jsonl', 'x\n'.repeat(25)));
    expect(r.problems).toHaveLength(20);
    expect(r.problemCount).toBe(25);
    expect(r.problems[19]).toMatch(/^many\.jsonl:20: /);
  });
});
