import type { Manifest } from '../bundle/manifest';
import type { EncoderProblem } from '../encoder/encoderError';
import type { Prediction } from '../router/curves';
import type { EncoderRequest, EncoderResponse } from './encoderProtocol';

/** Messages between the app and the predictor worker (the only place that touches ONNX). */

export type Backend = 'webgpu' | 'wasm';

export type WorkerRequest =
  | { type: 'load'; manifest: Manifest; onnx: ArrayBuffer }
  | { type: 'predict'; id: number; texts: string[] }
  /** A workload: predicted `chunk` queries at a time, each chunk answered as it is done. */
  | { type: 'predict-batch'; id: number; texts: string[]; chunk: number }
  /**
   * Stops a predict or a batch: one not started yet never starts; one embedding stops at the
   * encoder's next step. A batch then answers 'batch-done' with cancelled: true, a predict
   * 'failed' with the problem 'cancelled'.
   */
  | { type: 'cancel'; id: number }
  /**
   * A query as it is being typed, for an in-page encoder to embed before its 'predict' comes
   * (while the page's debounce waits): no reply; the newest replaces one not started, and a
   * 'predict' of another text stops it at its next step (what it finished stays cached).
   */
  | { type: 'embed-ahead'; text: string }
  | EncoderRequest;

export type WorkerResponse =
  | { type: 'loaded'; backend: Backend; loadMs: number; runtimeMs: number; webgpuNote: string | null }
  | { type: 'predicted'; id: number; predictions: Prediction[]; encodeMs: number; inferMs: number }
  | { type: 'batch-progress'; id: number; from: number; predictions: Prediction[] }
  | { type: 'batch-done'; id: number; cancelled: boolean }
  | EncoderResponse
  /** `problem` is set when the error was an EncoderError, so the page can rethrow it as one. */
  | { type: 'failed'; id: number | null; message: string; problem: EncoderProblem | null };
