import { fitSkills } from './fit-skills.util';

const aSkill = (name: string, chars: number) => ({ name, prompt: 'x'.repeat(chars) });

describe(fitSkills.name, () => {
  it('keeps whole skills in order while they fit, skipping one that does not', () => {
    const { kept, skipped } = fitSkills(
      [aSkill('first', 400), aSkill('huge', 4_000), aSkill('small', 200)],
      200,
    );
    expect(kept.map((s) => s.name)).toEqual(['first', 'small']);
    expect(skipped.map((s) => s.name)).toEqual(['huge']);
  });

  it('keeps nothing in a zero budget', () => {
    expect(fitSkills([aSkill('a', 4)], 0).kept).toEqual([]);
  });
});
