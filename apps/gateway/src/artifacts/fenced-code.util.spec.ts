import { fencedCode } from './fenced-code.util';

describe(fencedCode.name, () => {
  it('wraps code in a three-backtick fence with its language', () => {
    expect(fencedCode('{\n  "a": 1\n}', 'json')).toBe('```json\n{\n  "a": 1\n}\n```\n');
  });

  it('uses a longer fence than any backtick run inside, so the content cannot close it', () => {
    const sut = fencedCode('{"snippet": "````ts x ````"}', 'json');
    expect(sut.startsWith('`````json\n')).toBe(true);
    expect(sut.endsWith('\n`````\n')).toBe(true);
  });
});
