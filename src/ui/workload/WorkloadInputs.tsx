import { useState } from 'react';
import type { DataFolder } from '../../evaluate/loader';
import { textChunks } from '../../workload/fileText';
import { pickedDataFolder } from '../../workload/pickedDataFolder';
import type { Readiness } from '../../predictor/readiness';
import { FolderButton } from '../FolderButton';
import { SampleWorkload } from './SampleWorkload';
import { useWorkload, workloadStore } from './workloadStore';

const queryFiles = (files: readonly File[]) => files.map((f) => ({ name: f.name, chunks: textChunks(f) }));

interface Props {
  /** Why nothing can be routed until the person acts (an encoder to load, a bundle that failed); null when a pick may go ahead (it waits for a predictor still loading). */
  blocked: Extract<Readiness, { ready: false }> | null;
}

/** Where a workload comes from: query files (picked or dropped), or an R2-Bench-format folder. */
export function WorkloadInputs({ blocked }: Props) {
  const ready = blocked === null;
  const [files, setFiles] = useState<File[]>([]);
  const [folder, setFolder] = useState<DataFolder | null>(null);
  const [dragging, setDragging] = useState(false);
  const parsed = useWorkload((s) => s.files);
  const status = useWorkload((s) => s.status);
  const csv = parsed.find((p) => p.columns);
  const run = (picked: File[], column?: string) => {
    setFiles(picked);
    setFolder(null);
    void workloadStore.getState().runFiles(queryFiles(picked), column);
  };
  const runFolder = (picked: DataFolder) => {
    setFolder(picked);
    void workloadStore.getState().runFolder(picked);
  };
  // What was predicted is kept per query (and an embeddings server's vectors per text), so a resumed run does only the rest.
  const resume = () => (folder ? runFolder(folder) : run(files, csv?.column));

  return (
    <div
      className={dragging ? 'workload-inputs dragging' : 'workload-inputs'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const dropped = [...e.dataTransfer.files];
        if (dropped.length && ready) run(dropped);
      }}
    >
      <label className="file-pick">
        <span>Queries: a text file (one per line), CSV or JSON Lines</span>
        <input
          type="file"
          multiple
          accept=".txt,.csv,.jsonl,.ndjson,text/plain,text/csv"
          data-testid="workload-file"
          disabled={!ready}
          onChange={(e) => {
            const picked = [...(e.target.files ?? [])];
            e.target.value = '';
            if (picked.length) run(picked);
          }}
        />
      </label>
      <SampleWorkload disabled={!ready} onFile={(file) => run([file])} />
      <div className="file-pick">
        <span>Or an R2-Bench-format folder (pool.json and its judge CSVs), with ground truth</span>
        <FolderButton
          testId="workload-folder"
          onPick={(picked) => {
            if (ready) runFolder(pickedDataFolder(picked));
          }}
        >
          Open a folder…
        </FolderButton>
      </div>
      {csv?.columns && (
        <label className="file-pick">
          <span>Query column of {csv.file}</span>
          <select data-testid="workload-column" value={csv.column} onChange={(e) => run(files, e.target.value)}>
            {csv.columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      )}
      {(status === 'cancelled' || status === 'failed') && (folder || files.length > 0) && (
        <button type="button" data-testid="workload-resume" disabled={!ready} onClick={resume}>
          Resume: route the rest
        </button>
      )}
      {blocked && (
        <p className="banner note" data-testid="workload-blocked" data-why={blocked.why}>
          {blocked.message}{' '}
          {blocked.why === 'encoder-not-loaded' && (
            <button
              type="button"
              className="link"
              onClick={() => document.querySelector('[data-testid="encoder-panel"]')?.scrollIntoView()}
            >
              Go to the encoder panel
            </button>
          )}
        </p>
      )}
      <p className="hint">Files are read in this browser; nothing is uploaded anywhere.</p>
    </div>
  );
}
