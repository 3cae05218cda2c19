const MARKER = '\n…(cut to fit the input budget)';

/** The start of `text` in at most `maxChars` characters, marked as cut; the last resort of summaries. */
export const cutToFit = (text: string, maxChars: number): string => {
  if (text.length <= maxChars) return text;
  if (maxChars < MARKER.length) return '';
  return text.slice(0, maxChars - MARKER.length) + MARKER;
};
