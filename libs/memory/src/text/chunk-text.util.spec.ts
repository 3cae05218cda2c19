import { chunkText } from './chunk-text.util';

describe(chunkText.name, () => {
  it('keeps a short text whole', () => {
    expect(chunkText('a b c', 5)).toEqual(['a b c']);
  });

  it('cuts a long text into overlapping pieces that cover every word', () => {
    const words = Array.from({ length: 23 }, (_, i) => `w${i}`);
    const chunks = chunkText(words.join(' '), 10, 2);
    expect(chunks).toEqual([
      words.slice(0, 10).join(' '),
      words.slice(8, 18).join(' '),
      words.slice(16, 23).join(' '),
    ]);
  });
});
