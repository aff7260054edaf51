import { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { calibrate, type Calibration } from './calibration';
import { csvTable } from '../export/csv';
import { historyEntrySchema, scrubbed, type HistoryEntry } from './history';

/**
 * The calibration's files: JSON keeps every answer (and the summary) so a later session can
 * import it and continue; CSV is the per-LLM summary for a spreadsheet. Either is scrubbed of
 * the key. A dispatch-history JSON export imports too.
 */

export const CALIBRATION_FORMAT = 'r2-calibration/1';

export function calibrationToJson(entries: readonly HistoryEntry[], apiKey: string): string {
  const rows = scrubbed(entries, apiKey);
  return `${JSON.stringify({ format: CALIBRATION_FORMAT, entries: rows, summary: calibrate(rows) }, null, 2)}\n`;
}

const SUMMARY_COLUMNS = [
  'model',
  'judgedAnswers',
  'meanQualityError',
  'meanAbsQualityError',
  'answers',
  'meanPredictedTokens',
  'meanActualTokens',
  'budgetedAnswers',
  'within1.1xBudget',
  'complianceShare',
  'paperFigures',
] as const;

/** One row per LLM; empty cells where it has no such answers. */
export function calibrationToCsv(c: Calibration): string {
  const models = [...new Set([...c.tokens.map((t) => t.model), ...c.quality.map((q) => q.model)])];
  const rows = models.map((model) => {
    const q = c.quality.find((r) => r.model === model);
    const t = c.tokens.find((r) => r.model === model);
    const k = c.compliance.find((r) => r.model === model);
    return [
      model,
      q?.n ?? 0,
      q?.meanError ?? null,
      q?.meanAbsError ?? null,
      t?.n ?? 0,
      t?.meanPredicted ?? null,
      t?.meanActual ?? null,
      k?.n ?? 0,
      k?.within ?? null,
      k?.share ?? null,
      k?.paper?.source ?? null,
    ];
  });
  return csvTable(SUMMARY_COLUMNS, rows);
}

const fileSchema = z.union([
  z.object({ format: z.literal(CALIBRATION_FORMAT), entries: z.array(z.unknown()) }),
  z.array(z.unknown()),
]);

export type ImportResult = { ok: true; entries: HistoryEntry[] } | { ok: false; problems: string[] };

/** Reads a calibration or dispatch-history JSON export, listing what is wrong (by row and field) when it is not one. */
export function parseCalibrationFile(text: string, fileName: string): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problems: [`${fileName} is not JSON: import a calibration or history JSON export.`] };
  }
  const file = fileSchema.safeParse(raw);
  if (!file.success) {
    return {
      ok: false,
      problems: [`${fileName} is neither a calibration export (format ${CALIBRATION_FORMAT}) nor a history export.`],
    };
  }
  const rows = Array.isArray(file.data) ? file.data : file.data.entries;
  const entries: HistoryEntry[] = [];
  const problems: string[] = [];
  rows.forEach((row, i) => {
    const parsed = historyEntrySchema.safeParse(row);
    if (parsed.success) entries.push(parsed.data);
    else
      problems.push(
        ...parsed.error.issues.map(
          (issue) => `${fileName}, row ${i + 1}, ${issue.path.join('.') || 'row'}: ${issue.message}`,
        ),
      );
  });
  if (problems.length > 0)
    return {
      ok: false,
      problems: problems.slice(0, 8).concat(problems.length > 8 ? [`…and ${problems.length - 8} more.`] : []),
    };
  return { ok: true, entries };
}

const identity = (e: HistoryEntry) => [e.timestamp, e.router, e.model, String(e.budget), e.measureRun ?? ''].join('|');

/**
 * The session's answers and the imported ones, each once: an import of this session's own
 * export adds nothing, and the session's copy (judged since, perhaps) wins.
 */
export function mergeEntries(session: readonly HistoryEntry[], imported: readonly HistoryEntry[]): HistoryEntry[] {
  const seen = new Set<string>();
  return [...session, ...imported].filter((e) => {
    const id = identity(e);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export interface ImportedState {
  entries: HistoryEntry[];
  add: (entries: readonly HistoryEntry[]) => void;
  clear: () => void;
}

/** Answers imported from earlier exports, in memory like the session's own. */
export function createImportedStore(): StoreApi<ImportedState> {
  return createStore<ImportedState>()((set) => ({
    entries: [],
    add: (entries) => set((s) => ({ entries: mergeEntries(s.entries, entries) })),
    clear: () => set({ entries: [] }),
  }));
}

export const importedHistoryStore = createImportedStore();
