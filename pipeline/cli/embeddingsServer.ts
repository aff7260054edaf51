import { l2Normalize } from '../../src/encoder/lastToken';
import { connectServerEncoder, type ServerEncoder } from '../../src/encoder/server/serverEncoder';
import { DEFAULT_SERVER_MODEL, SERVER_DEFAULTS, type ServerSettings } from '../../src/encoder/server/settings';
import { BATCH_RANGE, CONCURRENCY_RANGE, TIMEOUT_RANGE } from '../../src/encoder/server/settings';
import { integer } from './flags';
import { progressBar } from './progress';

/**
 * The commands' side of an OpenAI-compatible embeddings server (route, embed, evaluate): the
 * same encoder the page's worker uses, its key from EMBEDDINGS_API_KEY, its retries and
 * progress on stderr.
 */

export const KEY_VARIABLE = 'EMBEDDINGS_API_KEY';

/** The flags every command that embeds with a server takes, besides its base URL. */
export const SERVER_FLAGS = {
  'embeddings-model': { type: 'string' },
  'embeddings-batch': { type: 'string' },
  'embeddings-concurrency': { type: 'string' },
  'embeddings-timeout-s': { type: 'string' },
} as const;

export const SERVER_USAGE = `[--embeddings-model ${DEFAULT_SERVER_MODEL}] [--embeddings-batch ${SERVER_DEFAULTS.batch}] [--embeddings-concurrency ${SERVER_DEFAULTS.concurrency}] [--embeddings-timeout-s ${SERVER_DEFAULTS.timeoutSeconds}]`;

type ServerFlags = Partial<Record<keyof typeof SERVER_FLAGS, string | boolean>>;

/** The settings the flags and the environment give for the server at `baseUrl`. */
export function serverSettings(baseUrl: string, flags: ServerFlags): ServerSettings {
  const model = flags['embeddings-model'];
  return {
    baseUrl,
    model: typeof model === 'string' && model !== '' ? model : DEFAULT_SERVER_MODEL,
    apiKey: process.env[KEY_VARIABLE] ?? '',
    batch: integer(
      flags['embeddings-batch'],
      'embeddings-batch',
      SERVER_DEFAULTS.batch,
      BATCH_RANGE.min,
      BATCH_RANGE.max,
    ),
    concurrency: integer(
      flags['embeddings-concurrency'],
      'embeddings-concurrency',
      SERVER_DEFAULTS.concurrency,
      CONCURRENCY_RANGE.min,
      CONCURRENCY_RANGE.max,
    ),
    timeoutSeconds: integer(
      flags['embeddings-timeout-s'],
      'embeddings-timeout-s',
      SERVER_DEFAULTS.timeoutSeconds,
      TIMEOUT_RANGE.min,
      TIMEOUT_RANGE.max,
    ),
  };
}

/** Connects (one probe request, checked against `dim`), saying on stderr what the probe found and each retry. */
export async function connect(settings: ServerSettings, dim: number): Promise<ServerEncoder> {
  const { encoder, probe } = await connectServerEncoder({
    ...settings,
    dim,
    pageOrigin: null,
    onActivity: (a) => {
      if (a.kind === 'retry')
        process.stderr.write(
          `embeddings: the server answered ${a.status} to ${a.what}; retry ${a.retry} of ${a.of} in ${(a.waitMs / 1000).toFixed(1)} s\n`,
        );
    },
  });
  process.stderr.write(
    `embeddings: ${settings.model} at ${new URL(settings.baseUrl).origin}, ${probe.format}, vectors ${probe.normalized ? 'L2-normalised' : `of norm ${probe.norm.toPrecision(4)}`}\n`,
  );
  return encoder;
}

/**
 * Every text's vector, one after another in one array, `encoder.chunk` texts at a time with a
 * progress bar; L2-normalised when `normalize` (as the page's worker does for such a bundle).
 */
export async function embedRows(
  encoder: ServerEncoder,
  texts: readonly string[],
  normalize: boolean,
): Promise<Float32Array> {
  const rows = new Float32Array(texts.length * encoder.dim);
  const bar = progressBar('embed', 'queries');
  try {
    for (let from = 0; from < texts.length; from += encoder.chunk) {
      const vectors = await encoder.embedBatch(texts.slice(from, from + encoder.chunk));
      vectors.forEach((v, i) => rows.set(normalize ? l2Normalize(Float32Array.from(v)) : v, (from + i) * encoder.dim));
      bar.update(Math.min(from + encoder.chunk, texts.length), texts.length);
    }
  } finally {
    bar.stop();
  }
  return rows;
}
