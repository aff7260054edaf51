import { describe, expect, it } from 'vitest';
import { basePath } from './basePath';

describe('basePath', () => {
  it('reads /path/ or /path, and the root when unset', () => {
    expect(basePath(undefined)).toBe('/');
    expect(basePath('  ')).toBe('/');
    expect(basePath('/r2/')).toBe('/r2/');
    expect(basePath('/team/r2-playground')).toBe('/team/r2-playground/');
  });

  it('refuses what is not a plain absolute path, naming the variable', () => {
    for (const bad of ['r2/', 'https://cdn.example.org/r2/', '/r2//x/', '/../r2/', '/r2/?x=1', '/r 2/']) {
      expect(() => basePath(bad)).toThrow(/^BASE_PATH: ".*" is not a path such as \/r2\//);
    }
  });
});
