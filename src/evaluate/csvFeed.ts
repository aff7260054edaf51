import type { parse } from 'csv-parse/browser/esm';

/** Writes the pieces into the parser and waits for its end; rejects with its first error. */
export async function feed(parser: ReturnType<typeof parse>, chunks: AsyncIterable<string>): Promise<void> {
  const state: { error: Error | null } = { error: null };
  // Settles on the error too, so a wait for 'drain' or 'finish' never outlives a failed parse.
  const failed = new Promise<void>((resolve) =>
    parser.once('error', (e: Error) => {
      state.error = e;
      resolve();
    }),
  );
  const event = (name: string) => Promise.race([failed, new Promise<void>((resolve) => parser.once(name, resolve))]);
  for await (const chunk of chunks) {
    if (state.error) break;
    if (!parser.write(chunk)) await event('drain');
  }
  if (!state.error) {
    const finished = event('finish');
    parser.end();
    await finished;
  }
  if (state.error) throw state.error;
}
