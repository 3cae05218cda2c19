// Below this the document is its own digest.
const SMALL_CHARS = 800;
// Lines kept under each heading (the preamble counts as a section), each cut to one line's worth.
const KEY_LINES = 2;
const KEY_LINE_CHARS = 120;

const HEADING = /^#{1,6}\s+\S/;

const cut = (line: string): string =>
  line.length > KEY_LINE_CHARS ? `${line.slice(0, KEY_LINE_CHARS - 1)}…` : line;

/**
 * Every heading of a markdown artifact with its key lines: the first non-empty lines of each
 * section (a sentence, or list items). Code blocks are left out.
 */
export const digestMarkdown = (markdown: string): string => {
  const body = markdown.trim();
  if (body.length <= SMALL_CHARS) return body;
  const kept: string[] = [];
  let left = KEY_LINES;
  let inFence = false;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence || line.startsWith('```') || line === '') continue;
    if (HEADING.test(line)) {
      kept.push(line);
      left = KEY_LINES;
    } else if (left > 0) {
      kept.push(cut(line));
      left -= 1;
    }
  }
  return kept.join('\n');
};
