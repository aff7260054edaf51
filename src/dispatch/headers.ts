/** RFC 9110 token: the characters a header name may use. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Names a browser refuses to let a page set (Fetch standard), and prefixes likewise. */
const BROWSER_FORBIDDEN = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
  'x-http-method',
  'x-http-method-override',
  'x-method-override',
]);
const BROWSER_FORBIDDEN_PREFIXES = ['proxy-', 'sec-'];

/** Headers that could make a proxy forward the call, Authorization included, to another host. */
const REROUTING = new Set(['host', 'forwarded', 'x-original-url', 'x-rewrite-url']);
const REROUTING_PREFIXES = ['x-forwarded-'];

/** Credentials belong in the API key field, which is only ever sent as `Authorization`. */
const CREDENTIALS = new Set(['authorization', 'api-key', 'x-api-key']);

/** The client writes these from the request itself. */
const CLIENT_OWNED = new Set(['content-type', 'accept']);

/** Header values travel as Latin-1; control characters would end or split the header. */
function printableLatin1(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code >= 0x20 && code < 0x7f) || (code >= 0x80 && code <= 0xff);
}

export type HeaderParse = { ok: true; headers: Record<string, string> } | { ok: false; problems: string[] };

function refusal(name: string): string | null {
  const lower = name.toLowerCase();
  if (CREDENTIALS.has(lower))
    return `"${name}" is not allowed: put the key in the API key field, which is sent only as the Authorization header.`;
  if (REROUTING.has(lower) || REROUTING_PREFIXES.some((p) => lower.startsWith(p))) {
    return `"${name}" is not allowed: it could make a proxy forward the request, and your key with it, to another host.`;
  }
  if (BROWSER_FORBIDDEN.has(lower) || BROWSER_FORBIDDEN_PREFIXES.some((p) => lower.startsWith(p))) {
    return `"${name}" is a header browsers do not let a page set.`;
  }
  if (CLIENT_OWNED.has(lower)) return `"${name}" is set by the client from the request; leave it out.`;
  return null;
}

/**
 * Parses "Name: value" lines (blank lines ignored). Problems name the line and the header but
 * never quote a value, since a value may hold a secret.
 */
export function parseExtraHeaders(text: string, apiKey: string): HeaderParse {
  const headers: Record<string, string> = {};
  const problems: string[] = [];
  const key = apiKey.trim();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `Line ${i + 1}`;
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    const value = colon < 0 ? '' : line.slice(colon + 1).trim();
    if (!TOKEN.test(name)) {
      problems.push(`${where}: write a header as "Name: value" (letters, digits and - in the name).`);
      return;
    }
    const refused = refusal(name);
    if (refused) {
      problems.push(`${where}: ${refused}`);
      return;
    }
    if (value === '' || ![...value].every(printableLatin1)) {
      problems.push(`${where}: "${name}" needs a value of printable Latin-1 characters.`);
      return;
    }
    if (key.length > 0 && value.includes(key)) {
      problems.push(`${where}: "${name}" contains your API key; the key is only sent as the Authorization header.`);
      return;
    }
    const lower = name.toLowerCase();
    if (Object.keys(headers).some((n) => n.toLowerCase() === lower)) {
      problems.push(`${where}: "${name}" is given twice.`);
      return;
    }
    headers[name] = value;
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, headers };
}
