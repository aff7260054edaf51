import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

/**
 * A plain static host, as GitHub Pages or a bucket behind a CDN is: files with their types and
 * ETags, and no Cross-Origin or Content-Security-Policy headers. `npm run serve:dist` runs it
 * on dist/, the e2e tests on builds of their own; it serves a build at the base it was built for.
 */

export interface StaticServer {
  /** The app's URL: the origin and the base. */
  url: string;
  /** Every request's path and query, in order, for tests that check what reached the server. */
  requests: string[];
  close(): Promise<void>;
}

export interface StaticOptions {
  dir: string;
  /** The path the build was made for ("/r2/"): requests outside it get 404. */
  base: string;
  host?: string;
  /** 0 lets the system pick a free port. */
  port?: number;
}

/** The base a build was made for, read from the entry script's address in its index.html. */
export function builtBase(indexHtml: string): string {
  const src = /<script type="module"[^>]*\ssrc="([^"]*?)assets\//.exec(indexHtml);
  if (!src?.[1]?.startsWith('/'))
    throw new Error('index.html has no module script under <base>assets/: is it a build of this app?');
  return src[1];
}

export async function serveStatic({ dir, base, host = '127.0.0.1', port = 0 }: StaticOptions): Promise<StaticServer> {
  const files = sirv(dir, { etag: true });
  const requests: string[] = [];
  const notFound = (res: import('node:http').ServerResponse) => {
    res.statusCode = 404;
    res.end('Not found');
  };
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const [path, query] = url.split(/\?(.*)/s);
    // As a host redirects a folder's address without its slash.
    if (path === base.slice(0, -1)) {
      res.writeHead(301, { Location: `${base}${query ? `?${query}` : ''}` });
      res.end();
      return;
    }
    if (!url.startsWith(base)) return notFound(res);
    req.url = `/${url.slice(base.length)}`;
    files(req, res, () => notFound(res));
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, host, ready);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}${base}`,
    requests,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
