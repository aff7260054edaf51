import { describe, expect, it } from 'vitest';
import { MAX_QUERY_IN_URL, TOUR_STEPS } from '../config';
import { LINK_PARAMS, searchToView, viewToSearch } from './url';
import { DEFAULT_VIEW, type ViewState } from './viewState';

/** For each parameter, a view that differs from the default in exactly that parameter's fields. */
const SAMPLES: Record<string, Partial<ViewState>> = {
  bundle: { bundleId: 'r2-router' },
  q: { query: 'مرحبا 👋 — "quotes" & ampersands\n\tnew line ?q=1#x' },
  lambda: { lambda: 0.9999968 },
  cap: { capKind: 'usd', cap: { kind: 'usd', max: 0.000123 } },
  x: { xAxis: 'usd' },
  search: { continuous: false },
  present: { present: true },
  rules: { appRules: true },
  tour: { tour: 3 },
  guess: { guess: true },
  view: { view: 'workload' },
  embeddings: { embeddingsUrl: 'http://gpu-1.lan:8000/v1' },
  'embeddings-model': { embeddingsModel: 'Qwen/Qwen3-0.6B' },
  pool: { pool: { 'GLM-4.5-Air': { enabled: false, outputPerMillion: 1.55 }, 'a&b=c': { providerId: 'x/y' } } },
};

/** Deterministic pseudo-random strings, biased towards the characters the parsers look at. */
function* mangled(seed: number, count: number): Generator<string> {
  const alphabet = [
    '0',
    '1',
    '.',
    '-',
    '+',
    'e',
    'E',
    ':',
    'none',
    'tokens',
    'usd',
    '{',
    '}',
    '"',
    'a',
    '%',
    ' ',
    '👋',
    'NaN',
    'Infinity',
    '[',
    ']',
    ',',
    'null',
    'true',
    '\u0000',
  ];
  let s = seed;
  for (let i = 0; i < count; i++) {
    let text = '';
    const length = (s = (s * 1103515245 + 12345) % 2 ** 31) % 9;
    for (let k = 0; k < length; k++) text += alphabet[(s = (s * 1103515245 + 12345) % 2 ** 31) % alphabet.length];
    yield text;
  }
}

describe('the link table', () => {
  it('has a sample for every parameter, and every view field is carried by one parameter', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(LINK_PARAMS.map((p) => p.key).sort());
    const carried = LINK_PARAMS.flatMap((p) => p.fields).sort();
    expect(carried).toEqual(Object.keys(DEFAULT_VIEW).sort());
  });

  for (const param of LINK_PARAMS) {
    it(`round-trips "${param.key}"`, () => {
      const view: ViewState = { ...DEFAULT_VIEW, ...SAMPLES[param.key] };
      const search = viewToSearch(view);
      expect(new URLSearchParams(search).has(param.key)).toBe(true);
      expect({ ...DEFAULT_VIEW, ...searchToView(search) }).toEqual(view);
      expect(Object.keys(searchToView(`?${param.key}=${encodeURIComponent(param.encode(view)!)}`)).sort()).toEqual(
        [...param.fields].sort(),
      );
    });

    it(`never throws on mangled "${param.key}" values, and sets only valid fields`, () => {
      for (const text of mangled(param.key.length * 7919, 400)) {
        const read = searchToView(`?${param.key}=${encodeURIComponent(text)}`);
        // Whatever was read must survive a write and a read unchanged: it is a valid view.
        const view = { ...DEFAULT_VIEW, ...read };
        expect({ ...DEFAULT_VIEW, ...searchToView(viewToSearch(view)) }).toEqual(view);
        for (const key of Object.keys(read)) expect(param.fields).toContain(key);
      }
    });
  }

  it('round-trips every parameter at once', () => {
    const view: ViewState = Object.assign({ ...DEFAULT_VIEW }, ...Object.values(SAMPLES)) as ViewState;
    expect({ ...DEFAULT_VIEW, ...searchToView(viewToSearch(view)) }).toEqual(view);
  });

  it('keeps a very long query out of the link', () => {
    const view = { ...DEFAULT_VIEW, query: 'x'.repeat(MAX_QUERY_IN_URL + 1) };
    expect(viewToSearch(view)).not.toContain('q=');
    expect(searchToView(viewToSearch(view)).query).toBeUndefined();
  });

  it('falls back to the defaults for malformed values', () => {
    const bad = [
      'lambda=2',
      'lambda=',
      'lambda=-0.1',
      'lambda=NaN',
      'lambda=1e400',
      'x=sideways',
      'search=maybe',
      'present=yes',
      'rules=release',
      'pool=%7Bnot-json',
      `pool=${encodeURIComponent('{"a":{"inputPerMillion":-1}}')}`,
      `pool=${encodeURIComponent('{"a":{"colour":"red"}}')}`,
      'pool=null',
      'bundle=../../etc',
      'bundle=',
      'cap=liters:5',
      'cap=tokens',
      'tour=0',
      `tour=${TOUR_STEPS + 1}`,
      'tour=2.5',
      'tour=-1',
      'guess=yes',
    ];
    for (const search of bad) expect(searchToView(`?${search}`), search).toEqual({});
  });

  it('keeps a well-formed cap kind with a bad amount, uncapped', () => {
    expect(searchToView('?cap=usd:-1')).toEqual({ capKind: 'usd', cap: null });
    expect(searchToView('?cap=tokens:0')).toEqual({ capKind: 'tokens', cap: null });
  });
});
