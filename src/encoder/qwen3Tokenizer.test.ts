import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { Tokenizer } from 'tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  QWEN3_TOKENIZER_IDS,
  QWEN3_TOKENIZER_PATH,
  QWEN3_VOCAB_SIZE,
  qwen3TokenizerFiles,
} from './__fixtures__/qwen3TokenizerFiles';
import { QWEN3_VOCABULARY, qwen3VocabularyExport } from './__fixtures__/qwen3Vocabulary';
import { tinyConfig, tinyEmbeddingOf, tinyQwen3Files } from './__fixtures__/tinyQwen3';
import { TEXT_KINDS, textOfLength, varietyTexts } from './__fixtures__/tokenizerTexts';
import { EncoderError } from './encoderError';
import { exportOptions } from './exportFiles';
import type { ExportReader } from './exportReader';
import { loadQwen3Encoder } from './qwen3';
import { QWEN3_TOKENIZER_SHA256, qwen3Tokenizer, tokenizerWarning, type Qwen3Tokenizer } from './qwen3Tokenizer';

// The page's tokenizer path (qwen3Tokenizer: transformers.js over the export's files) on Qwen3's
// own tokenizer.json, against Hugging Face's Rust tokenizer library as the reference.

/** Where the hashed-n-gram encoder stops reading (DEFAULT_HASHED_SPEC.maxChars); the Qwen3 path reads everything. */
const CUT = 6000;
const LENGTHS = [CUT - 1, CUT, CUT + 1, CUT + 2, 2 * CUT, 5 * CUT];
const SPECIAL_TEXT = /<\|[a-z_]+\|>|<\/?(think|tool_call|tool_response)>/;

const { tokenizer: tokenizerFile, config: configFile } = qwen3TokenizerFiles();
const utf8 = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

/** Awaits a load that must be refused for its tokenizer file, with a message matching `message`. */
async function refused(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EncoderError);
  expect(error).toMatchObject({ problem: 'bad-tokenizer', message: expect.stringMatching(message) as string });
}

describe('Qwen3’s tokenizer through the page’s path, against the Rust tokenizers library', () => {
  let app: Qwen3Tokenizer;
  let rust: Tokenizer;
  const reference = async (texts: string[]) =>
    (await rust.encodeBatch(texts, { addSpecialTokens: true })).map((e) => e.getIds());
  beforeAll(async () => {
    app = await qwen3Tokenizer(tokenizerFile, configFile, 'Qwen3', QWEN3_VOCAB_SIZE);
    rust = Tokenizer.fromFile(QWEN3_TOKENIZER_PATH);
  });

  it('reads the file the release’s tokenizer is: its size and SHA-256', () => {
    expect(statSync(QWEN3_TOKENIZER_PATH).size).toBe(11_422_654);
    expect(createHash('sha256').update(tokenizerFile).digest('hex')).toBe(QWEN3_TOKENIZER_SHA256);
    expect(app.sha256).toBe(QWEN3_TOKENIZER_SHA256);
    expect(app.size).toBe(QWEN3_TOKENIZER_IDS);
    expect(rust.getVocabSize(true)).toBe(QWEN3_TOKENIZER_IDS);
  });

  it('gives the same ids on 2,040 varied texts of 12 kinds', async () => {
    const texts = varietyTexts(170, 21);
    expect(texts.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(texts.map((t) => t.kind))).toEqual(new Set(TEXT_KINDS));
    const expected = await reference(texts.map((t) => t.text));
    const differing = texts.flatMap(({ kind, text }, i) => {
      const ids = [...app.encode(text)].map(Number);
      return ids.join() === expected[i]!.join() ? [] : [{ kind, text, ids, expected: expected[i] }];
    });
    expect(differing).toEqual([]);
    // Real merges happened: far fewer tokens than UTF-8 bytes.
    const tokens = expected.reduce((n, ids) => n + ids.length, 0);
    const bytes = texts.reduce((n, t) => n + utf8(t.text).length, 0);
    expect(tokens).toBeLessThan(bytes / 2);
  });

  it('adds no special token: a text’s ids are its own, first to last', async () => {
    for (const text of ['Which LLM should answer this?', 'Solve the equation: 2x + 5 = 13', ' ', 'a']) {
      const ids = [...app.encode(text)].map(Number);
      expect(ids).toEqual((await reference([text]))[0]);
      expect(ids.every((id) => id < 151_643)).toBe(true);
    }
    const plain = varietyTexts(20, 5).filter((t) => !SPECIAL_TEXT.test(t.text));
    for (const { text } of plain) expect([...app.encode(text)].every((id) => id < 151_643n)).toBe(true);
    // Special tokens typed in the text are still read as the tokens they name, by both.
    expect([...app.encode('<|im_start|>user\nhi<|im_end|>')].map(Number)).toEqual([151644, 872, 198, 6023, 151645]);
  });

  it('reads texts at and past the 6,000-character cut whole, as the reference does', async () => {
    const texts = LENGTHS.map((n, i) => textOfLength(n, 100 + i));
    expect(texts.map((t) => t.length)).toEqual(LENGTHS);
    const expected = await reference(texts);
    texts.forEach((text, i) => expect([...app.encode(text)].map(Number)).toEqual(expected[i]));
    // No cut on this path: what lies past 6,000 characters is tokenized too.
    const long = texts[LENGTHS.indexOf(2 * CUT)]!;
    expect(app.encode(long).length).toBeGreaterThan(app.encode(long.slice(0, CUT)).length);
  });
});

