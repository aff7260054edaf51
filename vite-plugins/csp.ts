import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { contentSecurityPolicy, EXTRA_ORIGINS_VARIABLE, parseExtraOrigins } from '../src/dispatch/csp.ts';

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
 * Writes the Content-Security-Policy as the first element of <head>, since a meta policy only
 * governs what comes after it. Runs last so it sees every script other plugins injected.
 */
export function contentSecurityPolicyPlugin(): Plugin {
  let extraOrigins: string[] = [];
  return {
    name: 'r2-content-security-policy',
    // The variable comes from the environment or a .env file, as Vite reads it for the page; a bad entry stops the build.
    configResolved(config) {
      extraOrigins = parseExtraOrigins(config.env[EXTRA_ORIGINS_VARIABLE] as string | undefined);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const content = contentSecurityPolicy({
          dev: ctx.server !== undefined,
          inlineScriptHashes: inlineScriptHashes(html),
          extraOrigins,
        });
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
