import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { EncoderSpec } from '../bundle/manifest';
import { isCancellation } from '../encoder/encoderError';
import { defaultPrecision, type Precision } from '../encoder/exportFiles';
import { gpuHasF16 } from '../encoder/gpuFeatures';
import { exportIdFor } from '../encoder/hub';
import { pickedFiles, type PickedFile } from '../encoder/pickedFolder';
import { precisionNote } from '../encoder/precisionNotes';
import { webgpuAdapter } from '../worker/webgpuAdapter';
import { cancelEncoderLoad, type EncoderInfo, type EncoderSource } from '../worker/encoderProtocol';
import { predictor } from '../predictor/sharedClient';
import { encoderGate, useEncoder } from '../predictor/useEncoder';
import { formatBytes, formatMs } from './format';
import { useDebounced } from './useDebounced';
import { FolderButton } from './FolderButton';

type Qwen3Spec = Extract<EncoderSpec, { kind: 'qwen3-embedding' }>;
type BrowserDevice = 'wasm' | 'webgpu';

interface Props {
  spec: Qwen3Spec;
}

const FROM = {
  hub: 'from the Hugging Face Hub',
  cache: 'from this browser’s cache',
  folder: 'from the picked folder',
} as const;

/** How the embedding was read, when the page had to work for it. */
function hiddenStateNote({ hiddenState }: EncoderInfo): string | null {
  if (!hiddenState || hiddenState.patch === 'none') return null;
  return hiddenState.patch === 'cut to the last position'
    ? 'A text-generation export: the embedding is the LM head’s input (the final normed hidden state), added as an output; the LM head now scores the last position only.'
    : `A text-generation export: the embedding is the LM head’s input (${hiddenState.output}), added as an output.`;
}

/**
 * Loads the query encoder a bundle needs (Qwen3, in the predictor worker): from the Hugging
 * Face Hub or a picked folder, at a precision the export offers, on WASM or WebGPU.
 */
