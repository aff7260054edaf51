/** Where a problem is: a file and, when known, a 1-based line. */
export function at(file: string, line?: number): string {
  return line === undefined ? file : `${file}:${line}`;
}

/** A dataset that cannot be used, with every problem found (each naming file and line). */
export class DatasetError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}\n${problems.map((p) => `  • ${p}`).join('\n')}` : message);
    this.name = 'DatasetError';
  }
}
