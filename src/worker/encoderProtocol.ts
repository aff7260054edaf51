import type { PrecisionOption, Precision } from '../encoder/exportFiles';
import type { PickedFile } from '../encoder/pickedFolder';
import type { Device } from '../encoder/qwen3';

/** Messages about the query encoder between the app and the predictor worker. */

/** The Cache Storage bucket holding Hub file lists and weights. */
export const ENCODER_CACHE = 'r2-encoder-weights';

export type EncoderSource = { kind: 'hub'; id: string } | { kind: 'folder'; name: string; files: PickedFile[] };

export interface ExportInspection {
  options: (PrecisionOption & { cached: boolean })[];
  recommended: Precision;
}

export interface EncoderLoad {
  source: EncoderSource;
  precision: Precision;
  device: Device;
  /** The width the active bundle's heads read, checked before the weights are fetched. */
  dim: number;
}

export interface EncoderInfo {
  label: string;
  precision: Precision;
  device: Device;
  dim: number;
  bytes: number;
  /** Where the files came from: the Hub, this browser's cache (every file), or a picked folder. */
  from: 'hub' | 'cache' | 'folder';
  loadMs: number;
}

export type EncoderRequest =
  | { type: 'inspect-encoder'; id: number; source: EncoderSource }
  | { type: 'load-encoder'; id: number; load: EncoderLoad }
  | { type: 'forget-encoder-cache'; id: number };

export type EncoderResponse =
  | { type: 'encoder-inspected'; id: number; inspection: ExportInspection }
  | { type: 'encoder-progress'; id: number; loaded: number; total: number }
  | { type: 'encoder-loaded'; id: number; info: EncoderInfo }
  | { type: 'encoder-cache-forgotten'; id: number };
