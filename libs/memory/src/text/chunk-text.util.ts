/**
 * Splits a long text into pieces of at most `maxWords` words, overlapping by `overlap` words so a
 * phrase cut at a boundary is whole in one piece. A short text is one piece.
 */
export function chunkText(
  text: string,
  maxWords = 200,
  overlap = Math.floor(maxWords / 10),
): string[] {
  const words = text.split(/\s+/).filter((word) => word.length > 0);
  if (words.length <= maxWords) return [text];
  const step = Math.max(1, maxWords - overlap);
  const chunks: string[] = [];
  for (let start = 0; start < words.length; start += step) {
    chunks.push(words.slice(start, start + maxWords).join(' '));
    if (start + maxWords >= words.length) break;
  }
  return chunks;
}
