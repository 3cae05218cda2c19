import { matchesName } from './name-filter';

describe(matchesName.name, () => {
  it('matches every word in any order, ignoring case and accents', () => {
    expect(matchesName('Bike rental — Zürich', 'zurich BIKE')).toBe(true);
    expect(matchesName('Bike rental', '')).toBe(true);
  });

  it('refuses a name missing one of the words', () => {
    expect(matchesName('Bike rental', 'bike shop')).toBe(false);
  });
});
