/**
 * The providers people use, each with its OpenAI-compatible base URL, how it names the pool's
 * LLMs, and whether it reports token usage at the end of a stream. The remote base URLs are the
 * providers' documented ones; the local servers listen on their default ports.
 */

export const PROVIDER_IDS = [
  'openrouter',
  'openai',
  'together',
  'fireworks',
  'deepinfra',
  'groq',
  'vllm',
  'ollama',
  'lmstudio',
  'custom',
] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export interface ProviderPreset {
  id: ProviderId;
  label: string;
  /** Empty for `custom`: the person types one. */
  baseUrl: string;
  /** A local server on this machine: no key is needed, any non-empty value will do. */
  local: boolean;
  /** The provider sends a usage chunk at the end of a stream; otherwise streamed tokens are estimated. */
  streamsUsage: boolean;
  /**
   * Provider model id per pool LLM (by the pool's display name). A name not listed here is sent
   * with the pool's own provider id, which the pool editor edits.
   */
  modelIds: Readonly<Record<string, string>>;
  /** Said next to the preset: what to check before paying for a call. */
  note: string;
}

/** The Hugging Face repositories of the release's pool: what vLLM serves them as, and what several providers call them. */
const HF_REPOS: Readonly<Record<string, string>> = {
  'Qwen3-235B-A22B-Instruct-2507': 'Qwen/Qwen3-235B-A22B-Instruct-2507',
  'GLM-4.5-Air': 'zai-org/GLM-4.5-Air',
  'Llama-3.1-70B-Instruct': 'meta-llama/Llama-3.1-70B-Instruct',
  'Qwen2.5-Math-7B-Instruct': 'Qwen/Qwen2.5-Math-7B-Instruct',
  'Qwen2.5-Math-1.5B-Instruct': 'Qwen/Qwen2.5-Math-1.5B-Instruct',
  'gemma-3-4b-it': 'google/gemma-3-4b-it',
  'Llama-3.2-3B-Instruct': 'meta-llama/Llama-3.2-3B-Instruct',
  'Mistral-7B-Instruct-v0.2': 'mistralai/Mistral-7B-Instruct-v0.2',
  'Qwen3-0.6B': 'Qwen/Qwen3-0.6B',
  'gemma-3-1b-it': 'google/gemma-3-1b-it',
  'gemma-3-270m-it': 'google/gemma-3-270m-it',
};

/** Ollama's library tags for the pool LLMs it carries. */
const OLLAMA_TAGS: Readonly<Record<string, string>> = {
  'Llama-3.1-70B-Instruct': 'llama3.1:70b',
  'gemma-3-4b-it': 'gemma3:4b',
  'Llama-3.2-3B-Instruct': 'llama3.2:3b',
  'Mistral-7B-Instruct-v0.2': 'mistral:7b-instruct-v0.2-q4_0',
  'Qwen3-0.6B': 'qwen3:0.6b',
  'gemma-3-1b-it': 'gemma3:1b',
  'gemma-3-270m-it': 'gemma3:270m',
};

const CHECK_IDS = 'Model ids are suggestions: check them against the provider’s model list and edit them below.';

