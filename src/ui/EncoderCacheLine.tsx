import type { KvCache } from '../encoder/kvCache';
import { useEncoder } from '../predictor/useEncoder';
import { formatBytes, formatCount } from './format';

/**
 * Whether the loaded encoder re-runs only what an edit changed, how much the last query took
 * from its KV cache, and how much memory those caches hold against their cap.
 */
export function EncoderCacheLine({ kvCache }: { kvCache: KvCache }) {
  const activity = useEncoder((s) => s.cache);
  if (kvCache !== 'incremental')
    return (
      <p className="hint" data-testid="encoder-cache" data-kv-cache={kvCache}>
        Every query is embedded whole: this export’s attention cannot continue a cached prefix.
      </p>
    );
  const { cache, lastText } = activity ?? {};
  return (
    <p
      className="hint"
      data-testid="encoder-cache"
      data-kv-cache={kvCache}
      data-entries={cache?.entries ?? 0}
      data-bytes={cache?.bytes ?? 0}
      data-reused={lastText?.reused ?? 0}
      data-computed={lastText?.computed ?? 0}
    >
      Live as you type: an edit re-runs only the tokens after it, continuing the cached keys and values of the text
      before it.
      {lastText &&
        ` Last query: ${formatCount(lastText.reused)} tokens from the cache, ${formatCount(lastText.computed)} run${lastText.kept ? '.' : '; too long to keep within the cap, so the next edit runs it whole.'}`}
      {cache &&
        ` Cache: ${formatCount(cache.entries)} ${cache.entries === 1 ? 'text' : 'texts'}, ${formatBytes(cache.bytes)} of ${formatBytes(cache.capBytes)}.`}
    </p>
  );
}
