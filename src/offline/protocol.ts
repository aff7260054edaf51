/**
 * Messages between the page and its service worker. Types only: the worker's script is built
 * apart from the page's chunks and must share no code with them.
 */

export type PageMessage =
  /** Answered on the port sent with it, with a WorkerStatus. */
  | { type: 'status' }
  /** A waiting worker takes over now, instead of when the last tab of the previous build closes. */
  | { type: 'activate' }
  /**
   * Keeps these optional files (paths under the base) now, answered with a WorkerStatus once done:
   * a worker started before the service worker controlled the page fetched them past it.
   */
  | { type: 'keep'; paths: string[] };

export interface KeptCount {
  files: number;
  bytes: number;
}

export interface WorkerStatus {
  build: string;
  /** The app shell and the default bundle: every file this build keeps at install. */
  required: KeptCount & { kept: number };
  /** Runtimes kept once fetched, by path relative to the base. */
  optional: { path: string; bytes: number; kept: boolean }[];
}