describe('the encoder over Qwen3’s vocabulary (a tiny model with 151,936 token embeddings)', () => {
  const files = qwen3VocabularyExport(1024);
  const reader: ExportReader = {
    open: (path) => Promise.resolve(new Blob([files.get(path)! as Uint8Array<ArrayBuffer>]).stream()),
  };
  const option = exportOptions(
    [...files].map(([path, b]) => ({ path, size: b.length })),
    'in memory',
  ).find((o) => o.precision === 'fp32')!;

  it('embeds what the Rust tokenizer’s ids give, through the page’s graph patch, with no tokenizer warning', async () => {
    const encoder = await loadQwen3Encoder({ files: reader, ort, label: 'x', option, device: 'cpu', dim: 1024 });
    expect(encoder.hiddenState.patch).toBe('LM head removed');
    expect(tokenizerWarning('Qwen/Qwen3-0.6B', encoder.tokenizerSha256, 'x')).toBeUndefined();
    const rust = Tokenizer.fromFile(QWEN3_TOKENIZER_PATH);
    const texts = [...varietyTexts(2, 8).map((t) => t.text), textOfLength(CUT + 1, 3)];
    for (const text of texts) {
      const ids = (await rust.encode(text)).getIds();
      const expected = tinyEmbeddingOf(ids, true, 1024, QWEN3_VOCABULARY);
      const vector = await encoder.embed(text, true);
      expect(Math.max(...vector.map((v, k) => Math.abs(v - expected[k]!)))).toBeLessThan(1e-5);
    }
    await encoder.dispose();
  });
});

