import { useState } from 'react';

/** The built-in sample workload, one click away (its queries load only when asked for), for a demo without a file. */
export function SampleWorkload({ disabled, onFile }: { disabled: boolean; onFile: (file: File) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  async function use() {
    try {
      const { sampleWorkloadFile } = await import('../../workload/sample');
      setProblem(null);
      onFile(sampleWorkloadFile());
    } catch (e) {
      setProblem(`The sample could not load (${(e as Error).message}). Reload the page to try again.`);
    }
  }
  return (
    <div className="file-pick">
      <span>
        No file at hand? A sample of a few hundred queries: math, code, multiple choice, chat, summaries, long RAG
        prompts
      </span>
      <button type="button" data-testid="workload-sample" disabled={disabled} onClick={() => void use()}>
        Use the sample workload
      </button>
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
