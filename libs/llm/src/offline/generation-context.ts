import { type JsonSchema } from './json-schema';
import { type SeedPhrases } from './seed-phrases';
import { type SeededRandom } from './seeded-random';

/** What every part of the offline generator shares for one document. */
export interface GenerationContext {
  readonly root: JsonSchema;
  readonly random: SeededRandom;
  readonly phrases: SeedPhrases;
}

/** Where in the document a value goes: its property name (the best hint at its meaning) and depth. */
export interface Position {
  readonly key: string | undefined;
  readonly depth: number;
}

/** The suffix that tells a reader the text was not written by a model. */
export const offlineMarker = '(generated offline)';
