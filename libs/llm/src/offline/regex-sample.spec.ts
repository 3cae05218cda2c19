import { sampleRegex } from './regex-sample';
import { SeededRandom } from './seeded-random';

describe(sampleRegex.name, () => {
  it.each([
    '^[a-f0-9]{64}$',
    '^[A-Z]{3}$',
    '^\\d{4}-\\d{2}-\\d{2}$',
    '^(alpha|beta|rc)\\.\\d+$',
    '^[a-z][a-z0-9_]{2,15}$',
    '^(?:[A-Z]+-)?\\d+$',
    '^\\w+@\\w+\\.com$',
    '^[^\\s]{5}$',
    'ab+c?',
    '^\\x41\\u0042[\\-.]$',
  ])('samples a string matching %s', (pattern) => {
    for (let seed = 0; seed < 20; seed += 1) {
      const sample = sampleRegex(pattern, new SeededRandom(seed));
      expect(sample).toBeDefined();
      expect(new RegExp(pattern, 'u').test(sample ?? '')).toBe(true);
    }
  });

  it.each(['^(?=.*\\d).+$', '^(a)\\1$', '^\\p{Lu}+$'])(
    'gives up on %s (lookarounds, back-references, \\p)',
    (pattern) => {
      expect(sampleRegex(pattern, new SeededRandom(1))).toBeUndefined();
    },
  );
});
