import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkerState } from './offlineSummary';
import type { PageMessage, WorkerStatus } from './protocol';

/** The page's side of its service worker (sw.ts): registering it, asking what it keeps, taking a newer build. */

export interface OfflineState {
  worker: WorkerState;
  /** Why no service worker runs, when none does. */
  reason: string | null;
  /** This page's build, from its <meta name="r2-build">; null on the dev server. */
  pageBuild: string | null;
  /** Whether a service worker served this page (one that claims it later did not add its headers). */
  controlled: boolean;
  /** What the active worker keeps; null until it has answered. */
  kept: WorkerStatus | null;
  /** A newer deployment's worker is installed and waits: a reload shows the new build. */
  updateWaiting: boolean;
  /** Activates the waiting build and reloads into it. */
  reloadIntoUpdate: () => void;
  /** Has the active worker keep these optional files (paths under the base) that the page has used. */
  keep: (paths: readonly string[]) => Promise<void>;
}

export interface OfflineDeps {
  /** navigator.serviceWorker, or why there is none. */
  container: ServiceWorkerContainer | { unavailable: string };
  pageBuild: string | null;
  /** The app's base URL: the worker's script is sw.js there, and its scope is the base. */
  base: string;
  reload: () => void;
  /** Calls back when the page becomes visible again, the moment to look for a new deployment. */
  onVisible: (callback: () => void) => void;
  /** How long a worker has to answer before it is asked again (5 s). */
  patienceMs?: number;
}

/** What the app tells the store when it starts it. */
export interface AppHooks {
  /** Resolves when registering (and the downloads it starts) no longer competes with the first curves. */
  settled: () => Promise<void>;
  /** The optional files (runtimes) the page has used so far, to keep once the worker is active. */
  used: () => string[];
}

const STATUS_TIMEOUT_MS = 5000;
const MAX_RETRIES = 5;
/** Keeping a 27 MB runtime may mean downloading it again. */
const KEEP_TIMEOUT_MS = 120_000;

/** What a worker keeps (after doing what `message` asks), answered on a port of its own; null if it does not answer. */
function ask(worker: ServiceWorker, message: PageMessage, timeoutMs: number) {
  const channel = new MessageChannel();
  return new Promise<WorkerStatus | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    channel.port1.onmessage = (e: MessageEvent<WorkerStatus>) => {
      clearTimeout(timer);
      resolve(e.data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

const activate = (worker: ServiceWorker) => worker.postMessage({ type: 'activate' } satisfies PageMessage);

export function createOfflineStore(deps: OfflineDeps): StoreApi<OfflineState> & {
  start: (app: AppHooks) => Promise<void>;
} {
  let used: AppHooks['used'] = () => [];
  const patience = deps.patienceMs ?? STATUS_TIMEOUT_MS;
  let registration: ServiceWorkerRegistration | null = null;
  let reloading = false;
  /** Optional files a `keep` message is out for. */
  const keeping = new Set<string>();
  const store = createStore<OfflineState>()(() => ({
    worker: 'starting',
    reason: null,
    pageBuild: deps.pageBuild,
    controlled: false,
    kept: null,
    updateWaiting: false,
    reloadIntoUpdate: () => {
      const waiting = registration?.waiting;
      if (!waiting) return deps.reload();
      reloading = true;
      activate(waiting);
    },
    keep: async (paths) => {
      const active = registration?.active;
      const missing = paths.filter(
        (p) => !keeping.has(p) && store.getState().kept?.optional.some((f) => f.path === p && !f.kept),
      );
      if (!active || !missing.length) return;
      missing.forEach((p) => keeping.add(p));
      const kept = await ask(active, { type: 'keep', paths: missing }, KEEP_TIMEOUT_MS);
      missing.forEach((p) => keeping.delete(p));
      if (kept) store.setState({ kept });
    },
  }));

  /** A worker busy starting or installing on a loaded machine may answer late: asked again a few times. */
  let retries = 0;
  function askAgain(reg: ServiceWorkerRegistration): void {
    if (retries++ < MAX_RETRIES) setTimeout(() => void refresh(reg), patience);
  }

  /** Reads the registration again: the active worker's files, and whether a waiting one is newer than this page. */
  async function refresh(reg: ServiceWorkerRegistration): Promise<void> {
    const { active, waiting, installing } = reg;
    if (!active && !waiting && !installing)
      return store.setState({
        worker: 'failed',
        reason: 'it could not keep the app’s files (it tries again on the next visit)',
      });
    store.setState({ worker: active ? 'active' : 'installing' });
    if (!active) return;
    const kept = await ask(active, { type: 'status' }, patience);
    if (!kept) return askAgain(reg);
    store.setState({ kept });
    void store.getState().keep(used());
    if (!waiting) return;
    const next = await ask(waiting, { type: 'status' }, patience);
    if (!next) return askAgain(reg);
    // A waiting worker of this very page's build (the page came from the network, past an older
    // worker) takes over at once; a newer build waits for the person to reload.
    if (next.build === deps.pageBuild) activate(waiting);
    else store.setState({ updateWaiting: true });
  }

  async function start(app: AppHooks): Promise<void> {
    used = app.used;
    const { container } = deps;
    if ('unavailable' in container) return store.setState({ worker: 'unsupported', reason: container.unavailable });
    if (deps.pageBuild === null)
      return store.setState({ worker: 'off', reason: 'the development server registers no service worker' });
    // Read before the worker claims the page: only a page it served carries its headers.
    store.setState({ controlled: container.controller !== null });
    await app.settled();
    let reg: ServiceWorkerRegistration | undefined;
    try {
      reg = await container.register(`${deps.base}sw.js`, { scope: deps.base });
    } catch (e) {
      return store.setState({ worker: 'refused', reason: `the browser refused it (${(e as Error).message})` });
    }
    // A blocked registration (as automated browsers may do) resolves with nothing.
    if (!reg) return store.setState({ worker: 'refused', reason: 'the browser did not register it' });
    registration = reg;
    const follow = (worker: ServiceWorker | null) => worker?.addEventListener('statechange', () => void refresh(reg));
    follow(reg.installing);
    follow(reg.waiting);
    reg.addEventListener('updatefound', () => follow(reg.installing));
    container.addEventListener('controllerchange', () => (reloading ? deps.reload() : void refresh(reg)));
    deps.onVisible(() => void reg.update().catch(() => undefined));
    await refresh(reg);
  }

  return Object.assign(store, { start });
}

export type OfflineStore = ReturnType<typeof createOfflineStore>;
