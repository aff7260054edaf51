import { useQuery } from '@tanstack/react-query';
import { memo, useState } from 'react';
import { fetchBundleList, readBundleFiles } from '../bundle/fetchBundle';
import { usePredictor } from '../predictor/usePredictor';
import { FolderButton } from './FolderButton';

interface Props {
  bundleId: string;
  onSelect(id: string): void;
}

/** Served bundles, bundles opened from disk in this tab (a released R2-Router folder is imported on the way), and a way to open another. */
function BundlePickerView({ bundleId, onSelect }: Props) {
  const served = useQuery({ queryKey: ['bundles'], queryFn: fetchBundleList, staleTime: Infinity });
  const local = usePredictor((s) => s.local);
  const addLocal = usePredictor((s) => s.addLocal);
  const [problem, setProblem] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);

  const options = [
    ...(served.data ?? []).map((b) => ({ id: b.id, title: b.title })),
    ...[...local.values()].map((b) => ({ id: b.key, title: `${b.manifest.card.title} (opened)` })),
  ];
  if (!options.some((o) => o.id === bundleId)) options.unshift({ id: bundleId, title: bundleId });

  async function open(picked: File[]) {
    try {
      // The importer (pickle reader, ONNX writer) loads only when a folder is picked.
      const { isReleaseFolder, readReleaseFolder } = await import('../bundle/releaseFolder');
      const release = isReleaseFolder(picked) ? await readReleaseFolder(picked) : null;
      const bundle = release?.bundle ?? (await readBundleFiles(picked));
      setWarnings(release?.warnings ?? []);
      const key = `local:${bundle.key.replace(/^file:/, '')}`;
      addLocal({ ...bundle, key });
      setProblem(null);
      onSelect(key);
    } catch (e) {
      setProblem((e as Error).message);
    }
  }

  return (
    <div className="bundle-picker">
      <label htmlFor="bundle">Predictor bundle</label>
      <select id="bundle" data-testid="bundle-picker" value={bundleId} onChange={(e) => onSelect(e.target.value)}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.title}
          </option>
        ))}
      </select>
      <FolderButton testId="bundle-files" onPick={(files) => void open(files)}>
        Open bundle folder…
      </FolderButton>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {warnings.length > 0 && (
        <p className="hint" data-testid="import-warnings">
          Imported with {warnings.length} warning{warnings.length > 1 ? 's' : ''}: {warnings.join('; ')}
        </p>
      )}
    </div>
  );
}

/** Memoised: a slider move re-renders only what depends on λ and the cap. */
export const BundlePicker = memo(BundlePickerView);
