import { summarizeMarkdown } from '../prompt/summarize-markdown';

// A digest is about a quarter of the document: every heading with its first sentences or items.
const SHARE = 0.25;
// Below this the document is its own digest.
const SMALL_CHARS = 800;

/** Headings with their key lines (first sentences or list items) of a markdown artifact. */
export const digestMarkdown = (markdown: string): string => {
  const body = markdown.trim();
  if (body.length <= SMALL_CHARS) return body;
  return summarizeMarkdown(body, Math.ceil(body.length * SHARE)) ?? body;
};
