import { useCallback, useMemo } from 'react';
import type { Manifest, PoolEntry } from '../bundle/manifest';
import { colorFor } from '../ui/colors';
import { useView } from './viewStore';

/** What every view says when the person has switched every LLM off. */
export const NO_LLM_ENABLED = 'Every LLM is disabled: turn one on in the pool editor.';

/**
 * The bundle's pool as the person edited it (prices, provider ids), which LLMs are on, and
 * each LLM's colour (by its place in the bundle, so colours never move when one is disabled).
 */
export function useEffectivePool(manifest: Manifest | null) {
  const overrides = useView((s) => s.pool);
  const pool: PoolEntry[] = useMemo(
    () =>
      (manifest?.pool ?? []).map((entry) => {
        const { enabled: _enabled, ...edits } = overrides[entry.name] ?? {};
        return { ...entry, ...edits };
      }),
    [manifest, overrides],
  );
  const enabled = useCallback((name: string) => overrides[name]?.enabled !== false, [overrides]);
  const colors = useMemo(() => new Map((manifest?.pool ?? []).map((m, i) => [m.name, colorFor(i)])), [manifest]);
  const anyEnabled = (manifest?.pool ?? []).some((m) => enabled(m.name));
  return { overrides, pool, enabled, anyEnabled, colors };
}
