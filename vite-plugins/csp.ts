import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { contentSecurityPolicy, EXTRA_ORIGINS_VARIABLE, parseExtraOrigins } from '../src/dispatch/csp.ts';
import { ISOLATION_HEADERS } from '../src/offline/isolation.ts';

/** Inline <script> elements (no src attribute) and their exact text. */
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/** CSP hash sources for the page's inline scripts, such as the React refresh preamble in dev. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)]
    .map((m) => m[1] ?? '')
    .filter((code) => code.trim() !== '')
    .map((code) => `sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}`);
}

/**
 * `_headers`, the file Netlify and Cloudflare Pages read response headers from: the same policy as
 * a header (which also covers responses that are not the page) and the cross-origin isolation
 * headers, for every path under the app's base.
 */
export function hostHeaders(base: string, policy: string): string {
  const headers = { ...ISOLATION_HEADERS, 'Content-Security-Policy': policy };
  return [`${base}*`, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`), ''].join('\n');
}

/**
 * Writes the Content-Security-Policy as the first element of <head>, since a meta policy only
 * governs what comes after it, so it holds on any host. Runs last so it sees every script other
 * plugins injected. A build also gets the policy as a header line, in `_headers`.
 */
export function contentSecurityPolicyPlugin(): Plugin {
  let extraOrigins: string[] = [];
  let base = '/';
  let policy: string | null = null;
  return {
    name: 'r2-content-security-policy',
    // The variable comes from the environment or a .env file, as Vite reads it for the page; a bad entry stops the build.
    configResolved(config) {
      extraOrigins = parseExtraOrigins(config.env[EXTRA_ORIGINS_VARIABLE] as string | undefined);
      base = config.base;
    },
    generateBundle: {
      // After index.html is written, which sets the policy.
      order: 'post',
      handler() {
        if (policy === null) return this.error('the build wrote no index.html, so there is no policy for _headers');
        this.emitFile({ type: 'asset', fileName: '_headers', source: hostHeaders(base, policy) });
      },
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const content = contentSecurityPolicy({
          dev: ctx.server !== undefined,
          inlineScriptHashes: inlineScriptHashes(html),
          extraOrigins,
        });
        policy = content;
        return {
          html,
          tags: [
            { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content }, injectTo: 'head-prepend' },
          ],
        };
      },
    },
  };
}
