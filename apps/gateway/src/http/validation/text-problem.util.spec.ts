import { textProblem } from './text-problem.util';

describe(textProblem.name, () => {
  it.each([
    ['plain prose', 'Build a dashboard.'],
    ['tabs, newlines and carriage returns', 'a\tb\r\nc'],
    ['non-Latin scripts and emoji', 'Привет, 世界 😀'],
  ])('accepts %s', (_case, text) => expect(textProblem(text)).toBeUndefined());

  it.each([
    ['a lone high surrogate', 'a\uD800b', /lone surrogate/],
    ['a lone low surrogate', '\uDC00', /lone surrogate/],
    ['NUL', 'a\u0000b', /control characters/],
    ['an escape character', 'a\u001Bb', /control characters/],
  ])('refuses %s', (_case, text, message) => expect(textProblem(text)).toMatch(message));
});
