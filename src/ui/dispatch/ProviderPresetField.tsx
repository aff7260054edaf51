import { useId } from 'react';
import { useStore } from 'zustand';
import type { PoolEntry } from '../../bundle/manifest';
import { PROVIDER_IDS, PROVIDERS, providerModelId, type ProviderId } from '../../dispatch/providers';
import { dispatchSettingsStore } from '../../dispatch/settingsStore';

/** The provider preset, what it means for the answer's usage, and its editable model ids. */
export function ProviderPresetField({ pool }: { pool: readonly PoolEntry[] }) {
  const ids = useId();
  const provider = useStore(dispatchSettingsStore, (s) => s.provider);
  const edits = useStore(dispatchSettingsStore, (s) => s.modelIds);
  const stream = useStore(dispatchSettingsStore, (s) => s.stream);
  const { choosePreset, setModelId, resetModelIds } = dispatchSettingsStore.getState();
  const preset = PROVIDERS[provider];
  const edited = Object.keys(edits[provider] ?? {}).length > 0;
  return (
    <div className="field wide provider-field">
      <label htmlFor={`${ids}-preset`}>Provider</label>
      <select
        id={`${ids}-preset`}
        value={provider}
        data-testid="provider-preset"
        onChange={(e) => choosePreset(e.currentTarget.value as ProviderId)}
      >
        {PROVIDER_IDS.map((id) => (
          <option key={id} value={id}>
            {PROVIDERS[id].label}
          </option>
        ))}
      </select>
      <p className="hint" data-testid="provider-note">
        {preset.note}{' '}
        {stream &&
          (preset.streamsUsage
            ? 'It reports token usage at the end of a stream.'
            : 'It may not report token usage in a stream: streamed tokens are then estimated (untick “Stream” for its own count).')}
      </p>
      {pool.length > 0 && (
        <details className="model-ids" data-testid="model-ids">
          <summary>
            Model ids at {preset.label}
            {edited && ' (edited)'}
          </summary>
          <table>
            <tbody>
              {pool.map((entry) => {
                const own = edits[provider]?.[entry.name];
                return (
                  <tr key={entry.name}>
                    <th scope="row">{entry.name}</th>
                    <td>
                      <input
                        aria-label={`${entry.name} at ${preset.label}`}
                        spellCheck={false}
                        value={own ?? ''}
                        placeholder={providerModelId(provider, {}, entry)}
                        data-testid="model-id-input"
                        data-model={entry.name}
                        onChange={(e) => setModelId(provider, entry.name, e.currentTarget.value)}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="hint">
            Blank: the preset’s id (shown greyed). Saved on this device, per provider.{' '}
            <button type="button" className="link" disabled={!edited} onClick={() => resetModelIds(provider)}>
              Back to the preset’s ids
            </button>
          </p>
        </details>
      )}
    </div>
  );
}
