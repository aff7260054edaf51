/** The command as a person would retype it: `npm run <script> -- <args>`, args shell-quoted. */
export function commandLine(script: string, args: readonly string[]): string {
  const quoted = args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`));
  return `npm run ${script} -- ${quoted.join(' ')}`;
}
