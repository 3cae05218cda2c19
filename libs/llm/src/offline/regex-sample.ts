import { type SeededRandom } from './seeded-random';

type RegexNode =
  | { readonly kind: 'char'; readonly choices: readonly string[] }
  | { readonly kind: 'group'; readonly alternatives: readonly RegexNode[][] }
  | {
      readonly kind: 'repeat';
      readonly node: RegexNode;
      readonly min: number;
      readonly max: number;
    };

class UnsupportedRegex extends Error {
  constructor(what: string) {
    super(`unsupported regex feature: ${what}`);
    this.name = 'UnsupportedRegex';
  }
}

const range = (from: string, to: string): string[] =>
  Array.from({ length: to.charCodeAt(0) - from.charCodeAt(0) + 1 }, (_, i) =>
    String.fromCharCode(from.charCodeAt(0) + i),
  );
const digits = range('0', '9');
const lower = range('a', 'z');
const upper = range('A', 'Z');
const word = [...lower, ...upper, ...digits, '_'];
const printable = range(' ', '~');
const shorthands: Readonly<Record<string, readonly string[]>> = {
  d: digits,
  D: [...lower, ...upper],
  w: word,
  W: ['-', '.', ' '],
  s: [' '],
  S: [...lower, ...digits],
};

/**
 * A string matching a JSON Schema `pattern`, built from the regex itself: literals, classes and
 * ranges, `\d \w \s`, groups, alternation and quantifiers, with unbounded repeats kept short.
 * Lookarounds, back-references and `\p{…}` are beyond it: it returns undefined and the caller
 * falls back to other candidates. The result is checked against the real `RegExp`.
 */
export function sampleRegex(pattern: string, random: SeededRandom): string | undefined {
  try {
    const parser = new RegexParser(pattern);
    const alternatives = parser.parseAlternatives();
    if (!parser.done()) return undefined;
    const sample = generate({ kind: 'group', alternatives }, random);
    return matchesPattern(pattern, sample) ? sample : undefined;
  } catch (error) {
    if (error instanceof UnsupportedRegex) return undefined;
    throw error;
  }
}

/** Tests a JSON Schema pattern (unanchored, unicode-aware where the pattern allows it). */
export function matchesPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    try {
      return new RegExp(pattern).test(value);
    } catch {
      return false;
    }
  }
}

function generate(node: RegexNode, random: SeededRandom): string {
  switch (node.kind) {
    case 'char':
      return random.pick(node.choices);
    case 'group':
      return random
        .pick(node.alternatives)
        .map((child) => generate(child, random))
        .join('');
    case 'repeat': {
      const count = random.int(node.min, Math.min(node.max, node.min + 3));
      return Array.from({ length: count }, () => generate(node.node, random)).join('');
    }
  }
}

class RegexParser {
  private at = 0;

  constructor(private readonly source: string) {}

  done(): boolean {
    return this.at >= this.source.length;
  }

  parseAlternatives(): RegexNode[][] {
    const alternatives = [this.parseSequence()];
    while (this.peek() === '|') {
      this.at += 1;
      alternatives.push(this.parseSequence());
    }
    return alternatives;
  }

  private parseSequence(): RegexNode[] {
    const nodes: RegexNode[] = [];
    while (!this.done() && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.parseAtom();
      if (atom !== undefined) nodes.push(this.parseQuantifier(atom));
    }
    return nodes;
  }

  private parseAtom(): RegexNode | undefined {
    const char = this.next();
    switch (char) {
      case '^':
      case '$':
        return undefined;
      case '.':
        return { kind: 'char', choices: [...lower, ...digits] };
      case '[':
        return { kind: 'char', choices: this.parseClass() };
      case '\\':
        return this.parseEscape();
      case '(': {
        if (this.source.startsWith('?:', this.at)) this.at += 2;
        else if (this.peek() === '?') throw new UnsupportedRegex('lookaround or named group');
        const alternatives = this.parseAlternatives();
        if (this.next() !== ')') throw new UnsupportedRegex('unbalanced group');
        return { kind: 'group', alternatives };
      }
      default:
        return { kind: 'char', choices: [char] };
    }
  }

  private parseEscape(): RegexNode | undefined {
    const char = this.next();
    if (char === 'b' || char === 'B') return undefined;
    const shorthand = shorthands[char];
    if (shorthand) return { kind: 'char', choices: shorthand };
    return { kind: 'char', choices: [this.escapedLiteral(char)] };
  }

  private escapedLiteral(char: string): string {
    if (/[1-9kpPc]/.test(char)) throw new UnsupportedRegex(`\\${char}`);
    const codes: Readonly<Record<string, string>> = {
      n: '\n',
      t: '\t',
      r: '\r',
      f: '\f',
      v: '\v',
      '0': '\0',
    };
    if (char === 'x' || char === 'u') {
      const hex = /^[0-9a-fA-F]+/.exec(
        this.source.slice(this.at, this.at + (char === 'x' ? 2 : 4)),
      );
      if (!hex) throw new UnsupportedRegex(`\\${char}`);
      this.at += hex[0].length;
      return String.fromCharCode(Number.parseInt(hex[0], 16));
    }
    return codes[char] ?? char;
  }

  private parseClass(): string[] {
    const negated = this.peek() === '^';
    if (negated) this.at += 1;
    const members = new Set<string>();
    while (this.peek() !== ']') {
      if (this.done()) throw new UnsupportedRegex('unterminated class');
      const from = this.classChar(members);
      if (from !== undefined && this.peek() === '-' && this.source[this.at + 1] !== ']') {
        this.at += 1;
        const to = this.classChar(members);
        if (to === undefined) throw new UnsupportedRegex('range to a shorthand');
        for (const member of range(from, to).slice(0, 256)) members.add(member);
      } else if (from !== undefined) members.add(from);
    }
    this.at += 1;
    const choices = negated ? printable.filter((c) => !members.has(c)) : [...members];
    if (choices.length === 0) throw new UnsupportedRegex('empty class');
    return choices;
  }

  /** One class member; shorthands (`\d`) are added to `members` directly and yield undefined. */
  private classChar(members: Set<string>): string | undefined {
    const char = this.next();
    if (char !== '\\') return char;
    const escaped = this.next();
    const shorthand = shorthands[escaped];
    if (!shorthand) return escaped === 'b' ? '\b' : this.escapedLiteral(escaped);
    for (const member of shorthand) members.add(member);
    return undefined;
  }

  private parseQuantifier(node: RegexNode): RegexNode {
    const char = this.peek();
    let bounds: [number, number] | undefined;
    if (char === '*') bounds = [0, Infinity];
    else if (char === '+') bounds = [1, Infinity];
    else if (char === '?') bounds = [0, 1];
    if (bounds) this.at += 1;
    else if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (!match) return node;
      this.at += match[0].length;
      const min = Number(match[1]);
      bounds = [min, match[2] === undefined ? min : match[3] ? Number(match[3]) : Infinity];
    } else return node;
    if (this.peek() === '?') this.at += 1;
    return { kind: 'repeat', node, min: bounds[0], max: bounds[1] };
  }

  private peek(): string | undefined {
    return this.source[this.at];
  }

  private next(): string {
    const char = this.source[this.at];
    if (char === undefined) throw new UnsupportedRegex('unexpected end');
    this.at += 1;
    return char;
  }
}
