import { type SeededRandom } from './seeded-random';

const stopWords = new Set(
  `a an and are as at be been but by can could do does each for from has have how i if in into is it
  its itself let may might must need needs not of on or our per shall should so such than that the their
  them then there these they this those to too up us use used uses using via was we were what when where
  which while who whom why will with within without would you your also any all some more most other only
  very just like e g eg ie etc able allow allows want wants make makes new one two three build create
  keep sign support provide implement develop enable get see give include ensure handle show add help`.split(
    /\s+/,
  ),
);

const fallbackSentences = ['No requirements were given, so this content is a placeholder.'];
const fallbackPhrases = ['offline draft', 'placeholder item', 'open question'];

/**
 * Pieces of the requirements to fill offline answers with: their sentences, key phrases (runs of
 * content words, most frequent first) and slugs. Each kind is handed out in rotation from a seeded
 * starting point, so neighbouring fields differ and the same seed gives the same document.
 */
export class SeedPhrases {
  readonly sentences: readonly string[];
  readonly phrases: readonly string[];
  private readonly cursors = { sentence: 0, phrase: 0 };

  constructor(seedText: string, random: SeededRandom) {
    const sentences = sentencesOf(seedText);
    const phrases = keyPhrasesOf(sentences);
    this.sentences = sentences.length > 0 ? sentences : fallbackSentences;
    this.phrases = phrases.length > 0 ? phrases : fallbackPhrases;
    this.cursors.sentence = random.int(0, this.sentences.length - 1);
    this.cursors.phrase = random.int(0, this.phrases.length - 1);
  }

  /** The next sentence of the requirements, ending in a full stop. */
  sentence(): string {
    return this.rotate('sentence', this.sentences);
  }

  /** The next key phrase, lower case (e.g. `recipe search`). */
  phrase(): string {
    return this.rotate('phrase', this.phrases);
  }

  /** The next key phrase in title case (e.g. `Recipe Search`). */
  title(): string {
    return this.phrase().replace(/\b\p{L}/gu, (letter) => letter.toUpperCase());
  }

  /** The next key phrase as a slug (e.g. `recipe-search`). */
  slug(): string {
    return slugOf(this.phrase()) || 'item';
  }

  private rotate(kind: 'sentence' | 'phrase', items: readonly string[]): string {
    const index = this.cursors[kind] % items.length;
    this.cursors[kind] += 1;
    return items[index] ?? '';
  }
}

/** Lower-case kebab-case ASCII, e.g. `Sign-up by e-mail!` → `sign-up-by-e-mail`. */
export function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function sentencesOf(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((line) =>
      line
        .replace(/^\s*(?:[-*•]|\d+[.)]|#+)\s*/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((line) => line.split(' ').length >= 3)
    .map((line) => shorten(line, 200))
    .map((line) => (/[.!?]$/.test(line) ? line : `${line}.`))
    .filter((line) => !seen.has(line) && Boolean(seen.add(line)));
}

function keyPhrasesOf(sentences: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const sentence of sentences) {
    const words = sentence.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [];
    let run: string[] = [];
    const flush = (): void => {
      for (let i = 0; i < run.length; i += 3) {
        const phrase = run.slice(i, i + 3).join(' ');
        if (phrase.length >= 4) counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
      }
      run = [];
    };
    for (const word of words) {
      if (stopWords.has(word) || /^\d+$/.test(word)) flush();
      else run.push(word);
    }
    flush();
  }
  // Several words say more than one; then frequent first; sort is stable, so ties keep reading order.
  const score = ([phrase, count]: [string, number]): number =>
    (phrase.includes(' ') ? 1000 : 0) + count;
  return [...counts.entries()].sort((a, b) => score(b) - score(a)).map(([phrase]) => phrase);
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[,;:]$/, '');
}
