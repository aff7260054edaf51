import { useId, useState } from 'react';
import type { EncoderSpec } from '../bundle/manifest';
import { BATCH_RANGE, CONCURRENCY_RANGE, serverSettingsProblems, TIMEOUT_RANGE } from '../encoder/server/settings';
import { encoderStore, useEncoder } from '../predictor/useEncoder';
import { useReadiness } from '../predictor/useReadiness';
import { serverSettingsStore, useServerSettings } from '../predictor/serverSettingsStore';
import { viewStore } from '../state/viewStore';
import { cancelEncoderLoad, type ServerInfo } from '../worker/encoderProtocol';
import { formatCount, formatMs } from './format';
import { RememberKey } from './RememberKey';
import { SecretInput } from './SecretInput';
import './encoderServer.css';

type Qwen3Spec = Extract<EncoderSpec, { kind: 'qwen3-embedding' }>;

/**
 * The server a link named when the page opened: filled into the fields once, and connected to
 * only when the person clicks Connect; until then the panel says where the queries would go.
 */
export const linkedServer = (() => {
  const { embeddingsUrl, embeddingsModel } = viewStore.getState();
  if (!embeddingsUrl) return null;
  serverSettingsStore
    .getState()
    .update({ baseUrl: embeddingsUrl, ...(embeddingsModel ? { model: embeddingsModel } : {}) });
  return { url: embeddingsUrl, model: embeddingsModel };
})();
let linkAnswered = linkedServer === null;

/** What the probe found about the vectors, and what the page does about it. */
function vectorNote({ server }: ServerInfo, spec: Qwen3Spec): string {
  const format =
    server.format === 'base64' ? 'sent as base64' : 'sent as numbers (the server did not take base64, or ignored it)';
  if (server.normalized) return `Its vectors arrive L2-normalised (norm ${server.norm.toFixed(4)}), ${format}.`;
  return spec.normalize
    ? `Its vectors arrive with norm ${server.norm.toPrecision(4)}, not L2-normalised: the page normalises them, as the bundle expects. They are ${format}.`
    : `Its vectors arrive with norm ${server.norm.toPrecision(4)} and are used as they come, as the bundle expects. They are ${format}.`;
}

interface WholeFieldProps {
  id: string;
  label: string;
  testId: string;
  range: { min: number; max: number };
  value: number;
  onChange: (value: number) => void;
}

/** A number setting; an emptied field reads as NaN, which the settings' checks refuse. */
function WholeField({ id, label, testId, range, value, onChange }: WholeFieldProps) {
  return (
    <label htmlFor={id}>
      {label}
      <input
        id={id}
        type="number"
        min={range.min}
        max={range.max}
        data-testid={testId}
        value={Number.isNaN(value) ? '' : value}
        onChange={(e) => onChange(e.currentTarget.valueAsNumber)}
      />
    </label>
  );
}

/**
 * The encoder panel's server source: an OpenAI-compatible embeddings server (vLLM, TEI, …), its
 * model id, an optional key, texts per request and requests in flight. Connect sends one probe
 * request; from then on every query is embedded there.
 */
