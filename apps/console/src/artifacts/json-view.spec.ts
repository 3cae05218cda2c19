import { labelOf } from './json-view';

describe(labelOf.name, () => {
  it.each([
    ['userStories', 'User stories'],
    ['user_stories', 'User stories'],
    ['APIs', 'Apis'],
    ['nonFunctional-requirements', 'Non functional requirements'],
  ])('labels %s as %s', (key, label) => {
    expect(labelOf(key)).toBe(label);
  });
});
