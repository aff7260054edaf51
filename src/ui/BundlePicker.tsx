import { useQuery, useQueryClient } from '@tanstack/react-query';
import { memo, useState } from 'react';
import {
  AUTHORS_RELEASE,
  forgetRelease,
  RELEASE_PIN,
  releaseCached,
  type ReleaseStatus,
} from '../bundle/authorsRelease';
import { fetchBundleList, readBundleFiles } from '../bundle/fetchBundle';
import { localBundleKey } from '../config';
import { usePredictor } from '../predictor/usePredictor';
import { FolderButton } from './FolderButton';
import { formatBytes } from './format';

interface Props {
  bundleId: string;
  onSelect: (id: string) => void;
}

/** Where the authors' release stands: its download's progress, where it came from, and a way to forget the kept copy. */
function ReleaseDownload({ status }: { status: ReleaseStatus }) {
  const queryClient = useQueryClient();
  const cached = useQuery({ queryKey: ['release-cached', status.state], queryFn: releaseCached });
  const [forgotten, setForgotten] = useState(false);
  const { state, progress, warnings } = status;

  async function forget() {
    await forgetRelease();
    setForgotten(true);
    await queryClient.invalidateQueries({ queryKey: ['release-cached'] });
  }

  let text: string;
  if (!progress) text = 'Reading the list of the release’s files…';
  else if (state === 'downloading')
    text = `Fetching from GitHub: ${progress.files} of ${progress.filesTotal} files, ${formatBytes(progress.bytes)} of ${formatBytes(progress.bytesTotal)}`;
  else if (state === 'failed')
    text = `Stopped after ${progress.files} of ${progress.filesTotal} files: the message above says why.`;
  else
    text = `${progress.files} files (${formatBytes(progress.bytes)}) from ${RELEASE_PIN}, SHA-256 checked, ${
      progress.cached === progress.files ? 'read from this browser’s cache.' : 'downloaded and kept for offline visits.'
    }`;

  return (
    <p
      className="hint"
      data-testid="release-progress"
      data-state={state}
      data-files={progress?.files ?? 0}
      data-cached={progress?.cached ?? 0}
    >
      {state === 'downloading' && progress && <progress value={progress.bytes} max={progress.bytesTotal} />} {text}
      {warnings.length > 0 && <span data-testid="release-warnings"> Note: {warnings.join('; ')}.</span>}
      {cached.data && state !== 'downloading' && (
        <>
          {' '}
          <button type="button" data-testid="release-forget" onClick={() => void forget()}>
            Forget the kept copy
          </button>
        </>
      )}
      {forgotten && !cached.data && state !== 'downloading' && ' Forgotten: the next load downloads the release again.'}
    </p>
  );
}

/**
 * Served bundles, the authors' release (downloaded on demand), bundles opened from disk in this tab (a
 * released R2-Router folder is imported on the way), and a way to open another.
 */
function BundlePickerView({ bundleId, onSelect }: Props) {
  const served = useQuery({ queryKey: ['bundles'], queryFn: fetchBundleList, staleTime: Infinity });
  const local = usePredictor((s) => s.local);
  const addLocal = usePredictor((s) => s.addLocal);
  const release = usePredictor((s) => s.release);
  const [problem, setProblem] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);

  const options = [
    ...(served.data ?? []).map((b) => ({ id: b.id, title: b.title })),
    { id: AUTHORS_RELEASE.id, title: AUTHORS_RELEASE.title },
    ...[...local.values()].map((b) => ({ id: b.key, title: `${b.manifest.card.title} (opened)` })),
  ];
  if (!options.some((o) => o.id === bundleId)) options.unshift({ id: bundleId, title: bundleId });

  async function open(picked: File[]) {
    try {
      // The importer (pickle reader, ONNX writer) loads only when a folder is picked.
      const { isReleaseFolder, readReleaseFolder } = await import('../bundle/releaseFolder');
      const release = (await isReleaseFolder(picked)) ? await readReleaseFolder(picked) : null;
      const bundle = release?.bundle ?? (await readBundleFiles(picked));
      setWarnings(release?.warnings ?? []);
      const key = localBundleKey(bundle.key.replace(/^file:/, ''));
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
      {release && (bundleId === AUTHORS_RELEASE.id || release.state === 'downloading') && (
        <ReleaseDownload status={release} />
      )}
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
