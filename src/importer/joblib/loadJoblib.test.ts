import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJoblib } from './loadJoblib';
import { NumpyArray } from './numpy';
import { PickleError } from '../pickle/byteReader';
import { PyObject, type PyValue } from '../pickle/pyValues';
import { unpickle } from '../pickle/unpickler';
import { FIXTURES, fixture } from '../__fixtures__/releaseFixtures';

type Expected = Record<string, number | { dtype: string; shape: number[]; data: number[] }>;
const expected = JSON.parse(readFileSync(join(FIXTURES, 'arrays.json'), 'utf8')) as Expected;

function asExpected(value: PyValue | undefined): Expected[string] {
  if (value instanceof NumpyArray) return { dtype: value.dtype, shape: [...value.shape], data: [...value.data] };
  if (typeof value === 'number') return value;
  throw new Error('neither an array nor a number');
}

describe('loadJoblib: arrays written the way joblib writes them', () => {
  it.each(['arrays.joblib', 'arrays.joblib.z', 'arrays.joblib.gz'])(
    '%s holds exactly the arrays and scalars the generator wrote',
    async (name) => {
      const value = (await loadJoblib(fixture(name), name)) as Map<string, PyValue>;
      expect(Object.fromEntries([...value].map(([k, v]) => [k, asExpected(v)]))).toEqual(expected);
    },
  );

  it('reads a Ridge head: class, float32 coef_ and numpy scalar intercept_', async () => {
    const ridge = (await loadJoblib(fixture('short-coef.joblib'), 'short-coef.joblib')) as PyObject;
    expect(ridge.cls.qualified).toBe('sklearn.linear_model._ridge.Ridge');
    expect((ridge.attr('coef_') as NumpyArray).shape).toEqual([1000]);
    expect(ridge.attr('intercept_')).toBe(0.5);
  });
});

describe('loadJoblib: malformed files fail with the file named', () => {
  it('reports an array whose bytes run past the end of the file', async () => {
    const cut = fixture('short-coef.joblib').subarray(0, 600);
    await expect(loadJoblib(cut, 'short.joblib')).rejects.toThrow(
      /^short\.joblib: array byte-length mismatch: shape \(1000\) of <f4 needs 4000 bytes, only \d+ left in the file/,
    );
  });

  it('fails cleanly at every possible truncation point', () => {
    const whole = fixture('arrays.joblib');
    for (let n = 0; n < whole.length; n++) {
      expect(() => unpickle(whole.subarray(0, n), 'arrays.joblib'), `cut at ${n}`).toThrow(PickleError);
    }
  });

  it('reports corrupt or truncated zlib and gzip data', async () => {
    const z = fixture('arrays.joblib.z').slice();
    z[z.length - 3]! ^= 0xff;
    await expect(loadJoblib(z, 'a.joblib.z')).rejects.toThrow(/^a\.joblib\.z: zlib data is corrupt or truncated/);
    await expect(loadJoblib(fixture('arrays.joblib.gz').subarray(0, 100), 'a.joblib.gz')).rejects.toThrow(
      /^a\.joblib\.gz: gzip data is corrupt or truncated/,
    );
  });

  it('names the compression it does not support', async () => {
    await expect(loadJoblib(new TextEncoder().encode('BZh91AY&SY'), 'a.joblib.bz2')).rejects.toThrow(
      /^a\.joblib\.bz2: compressed with bz2, which this reader does not support/,
    );
  });
});
