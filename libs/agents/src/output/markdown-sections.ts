interface Heading {
  readonly level: number;
  readonly title: string;
  readonly line: number;
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;

/** Compares headings loosely: case, numbering, punctuation and "&" or "/" for "and" do not matter. */
export const normalizeHeading = (title: string): string =>
  title
    .toLowerCase()
    .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)])\s+/, '')
    .replace(/[&/]/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const headingsOf = (lines: readonly string[]): Heading[] => {
  const headings: Heading[] = [];
  let inFence = false;
  lines.forEach((text, line) => {
    if (text.trimStart().startsWith('```')) inFence = !inFence;
    const match = inFence ? null : HEADING.exec(text);
    if (match?.[1] && match[2]) headings.push({ level: match[1].length, title: match[2], line });
  });
  return headings;
};

/** Problems with `markdown` against required section names: missing headings and empty sections. */
export const checkSections = (markdown: string, required: readonly string[]): string[] => {
  const lines = markdown.split(/\r?\n/);
  const headings = headingsOf(lines);
  return required.flatMap((section) => {
    const wanted = normalizeHeading(section);
    const index = headings.findIndex((h) => h.level <= 3 && normalizeHeading(h.title) === wanted);
    const heading = headings[index];
    if (heading === undefined) return [`missing section "## ${section}"`];
    // A section runs to the next heading of the same or a higher level; subsections are content.
    const next = headings.slice(index + 1).find((h) => h.level <= heading.level);
    const body = lines.slice(heading.line + 1, next?.line ?? lines.length);
    return body.some((line) => line.trim() !== '') ? [] : [`section "## ${section}" is empty`];
  });
};
