// Models wrap JSON in prose or code fences despite being told not to, and a fence is left open when
// the answer hits the token limit. Try the strictest reading first.
const FENCE = /```[a-zA-Z]*[ \t]*\r?\n([\s\S]*?)(?:\r?\n?```|$)/g;
const MAX_SPAN_STARTS = 50;

const tryParse = (text: string): { value: unknown } | undefined => {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
};

/** The end (exclusive) of the balanced `{…}` starting at `start`, skipping braces inside strings. */
const balancedEnd = (text: string, start: number): number | undefined => {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{') {
      depth++;
    } else if (char === '}' && --depth === 0) {
      return i + 1;
    }
  }
  return undefined;
};

const fromFences = (text: string): { value: unknown } | undefined => {
  for (const match of text.matchAll(FENCE)) {
    const parsed = match[1] === undefined ? undefined : tryParse(match[1].trim());
    if (parsed) return parsed;
  }
  return undefined;
};

const fromFirstSpan = (text: string): { value: unknown } | undefined => {
  let start = text.indexOf('{');
  for (let tries = 0; start >= 0 && tries < MAX_SPAN_STARTS; tries++) {
    const end = balancedEnd(text, start);
    const parsed = end === undefined ? undefined : tryParse(text.slice(start, end));
    if (parsed) return parsed;
    start = text.indexOf('{', start + 1);
  }
  return undefined;
};

/** The JSON in a model's answer: the whole text, else a fenced block (closed or not), else the first balanced `{…}`. */
export const extractJson = (text: string): { value: unknown } | undefined =>
  tryParse(text.trim()) ?? fromFences(text) ?? fromFirstSpan(text);
