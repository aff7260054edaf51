/** An embeddings server's base URL, checked without the page's policy (the link reads it too, so this imports nothing). */

export const DEFAULT_SERVER_URL = 'http://localhost:8000/v1';

/** `{base}/embeddings`, whether or not the base ends in a slash. */
export function embeddingsUrl(baseUrl: string): string {
  return `${baseUrl.trim().replace(/\/+$/, '')}/embeddings`;
}

/** Why the base URL is not one, or null. */
export function serverUrlProblem(baseUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return `The server URL is not a valid URL (for example ${DEFAULT_SERVER_URL}).`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'The server URL must start with http:// or https://.';
  if (url.username || url.password)
    return 'The server URL must not hold a user name or password: put a key in the API key field.';
  if (url.search || url.hash) return 'The server URL must not have a query string or #fragment.';
  return null;
}
