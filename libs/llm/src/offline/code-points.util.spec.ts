import { codePointLength } from './code-points.util';

describe(codePointLength.name, () => {
  it.each([
    ['', 0],
    ['plain ascii', 11],
    ['café crème', 10],
    ['tea 🍵 time', 10],
    ['👩‍💻', 3],
    ['lone \uD83D high', 11],
    ['lone \uDE00 low', 10],
  ])('counts %j as spreading it does (%i)', (text, expected) => {
    expect(codePointLength(text)).toBe(expected);
    expect(codePointLength(text)).toBe([...text].length);
  });
});
