import { BundleError, parseManifest, type Manifest } from './manifest';

export interface LoadedBundle {
  /** Where it came from: a served id ("default") or a picked folder's name. */
  key: string;
  manifest: Manifest;
  onnx: ArrayBuffer;
}

export interface BundleListing {
  id: string;
  title: string;
}

async function fetchOk(url: string, what: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new BundleError(`could not fetch ${what}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new BundleError(`could not fetch ${what}: HTTP ${res.status}`);
  return res;
}

const servedBase = (id: string) => `${import.meta.env.BASE_URL}models/${encodeURIComponent(id)}/`;

/** The held-out deferral plot the trainer writes beside a served bundle; null for bundles not served with the app. */
export function deferralPlotUrl(key: string, served: boolean): string | null {
  return served ? `${servedBase(key)}deferral.svg` : null;
}

/** Fetches and validates a bundle served under /models/<id>/. */
export async function fetchBundle(id: string): Promise<LoadedBundle> {
  const base = servedBase(id);
  const text = await (await fetchOk(`${base}manifest.json`, `models/${id}/manifest.json`)).text();
  const manifest = parseManifest(text, `models/${id}/manifest.json`);
  const onnx = await (await fetchOk(`${base}${manifest.onnx}`, `models/${id}/${manifest.onnx}`)).arrayBuffer();
  return { key: id, manifest, onnx };
}

export async function fetchBundleList(): Promise<BundleListing[]> {
  const res = await fetchOk(`${import.meta.env.BASE_URL}models/index.json`, 'the bundle list');
  return (await res.json()) as BundleListing[];
}

/** A bundle picked from disk: a manifest.json and the ONNX file it names. */
export async function readBundleFiles(files: readonly File[]): Promise<LoadedBundle> {
  const manifestFile = files.find((f) => f.name === 'manifest.json');
  if (!manifestFile) throw new BundleError('the chosen files hold no manifest.json');
  const folder = (manifestFile.webkitRelativePath || manifestFile.name).split('/').slice(-2, -1)[0] ?? 'picked bundle';
  const manifest = parseManifest(await manifestFile.text(), `${folder}/manifest.json`);
  const onnxFile = files.find((f) => f.name === manifest.onnx);
  if (!onnxFile) throw new BundleError(`the manifest names ${manifest.onnx}, which is not among the chosen files`);
  return { key: `file:${folder}`, manifest, onnx: await onnxFile.arrayBuffer() };
}
