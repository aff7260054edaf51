/**
 * The worker of the direct harness: the onnxruntime-web build and settings the app's encoder
 * runs on WASM (`onnxruntime-web-encoder`, its plain .wasm, as many threads as the app gives
 * it: src/worker/encoderRuntime.ts), fed a whole text as the app feeds one: token ids, an
 * all-ones mask, positions 0…n−1 and an empty KV cache, fetching the hidden state only.
 * Plain JavaScript in a string, served by the harness's server.
 */
export const DIRECT_WORKER = `
import * as ort from '/ort/ort.wasm.min.mjs';
ort.env.wasm.wasmPaths = { wasm: '/ort/ort-wasm-simd-threaded.wasm' };
ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
let session = null;
let cache = null;
let output = null;

function feeds(ids) {
  const n = ids.length;
  const f = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, n]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
    position_ids: new ort.Tensor('int64', BigInt64Array.from({ length: n }, (_, i) => BigInt(i)), [1, n]),
  };
  for (const name of session.inputNames.filter((x) => x.startsWith('past_key_values.'))) {
    f[name] = new ort.Tensor(cache.type, cache.type === 'float16' ? new Uint16Array(0) : new Float32Array(0), [1, cache.heads, 0, cache.headDim]);
  }
  return f;
}

self.onmessage = async (e) => {
  const m = e.data;
  try {
    if (m.type === 'load') {
      const t0 = performance.now();
      const bytes = new Uint8Array(await (await fetch(m.url)).arrayBuffer());
      const t1 = performance.now();
      session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], enableProfiling: m.profile });
      cache = m.cache;
      output = m.output;
      postMessage({ fetchMs: t1 - t0, sessionMs: performance.now() - t1, threads: ort.env.wasm.numThreads });
    } else if (m.type === 'run') {
      const t0 = performance.now();
      const out = await session.run(feeds(m.ids), [output]);
      const ms = performance.now() - t0;
      postMessage({ ms, outputs: Object.keys(out).length });
    } else if (m.type === 'end-profiling') {
      session.endProfiling();
      postMessage({});
    }
  } catch (err) {
    postMessage({ error: String((err && err.message) || err) });
  }
};
`;

/** The page the harness opens: it only hosts the worker and relays messages. */
export const DIRECT_PAGE = `<!doctype html><meta charset="utf-8"><title>encoder harness</title>
<script>
  const worker = new Worker('/direct-worker.mjs', { type: 'module' });
  let pending = null;
  worker.onmessage = (e) => { const p = pending; pending = null; e.data.error ? p.reject(new Error(e.data.error)) : p.resolve(e.data); };
  worker.onerror = (e) => { const p = pending; pending = null; p && p.reject(new Error(e.message || 'the worker crashed')); };
  window.__call = (msg) => new Promise((resolve, reject) => { pending = { resolve, reject }; worker.postMessage(msg); });
</script>`;
