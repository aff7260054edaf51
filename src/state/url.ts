import { z } from 'zod';
import { DEFAULT_BUNDLE_ID, TOUR_STEPS } from '../config';
import { serverUrlProblem } from '../encoder/server/serverUrl';
import { isTooLongForLink, KEPT_QUERY_PARAM, queryDigest } from './keptQuery';
import { DEFAULT_VIEW, poolOverridesSchema, type ViewState } from './viewState';

/**
 * The view in the query string, as one table: a row per parameter says which view fields it
 * carries, how to write them and how to read them back. Both directions run off the table, so
 * a new parameter is one new row. Nothing secret lives in ViewState, so nothing secret can
 * reach a link.
 */

export interface LinkParam {
  key: string;
  /** The view fields the parameter sets when it reads well. */
  fields: readonly (keyof ViewState)[];
  /** The parameter's text for a view, or null to leave it out of the link. */
  encode: (view: ViewState) => string | null;
  /** From the parameter's text to its fields; a value it refuses leaves them at their defaults. */
  schema: z.ZodType<Partial<ViewState>, string>;
}

const NUMBER = /^[0-9.eE+-]+$/;

/** JSON text that fails to parse becomes a schema issue instead of an exception. */
const jsonText = z.string().transform((text, ctx): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' });
    return z.NEVER;
  }
});

export const LINK_PARAMS: readonly LinkParam[] = [
  {
    key: 'bundle',
    fields: ['bundleId'],
    encode: (v) => (v.bundleId === DEFAULT_BUNDLE_ID ? null : v.bundleId),
    schema: z
      .string()
      .regex(/^[\w.:-]+$/)
      .transform((bundleId) => ({ bundleId })),
  },
  {
    key: 'q',
    fields: ['query'],
    encode: (v) => (isTooLongForLink(v.query) ? null : v.query),
    schema: z.string().transform((query) => ({ query })),
  },
  {
    key: 'lambda',
    fields: ['lambda'],
    encode: (v) => String(v.lambda),
    schema: z
      .string()
      .regex(NUMBER)
      .transform(Number)
      .pipe(z.number().min(0).max(1))
      .transform((lambda) => ({ lambda })),
  },
  {
    // tokens:N | usd:X, or <kind>:none; a well-formed kind with a bad amount keeps the kind, uncapped.
    key: 'cap',
    fields: ['capKind', 'cap'],
    encode: (v) => (v.cap ? `${v.cap.kind}:${v.cap.max}` : `${v.capKind}:none`),
    schema: z
      .string()
      .regex(/^(tokens|usd):(none|[0-9.eE+-]+)$/)
      .transform((text) => {
        const [kind, amount] = text.split(':') as ['tokens' | 'usd', string];
        const max = Number(amount);
        return { capKind: kind, cap: amount === 'none' || !Number.isFinite(max) || max <= 0 ? null : { kind, max } };
      }),
  },
  {
    key: 'x',
    fields: ['xAxis'],
    encode: (v) => v.xAxis,
    schema: z.enum(['tokens', 'usd']).transform((xAxis) => ({ xAxis })),
  },
  {
    key: 'search',
    fields: ['continuous'],
    encode: (v) => (v.continuous ? 'continuous' : 'anchors'),
    schema: z.enum(['continuous', 'anchors']).transform((mode) => ({ continuous: mode === 'continuous' })),
  },
  {
    key: 'present',
    fields: ['present'],
    encode: (v) => (v.present ? '1' : null),
    schema: z.literal('1').transform(() => ({ present: true })),
  },
  {
    key: 'rules',
    fields: ['appRules'],
    encode: (v) => (v.appRules ? 'app' : null),
    schema: z.literal('app').transform(() => ({ appRules: true })),
  },
  {
    key: 'tour',
    fields: ['tour'],
    encode: (v) => (v.tour === null ? null : String(v.tour)),
    schema: z
      .string()
      .regex(/^[0-9]+$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(TOUR_STEPS))
      .transform((tour) => ({ tour })),
  },
  {
    key: 'guess',
    fields: ['guess'],
    encode: (v) => (v.guess ? '1' : null),
    schema: z.literal('1').transform(() => ({ guess: true })),
  },
  {
    key: 'view',
    fields: ['view'],
    encode: (v) => (v.view === 'workload' ? 'workload' : null),
    schema: z.literal('workload').transform(() => ({ view: 'workload' as const })),
  },
  {
    // An embeddings server's base URL (never its key): the page fills the encoder panel with it and asks before connecting.
    key: 'embeddings',
    fields: ['embeddingsUrl'],
    encode: (v) => v.embeddingsUrl,
    schema: z
      .string()
      .refine((url) => serverUrlProblem(url) === null)
      .transform((embeddingsUrl) => ({ embeddingsUrl })),
  },
  {
    key: 'embeddings-model',
    fields: ['embeddingsModel'],
    encode: (v) => v.embeddingsModel,
    schema: z
      .string()
      .regex(/^[\w.:/@+-]{1,200}$/)
      .transform((embeddingsModel) => ({ embeddingsModel })),
  },
  {
    // JSON overrides; a mangled one leaves the pool saved on this device in place.
    key: 'pool',
    fields: ['pool'],
    encode: (v) => (Object.keys(v.pool).length > 0 ? JSON.stringify(v.pool) : null),
    schema: jsonText.pipe(poolOverridesSchema).transform((pool) => ({ pool })),
  },
];

export function viewToSearch(view: ViewState): string {
  const p = new URLSearchParams();
  for (const param of LINK_PARAMS) {
    const text = param.encode(view);
    if (text !== null) p.set(param.key, text);
  }
  // Not a view field: the name of a query too long for `q`, kept on the device that wrote the link
  // (keptQuery.ts); the view store looks it up there.
  if (isTooLongForLink(view.query)) p.set(KEPT_QUERY_PARAM, queryDigest(view.query));
  return `?${p.toString()}`;
}

/** Reads what it can from a query string; anything malformed keeps its default. Never throws. */
export function searchToView(search: string): Partial<ViewState> {
  const p = new URLSearchParams(search);
  const view: Partial<ViewState> = {};
  for (const param of LINK_PARAMS) {
    const text = p.get(param.key);
    if (text === null) continue;
    const parsed = param.schema.safeParse(text);
    if (parsed.success) Object.assign(view, parsed.data);
  }
  return view;
}

/** The bundle a link opens: its own, or the default. */
export function bundleIdOf(fromUrl: Partial<ViewState>): string {
  return fromUrl.bundleId ?? DEFAULT_VIEW.bundleId;
}