export function EncoderPanel({ spec }: Props) {
  const queryClient = useQueryClient();
  const encoder = useEncoder((s) => s);
  const [kind, setKind] = useState<'hub' | 'folder'>('hub');
  const [hubId, setHubId] = useState(exportIdFor(spec.model));
  const [folder, setFolder] = useState<{ name: string; files: PickedFile[]; picked: number } | null>(null);
  const [chosen, setChosen] = useState<Precision | null>(null);
  const [chosenDevice, setDevice] = useState<BrowserDevice | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [loadToken, setLoadToken] = useState<string | null>(null);
  const id = useDebounced(hubId.trim(), 400);

  const source: EncoderSource | null =
    kind === 'hub'
      ? id
        ? { kind: 'hub', id }
        : null
      : folder && { kind: 'folder', name: folder.name, files: folder.files };
  const sourceKey = kind === 'hub' ? ['hub', id] : ['folder', folder?.name, folder?.picked];
  const inspection = useQuery({
    queryKey: ['encoder-export', ...sourceKey],
    queryFn: () => predictor().inspectEncoder(source!),
    enabled: source !== null,
    retry: false,
    staleTime: Infinity,
  });
  const gpu = useQuery({
    queryKey: ['webgpu-for-encoder'],
    queryFn: async () => ((await webgpuAdapter()) === null ? { f16: await gpuHasF16() } : null),
    staleTime: Infinity,
  });

  const device: BrowserDevice = chosenDevice ?? (gpu.data ? 'webgpu' : 'wasm');
  const options = inspection.data?.options ?? [];
  const fallback = options.length ? defaultPrecision(options, device, gpu.data?.f16 ?? false) : null;
  const precision = options.some((o) => o.precision === chosen) ? chosen! : fallback;
  const gate = encoderGate(spec, encoder.info);
  const loading = encoder.status === 'loading';
  const status = loading ? 'loading' : gate.needed ? 'not loaded' : 'ready';
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['encoder-export'] });

  async function load() {
    if (!source || !precision) return;
    const token = crypto.randomUUID();
    setNote(null);
    setLoadToken(token);
    await encoder.load({ source, precision, device, dim: spec.dim, model: spec.model, cancelToken: token });
    setLoadToken(null);
    await refresh();
  }

  function cancel() {
    if (!loadToken) return;
    cancelEncoderLoad(loadToken);
    setNote('Loading cancelled: what was downloaded is not kept.');
  }

  async function forget() {
    await predictor().forgetEncoderCache();
    setNote('Cached weights forgotten: the next load downloads them again.');
    await refresh();
  }

  const percent =
    encoder.progress && encoder.progress.total > 0
      ? Math.floor((encoder.progress.loaded / encoder.progress.total) * 100)
      : null;
  const loadError = encoder.error && !isCancellation(encoder.error) ? encoder.error : null;
  const problem = loadError ?? (inspection.isError ? inspection.error.message : null);
  const selected = options.find((o) => o.precision === precision);
  const howRead = encoder.info && !gate.needed ? hiddenStateNote(encoder.info) : null;

  return (
    <section className="panel encoder-panel" data-testid="encoder-panel">
      <div className="panel-head">
        <h2>Query encoder: {spec.model}</h2>
        <span className={status === 'ready' ? 'badge' : 'badge warn'} data-testid="encoder-status" data-status={status}>
          {status}
        </span>
      </div>
      <p className="hint">
        This bundle reads {spec.model}’s last-token hidden state ({spec.dim} numbers
        {spec.normalize ? ', L2-normalised' : ''}). It runs in this page, on this machine; weights fetched from the Hub
        stay in this browser’s cache.
      </p>
      <div className="control-row">
        <label>
          <input type="radio" name="encoder-source" checked={kind === 'hub'} onChange={() => setKind('hub')} /> Hugging
          Face Hub
        </label>
        <input
          className="encoder-hub-id"
          data-testid="encoder-hub-id"
          aria-label="Hub model id"
          value={hubId}
          onChange={(e) => setHubId(e.target.value)}
          onFocus={() => setKind('hub')}
        />
        <label>
          <input
            type="radio"
            name="encoder-source"
            checked={kind === 'folder'}
            disabled={!folder}
            onChange={() => setKind('folder')}
          />{' '}
          Local folder
        </label>
        <FolderButton
          testId="encoder-folder"
          onPick={(files) => {
            setFolder({ ...pickedFiles(files), picked: Date.now() });
            setKind('folder');
          }}
        >
          {folder ? `${folder.name} ✓` : 'Choose folder…'}
        </FolderButton>
      </div>
      <div className="control-row">
        <label>
          Precision{' '}
          <select
            data-testid="encoder-precision"
            value={precision ?? ''}
            disabled={!options.length}
            onChange={(e) => setChosen(e.target.value as Precision)}
          >
            {options.map((o) => (
              <option key={o.precision} value={o.precision}>
                {o.precision} · {formatBytes(o.bytes)}
                {o.cached ? ' · cached' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Device{' '}
          <select
            data-testid="encoder-device"
            value={device}
            onChange={(e) => setDevice(e.target.value as BrowserDevice)}
          >
            <option value="wasm">wasm (CPU)</option>
            {gpu.data && <option value="webgpu">webgpu</option>}
          </select>
        </label>
        <button type="button" data-testid="encoder-load" disabled={!precision || loading} onClick={() => void load()}>
          Load
        </button>
        {loading && (
          <button type="button" data-testid="encoder-cancel" disabled={!loadToken} onClick={cancel}>
            Cancel
          </button>
        )}
        <button type="button" data-testid="encoder-forget" onClick={() => void forget()}>
          Forget cached weights
        </button>
      </div>
      {selected && (
        <p className="hint" data-testid="encoder-precision-note" data-default={String(selected.precision === fallback)}>
          {selected.precision} · {formatBytes(selected.bytes)}
          {selected.precision === fallback ? ` (the default on ${device})` : ''}:{' '}
          {precisionNote(selected.precision, device)}
        </p>
      )}
      {encoder.progress && percent !== null && (
        <div className="encoder-progress">
          <progress value={encoder.progress.loaded} max={encoder.progress.total} />
          <span data-testid="encoder-progress" data-percent={percent}>
            {formatBytes(encoder.progress.loaded)} of {formatBytes(encoder.progress.total)} · {percent} %
          </span>
        </div>
      )}
      {inspection.isFetching && <p className="hint">Reading the export’s file list…</p>}
      {problem && (
        <p className="field-error" role="alert" data-testid="encoder-error">
          {problem}
        </p>
      )}
      {encoder.info && !gate.needed && (
        <p className="hint" data-testid="encoder-loaded" data-from={encoder.info.from}>
          Loaded {encoder.info.label} ({encoder.info.precision}, {encoder.info.device}) {FROM[encoder.info.from]} in{' '}
          {formatMs(encoder.info.loadMs)}.
        </p>
      )}
      {encoder.info?.webgpuFallback && !gate.needed && (
        <p className="notice" data-testid="encoder-webgpu-fallback">
          {encoder.info.webgpuFallback}
        </p>
      )}
      {encoder.info?.tokenizerWarning && !gate.needed && (
        <p className="notice" data-testid="encoder-tokenizer-warning">
          {encoder.info.tokenizerWarning}
        </p>
      )}
      {howRead && (
        <p className="hint" data-testid="encoder-hidden-state" data-patch={encoder.info?.hiddenState?.patch}>
          {howRead}
        </p>
      )}
      {note && (
        <p className="hint" data-testid="encoder-note">
          {note}
        </p>
      )}
    </section>
  );
}
