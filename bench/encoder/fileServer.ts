import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/**
 * A static server on 127.0.0.1 for the export's weights (streamed from disk: a gigabyte
 * must not pass through Playwright's protocol) and the harness's own files. Responses allow
 * any origin, as the Hub's CDN does, and carry the cross-origin isolation headers, so a
 * page served from here can use WASM threads like the app.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

export interface FileServer {
  url: string;
  close(): Promise<void>;
}

/** `routes` maps a URL prefix ("/export/") to a folder; `pages` maps exact paths to generated text. */
export async function serveFiles(
  routes: Record<string, string>,
  pages: Record<string, string> = {},
): Promise<FileServer> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    const page = pages[path];
    if (page !== undefined) {
      res.setHeader('Content-Type', TYPES[extname(path)] ?? 'text/plain');
      res.end(page);
      return;
    }
    const prefix = Object.keys(routes).find((p) => path.startsWith(p));
    const root = prefix && routes[prefix];
    const file = root && normalize(join(root, path.slice(prefix.length)));
    if (!root || !file || !file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Content-Length', statSync(file).size);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
