import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { builtBase, serveStatic } from './staticServer.ts';

/**
 * `npm run serve:dist [-- --port N] [--dir dist]`: serves a build as a plain static host would
 * (no COOP/COEP, no CSP header), at the base it was built for, to check it as a host would serve it.
 */

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4174' }, dir: { type: 'string', default: 'dist' } },
  strict: true,
});
const dir = resolve(values.dir);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`--port must be a port number, not "${values.port}"`);
let html: string;
try {
  html = readFileSync(join(dir, 'index.html'), 'utf8');
} catch {
  console.error(`There is no build in ${dir} (no index.html): run npm run build first.`);
  process.exit(1);
}
const server = await serveStatic({ dir, base: builtBase(html), port });
console.log(`Serving ${values.dir}/ as a plain static host (no COOP/COEP, no CSP header): ${server.url}`);
