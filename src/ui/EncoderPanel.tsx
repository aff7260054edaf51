import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { EncoderSpec } from '../bundle/manifest';
import { defaultPrecision, type Precision } from '../encoder/exportFiles';
import { gpuHasF16 } from '../encoder/gpuFeatures';
import { exportIdFor } from '../encoder/hub';
import { pickedFiles, type PickedFile } from '../encoder/pickedFolder';
import { precisionNote } from '../encoder/precisionNotes';
import { webgpuAdapter } from '../worker/webgpuAdapter';
import { cancelEncoderLoad, type ExportInfo, type ExportSource } from '../worker/encoderProtocol';
import { predictor } from '../predictor/sharedClient';
import { encoderStore, useEncoder } from '../predictor/useEncoder';
import { useReadiness } from '../predictor/useReadiness';
import { viewStore } from '../state/viewStore';
import { EncoderServerSettings, linkedServer } from './EncoderServerSettings';
import { formatBytes, formatMs } from './format';
import { useDebounced } from './useDebounced';
import { EncoderCacheLine } from './EncoderCacheLine';
import { FolderButton } from './FolderButton';
import { ThreadsNote } from './ThreadsNote';

type Qwen3Spec = Extract<EncoderSpec, { kind: 'qwen3-embedding' }>;
type BrowserDevice = 'wasm' | 'webgpu';
type SourceKind = 'hub' | 'folder' | 'server';

interface Props {
  spec: Qwen3Spec;
}

const FROM = {
  hub: 'from the Hugging Face Hub',
  cache: 'from this browser’s cache',
  folder: 'from the picked folder',
} as const;

const PATCH_NOTES = {
  'LM head removed':
    'A text-generation export: the embedding is the LM head’s input (the final normed hidden state), made an output; the LM head is left out, as the embedding never needs it.',
  'cut to the last position':
    'A text-generation export: the embedding is the LM head’s input (the final normed hidden state), added as an output; the LM head now scores the last position only.',
  'output added': 'A text-generation export: the embedding is the LM head’s input, added as an output.',
} as const;

/** How the embedding was read, when the page had to work for it. */
function hiddenStateNote({ hiddenState }: ExportInfo): string | null {
  if (!hiddenState || hiddenState.patch === 'none') return null;
  return PATCH_NOTES[hiddenState.patch];
}

/**
 * Loads the query encoder a bundle needs (Qwen3, in the predictor worker): from the Hugging
 * Face Hub or a picked folder, at a precision the export offers, on WASM or WebGPU; or
 * connects to an embeddings server that computes it (EncoderServerSettings).
 */