describe('a tokenizer file that cannot be this model’s', () => {
  const qwen3 = JSON.parse(new TextDecoder().decode(tokenizerFile)) as { model: object };
  const CASES: Array<[string, Uint8Array, Uint8Array | null, RegExp]> = [
    ['not JSON', utf8('<html>rate limited</html>'), configFile, /^Qwen3's tokenizer\.json is not JSON \(/],
    ['JSON, but not an object', utf8('[1, 2]'), configFile, /^Qwen3's tokenizer\.json is not a tokenizer/],
    [
      'without a model',
      utf8({ ...qwen3, model: undefined }),
      configFile,
      /^Qwen3's tokenizer\.json has no BPE model \(no "model" at all\)/,
    ],
    [
      'a WordPiece model',
      utf8({ ...qwen3, model: { type: 'WordPiece', vocab: { a: 0 } } }),
      configFile,
      /^Qwen3's tokenizer\.json has no BPE model \(its model is WordPiece\)/,
    ],
    [
      'a BPE model without merges',
      utf8({ ...qwen3, model: { ...qwen3.model, merges: undefined } }),
      configFile,
      /has no BPE model/,
    ],
    [
      'a tokenizer_config.json that is not JSON',
      tokenizerFile,
      utf8('{'),
      /^Qwen3's tokenizer_config\.json is not JSON/,
    ],
  ];

  it.each(CASES)('%s: says so, naming the file', async (_, tokenizer, config, message) => {
    await refused(qwen3Tokenizer(tokenizer, config, 'Qwen3', QWEN3_VOCAB_SIZE), message);
  });

  it('with more ids than the model has token embeddings: says so, with both counts', async () => {
    await refused(
      qwen3Tokenizer(tokenizerFile, configFile, 'Qwen3', 151_000),
      /^Qwen3's tokenizer\.json has ids up to 151668, but its config\.json gives the model 151000 token embeddings \(vocab_size\): the tokenizer is not this model's\.$/,
    );
  });

  it('accepts a table padded past the tokenizer’s ids, as Qwen3’s is', async () => {
    const padded = await qwen3Tokenizer(tokenizerFile, configFile, 'Qwen3', QWEN3_VOCAB_SIZE);
    expect(padded.size).toBeLessThan(QWEN3_VOCAB_SIZE);
  });

  // Through the encoder's load: the error comes before any weight is read or a session is made.
  const files = { ...tinyQwen3Files(), 'config.json': { ...tinyConfig(), vocab_size: 200 } };
  const bytes = new Map(
    Object.entries(files).map(([path, v]) => [path, v instanceof Uint8Array ? v : utf8(v)] as const),
  );
  it.each([
    ['ids past the table', bytes, /has ids up to 256, but its config\.json gives the model 200 token embeddings/],
    [
      'a tokenizer.json that is not JSON',
      new Map(bytes).set('config.json', utf8(tinyConfig())).set('tokenizer.json', utf8('not json')),
      /tokenizer\.json is not JSON/,
    ],
  ] as const)('the encoder stops at %s, having read no weights and made no session', async (_, export_, message) => {
    const opened: string[] = [];
    const reader: ExportReader = {
      open: (path) => {
        opened.push(path);
        return Promise.resolve(new Blob([export_.get(path)! as Uint8Array<ArrayBuffer>]).stream());
      },
    };
    let sessions = 0;
    const counting = {
      ...ort,
      InferenceSession: {
        create: (...args: Parameters<typeof ort.InferenceSession.create>) => (
          sessions++,
          ort.InferenceSession.create(...args)
        ),
      },
    } as typeof ort;
    const option = exportOptions(
      [...export_].map(([path, b]) => ({ path, size: b.length })),
      'tiny',
    ).find((o) => o.precision === 'fp32')!;
    await refused(
      loadQwen3Encoder({ files: reader, ort: counting, label: 'tiny', option, device: 'cpu', dim: 8 }),
      message,
    );
    expect(opened.filter((p) => p.endsWith('.onnx'))).toEqual([]);
    expect(sessions).toBe(0);
  });
});

describe('the tokenizer warning', () => {
  it('is silent for Qwen3’s own tokenizer.json', () => {
    expect(tokenizerWarning('Qwen/Qwen3-0.6B', QWEN3_TOKENIZER_SHA256, 'x')).toBeUndefined();
  });

  it('warns when a bundle reading Qwen3-0.6B’s embeddings gets another tokenizer.json', () => {
    const digest = createHash('sha256').update('another tokenizer').digest('hex');
    expect(tokenizerWarning('Qwen/Qwen3-0.6B', digest, 'some/export')).toBe(
      `some/export's tokenizer.json is not Qwen3's (SHA-256 ${digest.slice(0, 12)}…, expected aeb13307a71a…): its token ids, and so the embeddings the heads read, may differ from the release's. Loaded anyway.`,
    );
  });

  it('is silent for bundles that read another encoder, which has its own tokenizer', () => {
    expect(tokenizerWarning('r2-fixtures/tiny-qwen3', 'ab'.repeat(32), 'x')).toBeUndefined();
    expect(tokenizerWarning(undefined, 'ab'.repeat(32), 'x')).toBeUndefined();
  });
});
