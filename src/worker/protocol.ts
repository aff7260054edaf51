import type { Manifest } from '../bundle/manifest';
import type { Prediction } from '../router/curves';
import type { EncoderRequest, EncoderResponse } from './encoderProtocol';

/** Messages between the app and the predictor worker (the only place that touches ONNX). */

export type Backend = 'webgpu' | 'wasm';

export type WorkerRequest =
  | { type: 'load'; manifest: Manifest; onnx: ArrayBuffer }
  | { type: 'predict'; id: number; texts: string[] }
  | EncoderRequest;

export type WorkerResponse =
  | { type: 'loaded'; backend: Backend; loadMs: number; runtimeMs: number; webgpuNote: string | null }
  | { type: 'predicted'; id: number; predictions: Prediction[]; encodeMs: number; inferMs: number }
  | EncoderResponse
  | { type: 'failed'; id: number | null; message: string };
