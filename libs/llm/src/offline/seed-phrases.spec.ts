import { SeedPhrases, slugOf } from './seed-phrases';
import { SeededRandom } from './seeded-random';

describe(SeedPhrases.name, () => {
  const text = `# Requirements
- Customers order coffee from a mobile app.
- Baristas see incoming coffee orders on a tablet.
1. Loyalty points for every order`;

  it('takes sentences from prose, bullets and numbered lists, without their markers', () => {
    const sut = new SeedPhrases(text, new SeededRandom(1));
    expect(sut.sentences).toEqual([
      'Customers order coffee from a mobile app.',
      'Baristas see incoming coffee orders on a tablet.',
      'Loyalty points for every order.',
    ]);
  });

  it('ranks multi-word key phrases first, without stop words', () => {
    const sut = new SeedPhrases(text, new SeededRandom(1));
    expect(sut.phrases.slice(0, 3)).toEqual([
      'customers order coffee',
      'mobile app',
      'incoming coffee orders',
    ]);
    expect(sut.phrases).not.toContain('from');
  });

  it('hands phrases out in rotation, as titles and slugs too', () => {
    const sut = new SeedPhrases(
      'Track parcel deliveries. Notify recipients by email.',
      new SeededRandom(3),
    );
    const seen = new Set(Array.from({ length: sut.phrases.length }, () => sut.phrase()));
    expect(seen.size).toBe(sut.phrases.length);
    expect(sut.title()).toMatch(/^[A-Z]/);
    expect(sut.slug()).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has placeholders when there are no requirements', () => {
    const sut = new SeedPhrases('', new SeededRandom(0));
    expect(sut.sentence()).toMatch(/placeholder/);
    expect(sut.phrase().length).toBeGreaterThan(0);
  });
});

describe(slugOf.name, () => {
  it.each([
    ['Sign-up by E-mail!', 'sign-up-by-e-mail'],
    ['  Café Menü  ', 'cafe-menu'],
    ['***', ''],
  ])('%p → %p', (input, expected) => {
    expect(slugOf(input)).toBe(expected);
  });
});
