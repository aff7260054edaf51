import { describe, expect, it } from 'vitest';
import { offlineSummary, type OfflineFacts } from './offlineSummary';
import type { WorkerStatus } from './protocol';

const KEPT: WorkerStatus = {
  build: 'b1',
  required: { files: 30, bytes: 18_600_000, kept: 30 },
  optional: [{ path: 'assets/encoder.wasm', bytes: 27e6, kept: false }],
};
const NONE = { heads: false, encoder: [], runtime: false };
const facts = (over: Partial<OfflineFacts> = {}): OfflineFacts => ({
  worker: 'active',
  reason: null,
  pageBuild: 'b1',
  kept: KEPT,
  bundle: { kind: 'default' },
  release: NONE,
  ...over,
});

describe('offlineSummary', () => {
  it('is ready when this build is kept and the default bundle is on screen, and says how much', () => {
    const s = offlineSummary(facts());
    expect(s.state).toBe('ready');
    expect(s.lines[0]).toBe(
      'The app and the default predictor (18.6 MB) are kept: with the network off, a reload opens the app.',
    );
  });

  it('says why nothing is kept where no service worker runs', () => {
    for (const worker of ['unsupported', 'refused', 'failed', 'off'] as const) {
      const s = offlineSummary(facts({ worker, reason: 'a page opened from a file cannot run one', kept: null }));
      expect(s.state).toBe('no');
      expect(s.lines).toEqual(['Nothing is kept for offline use: a page opened from a file cannot run one.']);
    }
    expect(offlineSummary(facts({ worker: 'installing', kept: null }))).toMatchObject({
      state: 'no',
      label: 'saving…',
    });
    expect(offlineSummary(facts({ worker: 'starting', kept: null }))).toMatchObject({ state: 'no', label: 'not yet' });
  });

  it('is partial while an earlier build is kept, or files are missing', () => {
    expect(offlineSummary(facts({ pageBuild: 'b2' }))).toMatchObject({
      state: 'partial',
      label: 'older version',
    });
    const missing = offlineSummary(facts({ kept: { ...KEPT, required: { ...KEPT.required, kept: 29 } } }));
    expect(missing.state).toBe('partial');
    expect(missing.lines[0]).toContain('29 of 30 files are kept');
  });

  it('is partial on a bundle that is not kept, saying the default opens instead', () => {
    const served = offlineSummary(facts({ bundle: { kind: 'served', id: 'dev-random' } }));
    expect(served.state).toBe('partial');
    expect(served.lines).toContain(
      'The bundle “dev-random” is not kept: offline, a reload opens the default bundle instead.',
    );
    expect(offlineSummary(facts({ bundle: { kind: 'local' } })).state).toBe('partial');
  });

  it('is ready on the released router only with its heads, an encoder precision and the encoder’s runtime', () => {
    const release = { kind: 'release' } as const;
    const all = { heads: true, encoder: ['q8'], runtime: true };
    const ready = offlineSummary(facts({ bundle: release, release: all }));
    expect(ready.state).toBe('ready');
    expect(ready.lines).toContain(
      'The authors’ R2-Router: its heads are kept, its Qwen3 encoder is kept (q8), with its runtime.',
    );
    for (const missing of [{ heads: false }, { encoder: [] }, { runtime: false }]) {
      const s = offlineSummary(facts({ bundle: release, release: { ...all, ...missing } }));
      expect(s.state).toBe('partial');
      expect(s.lines.at(-1)).toBe(
        'Not everything the released router needs is kept: offline, a reload opens the default bundle instead.',
      );
    }
    // On the default bundle, what is kept of the release is still listed.
    expect(offlineSummary(facts({ release: { ...NONE, heads: true } })).lines[1]).toBe(
      'The authors’ R2-Router: its heads are kept, its Qwen3 encoder is not kept.',
    );
  });
});