export const PROVIDERS: Readonly<Record<ProviderId, ProviderPreset>> = {
  openrouter: {
    id: 'openrouter',
    label: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    local: false,
    streamsUsage: true,
    modelIds: {},
    note: 'Uses the pool’s provider ids (OpenRouter’s), edited in the pool editor. The release marks some pool LLMs “requires self-hosting”: use a local preset for those.',
  },
  openai: {
    id: 'openai',
    label: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    local: false,
    streamsUsage: true,
    modelIds: {},
    note: 'OpenAI serves none of the pool’s LLMs: map the ones you want to compare to OpenAI models below (for a judge, any chat model).',
  },
  together: {
    id: 'together',
    label: 'Together AI',
    baseUrl: 'https://api.together.xyz/v1',
    local: false,
    streamsUsage: true,
    modelIds: HF_REPOS,
    note: CHECK_IDS,
  },
  fireworks: {
    id: 'fireworks',
    label: 'Fireworks AI',
    baseUrl: 'https://api.fireworks.ai/inference/v1',
    local: false,
    streamsUsage: true,
    modelIds: {
      'Qwen3-235B-A22B-Instruct-2507': 'accounts/fireworks/models/qwen3-235b-a22b-instruct-2507',
      'GLM-4.5-Air': 'accounts/fireworks/models/glm-4p5-air',
      'Llama-3.1-70B-Instruct': 'accounts/fireworks/models/llama-v3p1-70b-instruct',
    },
    note: CHECK_IDS,
  },
  deepinfra: {
    id: 'deepinfra',
    label: 'DeepInfra',
    baseUrl: 'https://api.deepinfra.com/v1/openai',
    local: false,
    streamsUsage: true,
    modelIds: HF_REPOS,
    note: CHECK_IDS,
  },
  groq: {
    id: 'groq',
    label: 'Groq',
    baseUrl: 'https://api.groq.com/openai/v1',
    local: false,
    streamsUsage: true,
    modelIds: { 'Llama-3.1-70B-Instruct': 'llama-3.3-70b-versatile' },
    note: `Groq serves few of the pool’s LLMs (Llama-3.1-70B is mapped to its Llama-3.3-70B). ${CHECK_IDS}`,
  },
  vllm: {
    id: 'vllm',
    label: 'vLLM (local)',
    baseUrl: 'http://localhost:8000/v1',
    local: true,
    streamsUsage: true,
    modelIds: HF_REPOS,
    note: 'vllm serve <Hugging Face repo>: the model id is the repository name. For the LLMs the release marks “requires self-hosting”.',
  },
  ollama: {
    id: 'ollama',
    label: 'Ollama (local)',
    baseUrl: 'http://localhost:11434/v1',
    local: true,
    streamsUsage: true,
    modelIds: OLLAMA_TAGS,
    note: 'Model ids are Ollama tags (ollama pull <tag>). Start Ollama with OLLAMA_ORIGINS set to this page’s origin so the browser may call it.',
  },
  lmstudio: {
    id: 'lmstudio',
    label: 'LM Studio (local)',
    baseUrl: 'http://localhost:1234/v1',
    local: true,
    streamsUsage: false,
    modelIds: {},
    note: 'Use the model identifiers LM Studio lists for the models you loaded; turn on CORS in its server settings.',
  },
  custom: {
    id: 'custom',
    label: 'Custom base URL',
    baseUrl: '',
    local: false,
    streamsUsage: false,
    modelIds: {},
    note: 'Any OpenAI-compatible server the page’s security policy allows.',
  },
};

/** The preset whose base URL this is, else custom. */
export function presetForEndpoint(endpoint: string): ProviderId {
  const trimmed = endpoint.trim().replace(/\/+$/, '');
  return PROVIDER_IDS.find((id) => id !== 'custom' && PROVIDERS[id].baseUrl === trimmed) ?? 'custom';
}

/** The person's edits to a provider's model ids: pool name → id. */
export type ModelIdEdits = Partial<Record<ProviderId, Record<string, string>>>;

/** The id to send for a pool LLM: the person's edit, else the preset's, else the pool's own provider id. */
export function providerModelId(
  provider: ProviderId,
  edits: ModelIdEdits,
  entry: { name: string; providerId: string },
): string {
  const edited = edits[provider]?.[entry.name]?.trim();
  if (edited) return edited;
  return PROVIDERS[provider].modelIds[entry.name] ?? entry.providerId;
}

/** Origins of the presets' base URLs: the page's policy must let it connect to each. */
export function presetOrigins(): string[] {
  return [
    ...new Set(
      PROVIDER_IDS.map((id) => PROVIDERS[id].baseUrl)
        .filter((u) => u !== '')
        .map((u) => new URL(u).origin),
    ),
  ];
}