export function EncoderServerSettings({ spec }: { spec: Qwen3Spec }) {
  const s = useServerSettings((x) => x);
  const ids = useId();
  const info = useEncoder((e) => e.info);
  const activity = useEncoder((e) => e.server);
  const status = useReadiness().encoder;
  const [token, setToken] = useState<string | null>(null);
  const [fromLink, setFromLink] = useState(!linkAnswered);
  const problems = serverSettingsProblems(s, location.origin);
  const loading = status === 'loading';
  const connected = status === 'ready' && info?.from === 'server' ? info : null;

  async function connect() {
    const { baseUrl, model, apiKey, batch, concurrency, timeoutSeconds } = serverSettingsStore.getState();
    const cancelToken = crypto.randomUUID();
    linkAnswered = true;
    setFromLink(false);
    setToken(cancelToken);
    await encoderStore.getState().load({
      source: { kind: 'server', baseUrl, model, apiKey, batch, concurrency, timeoutSeconds },
      dim: spec.dim,
      cancelToken,
    });
    setToken(null);
    if (encoderStore.getState().info?.from === 'server')
      viewStore.getState().setEmbeddingsServer({ url: baseUrl, model });
  }

  return (
    <div className="encoder-server" data-testid="encoder-server">
      {fromLink && linkedServer && (
        <p className="banner note" data-testid="encoder-server-from-link">
          The link you opened names an embeddings server, <span className="mono">{linkedServer.url}</span>. Nothing has
          been sent to it. Connect sends it a probe, then every query you route, to be embedded there: connect only to a
          server you trust.
        </p>
      )}
      <div className="encoder-server-fields">
        <label className="wide" htmlFor={`${ids}-url`}>
          Server URL
          <input
            id={`${ids}-url`}
            type="url"
            spellCheck={false}
            data-testid="encoder-server-url"
            placeholder="http://localhost:8000/v1"
            value={s.baseUrl}
            onChange={(e) => s.update({ baseUrl: e.currentTarget.value })}
          />
        </label>
        <label className="wide" htmlFor={`${ids}-model`}>
          Model id
          <input
            id={`${ids}-model`}
            spellCheck={false}
            data-testid="encoder-server-model"
            value={s.model}
            onChange={(e) => s.update({ model: e.currentTarget.value })}
          />
        </label>
        <label htmlFor={`${ids}-key`}>
          API key (optional)
          <SecretInput
            id={`${ids}-key`}
            testId="encoder-server-key"
            value={s.apiKey}
            onChange={s.setApiKey}
            placeholder="none"
          />
        </label>
        <WholeField
          id={`${ids}-batch`}
          label="Texts per request"
          testId="encoder-server-batch"
          range={BATCH_RANGE}
          value={s.batch}
          onChange={(batch) => s.update({ batch })}
        />
        <WholeField
          id={`${ids}-concurrency`}
          label="Requests in flight"
          testId="encoder-server-concurrency"
          range={CONCURRENCY_RANGE}
          value={s.concurrency}
          onChange={(concurrency) => s.update({ concurrency })}
        />
        <WholeField
          id={`${ids}-timeout`}
          label="Give up after (s)"
          testId="encoder-server-timeout"
          range={TIMEOUT_RANGE}
          value={s.timeoutSeconds}
          onChange={(timeoutSeconds) => s.update({ timeoutSeconds })}
        />
      </div>
      <RememberKey
        className="encoder-server-key"
        label="Remember the key on this device"
        store={s}
        testIds={{ remember: 'encoder-server-remember', forget: 'encoder-server-forget' }}
      />
      <p className="hint">
        Any OpenAI-compatible <span className="mono">/embeddings</span> API serving the bundle’s encoder, such as{' '}
        <span className="mono">vllm serve {spec.model} --runner pooling</span>. The key goes only to this server, as its
        bearer token, and only for this address; it stays in memory unless you ask to remember it.
        {s.remember &&
          ' Remembered keys sit unencrypted in this browser’s localStorage, readable by anyone using this profile.'}{' '}
        This page reaches servers on this machine on any port; another origin must be added when the page is built.
      </p>
      {problems.length > 0 && (
        <ul className="field-error" data-testid="encoder-server-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="control-row">
        <button
          type="button"
          data-testid="encoder-load"
          disabled={problems.length > 0 || loading}
          onClick={() => void connect()}
        >
          {connected ? 'Reconnect' : 'Connect'}
        </button>
        {loading && (
          <button
            type="button"
            data-testid="encoder-cancel"
            disabled={!token}
            onClick={() => token && cancelEncoderLoad(token)}
          >
            Cancel
          </button>
        )}
      </div>
      {connected && (
        <p
          className="hint"
          data-testid="encoder-server-connected"
          data-normalized={String(connected.server.normalized)}
        >
          Connected to {connected.label} in {formatMs(connected.loadMs)}. {vectorNote(connected, spec)}{' '}
          {formatCount(connected.server.batch)} texts a request, {formatCount(connected.server.concurrency)} in flight.
        </p>
      )}
      {connected && activity.lastMs !== null && (
        <p className="hint" data-testid="encoder-server-latency" data-ms={Math.round(activity.lastMs)}>
          Last request: {formatMs(activity.lastMs)} · {formatCount(activity.answers)} answered
          {activity.retries > 0 && ` · ${formatCount(activity.retries)} retried`}
        </p>
      )}
      {activity.waiting.map((r) => (
        <p key={r.what} className="banner note" role="status" data-testid="encoder-server-retry" data-status={r.status}>
          The server answered {r.status} to {r.what}: retry {r.retry} of {r.of} in {(r.waitMs / 1000).toFixed(1)} s
          {r.asked ? ', as its Retry-After asks' : ''}.
        </p>
      ))}
    </div>
  );
}
