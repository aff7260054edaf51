import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PickleError } from './byteReader';
import { PyClass, PyNative, PyObject, type PyValue } from './pyValues';
import { unpickle } from './unpickler';
import { FIXTURES, fixture } from '../__fixtures__/releaseFixtures';

/** The JSON form make_fixtures.py writes (see plain() there). */
function plain(v: PyValue): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Uint8Array) return { bytes: [...v] };
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Map) return { dict: [...v].map(([k, x]) => [plain(k), plain(x)]) };
  if (v instanceof Set) return { set: [...v].map(plain).sort() };
  if (v instanceof PyObject) return { object: v.cls.qualified, state: plain(v.state ?? null) };
  throw new Error(`unexpected ${v instanceof PyClass || v instanceof PyNative ? v.constructor.name : typeof v}`);
}

const expected = JSON.parse(readFileSync(join(FIXTURES, 'values.json'), 'utf8')) as unknown;
const bytes = (...values: number[]) => Uint8Array.from(values);

describe('unpickle: pickles made by make_fixtures.py', () => {
  it.each([2, 4, 5])('protocol %i reads back exactly the values the generator wrote', (protocol) => {
    expect(plain(unpickle(fixture(`values-p${protocol}.pkl`), `values-p${protocol}.pkl`))).toEqual(expected);
  });

  it('keeps one object shared where the pickle shares it (memo)', () => {
    const value = unpickle(fixture('values-p4.pkl'), 'values-p4.pkl') as Map<string, PyValue>;
    const shared = value.get('shared') as PyValue[];
    expect(shared[0]).toBe(shared[1]);
  });

  it('leaves an unknown class inert: a placeholder with its module, name and state', () => {
    const thing = (unpickle(fixture('values-p4.pkl'), 'values-p4.pkl') as Map<string, PyValue>).get('thing');
    expect(thing).toBeInstanceOf(PyObject);
    expect((thing as PyObject).cls.qualified).toBe('mylab.models.Thing');
    expect((thing as PyObject).attr('size')).toBe(3);
  });
});

describe('unpickle: malformed input fails with the file named', () => {
  it('rejects a file that is not a binary pickle', () => {
    expect(() => unpickle(new TextEncoder().encode('hello'), 'notes.txt')).toThrow(
      /^notes\.txt: not a pickle of protocol 2–5 \(starts with 0x68, expected 0x80\)/,
    );
    expect(() => unpickle(new Uint8Array(), 'empty.pkl')).toThrow(/^empty\.pkl: not a pickle .*starts with nothing/);
  });

  it('rejects protocols outside 2–5', () => {
    expect(() => unpickle(bytes(0x80, 6, 0x4e, 0x2e), 'p6.pkl')).toThrow(
      'p6.pkl: PROTO: unsupported pickle protocol 6 (at byte 0)',
    );
  });

  it('says which opcode it cannot handle, and where', () => {
    expect(() => unpickle(bytes(0x80, 4, 0x04), 'x.pkl')).toThrow('x.pkl: 0x04: unknown opcode (at byte 2)');
    expect(() => unpickle(bytes(0x80, 2, 0x49, 0x31, 0x0a, 0x2e), 'x.pkl')).toThrow(
      /^x\.pkl: INT: opcode not supported/,
    );
    expect(() => unpickle(bytes(0x80, 4, 0x51, 0x2e), 'x.pkl')).toThrow(/^x\.pkl: BINPERSID: opcode not supported/);
  });

  it('fails cleanly at every possible truncation point', () => {
    const whole = fixture('values-p4.pkl');
    for (let n = 0; n < whole.length; n++) {
      expect(() => unpickle(whole.subarray(0, n), 'values-p4.pkl'), `cut at ${n}`).toThrow(PickleError);
    }
  });

  it('reports truncation as such', () => {
    const whole = fixture('values-p4.pkl');
    expect(() => unpickle(whole.subarray(0, 40), 'values-p4.pkl')).toThrow(/^values-p4\.pkl: .*file is truncated/);
  });

  it('never fails with anything but a PickleError on garbage after a valid header', () => {
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24;
    for (let trial = 0; trial < 300; trial++) {
      const garbage = Uint8Array.from({ length: 64 }, (_, i) => (i === 0 ? 0x80 : i === 1 ? 4 : next()));
      try {
        unpickle(garbage, 'garbage.pkl');
      } catch (e) {
        expect(e, `trial ${trial}`).toBeInstanceOf(PickleError);
        expect((e as Error).message.startsWith('garbage.pkl: ')).toBe(true);
      }
    }
  });
});
