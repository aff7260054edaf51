import { useEffect, useId, useRef } from 'react';
import { useStore } from 'zustand';
import type { PoolEntry } from '../../bundle/manifest';
import { endpointProblem, endpointSources } from '../../dispatch/csp';
import { parseExtraHeaders } from '../../dispatch/headers';
import { isLoopback } from '../../dispatch/settings';
import { dispatchSettingsStore } from '../../dispatch/settingsStore';
import { ProviderPresetField } from './ProviderPresetField';

/**
 * The key field is uncontrolled and written through its `value` property: React mirrors a
 * controlled input's value into the HTML attribute, which would put the key in the page's markup.
 */
function ApiKeyInput({ id }: { id: string }) {
  const apiKey = useStore(dispatchSettingsStore, (s) => s.apiKey);
  const setApiKey = useStore(dispatchSettingsStore, (s) => s.setApiKey);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (input.current && input.current.value !== apiKey) input.current.value = apiKey;
  }, [apiKey]);
  return (
    <input
      ref={input}
      id={id}
      type="password"
      autoComplete="off"
      spellCheck={false}
      placeholder="sk-…"
      data-testid="api-key-input"
      onChange={(e) => setApiKey(e.currentTarget.value)}
    />
  );
}

export function DispatchSettingsForm({ pool }: { pool: readonly PoolEntry[] }) {
  const s = useStore(dispatchSettingsStore);
  const ids = useId();
  const endpointIssue = endpointProblem(s.endpoint, location.origin);
  const headers = parseExtraHeaders(s.extraHeaders, s.apiKey);
  return (
    <form className="dispatch-settings" onSubmit={(e) => e.preventDefault()} autoComplete="off">
      <ProviderPresetField pool={pool} />
      <div className="field wide">
        <label htmlFor={`${ids}-endpoint`}>Base URL</label>
        <input
          id={`${ids}-endpoint`}
          type="url"
          spellCheck={false}
          value={s.endpoint}
          data-testid="endpoint-input"
          onChange={(e) => s.update({ endpoint: e.currentTarget.value })}
        />
        <p className="hint">
          Any OpenAI-compatible API. This page's security policy only lets it connect to {endpointSources().join(', ')}{' '}
          (local servers on any port); the browser blocks other addresses.
        </p>
        {endpointIssue && (
          <p className="field-problem" data-testid="endpoint-problem">
            {endpointIssue}
          </p>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${ids}-key`}>API key</label>
        <ApiKeyInput id={`${ids}-key`} />
        <p className="hint">
          Sent only to the base URL above, as the Authorization header. Kept in memory unless you tick the box below.
          {isLoopback(s.endpoint) && ' A local server needs none.'}
        </p>
        <div className="remember">
          <label>
            <input
              type="checkbox"
              checked={s.remember}
              data-testid="remember-key"
              onChange={(e) => s.setRemember(e.currentTarget.checked)}
            />{' '}
            Remember on this device
          </label>
          <button
            type="button"
            className="link"
            data-testid="forget-key"
            disabled={!s.apiKey && !s.remember}
            onClick={s.forget}
          >
            Forget the key
          </button>
        </div>
        {s.remember && (
          <p className="remember-warning" role="note" data-testid="remember-warning">
            The key is stored unencrypted in this browser's localStorage: anyone using this browser profile, and any
            script this page runs, can read it. Use “Forget the key” on a shared machine.
          </p>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${ids}-headers`}>Extra headers</label>
        <textarea
          id={`${ids}-headers`}
          rows={3}
          spellCheck={false}
          placeholder={'HTTP-Referer: https://example.org\nX-Title: R2 playground'}
          value={s.extraHeaders}
          data-testid="extra-headers-input"
          onChange={(e) => s.update({ extraHeaders: e.currentTarget.value })}
        />
        <p className="hint">One “Name: value” per line. Not for keys: those go in the API key field.</p>
        {!headers.ok && (
          <ul className="field-problem" data-testid="headers-problem">
            {headers.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>

      <div className="field inline">
        <label>
          <input
            type="checkbox"
            checked={s.stream}
            data-testid="stream-toggle"
            onChange={(e) => s.update({ stream: e.currentTarget.checked })}
          />{' '}
          Stream the answer
        </label>
        <label>
          Give up after{' '}
          <input
            type="number"
            min={1}
            max={600}
            value={Number.isFinite(s.timeoutSeconds) ? s.timeoutSeconds : ''}
            data-testid="timeout-input"
            onChange={(e) => s.update({ timeoutSeconds: e.currentTarget.valueAsNumber })}
          />{' '}
          s without data
        </label>
      </div>
    </form>
  );
}
