import { DEFAULT_VIEW, poolOverridesSchema, type ViewState } from './viewState';

/**
 * The view in the query string: q, lambda, cap (tokens:N | usd:X), x, search, present,
 * bundle, pool (JSON overrides). Nothing secret lives in ViewState, so nothing secret can
 * reach a link. Queries longer than MAX_QUERY_IN_URL stay out of the link, which says so.
 */

export const MAX_QUERY_IN_URL = 2000;

export function viewToSearch(view: ViewState): string {
  const p = new URLSearchParams();
  if (view.bundleId !== DEFAULT_VIEW.bundleId) p.set('bundle', view.bundleId);
  if (view.query.length <= MAX_QUERY_IN_URL) p.set('q', view.query);
  p.set('lambda', String(view.lambda));
  p.set('cap', view.cap ? `${view.cap.kind}:${view.cap.max}` : `${view.capKind}:none`);
  p.set('x', view.xAxis);
  p.set('search', view.continuous ? 'continuous' : 'anchors');
  if (view.present) p.set('present', '1');
  if (Object.keys(view.pool).length > 0) p.set('pool', JSON.stringify(view.pool));
  return `?${p.toString()}`;
}

/** The bundle a link opens: its own, or the default. */
export function bundleIdOf(fromUrl: Partial<ViewState>): string {
  return fromUrl.bundleId ?? DEFAULT_VIEW.bundleId;
}

/** Reads what it can from a query string; anything malformed keeps its default. */
export function searchToView(search: string): Partial<ViewState> {
  const p = new URLSearchParams(search);
  const view: Partial<ViewState> = {};
  const bundle = p.get('bundle');
  if (bundle && /^[\w.:-]+$/.test(bundle)) view.bundleId = bundle;
  const q = p.get('q');
  if (q !== null) view.query = q;
  const lambda = Number(p.get('lambda'));
  if (p.has('lambda') && Number.isFinite(lambda) && lambda >= 0 && lambda <= 1) view.lambda = lambda;
  const cap = /^(tokens|usd):(none|[0-9.eE+-]+)$/.exec(p.get('cap') ?? '');
  if (cap) {
    const kind = cap[1] as 'tokens' | 'usd';
    const max = Number(cap[2]);
    view.capKind = kind;
    view.cap = cap[2] === 'none' || !Number.isFinite(max) || max <= 0 ? null : { kind, max };
  }
  const x = p.get('x');
  if (x === 'tokens' || x === 'usd') view.xAxis = x;
  const searchMode = p.get('search');
  if (searchMode === 'continuous' || searchMode === 'anchors') view.continuous = searchMode === 'continuous';
  if (p.get('present') === '1') view.present = true;
  const pool = p.get('pool');
  if (pool) {
    try {
      const parsed = poolOverridesSchema.safeParse(JSON.parse(pool));
      if (parsed.success) view.pool = parsed.data;
    } catch {
      // A mangled pool parameter leaves the saved pool in place.
    }
  }
  return view;
}
