import { describe, expect, it, vi } from 'vitest';
import { createOfflineStore, type AppHooks, type OfflineDeps } from './offlineStore';
import type { WorkerStatus } from './protocol';

/** Just enough of the Service Worker API: workers answer "status" with their build's files. */
class FakeWorker extends EventTarget {
  messages: string[] = [];
  kept = new Set<string>();
  /** Status requests it lets pass unanswered, as a busy worker does. */
  silent = 0;
  constructor(private build: string) {
    super();
  }
  postMessage(message: { type: string; paths?: string[] }, ports: MessagePort[] = []) {
    this.messages.push(message.type === 'keep' ? `keep ${message.paths!.join(' ')}` : message.type);
    for (const path of message.paths ?? []) this.kept.add(path);
    const status: WorkerStatus = {
      build: this.build,
      required: { files: 2, bytes: 10, kept: 2 },
      optional: ['a.wasm', 'b.wasm'].map((path) => ({ path, bytes: 5, kept: this.kept.has(path) })),
    };
    if (message.type === 'status' && this.silent > 0) this.silent--;
    else if (message.type !== 'activate') ports[0]!.postMessage(status);
  }
}

function fakes(workers: { active?: FakeWorker; waiting?: FakeWorker }, controlled = true) {
  const registration = Object.assign(new EventTarget(), {
    active: workers.active ?? null,
    waiting: workers.waiting ?? null,
    installing: null,
    update: vi.fn(() => Promise.resolve()),
  });
  const container = Object.assign(new EventTarget(), {
    controller: controlled ? {} : null,
    register: vi.fn(() => Promise.resolve(registration)),
  });
  return { registration, container };
}

const HOOKS: AppHooks = { settled: () => Promise.resolve(), used: () => [] };

function deps(container: unknown, over: Partial<OfflineDeps> = {}): OfflineDeps {
  return {
    container: container as ServiceWorkerContainer,
    pageBuild: 'b2',
    base: '/r2/',
    reload: vi.fn(),
    onVisible: () => {},
    ...over,
  };
}

describe('createOfflineStore', () => {
  it('registers sw.js at the base once settled, and reads what the active worker keeps', async () => {
    const { container } = fakes({ active: new FakeWorker('b2') });
    const store = createOfflineStore(deps(container));
    await store.start(HOOKS);
    expect(container.register).toHaveBeenCalledWith('/r2/sw.js', { scope: '/r2/' });
    expect(store.getState()).toMatchObject({ worker: 'active', controlled: true, updateWaiting: false });
    expect(store.getState().kept?.build).toBe('b2');
  });

  it('says why when there is no service worker, on the dev server, and when registering is blocked', async () => {
    const none = createOfflineStore(deps({ unavailable: 'service workers need HTTPS (or localhost)' }));
    await none.start(HOOKS);
    expect(none.getState()).toMatchObject({
      worker: 'unsupported',
      reason: 'service workers need HTTPS (or localhost)',
    });
    const dev = createOfflineStore(deps(fakes({}).container, { pageBuild: null }));
    await dev.start(HOOKS);
    expect(dev.getState().worker).toBe('off');
    const blocked = { register: () => Promise.resolve(undefined), controller: null };
    const refused = createOfflineStore(deps(blocked));
    await refused.start(HOOKS);
    expect(refused.getState()).toMatchObject({ worker: 'refused', reason: 'the browser did not register it' });
  });

  it('lets a waiting worker of this page’s own build take over at once', async () => {
    const waiting = new FakeWorker('b2');
    const { container } = fakes({ active: new FakeWorker('b1'), waiting });
    const store = createOfflineStore(deps(container));
    await store.start(HOOKS);
    expect(waiting.messages).toEqual(['status', 'activate']);
    expect(store.getState().updateWaiting).toBe(false);
  });

  it('offers a newer waiting build, and reloads into it once it controls the page', async () => {
    const waiting = new FakeWorker('b3');
    const { container } = fakes({ active: new FakeWorker('b2'), waiting });
    const reload = vi.fn();
    const store = createOfflineStore(deps(container, { reload }));
    await store.start(HOOKS);
    expect(store.getState().updateWaiting).toBe(true);
    expect(waiting.messages).toEqual(['status']);
    store.getState().reloadIntoUpdate();
    expect(waiting.messages).toEqual(['status', 'activate']);
    expect(reload).not.toHaveBeenCalled();
    container.dispatchEvent(new Event('controllerchange'));
    expect(reload).toHaveBeenCalledOnce();
  });

  it('has the worker keep the runtimes the page used, once each, whether used before it was active or after', async () => {
    const active = new FakeWorker('b2');
    const { container } = fakes({ active });
    let used = ['a.wasm'];
    const store = createOfflineStore(deps(container));
    await store.start({ ...HOOKS, used: () => used });
    await expect.poll(() => store.getState().kept?.optional.find((f) => f.path === 'a.wasm')?.kept).toBe(true);
    used = ['a.wasm', 'b.wasm'];
    await Promise.all([store.getState().keep(used), store.getState().keep(used)]);
    expect(active.messages.filter((m) => m.startsWith('keep'))).toEqual(['keep a.wasm', 'keep b.wasm']);
    expect(store.getState().kept?.optional.every((f) => f.kept)).toBe(true);
  });

  it('asks a worker that did not answer again, and takes no silence for a newer build', async () => {
    const active = Object.assign(new FakeWorker('b2'), { silent: 1 });
    const waiting = Object.assign(new FakeWorker('b3'), { silent: 1 });
    const { container } = fakes({ active, waiting });
    const store = createOfflineStore(deps(container, { patienceMs: 20 }));
    await store.start(HOOKS);
    expect(store.getState()).toMatchObject({ worker: 'active', kept: null, updateWaiting: false });
    await expect.poll(() => store.getState().kept?.build).toBe('b2');
    await expect.poll(() => store.getState().updateWaiting).toBe(true);
    expect(waiting.messages).toEqual(['status', 'status']);
  });

  it('looks for a new deployment when the page is seen again', async () => {
    const { container, registration } = fakes({ active: new FakeWorker('b2') });
    let visible = () => {};
    const store = createOfflineStore(deps(container, { onVisible: (fn) => (visible = fn) }));
    await store.start(HOOKS);
    visible();
    expect(registration.update).toHaveBeenCalledOnce();
  });
});
