/**
 * The path the app is served under, for hosts that serve it below the root (GitHub Pages serves
 * a project at /<repository>/). `npm run build -- --base /r2/` sets it for one build; CI hosts set
 * the environment variable instead. The command line wins over the variable.
 */

export const BASE_PATH_VARIABLE = 'BASE_PATH';

const PATH = /^\/([\w.~-]+\/)*([\w.~-]+)?$/;

/** "/r2/" from "/r2/" or "/r2"; "/" when unset; a message naming the variable for anything else. */
export function basePath(value: string | undefined): string {
  const text = (value ?? '').trim();
  if (text === '') return '/';
  if (!PATH.test(text) || text.split('/').some((part) => part === '.' || part === '..'))
    throw new Error(
      `${BASE_PATH_VARIABLE}: "${text}" is not a path such as /r2/ or /team/playground/ (it starts with /; letters, digits, . _ ~ - and /).`,
    );
  return text.endsWith('/') ? text : `${text}/`;
}
