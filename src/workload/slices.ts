/**
 * Long work on the page's main thread, cut into slices with the page's turn between them: a
 * 200,000-query workload is read, routed and swept while Cancel, the slider and painting still
 * answer within a frame or two. A slice ends once its time is spent, whatever it was doing.
 */

/** How long one slice may run: well under a frame at 60 Hz, and far under a "long task" (50 ms). */
export const SLICE_MS = 10;

/** A slice run in the browser's idle time stops sooner, so a key press arriving then waits little. */
const IDLE_SLICE_MS = 4;

/** Resolves in a new task: input and paint get their turn before the caller goes on. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** True once `ms` have passed since the call: the deadline a slice checks between items. */
export function deadlineIn(ms: number): () => boolean {
  const end = performance.now() + ms;
  return () => performance.now() >= end;
}

type Schedule = (run: () => void) => () => void;

const inTask: Schedule = (run) => {
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
};

/**
 * In the browser's idle periods where it reports them; Safari has no requestIdleCallback, and
 * there each slice waits for a new task instead, shorter, which keeps the page as responsive.
 */
const inIdleTime: Schedule = (run) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run);
    return () => cancelIdleCallback(handle);
  }
  return inTask(run);
};

/**
 * Runs `work` slice by slice until it returns true (done). Each call gets a deadline to check
 * between items and returns false when it stopped for time. `idle` runs the slices in the
 * browser's idle time, for work that may wait. Returns a function that stops it.
 */
export function runSliced(work: (deadline: () => boolean) => boolean, { idle = false } = {}): () => void {
  const schedule = idle ? inIdleTime : inTask;
  let cancel: () => void;
  const run = () => {
    if (!work(deadlineIn(idle ? IDLE_SLICE_MS : SLICE_MS))) cancel = schedule(run);
  };
  cancel = schedule(run);
  return () => cancel();
}

/**
 * Text chunks passed on as they come, with the page's turn whenever reading them has taken a
 * slice's time, and no more once `signal` aborts: a huge file read by a parser that awaits
 * only microtasks still leaves Cancel clickable, and a cancel stops the reading itself.
 */
export async function* paced(chunks: AsyncIterable<string>, signal?: AbortSignal): AsyncIterable<string> {
  let deadline = deadlineIn(SLICE_MS);
  for await (const chunk of chunks) {
    if (signal?.aborted) return;
    yield chunk;
    if (deadline()) {
      await nextTask();
      deadline = deadlineIn(SLICE_MS);
    }
  }
}
