import { releaseCached } from '../bundle/authorsRelease';
import { exportOptions } from '../encoder/exportFiles';
import { HUB } from '../encoder/hub';
import { ENCODER_CACHE } from '../worker/encoderProtocol';
import type { OfflineFacts } from './offlineSummary';
import type { WorkerStatus } from './protocol';
import { ENCODER_RUNTIMES } from './runtimes';

/** What this browser keeps of the authors' release for a visit without network: read from Cache Storage. */

const HUB_FILE = new RegExp(`^${HUB}/([^/]+/[^/]+)/resolve/main/(.+)$`);

/** Precisions of any Qwen3 export whose every file is in the encoder's cache. */
async function keptEncoderPrecisions(): Promise<string[]> {
  if (typeof caches === 'undefined' || !(await caches.has(ENCODER_CACHE))) return [];
  const byExport = new Map<string, string[]>();
  for (const request of await (await caches.open(ENCODER_CACHE)).keys()) {
    const [, id, path] = HUB_FILE.exec(request.url) ?? [];
    if (id && path) byExport.set(id, [...(byExport.get(id) ?? []), path]);
  }
  return [...byExport].flatMap(([id, paths]) => {
    try {
      return exportOptions(
        paths.map((path) => ({ path, size: 0 })),
        id,
      ).map((o) => o.precision);
    } catch {
      return []; // a file list without its config or tokenizer kept
    }
  });
}

export async function releaseKept(kept: WorkerStatus | null): Promise<OfflineFacts['release']> {
  const [heads, encoder] = await Promise.all([releaseCached().catch(() => false), keptEncoderPrecisions()]);
  return {
    heads,
    encoder: [...new Set(encoder)],
    // The runtime of either device the encoder was loaded on.
    runtime: kept?.optional.some((f) => Object.values<string>(ENCODER_RUNTIMES).includes(f.path) && f.kept) ?? false,
  };
}
