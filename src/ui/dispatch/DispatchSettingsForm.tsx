import { useId } from 'react';
import { useStore } from 'zustand';
import type { PoolEntry } from '../../bundle/manifest';
import { endpointProblem, endpointSources } from '../../dispatch/csp';
import { parseExtraHeaders } from '../../dispatch/headers';
import { isLoopback } from '../../dispatch/settings';
import { dispatchSettingsStore } from '../../dispatch/settingsStore';
import { RememberKey } from '../RememberKey';
import { SecretInput } from '../SecretInput';
import { ProviderPresetField } from './ProviderPresetField';

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
        <SecretInput
          id={`${ids}-key`}
          testId="api-key-input"
          placeholder="sk-…"
          value={s.apiKey}
          onChange={s.setApiKey}
        />
        <p className="hint">
          Sent only to the base URL above, as the Authorization header. Kept in memory unless you tick the box below.
          {isLoopback(s.endpoint) && ' A local server needs none.'}
        </p>
        <RememberKey
          className="remember"
          label="Remember on this device"
          store={s}
          testIds={{ remember: 'remember-key', forget: 'forget-key' }}
        />
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
