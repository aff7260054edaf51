import type { Manifest } from '../bundle/manifest';
import type { Prediction } from '../router/curves';
import type { EncoderRequest, EncoderResponse } from './encoderProtocol';

/** Messages between the app and the predictor worker (the only place that touches ONNX). */

export type Backend = 'webgpu' | 'wasm';

export type WorkerRequest =
  | { type: 'load'; manifest: Manifest; onnx: ArrayBuffer }
  | { type: 'predict'; id: number; texts: string[] }
  /** A workload: predicted `chunk` queries at a time, each chunk answered as it is done. */
  | { type: 'predict-batch'; id: number; texts: string[]; chunk: number }
  /** Stops a batch before its next chunk; it answers 'batch-done' with cancelled: true. */
  | { type: 'cancel-batch'; id: number }
  | EncoderRequest;

export type WorkerResponse =
  | { type: 'loaded'; backend: Backend; loadMs: number; runtimeMs: number; webgpuNote: string | null }
  | { type: 'predicted'; id: number; predictions: Prediction[]; encodeMs: number; inferMs: number }
  | { type: 'batch-progress'; id: number; from: number; predictions: Prediction[] }
  | { type: 'batch-done'; id: number; cancelled: boolean }
  | EncoderResponse
  | { type: 'failed'; id: number | null; message: string };
