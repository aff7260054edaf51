import { describe, expect, it } from 'vitest';
import { MAX_QUERY_IN_URL, searchToView, viewToSearch } from './url';
import { DEFAULT_VIEW, type ViewState } from './viewState';

describe('view in the URL', () => {
  it('round-trips every shareable field', () => {
    const view: ViewState = {
      bundleId: 'r2-router-release',
      query: 'مرحبا 👋 — "quotes" & ampersands\n\tnew line',
      lambda: 0.9999968,
      capKind: 'usd',
      cap: { kind: 'usd', max: 0.000123 },
      xAxis: 'usd',
      continuous: false,
      present: true,
      pool: { 'GLM-4.5-Air': { enabled: false, outputPerMillion: 1.55 } },
    };
    expect({ ...DEFAULT_VIEW, ...searchToView(viewToSearch(view)) }).toEqual(view);
  });

  it('keeps a very long query out of the link', () => {
    const view = { ...DEFAULT_VIEW, query: 'x'.repeat(MAX_QUERY_IN_URL + 1) };
    expect(viewToSearch(view)).not.toContain('q=');
    expect(searchToView(viewToSearch(view)).query).toBeUndefined();
  });

  it('ignores malformed values instead of failing', () => {
    const v = searchToView('?lambda=2&cap=usd:-1&x=sideways&pool=%7Bnot-json&bundle=../../etc');
    expect(v.lambda).toBeUndefined();
    expect(v.cap).toBeNull();
    expect(v.xAxis).toBeUndefined();
    expect(v.pool).toBeUndefined();
    expect(v.bundleId).toBeUndefined();
  });

  it('refuses pool overrides with invalid prices', () => {
    expect(searchToView(`?pool=${encodeURIComponent('{"a":{"inputPerMillion":-1}}')}`).pool).toBeUndefined();
  });
});
