/**
 * The in-page half of the benchmark: a script installed before the app's own code
 * (Playwright's addInitScript) that timestamps events with performance.now(), whose
 * origin is the navigation start. It is plain JavaScript in a string, so no bundler
 * helper can leak into what the page evaluates. Node reads it through `window.__bench`.
 */

export interface KeyTiming {
  /** keydown's event.timeStamp (ms since navigation start). */
  down: number;
  /** The first commit in which every curve's path had changed (null: not within the time limit). */
  allCurvesAt: number | null;
  /** When the app's debounce timer fired after this keydown. */
  debounceFiredAt: number | null;
}

export interface PressTiming {
  down: number;
  /** The first DOM mutation after the keydown: React's commit of the press (it always touches the inputs). */
  committedAt: number | null;
  /** The first change to the `selection` attributes, if the press changed the choice. */
  selectionAt: number | null;
  /** The first mutation inside the chart (markers or cap line), if any. */
  chartAt: number | null;
}

export interface WorkerTiming {
  backend: string;
  loadMs: number;
  samples: { encodeMs: number; inferMs: number; roundTripMs: number }[];
}

export function probeScript(debounceMs: number): string {
  return `(() => {
  const DEBOUNCE_MS = ${JSON.stringify(debounceMs)};
  const now = () => performance.now();
  const byTestId = (id) => document.querySelector('[data-testid="' + id + '"]');
  const curvePaths = () => Array.from(document.querySelectorAll('[data-testid="curves-chart"] path.curve-line'), (p) => p.getAttribute('d') || '');
  const drawn = (d) => d.length > 0 && !d.includes('NaN');
  const inChart = (node) => { const chart = byTestId('curves-chart'); return !!chart && chart.contains(node); };
  const realSetTimeout = window.setTimeout.bind(window);
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

  const bench = { firstCurvesAt: null, debounceFires: [] };
  window.__bench = bench;

  // The debounce timer is the app's setTimeout with exactly QUERY_DEBOUNCE_MS: note when it fires.
  window.setTimeout = function (handler, timeout, ...args) {
    if (timeout === DEBOUNCE_MS && typeof handler === 'function') {
      return realSetTimeout(function (...a) { bench.debounceFires.push(now()); return handler.apply(this, a); }, timeout, ...args);
    }
    return realSetTimeout(handler, timeout, ...args);
  };

  // Cold load: the first commit with a drawn curve.
  let curvesDrawn = null;
  const firstCurves = new Promise((resolve) => { curvesDrawn = resolve; });
  const cold = new MutationObserver(() => {
    if (curvePaths().some(drawn)) { bench.firstCurvesAt = now(); cold.disconnect(); curvesDrawn(bench.firstCurvesAt); }
  });
  cold.observe(document, { subtree: true, childList: true, attributes: true });
  // Resolves (null on time-out) without string evaluation, which the app's CSP forbids.
  bench.whenFirstCurves = (timeoutMs) => Promise.race([firstCurves, new Promise((r) => realSetTimeout(() => r(null), timeoutMs))]);

  // Keystrokes into the query box.
  let key = null;
  bench.armKey = () => { key = { down: null, baseline: curvePaths(), allCurvesAt: null, done: null }; };
  bench.keyResult = (timeoutMs) => new Promise((resolve) => {
    const finish = () => {
      const k = key; key = null;
      const fired = bench.debounceFires.find((t) => k.down !== null && t >= k.down);
      resolve({ down: k.down, allCurvesAt: k.allCurvesAt, debounceFiredAt: fired === undefined ? null : fired });
    };
    if (!key) throw new Error('armKey() first');
    if (key.allCurvesAt !== null) return finish();
    key.done = finish;
    realSetTimeout(() => { if (key && key.done === finish) finish(); }, timeoutMs);
  });

  // Slider presses.
  let press = null;
  bench.armPress = () => { press = { down: null, committedAt: null, selectionAt: null, chartAt: null }; };
  bench.pressResult = async (timeoutMs, waitForChart) => {
    const p = press;
    if (!p) throw new Error('armPress() first');
    const until = now() + timeoutMs;
    const settled = () => p.committedAt !== null && (!waitForChart && p.selectionAt === null || p.chartAt !== null);
    while (!settled() && now() < until) await new Promise((r) => realSetTimeout(r, 2));
    // Two frames more, so a deferred chart render does not spill into the next press.
    await nextFrame();
    await nextFrame();
    press = null;
    return { down: p.down, committedAt: p.committedAt, selectionAt: p.selectionAt, chartAt: p.chartAt };
  };

  window.addEventListener('keydown', (e) => {
    const id = e.target instanceof Element ? e.target.getAttribute('data-testid') : null;
    if (key && key.down === null && id === 'query-input') key.down = e.timeStamp;
    if (press && press.down === null && (id === 'lambda-slider' || id === 'budget-slider')) press.down = e.timeStamp;
  }, true);

  const watch = new MutationObserver((records) => {
    const t = now();
    if (key && key.down !== null && key.allCurvesAt === null) {
      const paths = curvePaths();
      if (paths.length > 0 && paths.every((d, i) => drawn(d) && d !== key.baseline[i])) { key.allCurvesAt = t; if (key.done) key.done(); }
    }
    if (press && press.down !== null) {
      if (press.committedAt === null) press.committedAt = t;
      for (const r of records) {
        const el = r.target instanceof Element ? r.target : r.target.parentElement;
        if (press.selectionAt === null && r.type === 'attributes' && el && el.getAttribute('data-testid') === 'selection') press.selectionAt = t;
        if (press.chartAt === null && el && inChart(el)) press.chartAt = t;
      }
    }
  });
  document.addEventListener('DOMContentLoaded', () => watch.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true }));

  // The predictor on its own: the app's worker chunk in a second worker, fed directly.
  bench.timeWorker = async (workerUrl, bundleBase, warmUp, texts) => {
    const manifest = await (await fetch(bundleBase + 'manifest.json')).json();
    const onnx = await (await fetch(bundleBase + manifest.onnx)).arrayBuffer();
    const worker = new Worker(workerUrl, { type: 'module' });
    const reply = () => new Promise((resolve, reject) => {
      worker.onmessage = (e) => e.data.type === 'failed' ? reject(new Error(e.data.message)) : resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message || 'the worker crashed'));
    });
    try {
      let next = reply();
      worker.postMessage({ type: 'load', manifest, onnx }, [onnx]);
      const loaded = await next;
      const samples = [];
      const all = warmUp.concat(texts);
      for (let i = 0; i < all.length; i++) {
        next = reply();
        const t0 = now();
        worker.postMessage({ type: 'predict', id: i, texts: [all[i]] });
        const r = await next;
        if (i >= warmUp.length) samples.push({ encodeMs: r.encodeMs, inferMs: r.inferMs, roundTripMs: now() - t0 });
      }
      return { backend: loaded.backend, loadMs: loaded.loadMs, samples };
    } finally {
      worker.terminate();
    }
  };
})();`;
}
