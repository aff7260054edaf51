import { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PoolEntry } from '../bundle/manifest';
import type { Prices } from '../router/types';
import { browserStorage, readJson, STORAGE_KEYS, writeItem } from '../state/storage';
import { DEFAULT_JUDGE_PROMPT } from './judge';
import { providerModelId, type ModelIdEdits, type ProviderId } from './providers';

export interface JudgeSettings {
  /** The judge's model id at the provider; '' means the suggested pool LLM. */
  model: string;
  prompt: string;
  /** Prices for a judge that is not a pool LLM (USD per 1M tokens); null until given. */
  inputPerMillion: number | null;
  outputPerMillion: number | null;
}

export interface JudgeState extends JudgeSettings {
  /** The person's reference answer for the current query: memory only, like the answers. */
  goldenAnswer: string;
  update: (patch: Partial<JudgeSettings & { goldenAnswer: string }>) => void;
  resetPrompt: () => void;
}

const DEFAULTS: JudgeSettings = {
  model: '',
  prompt: DEFAULT_JUDGE_PROMPT,
  inputPerMillion: null,
  outputPerMillion: null,
};

const storedSchema = z.object({
  model: z.string().optional().catch(undefined),
  prompt: z.string().optional().catch(undefined),
  inputPerMillion: z.number().nonnegative().nullable().optional().catch(undefined),
  outputPerMillion: z.number().nonnegative().nullable().optional().catch(undefined),
});

export function createJudgeStore(storage: Storage | null): StoreApi<JudgeState> {
  const stored = readJson(storage, STORAGE_KEYS.judgeSettings, storedSchema) ?? {};
  const kept = Object.fromEntries(Object.entries(stored).filter(([, v]) => v !== undefined));
  const store = createStore<JudgeState>()((set) => ({
    ...DEFAULTS,
    ...kept,
    goldenAnswer: '',
    update: (patch) => set(patch),
    resetPrompt: () => set({ prompt: DEFAULT_JUDGE_PROMPT }),
  }));
  store.subscribe((s) => {
    const saved: JudgeSettings = {
      model: s.model,
      prompt: s.prompt,
      inputPerMillion: s.inputPerMillion,
      outputPerMillion: s.outputPerMillion,
    };
    writeItem(storage, STORAGE_KEYS.judgeSettings, JSON.stringify(saved));
  });
  return store;
}

/** The page's one judge store. */
export const judgeStore = createJudgeStore(browserStorage());

/**
 * The suggested judge: the release pool's strongest LLM, which is also among its cheapest
 * (0.071 / 0.10 USD per 1M tokens); the pool's first LLM when a bundle has another pool.
 */
export const SUGGESTED_JUDGE = 'Qwen3-235B-A22B-Instruct-2507';

export interface Naming {
  provider: ProviderId;
  modelIds: ModelIdEdits;
}

export interface ResolvedJudge {
  /** The id sent to the provider. */
  model: string;
  /** The pool LLM it is, when it is one. */
  poolName: string | null;
  /** The pool's prices for a pool LLM, else the prices typed for the judge; null when unknown. */
  prices: Prices | null;
}

/** Which model judges, and at what price. */
export function resolveJudge(s: JudgeSettings, pool: readonly PoolEntry[], naming: Naming): ResolvedJudge {
  const ids = pool.map((entry) => ({ entry, id: providerModelId(naming.provider, naming.modelIds, entry) }));
  const suggested = ids.find((x) => x.entry.name === SUGGESTED_JUDGE) ?? ids[0];
  const model = s.model.trim() || suggested?.id || '';
  const match = ids.find((x) => x.id === model);
  if (match) return { model, poolName: match.entry.name, prices: match.entry };
  const prices =
    s.inputPerMillion !== null && s.outputPerMillion !== null
      ? { inputPerMillion: s.inputPerMillion, outputPerMillion: s.outputPerMillion }
      : null;
  return { model, poolName: null, prices };
}
