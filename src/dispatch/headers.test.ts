import { describe, expect, it } from 'vitest';
import { parseExtraHeaders } from './headers';

const KEY = 'sk-test-not-a-real-key-123';

describe('extra headers', () => {
  it('parses "Name: value" lines, skipping blank ones and trimming', () => {
    expect(parseExtraHeaders('HTTP-Referer: https://example.org\n\n  X-Title :  R2 playground  \r\n', KEY)).toEqual({
      ok: true,
      headers: { 'HTTP-Referer': 'https://example.org', 'X-Title': 'R2 playground' },
    });
    expect(parseExtraHeaders('', KEY)).toEqual({ ok: true, headers: {} });
  });

  it('keeps colons inside the value', () => {
    expect(parseExtraHeaders('X-When: 12:30:00', KEY)).toEqual({ ok: true, headers: { 'X-When': '12:30:00' } });
  });

  it.each([
    ['Authorization: Bearer other', /API key field/],
    ['x-api-key: abc', /API key field/],
    ['Host: evil.example', /another host/],
    ['X-Forwarded-Host: evil.example', /another host/],
    ['Forwarded: host=evil.example', /another host/],
    ['Cookie: a=b', /browsers do not let/],
    ['Proxy-Authorization: x', /browsers do not let/],
    ['Sec-Fetch-Mode: cors', /browsers do not let/],
    ['Content-Type: text/plain', /set by the client/],
    ['no colon here', /"Name: value"/],
    ['Bad Name: x', /"Name: value"/],
    ['X-Empty:', /printable Latin-1/],
    ['X-Emoji: 🙂', /printable Latin-1/],
  ])('refuses %j', (line, why) => {
    const parsed = parseExtraHeaders(`X-Title: ok\n${line}`, KEY);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems).toHaveLength(1);
      expect(parsed.problems[0]).toMatch(/^Line 2: /);
      expect(parsed.problems[0]).toMatch(why);
    }
  });

  it('refuses a header carrying the key without repeating it', () => {
    const parsed = parseExtraHeaders(`X-Leak: prefix ${KEY}`, KEY);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems[0]).toMatch(/contains your API key/);
      expect(parsed.problems.join(' ')).not.toContain(KEY);
    }
  });

  it('never quotes a value in a problem', () => {
    const parsed = parseExtraHeaders('Cookie: session=very-secret-value', KEY);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.join(' ')).not.toContain('very-secret-value');
  });

  it('refuses a name given twice, whatever its case', () => {
    const parsed = parseExtraHeaders('X-Title: a\nx-title: b', KEY);
    expect(parsed).toEqual({ ok: false, problems: ['Line 2: "x-title" is given twice.'] });
  });
});
