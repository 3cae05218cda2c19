interface Section {
  /** 0 for the text before the first heading. */
  readonly level: number;
  readonly heading: string;
  /** Sentences and list items, in order. */
  readonly units: readonly string[];
}

const HEADING = /^(#{1,6})\s+\S/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+/;
const MAX_UNIT_CHARS = 300;

const unitsOf = (lines: readonly string[]): string[] => {
  const units: string[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    const text = paragraph.join(' ').replace(/\s+/g, ' ').trim();
    if (text) units.push(...text.split(/(?<=[.!?])\s+/));
    paragraph = [];
  };
  for (const line of lines) {
    if (LIST_ITEM.test(line)) {
      flush();
      units.push(line.trim());
    } else if (line.trim() === '') {
      flush();
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return units.map((unit) =>
    unit.length > MAX_UNIT_CHARS ? `${unit.slice(0, MAX_UNIT_CHARS)}…` : unit,
  );
};

const sectionsOf = (markdown: string): Section[] => {
  const sections: Section[] = [];
  let current = { level: 0, heading: '', lines: [] as string[] };
  let inFence = false;
  const close = (): void => {
    if (current.heading || current.lines.some((line) => line.trim())) {
      sections.push({
        level: current.level,
        heading: current.heading,
        units: unitsOf(current.lines),
      });
    }
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (line.trimStart().startsWith('```')) inFence = !inFence;
    const match = inFence ? null : HEADING.exec(line);
    if (match?.[1]) {
      close();
      current = { level: match[1].length, heading: line.trim(), lines: [] };
    } else {
      current.lines.push(line);
    }
  }
  close();
  return sections;
};

const render = (sections: readonly Section[], perSection: number, maxLevel: number): string =>
  sections
    .filter((section) => section.level <= maxLevel)
    .map((section) => {
      const kept = section.units.slice(0, perSection);
      const more = section.units.length > kept.length ? ' (…)' : '';
      const body = kept.length > 0 ? kept.join(' ') + more : more.trim();
      return [section.heading, body].filter(Boolean).join('\n');
    })
    .filter(Boolean)
    .join('\n\n');

/**
 * `markdown` in at most `maxChars` characters if some summary fits: every heading stays with the
 * first sentences (or list items) of its section; then only headings; then only the upper levels.
 * Undefined when even the top-level headings do not fit.
 */
export const summarizeMarkdown = (markdown: string, maxChars: number): string | undefined => {
  const sections = sectionsOf(markdown);
  const attempts: (readonly [number, number])[] = [
    [4, 6],
    [3, 6],
    [2, 6],
    [1, 6],
    [0, 6],
    [0, 3],
    [0, 2],
    [0, 1],
  ];
  for (const [perSection, maxLevel] of attempts) {
    const text = render(sections, perSection, maxLevel);
    if (text.length <= maxChars) return text;
  }
  return undefined;
};