export function EncoderPanel({ spec }: Props) {
  const queryClient = useQueryClient();
  const encoder = useEncoder((s) => s);
  const [kind, setKind] = useState<SourceKind>(() =>
    linkedServer || encoderStore.getState().info?.from === 'server' ? 'server' : 'hub',
  );
  const [hubId, setHubId] = useState(exportIdFor(spec.model));
  const [folder, setFolder] = useState<{ name: string; files: PickedFile[]; picked: number } | null>(null);
  const [chosen, setChosen] = useState<Precision | null>(null);
  const [chosenDevice, setDevice] = useState<BrowserDevice | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [loadToken, setLoadToken] = useState<string | null>(null);
  const id = useDebounced(hubId.trim(), 400);

  const source: ExportSource | null =
    kind === 'hub'
      ? id
        ? { kind: 'hub', id }
        : null
      : kind === 'folder'
        ? folder && { kind: 'folder', name: folder.name, files: folder.files }
        : null;
  const sourceKey = kind === 'folder' ? ['folder', folder?.name, folder?.picked] : ['hub', id];
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
  const status = useReadiness().encoder;
  const loading = status === 'loading';
  const loaded = status === 'ready';
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['encoder-export'] });

  async function load() {
    if (!source || !precision) return;
    const token = crypto.randomUUID();
    setNote(null);
    setLoadToken(token);
    await encoder.load({ source, precision, device, dim: spec.dim, model: spec.model, cancelToken: token });
    setLoadToken(null);
    if (encoderStore.getState().status === 'ready') viewStore.getState().setEmbeddingsServer(null);
    await refresh();
  }

  function cancel() {
    if (!loadToken) return;
    cancelEncoderLoad(loadToken);
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
  const cancelled = encoder.error?.problem === 'cancelled';
  const loadError = cancelled ? null : (encoder.error?.message ?? null);
  const problem = loadError ?? (inspection.isError && kind !== 'server' ? inspection.error.message : null);
  const selected = options.find((o) => o.precision === precision);
  const exportInfo = encoder.info?.from !== 'server' && loaded ? encoder.info : null;
  const howRead = exportInfo ? hiddenStateNote(exportInfo) : null;

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
        {spec.normalize ? ', L2-normalised' : ''}).{' '}
        {kind === 'server'
          ? 'An embeddings server computes it: every query you route is sent there.'
          : 'It runs in this page, on this machine; weights fetched from the Hub stay in this browser’s cache.'}
      </p>
      <ThreadsNote />
      <div className="control-row">
        <label>
          Source{' '}
          <select data-testid="encoder-source" value={kind} onChange={(e) => setKind(e.target.value as SourceKind)}>
            <option value="hub">Hugging Face Hub</option>
            <option value="folder" disabled={!folder}>
              Local folder
            </option>
            <option value="server">Embeddings server (vLLM…)</option>
          </select>
        </label>
        {kind !== 'server' && (
          <>
            <input
              className="encoder-hub-id"
              data-testid="encoder-hub-id"
              aria-label="Hub model id"
              value={hubId}
              onChange={(e) => setHubId(e.target.value)}
              onFocus={() => setKind('hub')}
            />
            <FolderButton
              testId="encoder-folder"
              onPick={(files) => {
                setFolder({ ...pickedFiles(files), picked: Date.now() });
                setKind('folder');
              }}
            >
              {folder ? `${folder.name} ✓` : 'Choose folder…'}
            </FolderButton>
          </>
        )}
      </div>
      {kind === 'server' ? (
        <EncoderServerSettings spec={spec} />
      ) : (
        <>
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
            <button
              type="button"
              data-testid="encoder-load"
              disabled={!precision || loading}
              onClick={() => void load()}
            >
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
            <p
              className="hint"
              data-testid="encoder-precision-note"
              data-default={String(selected.precision === fallback)}
            >
              {selected.precision} · {formatBytes(selected.bytes)}
              {selected.precision === fallback ? ` (the default on ${device})` : ''}:{' '}
              {precisionNote(selected.precision, device)}
            </p>
          )}
        </>
      )}
      {encoder.progress && percent !== null && (
        <div className="encoder-progress">
          <progress value={encoder.progress.loaded} max={encoder.progress.total} />
          <span data-testid="encoder-progress" data-percent={percent}>
            {formatBytes(encoder.progress.loaded)} of {formatBytes(encoder.progress.total)} · {percent} %
          </span>
        </div>
      )}
      {inspection.isFetching && kind !== 'server' && <p className="hint">Reading the export’s file list…</p>}
      {problem && (
        <p className="field-error" role="alert" data-testid="encoder-error">
          {problem}
        </p>
      )}
      {exportInfo && (
        <p className="hint" data-testid="encoder-loaded" data-from={exportInfo.from}>
          Loaded {exportInfo.label} ({exportInfo.precision}, {exportInfo.device}) {FROM[exportInfo.from]} in{' '}
          {formatMs(exportInfo.loadMs)}.
        </p>
      )}
      {exportInfo?.webgpuFallback && (
        <p className="notice" data-testid="encoder-webgpu-fallback">
          {exportInfo.webgpuFallback}
        </p>
      )}
      {exportInfo?.tokenizerWarning && (
        <p className="notice" data-testid="encoder-tokenizer-warning">
          {exportInfo.tokenizerWarning}
        </p>
      )}
      {howRead && (
        <p className="hint" data-testid="encoder-hidden-state" data-patch={exportInfo?.hiddenState?.patch}>
          {howRead}
        </p>
      )}
      {loaded && exportInfo?.hiddenState && <EncoderCacheLine kvCache={exportInfo.hiddenState.kvCache} />}
      {cancelled ? (
        <p className="hint" data-testid="encoder-note" data-problem="cancelled">
          {kind === 'server' ? 'Connecting cancelled.' : 'Loading cancelled: what was downloaded is not kept.'}
        </p>
      ) : (
        note && (
          <p className="hint" data-testid="encoder-note">
            {note}
          </p>
        )
      )}
    </section>
  );
}
