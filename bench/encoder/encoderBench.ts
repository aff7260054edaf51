import type { Browser } from '@playwright/test';
import type { Precision } from '../../src/encoder/exportFiles';
import { TARGETS } from '../summary';
import { profileRuns } from './direct';
import { encoderRun, precisionTable, sliderRun, type Log } from './encoderMode';
import type { BenchExport } from './exportFolder';
import type { Spread } from '../stats';
import { nativeWholeTexts } from './native';
import { typingRun } from './typing';
import type { BuiltPrecision, ExportShape } from './qwen3Graph';

/**
 * The `encoder` object of `npm run bench -- --encoder`: the Hub-shaped (text-generation)
 * export through the app, at the panel's default precision or the one asked for; a batch of
 * varied queries (queries per second); slider presses during a long embedding; with
 * --profile, where a query's time goes. run.ts has
 * already checked WebGPU when it was asked for.
 */

/** The target; a slider press during an embedding has the bench's usual one (within a frame). */
const ENCODER_TARGETS = {
  embed50MsP50: 400,
  sliderDuringEmbeddingMsP95: TARGETS.sliderToSelectionMsP95,
  typing200MsP95: 150,
  typing1000MsP95: 300,
  loadMs: 4000,
} as const;
/** Query lengths, in tokens, for the typing figures. */
const TYPING_TOKENS = [200, 1000];
/** Queries per length in tokens: few, because a 2,000-token query takes minutes on 2 cores. */
const EMBED_SAMPLES: Record<string, number> = { '50': 6, '200': 3, '2000': 1 };
/** `--whole-texts`: whole texts only, a few minutes a run, for A/B runs alternating on one host. */
const WHOLE_TEXT_SAMPLES: Record<string, number> = { '50': 8, '200': 3 };
const SLIDER_QUERY_TOKENS = 2000;
/** The batch for queries per second (#13): 4 of each kind of the workload's queries. */
const WORKLOAD_QUERIES = 16;
/** The layout of onnx-community/Qwen3-0.6B-ONNX, which the panel offers for Qwen/Qwen3-0.6B. */
const SHAPE: ExportShape = 'text-generation';
/** The profile: whole 50-token texts, the target that a faster runtime would have to meet. */
const PROFILE = { tokens: 50, runs: 2 };

export interface EncoderBenchOptions {
  backend: 'wasm' | 'webgpu';
  /** A precision to run instead of the panel's default, or 'all' for the table of every precision. */
  precision: Precision | 'all' | null;
  profile: boolean;
  /** Only the whole texts' embeddings (WHOLE_TEXT_SAMPLES): no batch, slider, typing or profile. */
  wholeTexts: boolean;
}

export async function encoderBench(
  browser: Browser,
  base: string,
  options: EncoderBenchOptions,
  debounceMs: number,
  log: Log,
) {
  const ctx = { base, debounceMs, device: options.backend, log };
  if (options.precision === 'all') {
    return { encoder: { backend: options.backend, shape: SHAPE, precisions: await precisionTable(ctx, SHAPE) } };
  }

  const target = (value: number | null, goal: number) => ({ value, goal, met: value !== null && value < goal });
  // The panel offers only what the export has, and the export has no fp32.
  const profileOf = (exp: BenchExport, precision: string) =>
    options.profile
      ? profileRuns(browser, exp, precision as BuiltPrecision, PROFILE.tokens, PROFILE.runs)
      : Promise.resolve(undefined);
  if (options.wholeTexts) {
    const { run, exp } = await encoderRun(ctx, SHAPE, options.precision, WHOLE_TEXT_SAMPLES, 0);
    const native = await nativeWholeTexts(exp, run.precision, WHOLE_TEXT_SAMPLES, log);
    const profile = await profileOf(exp, run.precision);
    const embed50 = run.embedMs['50']?.p50 ?? null;
    return {
      encoder: {
        backend: options.backend,
        shape: SHAPE,
        ...run,
        targets: { embed50MsP50: target(embed50, ENCODER_TARGETS.embed50MsP50) },
        native,
        ...(profile ? { profile } : {}),
      },
    };
  }

  const { run, exp } = await encoderRun(ctx, SHAPE, options.precision, EMBED_SAMPLES, WORKLOAD_QUERIES);
  const sliders = await sliderRun(ctx, exp, run.precision, SLIDER_QUERY_TOKENS);
  const typing = await typingRun(ctx, exp, run.precision, TYPING_TOKENS);
  const profile = await profileOf(exp, run.precision);
  const embed50 = run.embedMs['50']?.p50 ?? null;
  const sliderP95 = sliders.sliderToSelectionMs?.p95 ?? null;
  const typed = (tokens: number) => (typing.typing[String(tokens)] as Spread | undefined)?.p95 ?? null;
  return {
    encoder: {
      backend: options.backend,
      shape: SHAPE,
      ...run,
      sliderDuringEmbedding: { queryTokens: SLIDER_QUERY_TOKENS, ...sliders },
      typing: typing.typing,
      editMiddle: typing.editMiddle,
      typingDetail: typing.detail,
      targets: {
        embed50MsP50: target(embed50, ENCODER_TARGETS.embed50MsP50),
        sliderDuringEmbeddingMsP95: target(sliderP95, ENCODER_TARGETS.sliderDuringEmbeddingMsP95),
        typing200MsP95: target(typed(200), ENCODER_TARGETS.typing200MsP95),
        typing1000MsP95: target(typed(1000), ENCODER_TARGETS.typing1000MsP95),
        loadMs: target(run.loadMs, ENCODER_TARGETS.loadMs),
      },
      ...(profile ? { profile } : {}),
    },
  };
}
