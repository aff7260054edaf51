import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args';

describe('bench arguments', () => {
  it('reads --whole-texts with --encoder, and a precision beside it', () => {
    expect(parseBenchArgs(['--encoder', '--whole-texts'])).toMatchObject({ encoder: true, wholeTexts: true });
    expect(parseBenchArgs(['--encoder', '--whole-texts', '--precision', 'q4'])).toMatchObject({ precision: 'q4' });
    expect(parseBenchArgs(['--encoder']).wholeTexts).toBe(false);
  });

  it('reads --profile beside --whole-texts: the profile of the texts it times', () => {
    expect(parseBenchArgs(['--encoder', '--whole-texts', '--profile'])).toMatchObject({
      wholeTexts: true,
      profile: true,
    });
  });

  it('refuses --whole-texts without --encoder, or with --threads or every precision', () => {
    for (const argv of [
      ['--whole-texts'],
      ['--encoder', '--whole-texts', '--threads'],
      ['--encoder', '--whole-texts', '--precision', 'all'],
    ])
      expect(() => parseBenchArgs(argv), argv.join(' ')).toThrow(/--whole-texts goes with --encoder/);
  });
});
