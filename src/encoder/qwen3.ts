import {
  AutoConfig,
  AutoModel,
  AutoTokenizer,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type ProgressInfo,
  type Tensor,
} from '@huggingface/transformers';
import { EncoderError, explainLoadError } from './encoderError';
import { HOW_TO_EXPORT, type PrecisionOption } from './exportFiles';
import { lastTokenEmbedding } from './lastToken';

/**
 * The Qwen3 query encoder on transformers.js (onnxruntime-web in the browser,
 * onnxruntime-node in Node): tokenizer and ONNX graph of an export, and the embedding the
 * released router was trained on — the last token's final hidden state, L2-normalised.
 *
 * Texts are embedded one at a time, so no padding is ever added and the last token is the
 * text's own last token (batched last-token pooling would have to skip right padding).
 */

export type Device = 'wasm' | 'webgpu' | 'cpu';

export interface LoadOptions {
  /** What transformers.js loads: a Hub model id, or (Node) a folder path. */
  model: string;
  /** How the export is named in messages. */
  label: string;
  option: PrecisionOption;
  device: Device;
  /** The width the bundle's heads read. */
  dim: number;
  /** Bytes read so far over bytes to read, across every file of the chosen precision. */
  onProgress?(loaded: number, total: number): void;
}

export interface Qwen3Encoder {
  readonly dim: number;
  /** The last token's hidden state for `text`, L2-normalised when `normalize` is set. */
  embed(text: string, normalize: boolean): Promise<Float32Array>;
  dispose(): Promise<void>;
}

/** The output a feature-extraction export gives and a text-generation export lacks. */
const HIDDEN = 'last_hidden_state';
/** Run once at load so a width mismatch or an execution failure shows before the first query. */
const PROBE_TEXT = 'Which LLM should answer this?';

function progressTracker(option: PrecisionOption, report: LoadOptions['onProgress']): (info: ProgressInfo) => void {
  const files = new Map<string, { loaded: number; total: number }>();
  return (info) => {
    if (!report || (info.status !== 'progress' && info.status !== 'done')) return;
    const known = files.get(info.file);
    files.set(
      info.file,
      info.status === 'progress'
        ? { loaded: info.loaded, total: info.total }
        : { loaded: known?.total ?? 0, total: known?.total ?? 0 },
    );
    const loaded = [...files.values()].reduce((sum, f) => sum + f.loaded, 0);
    const total = Math.max(
      option.bytes,
      [...files.values()].reduce((sum, f) => sum + f.total, 0),
    );
    report(Math.min(loaded, total), total);
  };
}

async function readConfig(options: LoadOptions, progress_callback: (info: ProgressInfo) => void) {
  const config = await AutoConfig.from_pretrained(options.model, { progress_callback });
  const { hidden_size: width, model_type: type } = config as unknown as { hidden_size?: number; model_type?: string };
  if (type !== 'qwen3')
    throw new EncoderError(
      'wrong-model',
      `${options.label} is a ${type ?? 'model of unknown type'}, not a Qwen3 model.`,
    );
  if (width !== options.dim) {
    throw new EncoderError(
      'width',
      `${options.label} has ${width}-wide hidden states but this bundle's heads read ${options.dim}-wide embeddings: it is not the model the bundle was trained on.`,
    );
  }
  return config;
}

function checkOutputs(model: PreTrainedModel, options: LoadOptions): void {
  const outputs: string[] = model.sessions['model']?.outputNames ?? [];
  if (outputs.includes(HIDDEN)) return;
  const what = outputs.includes('logits')
    ? 'it is a text-generation export: its logits score the next token over the vocabulary and cannot give back the hidden state'
    : 'none of them is a hidden state';
  throw new EncoderError(
    'no-hidden-states',
    `${options.label} outputs ${outputs.join(', ') || 'nothing'}, not ${HIDDEN}: ${what}. Use a feature-extraction export: ${HOW_TO_EXPORT}.`,
  );
}

async function hiddenStates(
  model: PreTrainedModel,
  tokenizer: PreTrainedTokenizer,
  text: string,
): Promise<{ data: ArrayLike<number>; tokens: number; width: number }> {
  // The tokenizer adds whatever its post-processor adds, as Hugging Face's tokenizer(text) does.
  const inputs = tokenizer(text) as { input_ids: Tensor; attention_mask: Tensor };
  const tokens = inputs.input_ids.dims[1] ?? 0;
  if (tokens === 0)
    throw new EncoderError('empty-text', 'An empty query has no tokens, so it has no last-token embedding.');
  const outputs = (await model(inputs)) as Record<string, Tensor | undefined>;
  const hidden = outputs[HIDDEN]?.to('float32');
  if (!hidden) throw new EncoderError('no-hidden-states', `the model returned no ${HIDDEN}`);
  return { data: hidden.data as Float32Array, tokens, width: hidden.dims[2] ?? 0 };
}

export async function loadQwen3Encoder(options: LoadOptions): Promise<Qwen3Encoder> {
  const { option, device, dim, label } = options;
  const progress_callback = progressTracker(option, options.onProgress);
  let model: PreTrainedModel | null = null;
  try {
    const config = await readConfig(options, progress_callback);
    const tokenizer = await AutoTokenizer.from_pretrained(options.model, { progress_callback });
    model = await AutoModel.from_pretrained(options.model, {
      config,
      dtype: option.precision,
      device,
      subfolder: option.subfolder,
      progress_callback,
      ...(option.dataChunks ? { use_external_data_format: option.dataChunks } : {}),
    });
    checkOutputs(model, options);
    const loaded = model;
    const embed = async (text: string, normalize: boolean) => {
      const { data, tokens, width } = await hiddenStates(loaded, tokenizer, text);
      if (width !== dim)
        throw new EncoderError(
          'width',
          `${label} gives ${width}-wide hidden states but this bundle's heads read ${dim}.`,
        );
      return lastTokenEmbedding(data, tokens, dim, normalize);
    };
    await embed(PROBE_TEXT, true);
    return { dim, embed, dispose: async () => void (await loaded.dispose()) };
  } catch (e) {
    await model?.dispose();
    throw explainLoadError(e, `${label} (${option.precision})`);
  }
}
