import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Serves the predictor bundles in models/ at /models/<id>/<file> in dev and preview, and
 * copies them into the build. /models/index.json lists the bundles so the app can offer them.
 */

const SERVED = /^(manifest\.json|report\.json|[\w.-]+\.onnx|[\w.-]+\.svg)$/;

interface BundleListing {
  id: string;
  title: string;
}

function listBundles(root: string): BundleListing[] {
  if (!existsSync(root)) return [];
  return (
    readdirSync(root)
      // Hidden folders are work in progress, e.g. a bundle the trainer has not finished writing.
      .filter((id) => !id.startsWith('.') && existsSync(join(root, id, 'manifest.json')))
      .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)))
      .map((id) => {
        try {
          const manifest = JSON.parse(readFileSync(join(root, id, 'manifest.json'), 'utf8')) as {
            card?: { title?: unknown };
          } | null;
          const card = manifest?.card;
          return { id, title: typeof card?.title === 'string' ? card.title : id };
        } catch {
          return { id, title: `${id} (unreadable manifest)` };
        }
      })
  );
}

function bundleFiles(root: string): string[] {
  return listBundles(root).flatMap(({ id }) =>
    readdirSync(join(root, id))
      .filter((f) => SERVED.test(f) && statSync(join(root, id, f)).isFile())
      .map((f) => `${id}/${f}`),
  );
}

export function modelsPlugin(dir = 'models'): Plugin {
  const root = resolve(dir);
  return {
    name: 'r2-models',
    configureServer(server) {
      server.middlewares.use('/models', (req, res, next) => {
        const path = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/^\/+/, '');
        if (path === 'index.json') {
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify(listBundles(root)));
          return;
        }
        const [id, file, ...rest] = path.split('/');
        if (!id || !file || rest.length || id.startsWith('.') || !SERVED.test(file)) return next();
        const full = join(root, id, file);
        if (!existsSync(full)) {
          res.statusCode = 404;
          res.end(`no file models/${id}/${file}`);
          return;
        }
        res.setHeader(
          'Content-Type',
          file.endsWith('.json')
            ? 'application/json'
            : file.endsWith('.svg')
              ? 'image/svg+xml'
              : 'application/octet-stream',
        );
        res.setHeader('Cache-Control', 'no-cache');
        res.end(readFileSync(full));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'models/index.json', source: JSON.stringify(listBundles(root)) });
      for (const rel of bundleFiles(root)) {
        this.emitFile({ type: 'asset', fileName: `models/${rel}`, source: readFileSync(join(root, rel)) });
      }
    },
  };
}
