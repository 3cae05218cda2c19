import { fitMemory } from './fit-memory.util';

const aPattern = (title: string, chars: number) => ({ title, text: 'x'.repeat(chars) });

describe(fitMemory.name, () => {
  it('keeps patterns in rank order while they fit, skipping one that does not', () => {
    // 200 chars = 50 tokens + title + 10; an 800-char snippet is about 210 tokens.
    const kept = fitMemory([aPattern('a', 200), aPattern('b', 800), aPattern('c', 200)], 140);
    expect(kept.map((p) => p.title)).toEqual(['a', 'c']);
  });

  it('charges a long pattern only for the snippet the prompt shows', () => {
    expect(fitMemory([aPattern('long', 50_000)], 215)).toHaveLength(1);
  });

  it('puts the pinned template first even when it alone exceeds the budget', () => {
    const kept = fitMemory([aPattern('hit', 40)], 100, aPattern('template', 800));
    expect(kept.map((p) => p.title)).toEqual(['template']);
  });

  it('keeps nothing ranked in a zero budget', () => {
    expect(fitMemory([aPattern('a', 4)], 0)).toEqual([]);
  });
});
