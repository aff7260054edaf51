import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS, PROVIDERS, presetForEndpoint, presetOrigins, providerModelId } from './providers';

const entry = { name: 'Qwen3-0.6B', providerId: 'qwen/qwen3-0.6b' };

describe('provider presets', () => {
  it('has the base URLs the providers document, and the local servers on their default ports', () => {
    expect(Object.fromEntries(PROVIDER_IDS.map((id) => [id, PROVIDERS[id].baseUrl]))).toEqual({
      openrouter: 'https://openrouter.ai/api/v1',
      openai: 'https://api.openai.com/v1',
      together: 'https://api.together.xyz/v1',
      fireworks: 'https://api.fireworks.ai/inference/v1',
      deepinfra: 'https://api.deepinfra.com/v1/openai',
      groq: 'https://api.groq.com/openai/v1',
      vllm: 'http://localhost:8000/v1',
      ollama: 'http://localhost:11434/v1',
      lmstudio: 'http://localhost:1234/v1',
      custom: '',
    });
  });

  it('lists one origin per remote provider and one for the local servers', () => {
    expect(presetOrigins()).toEqual([
      'https://openrouter.ai',
      'https://api.openai.com',
      'https://api.together.xyz',
      'https://api.fireworks.ai',
      'https://api.deepinfra.com',
      'https://api.groq.com',
      'http://localhost:8000',
      'http://localhost:11434',
      'http://localhost:1234',
    ]);
  });

  it('recognises a preset from its base URL, with or without a trailing slash', () => {
    expect(presetForEndpoint('https://api.groq.com/openai/v1/')).toBe('groq');
    expect(presetForEndpoint(' http://localhost:11434/v1 ')).toBe('ollama');
    expect(presetForEndpoint('http://localhost:11435/v1')).toBe('custom');
    expect(presetForEndpoint('https://openrouter.ai/api/v2')).toBe('custom');
  });
});

describe('providerModelId', () => {
  it('OpenRouter and a custom URL use the pool’s own id', () => {
    expect(providerModelId('openrouter', {}, entry)).toBe('qwen/qwen3-0.6b');
    expect(providerModelId('custom', {}, entry)).toBe('qwen/qwen3-0.6b');
  });

  it('a preset names the LLM its own way', () => {
    expect(providerModelId('vllm', {}, entry)).toBe('Qwen/Qwen3-0.6B');
    expect(providerModelId('ollama', {}, entry)).toBe('qwen3:0.6b');
  });

  it('the person’s edit wins for that provider only; a blank edit falls back', () => {
    const edits = { ollama: { 'Qwen3-0.6B': 'qwen3:0.6b-q8_0' }, vllm: { 'Qwen3-0.6B': '  ' } };
    expect(providerModelId('ollama', edits, entry)).toBe('qwen3:0.6b-q8_0');
    expect(providerModelId('vllm', edits, entry)).toBe('Qwen/Qwen3-0.6B');
    expect(providerModelId('openrouter', edits, entry)).toBe('qwen/qwen3-0.6b');
  });
});
