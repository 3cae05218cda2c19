import { Lexer } from 'marked';

/**
 * The sections a reviewer can anchor a comment to: a markdown artifact's headings, or a JSON
 * artifact's top-level fields, in document order, each once.
 */
export function sectionsOf(format: string, body: unknown): string[] {
  if (format === 'markdown' && typeof body === 'string') {
    const headings = Lexer.lex(body)
      .filter((token) => token.type === 'heading')
      .map((token) => (token as { text: string }).text.trim());
    return [...new Set(headings.filter((text) => text !== ''))];
  }
  const isRecord = typeof body === 'object' && body !== null && !Array.isArray(body);
  return format === 'json' && isRecord ? Object.keys(body) : [];
}

// The gateway's decision has no anchor field (the orchestrator passes the comment to the agent as
// is), so the anchor travels in the comment's first line, where the agent reads it too.
const ANCHOR = /^\[section: ([^\]\n]+)\]\n?/;

/** A comment anchored to `section`: `[section: <heading>]` on its own first line, then the text. */
export const anchoredComment = (section: string, comment: string): string =>
  section === '' ? comment : `[section: ${section.replace(/[\]\n]/g, ' ')}]\n${comment}`;

/** The section a comment is anchored to (if any) and its text. */
export function parseAnchoredComment(text: string): { section?: string; comment: string } {
  const match = ANCHOR.exec(text);
  return match?.[1] === undefined
    ? { comment: text }
    : { section: match[1], comment: text.slice(match[0].length) };
}
