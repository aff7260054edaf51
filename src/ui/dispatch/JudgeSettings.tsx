import { useId } from 'react';
import { useStore } from 'zustand';
import type { PoolEntry } from '../../bundle/manifest';
import { DEFAULT_JUDGE_PROMPT, judgePromptProblems } from '../../dispatch/judge';
import { judgeStore, resolveJudge, type Naming } from '../../dispatch/judgeStore';
import { providerModelId } from '../../dispatch/providers';
import { parsePrice } from '../PoolEditor';

function PriceInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | null;
  onChange: (v: number | null) => void;
}) {
  return (
    <label>
      {label}{' '}
      <input
        type="number"
        min={0}
        step="any"
        value={value ?? ''}
        onChange={(e) => {
          const parsed = parsePrice(e.currentTarget.value);
          onChange('value' in parsed ? parsed.value : null);
        }}
      />
    </label>
  );
}

/** The optional judge: which model, the reference answer, and the judging prompt. */
export function JudgeSettings({ pool, naming }: { pool: readonly PoolEntry[]; naming: Naming }) {
  const ids = useId();
  const s = useStore(judgeStore);
  const resolved = resolveJudge(s, pool, naming);
  const problems = judgePromptProblems(s.prompt);
  return (
    <details className="judge-settings" data-testid="judge-settings">
      <summary>
        Judge the answers <span className="muted">(optional: one more paid call per answer, with the same key)</span>
      </summary>
      <div className="dispatch-settings">
        <div className="field">
          <label htmlFor={`${ids}-model`}>Judge model</label>
          <input
            id={`${ids}-model`}
            list={`${ids}-pool`}
            spellCheck={false}
            value={s.model}
            placeholder={resolved.model}
            data-testid="judge-model"
            onChange={(e) => s.update({ model: e.currentTarget.value })}
          />
          <datalist id={`${ids}-pool`}>
            {pool.map((entry) => (
              <option key={entry.name} value={providerModelId(naming.provider, naming.modelIds, entry)}>
                {entry.name}
              </option>
            ))}
          </datalist>
          <p className="hint" data-testid="judge-price">
            {resolved.poolName
              ? `${resolved.poolName}, priced from the pool.`
              : resolved.prices
                ? 'Not a pool LLM: priced as typed below.'
                : 'Not a pool LLM: type its prices (USD per 1M tokens) to count the judge’s cost.'}
          </p>
          {!resolved.poolName && (
            <div className="inline-prices">
              <PriceInput label="input" value={s.inputPerMillion} onChange={(v) => s.update({ inputPerMillion: v })} />
              <PriceInput
                label="output"
                value={s.outputPerMillion}
                onChange={(v) => s.update({ outputPerMillion: v })}
              />
            </div>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${ids}-golden`}>Reference answer (optional)</label>
          <textarea
            id={`${ids}-golden`}
            rows={3}
            value={s.goldenAnswer}
            placeholder="The correct answer, if you know it: the judge compares against it."
            data-testid="golden-answer"
            onChange={(e) => s.update({ goldenAnswer: e.currentTarget.value })}
          />
        </div>
        <div className="field wide">
          <label htmlFor={`${ids}-prompt`}>Judging prompt</label>
          <textarea
            id={`${ids}-prompt`}
            rows={8}
            spellCheck={false}
            value={s.prompt}
            data-testid="judge-prompt"
            onChange={(e) => s.update({ prompt: e.currentTarget.value })}
          />
          <p className="hint">
            {'{{question}}'}, {'{{answer}}'} and {'{{reference}}'} are filled in. The reply must be exactly{' '}
            <code>{'{"score": <0..1>, "reason": "<one line>"}'}</code> (a code fence around it is fine); anything else
            is shown as an invalid verdict.{' '}
            <button type="button" className="link" disabled={s.prompt === DEFAULT_JUDGE_PROMPT} onClick={s.resetPrompt}>
              Back to the default prompt
            </button>
          </p>
          {problems.length > 0 && (
            <ul className="field-problem" data-testid="judge-prompt-problem">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </details>
  );
}
